<?xml version="1.0" encoding="UTF-8"?>
<!--
  inline.xsl: text-level elements of the tree (schema group "inline").
  The text is already typeset (no-break spaces, quotes): it is copied as
  it is.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="i">
    <em><xsl:apply-templates/></em>
  </xsl:template>

  <xsl:template match="b">
    <strong><xsl:apply-templates/></strong>
  </xsl:template>

  <xsl:template match="s">
    <s><xsl:apply-templates/></s>
  </xsl:template>

  <xsl:template match="code">
    <code><xsl:value-of select="."/></code>
  </xsl:template>

  <xsl:template match="br">
    <br/>
  </xsl:template>

  <!--
    A link of the source.  Only links that lead somewhere from a static
    site are links (web, mail, phone); anything else (a path of the
    sources, a script) is shown as text with its address, so that no page
    links to what is not there and no page runs code.
  -->
  <xsl:template match="link">
    <xsl:variable name="scheme" select="translate(substring-before(@href, ':'), $upper, $lower)"/>
    <xsl:choose>
      <xsl:when test="$scheme = 'http' or $scheme = 'https' or $scheme = 'mailto'
                      or $scheme = 'tel' or $scheme = 'ftp'">
        <a class="external" href="{@href}"><xsl:apply-templates/></a>
      </xsl:when>
      <xsl:otherwise>
        <span class="link-text" title="{@href}"><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A footnote mark: links to its note, which links back to the first
       mark (later marks of the same note get ids of their own). -->
  <xsl:template match="fnref">
    <xsl:variable name="doc" select="ancestor::*[@status and @src][1]"/>
    <xsl:variable name="anchor">
      <xsl:call-template name="doc-anchor"/>
    </xsl:variable>
    <xsl:variable name="n" select="@n"/>
    <xsl:variable name="earlier"
        select="count(preceding::fnref[@n = $n][count(ancestor::*[@status and @src][1] | $doc) = 1])"/>
    <sup class="fnref">
      <a href="#fn-{$anchor}-{$n}">
        <xsl:attribute name="id">
          <xsl:value-of select="concat('fnref-', $anchor, '-', $n)"/>
          <xsl:if test="$earlier &gt; 0">
            <xsl:value-of select="concat('-', $earlier + 1)"/>
          </xsl:if>
        </xsl:attribute>
        <xsl:value-of select="$n"/>
      </a>
    </sup>
  </xsl:template>

  <!-- [[id]]: the reference text, a link to the document. -->
  <xsl:template match="ref">
    <a class="ref">
      <xsl:attribute name="href">
        <xsl:call-template name="doc-href">
          <xsl:with-param name="id" select="@target"/>
        </xsl:call-template>
      </xsl:attribute>
      <xsl:value-of select="."/>
    </a>
  </xsl:template>

  <!-- Inside a link a reference cannot be a link of its own. -->
  <xsl:template match="link//ref">
    <span class="ref"><xsl:value-of select="."/></span>
  </xsl:template>

  <!-- {{поле}}: a field to fill in, shown with its caption. -->
  <xsl:template match="field">
    <span class="field" title="Поле для заполнения: {.}">
      <span class="field-caption"><xsl:value-of select="."/></span>
    </span>
  </xsl:template>

  <!-- An image, copied by html.c to media/<src>. -->
  <xsl:template match="image">
    <img class="image">
      <xsl:attribute name="src">
        <xsl:value-of select="$root"/>
        <xsl:text>media/</xsl:text>
        <xsl:call-template name="url-path">
          <xsl:with-param name="path" select="@src"/>
        </xsl:call-template>
      </xsl:attribute>
      <xsl:attribute name="alt">
        <xsl:apply-templates mode="text"/>
      </xsl:attribute>
    </img>
  </xsl:template>

</xsl:stylesheet>
