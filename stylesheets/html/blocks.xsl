<?xml version="1.0" encoding="UTF-8"?>
<!--
  blocks.xsl: block elements of the tree (schema group "block") and
  sections.  Block templates apply templates to child elements only: the
  white space between blocks carries nothing.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="p">
    <p><xsl:apply-templates/></p>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- A paragraph that is only an image is a figure with its caption. -->
  <xsl:template match="p[image and count(node()[not(self::text() and normalize-space() = '')]) = 1]">
    <figure class="figure">
      <xsl:apply-templates select="image"/>
      <xsl:if test="normalize-space(image)">
        <figcaption><xsl:apply-templates select="image/node()"/></figcaption>
      </xsl:if>
    </figure>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="list[@type = 'ordered']">
    <ol>
      <xsl:if test="@delim = 'paren'">
        <xsl:attribute name="class">paren</xsl:attribute>
      </xsl:if>
      <xsl:if test="@start and @start != 1">
        <xsl:attribute name="start"><xsl:value-of select="@start"/></xsl:attribute>
      </xsl:if>
      <xsl:apply-templates select="item"/>
    </ol>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="list">
    <ul>
      <xsl:apply-templates select="item"/>
    </ul>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="item">
    <li><xsl:apply-templates select="*"/></li>
  </xsl:template>

  <xsl:template match="quote">
    <blockquote><xsl:apply-templates select="*"/></blockquote>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="codeblock">
    <pre><code><xsl:value-of select="."/></code></pre>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="hr">
    <hr/>
  </xsl:template>

  <!-- A table of the text: header rows in <thead>, the rest in <tbody>. -->
  <xsl:template match="table">
    <div class="table-wrap">
      <table class="text-table">
        <xsl:if test="row[@header = 'true']">
          <thead>
            <xsl:apply-templates select="row[@header = 'true']"/>
          </thead>
        </xsl:if>
        <tbody>
          <xsl:apply-templates select="row[not(@header = 'true')]"/>
        </tbody>
      </table>
    </div>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="row">
    <tr><xsl:apply-templates select="cell"/></tr>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="cell">
    <xsl:variable name="name">
      <xsl:choose>
        <xsl:when test="../@header = 'true'">th</xsl:when>
        <xsl:otherwise>td</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="{$name}">
      <xsl:if test="@align">
        <xsl:attribute name="class">align-<xsl:value-of select="@align"/></xsl:attribute>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!--
    Sections nest; the heading level follows the nesting: h2 for the
    sections of the page's document, one level down per annex, h6 at most.
  -->
  <xsl:template match="section">
    <xsl:variable name="level" select="2 + count(ancestor::annex) + count(ancestor::section)"/>
    <section>
      <xsl:element name="h{$level - ($level &gt; 6) * ($level - 6)}">
        <xsl:if test="@number">
          <span class="section-number"><xsl:value-of select="@number"/></span>
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:apply-templates select="heading/node()"/>
      </xsl:element>
      <xsl:text>&#10;</xsl:text>
      <xsl:apply-templates select="*[not(self::heading)]"/>
    </section>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

</xsl:stylesheet>
