<?xml version="1.0" encoding="UTF-8"?>
<!--
  blocks.xsl: paragraphs, lists, block quotes, code, tables and sections
  → WordprocessingML (mode "block").

  A block template takes the paragraph style its context wants (pstyle:
  empty for body text, which is the Normal style; OrderPoint inside the
  points of an order; FootnoteText inside a footnote …) and passes it on.

  Lists are real Word numbering: the first paragraph of an item carries
  w:numPr (numbering.xsl defines the levels), so no number is ever typed.
  Tables are real tables with a repeated header row (w:tblHeader), rows
  that do not break across pages (w:cantSplit) and fixed column widths
  that follow the content; a <br> in a cell starts a new paragraph.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xmlns:exsl="http://exslt.org/common"
    xmlns:str="http://exslt.org/strings"
    xmlns:math="http://exslt.org/math"
    exclude-result-prefixes="exsl str math">

  <!-- ============================================================ paragraphs -->

  <xsl:template name="ppr">
    <xsl:param name="pstyle"/>
    <xsl:param name="numid"/>
    <xsl:param name="ilvl" select="0"/>
    <xsl:if test="$pstyle != '' or $numid != ''">
      <w:pPr>
        <xsl:if test="$pstyle != ''"><w:pStyle w:val="{$pstyle}"/></xsl:if>
        <xsl:if test="$numid != ''">
          <w:numPr><w:ilvl w:val="{$ilvl}"/><w:numId w:val="{$numid}"/></w:numPr>
        </xsl:if>
      </w:pPr>
    </xsl:if>
  </xsl:template>

  <xsl:template match="p" mode="block">
    <xsl:param name="pstyle"/>
    <xsl:param name="numid"/>
    <xsl:param name="ilvl" select="0"/>
    <xsl:param name="prefix"/>
    <xsl:choose>
      <!-- An image alone in its paragraph is a figure, with its caption
           under it. -->
      <xsl:when test="count(*) = 1 and image and not(text()[normalize-space()])
                      and $numid = '' and string($prefix) = ''">
        <w:p>
          <w:pPr><w:pStyle w:val="Figure"/></w:pPr>
          <xsl:apply-templates select="image" mode="inline"/>
        </w:p>
        <xsl:if test="normalize-space(image) != ''">
          <w:p>
            <w:pPr><w:pStyle w:val="Caption"/></w:pPr>
            <xsl:apply-templates select="image/node()" mode="inline"/>
          </w:p>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <w:p>
          <xsl:call-template name="ppr">
            <xsl:with-param name="pstyle" select="$pstyle"/>
            <xsl:with-param name="numid" select="$numid"/>
            <xsl:with-param name="ilvl" select="$ilvl"/>
          </xsl:call-template>
          <xsl:copy-of select="$prefix"/>
          <xsl:apply-templates mode="inline"/>
        </w:p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ lists -->

  <xsl:template match="list" mode="block">
    <xsl:param name="pstyle"/>
    <xsl:variable name="style">
      <xsl:choose>
        <xsl:when test="$pstyle = ''">ListParagraph</xsl:when>
        <xsl:otherwise><xsl:value-of select="$pstyle"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="numid">
      <xsl:call-template name="list-num-id"/>
    </xsl:variable>
    <xsl:variable name="ilvl">
      <xsl:call-template name="list-level"/>
    </xsl:variable>
    <xsl:for-each select="item">
      <xsl:call-template name="numbered-item">
        <xsl:with-param name="pstyle" select="$style"/>
        <xsl:with-param name="numid" select="$numid"/>
        <xsl:with-param name="ilvl" select="$ilvl"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- An item or a point: its first paragraph carries the number, the
       rest follow as plain paragraphs of the same style. -->
  <xsl:template name="numbered-item">
    <xsl:param name="pstyle"/>
    <xsl:param name="numid"/>
    <xsl:param name="ilvl"/>
    <xsl:choose>
      <xsl:when test="*[1][self::p]">
        <xsl:apply-templates select="*[1]" mode="block">
          <xsl:with-param name="pstyle" select="$pstyle"/>
          <xsl:with-param name="numid" select="$numid"/>
          <xsl:with-param name="ilvl" select="$ilvl"/>
        </xsl:apply-templates>
        <xsl:apply-templates select="*[position() &gt; 1]" mode="block">
          <xsl:with-param name="pstyle" select="$pstyle"/>
        </xsl:apply-templates>
      </xsl:when>
      <xsl:otherwise>
        <w:p>
          <xsl:call-template name="ppr">
            <xsl:with-param name="pstyle" select="$pstyle"/>
            <xsl:with-param name="numid" select="$numid"/>
            <xsl:with-param name="ilvl" select="$ilvl"/>
          </xsl:call-template>
        </w:p>
        <xsl:apply-templates select="*" mode="block">
          <xsl:with-param name="pstyle" select="$pstyle"/>
        </xsl:apply-templates>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ other blocks -->

  <xsl:template match="quote" mode="block">
    <xsl:apply-templates select="*" mode="block">
      <xsl:with-param name="pstyle" select="'Quote'"/>
    </xsl:apply-templates>
  </xsl:template>

  <xsl:template match="codeblock" mode="block">
    <w:p>
      <w:pPr><w:pStyle w:val="CodeBlock"/></w:pPr>
      <xsl:call-template name="code-lines">
        <xsl:with-param name="text" select="."/>
      </xsl:call-template>
    </w:p>
  </xsl:template>

  <!-- One run per line, a line break between them; the final newline of
       the block is not a line. -->
  <xsl:template name="code-lines">
    <xsl:param name="text"/>
    <xsl:variable name="line" select="substring-before(concat($text, '&#10;'), '&#10;')"/>
    <xsl:variable name="rest" select="substring-after($text, '&#10;')"/>
    <w:r><w:t xml:space="preserve"><xsl:value-of select="translate($line, '&#9;&#13;', '  ')"/></w:t></w:r>
    <xsl:if test="$rest != ''">
      <w:r><w:br/></w:r>
      <xsl:call-template name="code-lines">
        <xsl:with-param name="text" select="$rest"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="hr" mode="block">
    <w:p><w:pPr><w:pStyle w:val="HorizontalRule"/></w:pPr></w:p>
  </xsl:template>

  <!-- ============================================================ sections -->

  <!-- In a collection the outline is parts (1), documents (2), annexes (3):
       a document's own headings go three levels down. -->
  <xsl:template match="section" mode="block">
    <xsl:param name="pstyle"/>
    <xsl:variable name="level">
      <xsl:choose>
        <xsl:when test="$collection"><xsl:value-of select="@level + 3"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="@level"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <w:p>
      <w:pPr><w:pStyle w:val="Heading{$level}"/></w:pPr>
      <xsl:if test="@number">
        <w:r><w:t xml:space="preserve"><xsl:value-of select="@number"/><xsl:text> </xsl:text></w:t></w:r>
      </xsl:if>
      <xsl:apply-templates select="heading/node()" mode="inline"/>
    </w:p>
    <xsl:apply-templates select="*[not(self::heading)]" mode="block">
      <xsl:with-param name="pstyle" select="$pstyle"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- ============================================================ tables -->

  <!-- A cell of the width given (spanning span grid columns) with its
       paragraphs. -->
  <xsl:template name="cell">
    <xsl:param name="width"/>
    <xsl:param name="span" select="1"/>
    <xsl:param name="content"/>
    <w:tc>
      <w:tcPr>
        <w:tcW w:w="{$width}" w:type="dxa"/>
        <xsl:if test="$span &gt; 1"><w:gridSpan w:val="{$span}"/></xsl:if>
      </w:tcPr>
      <xsl:copy-of select="$content"/>
      <!-- Word wants a cell to end with a paragraph -->
      <xsl:if test="not(exsl:node-set($content)/*[last()][self::w:p])">
        <w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr></w:p>
      </xsl:if>
    </w:tc>
  </xsl:template>

  <!-- Column weights from the average text of each column, bounded so
       that a short column stays readable and a long one does not take
       everything, and never below the column's longest word:
       <c w="…"/> per column. -->
  <xsl:template name="column-weights">
    <xsl:param name="table"/>
    <xsl:param name="c" select="1"/>
    <xsl:if test="$c &lt;= $table/@cols">
      <!-- the average length of the column's non-empty cells -->
      <xsl:variable name="lengths">
        <xsl:for-each select="$table/row[not(@header = 'true')]/cell[$c][normalize-space()]">
          <v><xsl:value-of select="string-length(normalize-space(.))"/></v>
        </xsl:for-each>
      </xsl:variable>
      <xsl:variable name="cells" select="exsl:node-set($lengths)/v"/>
      <!-- the longest word of the column, which cannot be narrower -->
      <xsl:variable name="words">
        <xsl:for-each select="$table/row/cell[$c]">
          <xsl:for-each select="str:tokenize(normalize-space(.), ' ')">
            <v><xsl:value-of select="string-length(.)"/></v>
          </xsl:for-each>
        </xsl:for-each>
        <v>0</v>
      </xsl:variable>
      <xsl:variable name="n">
        <xsl:choose>
          <xsl:when test="$cells"><xsl:value-of select="round(sum($cells) div count($cells))"/></xsl:when>
          <xsl:otherwise>0</xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:variable name="word" select="math:max(exsl:node-set($words)/v) + 2"/>
      <c>
        <xsl:attribute name="w">
          <xsl:choose>
            <xsl:when test="$n &gt; 60 and $word &lt;= 60">60</xsl:when>
            <xsl:when test="$n &gt; 60"><xsl:value-of select="$word"/></xsl:when>
            <xsl:when test="$n &lt; $word and $word &gt;= 8"><xsl:value-of select="$word"/></xsl:when>
            <xsl:when test="$n &lt; 8">8</xsl:when>
            <xsl:otherwise><xsl:value-of select="$n"/></xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
      </c>
      <xsl:call-template name="column-weights">
        <xsl:with-param name="table" select="$table"/>
        <xsl:with-param name="c" select="$c + 1"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- Widths in twips from weights, proportional: each column ends at
       floor(width × weights so far ÷ all weights), so the widths add up to
       the text width exactly. -->
  <xsl:template name="column-widths">
    <xsl:param name="weights"/>
    <xsl:param name="width"/>
    <xsl:variable name="sum" select="sum($weights/c/@w)"/>
    <xsl:for-each select="$weights/c">
      <xsl:variable name="before" select="sum(preceding-sibling::c/@w)"/>
      <col w="{floor($width * ($before + @w) div $sum) - floor($width * $before div $sum)}"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="table-properties">
    <xsl:param name="width"/>
    <w:tblPr>
      <w:tblStyle w:val="TableGrid"/>
      <w:tblW w:w="{$width}" w:type="dxa"/>
      <w:tblLayout w:type="fixed"/>
      <w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0"
                 w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>
    </w:tblPr>
  </xsl:template>

  <xsl:template match="table" mode="block">
    <xsl:variable name="width">
      <xsl:call-template name="text-width"/>
    </xsl:variable>
    <xsl:variable name="weights">
      <xsl:call-template name="column-weights">
        <xsl:with-param name="table" select="."/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="cols-rtf">
      <xsl:call-template name="column-widths">
        <xsl:with-param name="weights" select="exsl:node-set($weights)"/>
        <xsl:with-param name="width" select="$width"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="cols" select="exsl:node-set($cols-rtf)/col"/>
    <xsl:if test="preceding-sibling::*[1][not(self::heading)]">
      <xsl:call-template name="table-gap"/>
    </xsl:if>
    <w:tbl>
      <xsl:call-template name="table-properties">
        <xsl:with-param name="width" select="$width"/>
      </xsl:call-template>
      <w:tblGrid>
        <xsl:for-each select="$cols"><w:gridCol w:w="{@w}"/></xsl:for-each>
      </w:tblGrid>
      <xsl:for-each select="row">
        <xsl:variable name="row" select="."/>
        <xsl:variable name="header" select="@header = 'true'"/>
        <w:tr>
          <w:trPr>
            <w:cantSplit/>
            <xsl:if test="$header"><w:tblHeader/></xsl:if>
          </w:trPr>
          <xsl:for-each select="$cols">
            <xsl:variable name="c" select="position()"/>
            <xsl:call-template name="cell">
              <xsl:with-param name="width" select="@w"/>
              <xsl:with-param name="content">
                <xsl:choose>
                  <xsl:when test="$row/cell[$c]">
                    <xsl:apply-templates select="$row/cell[$c]" mode="cell">
                      <xsl:with-param name="header" select="$header"/>
                    </xsl:apply-templates>
                  </xsl:when>
                  <xsl:otherwise>
                    <w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr></w:p>
                  </xsl:otherwise>
                </xsl:choose>
              </xsl:with-param>
            </xsl:call-template>
          </xsl:for-each>
        </w:tr>
      </xsl:for-each>
    </w:tbl>
    <xsl:if test="following-sibling::*">
      <xsl:call-template name="table-gap"/>
    </xsl:if>
  </xsl:template>

  <!-- An empty half line between a table and text (a table has no
       spacing of its own). -->
  <xsl:template name="table-gap">
    <w:p><w:pPr><w:pStyle w:val="TableGap"/></w:pPr></w:p>
  </xsl:template>

  <!-- A cell's text, one paragraph per line (<br> separates lines). -->
  <xsl:template match="cell" mode="cell">
    <xsl:param name="header" select="false()"/>
    <xsl:param name="jc">
      <xsl:if test="not($header)"><xsl:value-of select="@align"/></xsl:if>
    </xsl:param>
    <xsl:call-template name="cell-lines">
      <xsl:with-param name="style">
        <xsl:choose>
          <xsl:when test="$header">TableHeader</xsl:when>
          <xsl:otherwise>TableText</xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
      <xsl:with-param name="jc" select="$jc"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="cell-lines">
    <xsl:param name="style"/>
    <xsl:param name="jc"/>
    <xsl:param name="k" select="0"/>
    <w:p>
      <w:pPr>
        <w:pStyle w:val="{$style}"/>
        <xsl:if test="$jc != ''"><w:jc w:val="{$jc}"/></xsl:if>
      </w:pPr>
      <xsl:apply-templates select="node()[not(self::br)][count(preceding-sibling::br) = $k]"
                           mode="inline"/>
    </w:p>
    <xsl:if test="count(br) &gt; $k">
      <xsl:call-template name="cell-lines">
        <xsl:with-param name="style" select="$style"/>
        <xsl:with-param name="jc" select="$jc"/>
        <xsl:with-param name="k" select="$k + 1"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
