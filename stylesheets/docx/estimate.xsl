<?xml version="1.0" encoding="UTF-8"?>
<!--
  estimate.xsl: how many pages a document will take, roughly.

  A DOCX does not know its page numbers until a word processor lays it
  out, yet a collection's contents and its bibliographic record («– 123
  с.») must show something before anyone updates a field.  The shown
  values are estimates from the length of the text: lines of 14 pt at
  about 66 characters on a portrait line (100 on a landscape one), 44
  lines a portrait page (29 landscape), 12 pt text (tables, footnotes)
  counted at its size; every document starts a page.  The fields behind
  them (PAGEREF, NUMPAGES) give the exact numbers when Word or
  LibreOffice updates them.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common"
    xmlns:math="http://exslt.org/math"
    exclude-result-prefixes="exsl math">

  <xsl:variable name="cpl-portrait" select="66"/>
  <xsl:variable name="cpl-landscape" select="100"/>
  <xsl:variable name="lpp-portrait" select="44"/>
  <xsl:variable name="lpp-landscape" select="29"/>
  <!-- 12 pt text: more characters on a line, lower lines -->
  <xsl:variable name="small-cpl" select="1.17"/>
  <xsl:variable name="small-line" select="0.86"/>

  <!-- Lines of a paragraph of n characters at cpl characters a line. -->
  <xsl:template name="lines-of">
    <xsl:param name="n"/>
    <xsl:param name="cpl"/>
    <xsl:value-of select="ceiling(($n + 4) div $cpl)"/>
  </xsl:template>

  <!-- The estimated pages of one document (not its annexes). -->
  <xsl:template name="doc-pages">
    <xsl:variable name="landscape">
      <xsl:call-template name="landscape"/>
    </xsl:variable>
    <xsl:variable name="cpl">
      <xsl:choose>
        <xsl:when test="$landscape = 'true'"><xsl:value-of select="$cpl-landscape"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$cpl-portrait"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="lpp">
      <xsl:choose>
        <xsl:when test="$landscape = 'true'"><xsl:value-of select="$lpp-landscape"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$lpp-portrait"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="units">
      <!-- requisites: header, kind, date line, stamp, signature … -->
      <u>
        <xsl:choose>
          <xsl:when test="self::order or self::letter">14</xsl:when>
          <xsl:when test="self::article">10</xsl:when>
          <xsl:otherwise>6</xsl:otherwise>
        </xsl:choose>
      </u>
      <xsl:for-each select="meta/title | meta/abstract | meta/basis/item | meta/references/reference
                            | body//p[not(ancestor::table)] | body//heading | body//codeblock">
        <u>
          <xsl:call-template name="lines-of">
            <xsl:with-param name="n" select="string-length(.)"/>
            <xsl:with-param name="cpl" select="$cpl"/>
          </xsl:call-template>
        </u>
      </xsl:for-each>
      <xsl:for-each select="footnotes/footnote">
        <u>
          <xsl:value-of select="ceiling((string-length(.) + 4) div ($cpl * $small-cpl)) * $small-line"/>
        </u>
      </xsl:for-each>
      <xsl:for-each select="body//table/row">
        <xsl:variable name="cols" select="../@cols"/>
        <xsl:variable name="cells">
          <xsl:for-each select="cell">
            <v><xsl:value-of select="ceiling(string-length(.) * $cols div ($cpl * $small-cpl)) + count(br)"/></v>
          </xsl:for-each>
        </xsl:variable>
        <u><xsl:value-of select="math:max(exsl:node-set($cells)/v) * $small-line + 0.3"/></u>
      </xsl:for-each>
      <xsl:for-each select="body/section/event">
        <xsl:variable name="cells">
          <v><xsl:value-of select="ceiling(string-length(name) div ($cpl * $small-cpl * 0.28))"/></v>
          <xsl:for-each select="participants | executors | responsible | form">
            <v><xsl:value-of select="ceiling(string-length(.) div ($cpl * $small-cpl * 0.16))"/></v>
          </xsl:for-each>
          <xsl:variable name="results">
            <xsl:for-each select="result">
              <v><xsl:value-of select="ceiling(string-length(.) div ($cpl * $small-cpl * 0.24))"/></v>
            </xsl:for-each>
          </xsl:variable>
          <v><xsl:value-of select="sum(exsl:node-set($results)/v)"/></v>
        </xsl:variable>
        <u><xsl:value-of select="math:max(exsl:node-set($cells)/v) * $small-line + 0.3"/></u>
      </xsl:for-each>
      <xsl:for-each select="body/section[heading]">
        <u>1.5</u>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="pages" select="ceiling(sum(exsl:node-set($units)/u) div $lpp)"/>
    <xsl:choose>
      <xsl:when test="$pages &lt; 1">1</xsl:when>
      <xsl:otherwise><xsl:value-of select="$pages"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Every document of a collection's parts, annexes included, in order. -->
  <xsl:variable name="collection-docs"
      select="/collection/parts//*[self::order or self::letter or self::document or self::concept
              or self::roadmap or self::article]"/>

  <xsl:variable name="doc-pages-rtf">
    <xsl:for-each select="$collection-docs">
      <d>
        <xsl:attribute name="index"><xsl:call-template name="doc-index"/></xsl:attribute>
        <xsl:attribute name="pages"><xsl:call-template name="doc-pages"/></xsl:attribute>
      </d>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="doc-pages" select="exsl:node-set($doc-pages-rtf)/d"/>

  <!-- The contents: a heading and one or two lines an entry. -->
  <xsl:variable name="contents-pages">
    <xsl:variable name="lines">
      <u>3</u>
      <xsl:for-each select="/collection/parts/part/title | $collection-docs[parent::entry]/meta/title">
        <u><xsl:value-of select="ceiling((string-length(.) + 10) div ($cpl-portrait - 8))"/></u>
      </xsl:for-each>
    </xsl:variable>
    <xsl:value-of select="ceiling(sum(exsl:node-set($lines)/u) div $lpp-portrait)"/>
  </xsl:variable>

  <xsl:variable name="preface-pages">
    <xsl:variable name="lines">
      <u>3</u>
      <xsl:for-each select="/collection/body//p | /collection/body//heading">
        <u>
          <xsl:call-template name="lines-of">
            <xsl:with-param name="n" select="string-length(.)"/>
            <xsl:with-param name="cpl" select="$cpl-portrait"/>
          </xsl:call-template>
        </u>
      </xsl:for-each>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="/collection/body/*">
        <xsl:value-of select="ceiling(sum(exsl:node-set($lines)/u) div $lpp-portrait)"/>
      </xsl:when>
      <xsl:otherwise>0</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- Title page and verso come first. -->
  <xsl:variable name="preface-page" select="2 + $contents-pages + 1"/>
  <xsl:variable name="first-doc-page" select="2 + $contents-pages + $preface-pages + 1"/>
  <xsl:variable name="total-pages" select="$first-doc-page - 1 + sum($doc-pages/@pages)"/>

  <xsl:template name="start-page">
    <xsl:param name="doc"/>
    <xsl:variable name="index">
      <xsl:for-each select="$doc"><xsl:call-template name="doc-index"/></xsl:for-each>
    </xsl:variable>
    <xsl:value-of select="$first-doc-page + sum($doc-pages[@index &lt; $index]/@pages)"/>
  </xsl:template>

</xsl:stylesheet>
