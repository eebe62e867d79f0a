<?xml version="1.0" encoding="UTF-8"?>
<!--
  order.xsl: an order (приказ, распоряжение, постановление), top to bottom
  as LAYOUT.md lists it: the organisation in bold capitals, the spaced
  kind (П Р И К А З, spaced by the CSS so that the text stays one word),
  date left and № right on one line, the place, the heading, the
  preamble, ПРИКАЗЫВАЮ:, the points, the signature.  The annexes follow
  as sheets of their own (common.xsl).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="order" mode="content">
    <xsl:apply-templates select="meta/stamp"/>
    <header class="requisites">
      <xsl:apply-templates select="meta/issuer" mode="header"/>
      <p class="form"><xsl:value-of select="meta/form"/></p>
      <xsl:call-template name="dateline"/>
      <xsl:apply-templates select="meta/place"/>
    </header>
    <xsl:call-template name="doc-title">
      <xsl:with-param name="class" select="'doc-title order-title'"/>
    </xsl:call-template>
    <xsl:text>&#10;</xsl:text>
    <div class="preamble">
      <xsl:apply-templates select="body/preamble/*"/>
    </div>
    <p class="directive"><xsl:value-of select="meta/directive"/>:</p>
    <ol class="points">
      <xsl:for-each select="body/points/point">
        <li value="{@n}"><xsl:apply-templates select="*"/></li>
        <xsl:text>&#10;</xsl:text>
      </xsl:for-each>
    </ol>
    <xsl:apply-templates select="meta/signatory"/>
    <xsl:apply-templates select="meta/authors"/>
  </xsl:template>

</xsl:stylesheet>
