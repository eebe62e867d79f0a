<?xml version="1.0" encoding="UTF-8"?>
<!--
  document.xsl: a document or a concept (положение, программа, справка,
  концепция …).  As an annex it opens with its stamp; on its own it opens
  with the organisation's block and its requisites, when it has them.
  Then the genre (when the title does not say it), the title, the text.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="document|concept" mode="content">
    <xsl:call-template name="document-head"/>
    <xsl:call-template name="genre-line"/>
    <xsl:call-template name="doc-title"/>
    <xsl:text>&#10;</xsl:text>
    <xsl:apply-templates select="meta/authors"/>
    <div class="body">
      <xsl:apply-templates select="body/*"/>
    </div>
    <xsl:apply-templates select="meta/signatory"/>
  </xsl:template>

  <!-- Stamp, or the issuer's block with date, № and place (shared with
       roadmaps and articles that stand on their own). -->
  <xsl:template name="document-head">
    <xsl:choose>
      <xsl:when test="meta/stamp">
        <xsl:apply-templates select="meta/stamp"/>
      </xsl:when>
      <xsl:when test="meta/issuer and (meta/date or meta/number or @status = 'model')">
        <header class="requisites">
          <xsl:apply-templates select="meta/issuer" mode="header"/>
          <xsl:call-template name="dateline"/>
          <xsl:apply-templates select="meta/place"/>
        </header>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
