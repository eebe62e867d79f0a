<?xml version="1.0" encoding="UTF-8"?>
<!--
  article.xsl: a paper of a proceedings collection: УДК top left; the
  authors (bold italic) with affiliation, city and e-mail; the title in
  capitals; abstract and keywords in smaller italic; the text; «Список
  литературы», numbered.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="article" mode="content">
    <xsl:apply-templates select="meta/stamp"/>
    <xsl:if test="meta/udc">
      <p class="udc">УДК <xsl:value-of select="meta/udc"/></p>
    </xsl:if>
    <div class="article-authors">
      <xsl:for-each select="meta/authors/author">
        <p class="article-author">
          <span class="author-name"><xsl:apply-templates select="name/node()"/></span>
          <xsl:if test="affiliation or city">
            <br/>
            <xsl:apply-templates select="affiliation/node()"/>
            <xsl:if test="affiliation and city">, </xsl:if>
            <xsl:apply-templates select="city/node()"/>
          </xsl:if>
          <xsl:if test="email">
            <br/>
            <a class="email" href="mailto:{email}"><xsl:value-of select="email"/></a>
          </xsl:if>
        </p>
      </xsl:for-each>
    </div>
    <xsl:call-template name="doc-title">
      <xsl:with-param name="class" select="'doc-title article-title'"/>
    </xsl:call-template>
    <xsl:text>&#10;</xsl:text>
    <xsl:if test="meta/abstract or meta/keywords">
      <div class="abstract">
        <xsl:if test="meta/abstract">
          <p><span class="abstract-label">Аннотация.</span><xsl:text> </xsl:text>
            <xsl:apply-templates select="meta/abstract/node()"/></p>
        </xsl:if>
        <xsl:if test="meta/keywords">
          <p><span class="abstract-label">Ключевые слова:</span><xsl:text> </xsl:text>
            <xsl:for-each select="meta/keywords/keyword">
              <xsl:if test="position() &gt; 1">, </xsl:if>
              <xsl:apply-templates/>
            </xsl:for-each>
            <xsl:text>.</xsl:text>
          </p>
        </xsl:if>
      </div>
    </xsl:if>
    <div class="body">
      <xsl:apply-templates select="body/*"/>
    </div>
    <xsl:apply-templates select="meta/signatory"/>
    <xsl:if test="meta/references">
      <section class="references">
        <xsl:variable name="level" select="2 + count(ancestor::annex)"/>
        <xsl:element name="h{$level - ($level &gt; 6) * ($level - 6)}">Список литературы</xsl:element>
        <ol>
          <xsl:for-each select="meta/references/reference">
            <li><xsl:apply-templates/></li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
