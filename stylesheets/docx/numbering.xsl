<?xml version="1.0" encoding="UTF-8"?>
<!--
  numbering.xsl: word/numbering.xml.

  One w:abstractNum and one w:num for every numbering root (common.xsl,
  num-id): the points of an order (1., nested 1) or 1.1.), an ordered or
  bullet list, the basis of a roadmap, the references of an article, the
  event rows of a roadmap.  A root's levels follow the lists found at each
  depth below it: «1)» for a list written with parentheses, «1.» at the
  top and «1.1.» below a «1.» for one written with full stops, an en dash
  for bullets (Russian usage).  Every level puts its number at the
  first-line indent of body text, the text running on from the left
  margin, as official documents are set.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">

  <xsl:template name="numbering-part">
    <xsl:variable name="roots"
        select="//points | //basis | //references | //roadmap
                | //list[not(../../self::list/@type = @type)
                         and not(@type = 'ordered' and parent::point)]"/>
    <w:numbering>
      <xsl:for-each select="$roots">
        <w:abstractNum w:abstractNumId="{position()}">
          <xsl:choose>
            <xsl:when test="self::roadmap">
              <w:multiLevelType w:val="singleLevel"/>
              <xsl:call-template name="level">
                <xsl:with-param name="k" select="0"/>
                <xsl:with-param name="text" select="'%1.'"/>
                <xsl:with-param name="suffix" select="'nothing'"/>
                <xsl:with-param name="jc" select="'center'"/>
                <xsl:with-param name="first-line" select="0"/>
              </xsl:call-template>
            </xsl:when>
            <xsl:when test="self::references">
              <w:multiLevelType w:val="singleLevel"/>
              <xsl:call-template name="level">
                <xsl:with-param name="k" select="0"/>
                <xsl:with-param name="text" select="'%1.'"/>
              </xsl:call-template>
            </xsl:when>
            <xsl:when test="self::basis or @type = 'bullet'">
              <w:multiLevelType w:val="multilevel"/>
              <xsl:call-template name="bullet-levels"/>
            </xsl:when>
            <xsl:when test="self::points">
              <w:multiLevelType w:val="multilevel"/>
              <xsl:call-template name="ordered-levels">
                <xsl:with-param name="lists" select="."/>
                <xsl:with-param name="delim" select="'period'"/>
                <xsl:with-param name="next" select="point/list[@type = 'ordered']"/>
              </xsl:call-template>
            </xsl:when>
            <xsl:otherwise>
              <w:multiLevelType w:val="multilevel"/>
              <xsl:call-template name="ordered-levels">
                <xsl:with-param name="lists" select="."/>
                <xsl:with-param name="next" select="item/list[@type = 'ordered']"/>
              </xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </w:abstractNum>
      </xsl:for-each>
      <xsl:for-each select="$roots">
        <w:num w:numId="{position()}">
          <w:abstractNumId w:val="{position()}"/>
        </w:num>
      </xsl:for-each>
    </w:numbering>
  </xsl:template>

  <!-- One w:lvl, its elements in schema order. -->
  <xsl:template name="level">
    <xsl:param name="k"/>
    <xsl:param name="start" select="1"/>
    <xsl:param name="format" select="'decimal'"/>
    <xsl:param name="text"/>
    <xsl:param name="suffix" select="'space'"/>
    <xsl:param name="jc" select="'left'"/>
    <xsl:param name="first-line" select="$indent"/>
    <w:lvl w:ilvl="{$k}">
      <w:start w:val="{$start}"/>
      <w:numFmt w:val="{$format}"/>
      <w:suff w:val="{$suffix}"/>
      <w:lvlText w:val="{$text}"/>
      <w:lvlJc w:val="{$jc}"/>
      <w:pPr>
        <w:ind w:left="0" w:firstLine="{$first-line}"/>
      </w:pPr>
      <xsl:if test="$format = 'bullet'">
        <w:rPr>
          <w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"
                    w:hint="default"/>
        </w:rPr>
      </xsl:if>
    </w:lvl>
  </xsl:template>

  <xsl:template name="bullet-levels">
    <xsl:param name="k" select="0"/>
    <xsl:if test="$k &lt; 9">
      <xsl:call-template name="level">
        <xsl:with-param name="k" select="$k"/>
        <xsl:with-param name="format" select="'bullet'"/>
        <xsl:with-param name="text" select="'–'"/>
      </xsl:call-template>
      <xsl:call-template name="bullet-levels">
        <xsl:with-param name="k" select="$k + 1"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!--
    Level k of an ordered chain.  lists: the lists at this depth (the first
    one decides), next: those one level down, prev: the previous level's
    text, so that «1.» can continue as «1.1.».
  -->
  <xsl:template name="ordered-levels">
    <xsl:param name="lists"/>
    <xsl:param name="next"/>
    <xsl:param name="k" select="0"/>
    <xsl:param name="prev" select="''"/>
    <xsl:param name="delim">
      <xsl:choose>
        <xsl:when test="$lists[1]/@delim"><xsl:value-of select="$lists[1]/@delim"/></xsl:when>
        <xsl:when test="$prev != '' and not(contains($prev, ')'))">period</xsl:when>
        <xsl:otherwise>paren</xsl:otherwise>
      </xsl:choose>
    </xsl:param>
    <xsl:if test="$k &lt; 9">
      <xsl:variable name="n" select="concat('%', $k + 1)"/>
      <xsl:variable name="text">
        <xsl:choose>
          <xsl:when test="$delim = 'paren'"><xsl:value-of select="concat($n, ')')"/></xsl:when>
          <xsl:when test="$prev != '' and not(contains($prev, ')'))">
            <xsl:value-of select="concat($prev, $n, '.')"/>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="concat($n, '.')"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:call-template name="level">
        <xsl:with-param name="k" select="$k"/>
        <xsl:with-param name="start">
          <xsl:choose>
            <xsl:when test="$lists[1]/@start"><xsl:value-of select="$lists[1]/@start"/></xsl:when>
            <xsl:otherwise>1</xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
        <xsl:with-param name="text" select="$text"/>
      </xsl:call-template>
      <xsl:call-template name="ordered-levels">
        <xsl:with-param name="lists" select="$next"/>
        <xsl:with-param name="next" select="$next/item/list[@type = 'ordered']"/>
        <xsl:with-param name="k" select="$k + 1"/>
        <xsl:with-param name="prev" select="$text"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
