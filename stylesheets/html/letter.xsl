<?xml version="1.0" encoding="UTF-8"?>
<!--
  letter.xsl: a letter: the sender's requisites top left with «№ … от …»
  (and «На № … от …» when replying) under them, the addressee top right,
  the heading, the text, the signature, and «Исполнитель: name, phone» in
  small type at the end.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="letter" mode="content">
    <xsl:apply-templates select="meta/stamp"/>
    <header class="letter-head">
      <div class="letter-sender">
        <xsl:apply-templates select="meta/issuer" mode="header"/>
        <xsl:for-each select="meta/issuer/address | meta/issuer/phone | meta/issuer/email">
          <p class="sender-detail"><xsl:apply-templates/></p>
        </xsl:for-each>
        <xsl:if test="meta/number or meta/date">
          <p class="letter-reg">
            <xsl:if test="meta/number">
              <xsl:text>№&#160;</xsl:text>
              <xsl:apply-templates select="meta/number/node()"/>
            </xsl:if>
            <xsl:if test="meta/number and meta/date">
              <xsl:text> </xsl:text>
            </xsl:if>
            <xsl:if test="meta/date">
              <xsl:text>от </xsl:text>
              <xsl:apply-templates select="meta/date/node()"/>
            </xsl:if>
          </p>
        </xsl:if>
        <xsl:if test="meta/reply_to">
          <p class="letter-reply">
            <xsl:text>На №&#160;</xsl:text>
            <xsl:apply-templates select="meta/reply_to/number/node()"/>
            <xsl:text> от </xsl:text>
            <xsl:apply-templates select="meta/reply_to/date/node()"/>
          </p>
        </xsl:if>
      </div>
      <xsl:if test="meta/to">
        <div class="letter-to">
          <xsl:for-each select="meta/to/line">
            <p><xsl:apply-templates/></p>
          </xsl:for-each>
        </div>
      </xsl:if>
    </header>
    <xsl:call-template name="doc-title">
      <xsl:with-param name="class" select="'doc-title letter-title'"/>
    </xsl:call-template>
    <xsl:text>&#10;</xsl:text>
    <div class="body">
      <xsl:apply-templates select="body/*"/>
    </div>
    <xsl:apply-templates select="meta/signatory"/>
    <xsl:apply-templates select="meta/authors"/>
    <xsl:if test="meta/executor">
      <p class="executor">
        <xsl:text>Исполнитель: </xsl:text>
        <xsl:apply-templates select="meta/executor/name/node()"/>
        <xsl:for-each select="meta/executor/phone | meta/executor/email">
          <xsl:text>, </xsl:text>
          <xsl:apply-templates/>
        </xsl:for-each>
      </p>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
