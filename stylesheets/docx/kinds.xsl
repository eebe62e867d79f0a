<?xml version="1.0" encoding="UTF-8"?>
<!--
  kinds.xsl: word/document.xml, document by document (LAYOUT.md).

  Every document of the file is one section, so that it starts on a new
  page, can be landscape (a roadmap of six or more columns), restarts its
  page numbers and hides the number on its first page (w:titlePg) when it
  stands alone.  An order's annexes follow
  it, each a section of its own with its stamp or annex mark.

  The body is made in two passes.  The first writes paragraphs and tables
  and, where a section ends, a marker <sb:end …/>; the second moves each
  marker's w:sectPr into the paragraph before it (Word keeps a section's
  properties in its last paragraph), or into a paragraph of its own after
  a table, or at the end of the body for the last section.

  Roles have named styles (styles.xsl); the only direct formatting is what
  depends on the page a paragraph is on (tab stops at the text edge of a
  landscape page) and the outline level of document titles in a
  collection, which makes them contents entries.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
    xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"
    xmlns:sb="urn:sbornik:docx:internal"
    xmlns:exsl="http://exslt.org/common"
    exclude-result-prefixes="sb exsl">

  <!-- ============================================================ the part -->

  <xsl:template name="document-part">
    <xsl:variable name="body">
      <xsl:apply-templates select="/*" mode="doc"/>
    </xsl:variable>
    <w:document>
      <w:body>
        <xsl:apply-templates select="exsl:node-set($body)/*" mode="sections"/>
      </w:body>
    </w:document>
  </xsl:template>

  <!-- Pass two: put each section's properties where Word wants them. -->
  <xsl:template match="*" mode="sections">
    <xsl:copy-of select="."/>
  </xsl:template>

  <!--
    The paragraphs of a collection's body are tens of thousands of
    siblings, so every sibling test here must look at one node, not all of
    them: the test is inside, not in the match pattern (libxslt finds the
    position of a node matched by a pattern with a predicate by testing all
    its siblings), and a sibling is taken as following-sibling::*[1]/self::x
    (libxml2 stops at the first node for a lone [1], not for *[1][self::x],
    nor for a bare following-sibling::*).  Quadratic otherwise: 23 s of a
    10,000-page collection's 27.
  -->
  <xsl:template match="w:p" mode="sections">
    <xsl:choose>
      <xsl:when test="not(following-sibling::*[1]/self::sb:end)">
        <xsl:copy-of select="."/>
      </xsl:when>
      <!-- The last section's properties belong to the body itself. -->
      <xsl:when test="not(following-sibling::*[2])">
        <xsl:copy-of select="."/>
      </xsl:when>
      <xsl:otherwise>
        <w:p>
          <xsl:copy-of select="@*"/>
          <w:pPr>
            <xsl:copy-of select="w:pPr/*"/>
            <xsl:apply-templates select="following-sibling::*[1]" mode="sectpr"/>
          </w:pPr>
          <xsl:copy-of select="*[not(self::w:pPr)]"/>
        </w:p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="sb:end" mode="sections">
    <xsl:choose>
      <xsl:when test="not(following-sibling::*[1])">
        <!-- A body may not end with a table: a one-point paragraph after it. -->
        <xsl:if test="not(preceding-sibling::*[1]/self::w:p)">
          <xsl:call-template name="tiny-paragraph"/>
        </xsl:if>
        <xsl:apply-templates select="." mode="sectpr"/>
      </xsl:when>
      <xsl:when test="preceding-sibling::*[1]/self::w:p"/>
      <xsl:otherwise>
        <xsl:call-template name="tiny-paragraph">
          <xsl:with-param name="sectpr">
            <xsl:apply-templates select="." mode="sectpr"/>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The paragraph a section ends with after a table: one point high, so
       that it never pushes a page over. -->
  <xsl:template name="tiny-paragraph">
    <xsl:param name="sectpr"/>
    <w:p>
      <w:pPr>
        <w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>
        <w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>
        <xsl:copy-of select="$sectpr"/>
      </w:pPr>
    </w:p>
  </xsl:template>

  <!--
    orient       portrait | landscape
    first-page   yes: no page number on the section's first page (w:titlePg)
    restart      yes: pages counted from 1
    numbers      yes: page numbers top centre; no: none (title pages)
  -->
  <xsl:template match="sb:end" mode="sectpr">
    <w:sectPr>
      <xsl:choose>
        <xsl:when test="@numbers = 'yes'">
          <w:headerReference w:type="default" r:id="rIdHeaderPage"/>
        </xsl:when>
        <xsl:otherwise>
          <w:headerReference w:type="default" r:id="rIdHeaderEmpty"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="@first-page = 'yes'">
        <w:headerReference w:type="first" r:id="rIdHeaderEmpty"/>
      </xsl:if>
      <w:type w:val="nextPage"/>
      <xsl:choose>
        <xsl:when test="@orient = 'landscape'">
          <w:pgSz w:w="{$page-h}" w:h="{$page-w}" w:orient="landscape"/>
        </xsl:when>
        <xsl:otherwise>
          <w:pgSz w:w="{$page-w}" w:h="{$page-h}"/>
        </xsl:otherwise>
      </xsl:choose>
      <w:pgMar w:top="{$margin-top}" w:right="{$margin-right}" w:bottom="{$margin-bottom}"
               w:left="{$margin-left}" w:header="{$header-distance}"
               w:footer="{$header-distance}" w:gutter="0"/>
      <xsl:if test="@restart = 'yes'"><w:pgNumType w:start="1"/></xsl:if>
      <w:cols w:space="708"/>
      <xsl:if test="@first-page = 'yes'"><w:titlePg/></xsl:if>
    </w:sectPr>
  </xsl:template>

  <!-- ============================================================ documents -->

  <!-- A document, then each of its annexes, each ending its section.
       outline: '' alone; 1 for a document of a collection, 2 for an annex
       there (their titles become contents entries). -->
  <xsl:template match="order|letter|document|concept|roadmap|article" mode="doc">
    <xsl:param name="outline" select="''"/>
    <xsl:apply-templates select="." mode="content">
      <xsl:with-param name="outline" select="$outline"/>
    </xsl:apply-templates>
    <xsl:variable name="landscape">
      <xsl:call-template name="landscape"/>
    </xsl:variable>
    <sb:end numbers="yes">
      <xsl:attribute name="orient">
        <xsl:choose>
          <xsl:when test="$landscape = 'true'">landscape</xsl:when>
          <xsl:otherwise>portrait</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:attribute name="first-page">
        <xsl:choose>
          <xsl:when test="$collection">no</xsl:when>
          <xsl:otherwise>yes</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:attribute name="restart">
        <xsl:choose>
          <xsl:when test="$collection">no</xsl:when>
          <xsl:otherwise>yes</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
    </sb:end>
    <xsl:for-each select="annexes/annex/*">
      <xsl:apply-templates select="." mode="doc">
        <xsl:with-param name="outline">
          <xsl:if test="$outline != ''">2</xsl:if>
        </xsl:with-param>
      </xsl:apply-templates>
    </xsl:for-each>
  </xsl:template>

  <!-- ============================================================ helpers -->

  <!-- A paragraph of a role: style, optional tab stops (RTF of w:tab),
       optional outline level and bookmark, and its runs. -->
  <xsl:template name="para">
    <xsl:param name="style"/>
    <xsl:param name="tabs"/>
    <xsl:param name="outline" select="''"/>
    <xsl:param name="bookmark" select="''"/>
    <xsl:param name="bookmark-id" select="0"/>
    <xsl:param name="content"/>
    <w:p>
      <w:pPr>
        <w:pStyle w:val="{$style}"/>
        <xsl:if test="string($tabs) != '' or exsl:node-set($tabs)/*">
          <w:tabs><xsl:copy-of select="$tabs"/></w:tabs>
        </xsl:if>
        <xsl:if test="$outline != ''">
          <w:outlineLvl w:val="{$outline}"/>
        </xsl:if>
      </w:pPr>
      <xsl:if test="$bookmark != ''">
        <w:bookmarkStart w:id="{$bookmark-id}" w:name="{$bookmark}"/>
      </xsl:if>
      <xsl:copy-of select="$content"/>
      <xsl:if test="$bookmark != ''">
        <w:bookmarkEnd w:id="{$bookmark-id}"/>
      </xsl:if>
    </w:p>
  </xsl:template>

  <xsl:template name="text-run">
    <xsl:param name="text"/>
    <w:r><w:t xml:space="preserve"><xsl:value-of select="$text"/></w:t></w:r>
  </xsl:template>

  <!-- The title of a document: bookmarked, so references and the contents
       can jump to it; an outline level in a collection. -->
  <xsl:template name="title-para">
    <xsl:param name="style"/>
    <xsl:param name="outline"/>
    <xsl:param name="title" select="meta/title"/>
    <xsl:call-template name="para">
      <xsl:with-param name="style" select="$style"/>
      <xsl:with-param name="outline" select="$outline"/>
      <xsl:with-param name="bookmark">
        <xsl:call-template name="doc-bookmark"/>
      </xsl:with-param>
      <xsl:with-param name="bookmark-id">
        <xsl:call-template name="doc-index"/>
      </xsl:with-param>
      <xsl:with-param name="content">
        <xsl:apply-templates select="$title/node()" mode="title"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A heading has no final full stop (an ellipsis stays). -->
  <xsl:template match="text()" mode="title">
    <xsl:variable name="text" select="."/>
    <xsl:variable name="n" select="string-length($text)"/>
    <xsl:choose>
      <xsl:when test="not(following-sibling::node()) and substring($text, $n) = '.'
                      and substring($text, $n - 1, 1) != '.'">
        <w:r>
          <xsl:call-template name="run-properties"/>
          <xsl:call-template name="run-text">
            <xsl:with-param name="text" select="substring($text, 1, $n - 1)"/>
          </xsl:call-template>
        </w:r>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="." mode="inline"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="*" mode="title">
    <xsl:apply-templates select="." mode="inline"/>
  </xsl:template>

  <!-- On a landscape page the right tab stop moves to its text edge. -->
  <xsl:template name="edge-tabs">
    <xsl:param name="base-pos" select="$width-portrait"/>
    <xsl:variable name="width">
      <xsl:call-template name="text-width"/>
    </xsl:variable>
    <xsl:if test="$width != $width-portrait">
      <w:tab w:val="clear" w:pos="{$base-pos}"/>
      <w:tab w:val="right" w:pos="{$width}"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="draft-mark">
    <xsl:if test="@status = 'draft'">
      <xsl:call-template name="para">
        <xsl:with-param name="style" select="'DraftMark'"/>
        <xsl:with-param name="content">
          <xsl:call-template name="text-run">
            <xsl:with-param name="text" select="'ПРОЕКТ'"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- The approval stamp or the annex mark: a block whose left edge is at
       the centre of the text area (Stamp; StampWide on a landscape page). -->
  <xsl:template name="stamp">
    <xsl:variable name="stamp" select="meta/stamp"/>
    <xsl:if test="$stamp">
      <xsl:variable name="landscape">
        <xsl:call-template name="landscape"/>
      </xsl:variable>
      <xsl:variable name="style">
        <xsl:choose>
          <xsl:when test="$stamp/@mode = 'attached'">AnnexMark</xsl:when>
          <xsl:otherwise>Stamp</xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$landscape = 'true'">Wide</xsl:if>
      </xsl:variable>
      <xsl:variable name="lines">
        <xsl:choose>
          <xsl:when test="$stamp/@mode = 'attached'">
            <line>
              <xsl:text>Приложение</xsl:text>
              <xsl:if test="not($stamp/@of) or $stamp/@of &gt; 1">
                <xsl:value-of select="concat(' ', $stamp/@n)"/>
              </xsl:if>
            </line>
            <line>
              <xsl:value-of select="concat('к ', $stamp/by)"/>
              <xsl:if test="$stamp/issuer"><xsl:value-of select="concat(' ', $stamp/issuer)"/></xsl:if>
            </line>
          </xsl:when>
          <xsl:otherwise>
            <line><xsl:value-of select="$stamp/@word"/></line>
            <line>
              <xsl:value-of select="$stamp/by"/>
              <xsl:if test="$stamp/issuer"><xsl:value-of select="concat(' ', $stamp/issuer)"/></xsl:if>
            </line>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$stamp/date or $stamp/number">
          <line>
            <xsl:if test="$stamp/date"><xsl:value-of select="concat('от ', $stamp/date)"/></xsl:if>
            <xsl:if test="$stamp/date and $stamp/number"><xsl:text> </xsl:text></xsl:if>
            <xsl:if test="$stamp/number"><xsl:value-of select="concat('№ ', $stamp/number)"/></xsl:if>
          </line>
        </xsl:if>
      </xsl:variable>
      <xsl:for-each select="exsl:node-set($lines)/line">
        <xsl:call-template name="para">
          <xsl:with-param name="style" select="$style"/>
          <xsl:with-param name="content">
            <xsl:call-template name="text-run">
              <xsl:with-param name="text" select="string(.)"/>
            </xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- Position on the left, initials and surname at the right text edge. -->
  <xsl:template name="signature">
    <xsl:param name="signatory" select="meta/signatory"/>
    <xsl:if test="$signatory">
      <xsl:call-template name="para">
        <xsl:with-param name="style" select="'Signature'"/>
        <xsl:with-param name="tabs">
          <xsl:call-template name="edge-tabs"/>
        </xsl:with-param>
        <xsl:with-param name="content">
          <xsl:apply-templates select="$signatory/position/node()" mode="inline"/>
          <w:r><w:tab/></w:r>
          <xsl:apply-templates select="$signatory/name/node()" mode="inline"/>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- The organisation's lines in capitals (the style sets the case). -->
  <xsl:template name="issuer-lines">
    <xsl:param name="style"/>
    <xsl:variable name="issuer" select="meta/issuer"/>
    <xsl:choose>
      <xsl:when test="$issuer/header/line">
        <xsl:for-each select="$issuer/header/line">
          <xsl:call-template name="para">
            <xsl:with-param name="style" select="$style"/>
            <xsl:with-param name="content">
              <xsl:apply-templates mode="inline"/>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$issuer/name">
        <xsl:call-template name="para">
          <xsl:with-param name="style" select="$style"/>
          <xsl:with-param name="content">
            <xsl:apply-templates select="$issuer/name/node()" mode="inline"/>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- «г. Челябинск»: the abbreviation is added unless the place already
       has one or is a fill-in field. -->
  <xsl:template name="place-runs">
    <xsl:param name="place"/>
    <xsl:variable name="text" select="normalize-space($place)"/>
    <xsl:if test="not($place/field) and not(starts-with($text, 'г.') or starts-with($text, 'с.')
                  or starts-with($text, 'п.') or starts-with($text, 'пос.')
                  or starts-with($text, 'д.') or starts-with($text, 'ст.')
                  or starts-with($text, 'рп'))">
      <xsl:call-template name="text-run">
        <xsl:with-param name="text" select="'г.&#160;'"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:apply-templates select="$place/node()" mode="inline"/>
  </xsl:template>

  <!-- ============================================================ order -->

  <xsl:template match="order" mode="content">
    <xsl:param name="outline"/>
    <xsl:call-template name="draft-mark"/>
    <xsl:call-template name="stamp"/>
    <xsl:call-template name="issuer-lines">
      <xsl:with-param name="style" select="'OrderHeader'"/>
    </xsl:call-template>
    <xsl:call-template name="para">
      <xsl:with-param name="style" select="'OrderKind'"/>
      <xsl:with-param name="content">
        <xsl:call-template name="text-run">
          <xsl:with-param name="text" select="meta/form"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
    <!-- date on the left, № at the right text edge -->
    <xsl:call-template name="para">
      <xsl:with-param name="style" select="'DateNumber'"/>
      <xsl:with-param name="content">
        <xsl:apply-templates select="meta/date/node()" mode="inline"/>
        <w:r><w:tab/></w:r>
        <xsl:call-template name="text-run">
          <xsl:with-param name="text" select="'№&#160;'"/>
        </xsl:call-template>
        <xsl:apply-templates select="meta/number/node()" mode="inline"/>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:if test="meta/place">
      <xsl:call-template name="para">
        <xsl:with-param name="style" select="'Place'"/>
        <xsl:with-param name="content">
          <xsl:call-template name="place-runs">
            <xsl:with-param name="place" select="meta/place"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <xsl:call-template name="title-para">
      <xsl:with-param name="style" select="'TextTitle'"/>
      <xsl:with-param name="outline" select="$outline"/>
    </xsl:call-template>
    <xsl:apply-templates select="body/preamble/*" mode="block"/>
    <xsl:call-template name="para">
      <xsl:with-param name="style" select="'Directive'"/>
      <xsl:with-param name="content">
        <xsl:call-template name="text-run">
          <xsl:with-param name="text" select="concat(meta/directive, ':')"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:variable name="numid">
      <xsl:for-each select="body/points">
        <xsl:call-template name="num-id"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:for-each select="body/points/point">
      <xsl:call-template name="numbered-item">
        <xsl:with-param name="pstyle" select="'OrderPoint'"/>
        <xsl:with-param name="numid" select="$numid"/>
        <xsl:with-param name="ilvl" select="0"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:call-template name="signature"/>
  </xsl:template>

  <!-- ============================================================ letter -->

  <!-- The sender's block on the left and the addressee's on the right are
       the two cells of a borderless table, as on a letter form. -->
  <xsl:template match="letter" mode="content">
    <xsl:param name="outline"/>
    <xsl:variable name="width">
      <xsl:call-template name="text-width"/>
    </xsl:variable>
    <xsl:variable name="left" select="floor($width * 0.5)"/>
    <xsl:variable name="meta" select="meta"/>
    <xsl:call-template name="draft-mark"/>
    <xsl:call-template name="stamp"/>
    <w:tbl>
      <w:tblPr>
        <w:tblStyle w:val="LayoutTable"/>
        <w:tblW w:w="{$width}" w:type="dxa"/>
        <w:tblLayout w:type="fixed"/>
        <w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0"
                   w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>
      </w:tblPr>
      <w:tblGrid>
        <w:gridCol w:w="{$left}"/>
        <w:gridCol w:w="{$width - $left}"/>
      </w:tblGrid>
      <w:tr>
        <xsl:call-template name="cell">
          <xsl:with-param name="width" select="$left"/>
          <xsl:with-param name="content">
            <xsl:call-template name="issuer-lines">
              <xsl:with-param name="style" select="'LetterSender'"/>
            </xsl:call-template>
            <xsl:for-each select="$meta/issuer/address | $meta/issuer/phone | $meta/issuer/email">
              <xsl:call-template name="para">
                <xsl:with-param name="style" select="'LetterSenderDetails'"/>
                <xsl:with-param name="content">
                  <xsl:if test="self::phone">
                    <xsl:call-template name="text-run"><xsl:with-param name="text" select="'тел. '"/></xsl:call-template>
                  </xsl:if>
                  <xsl:if test="self::email">
                    <xsl:call-template name="text-run"><xsl:with-param name="text" select="'e-mail: '"/></xsl:call-template>
                  </xsl:if>
                  <xsl:apply-templates mode="inline"/>
                </xsl:with-param>
              </xsl:call-template>
            </xsl:for-each>
            <xsl:if test="$meta/number or $meta/date">
              <xsl:call-template name="para">
                <xsl:with-param name="style" select="'LetterNumber'"/>
                <xsl:with-param name="content">
                  <xsl:if test="$meta/number">
                    <xsl:call-template name="text-run"><xsl:with-param name="text" select="'№&#160;'"/></xsl:call-template>
                    <xsl:apply-templates select="$meta/number/node()" mode="inline"/>
                  </xsl:if>
                  <xsl:if test="$meta/number and $meta/date">
                    <xsl:call-template name="text-run"><xsl:with-param name="text" select="' '"/></xsl:call-template>
                  </xsl:if>
                  <xsl:if test="$meta/date">
                    <xsl:call-template name="text-run"><xsl:with-param name="text" select="'от '"/></xsl:call-template>
                    <xsl:apply-templates select="$meta/date/node()" mode="inline"/>
                  </xsl:if>
                </xsl:with-param>
              </xsl:call-template>
            </xsl:if>
            <xsl:if test="$meta/reply_to">
              <xsl:call-template name="para">
                <xsl:with-param name="style" select="'LetterNumber'"/>
                <xsl:with-param name="content">
                  <xsl:call-template name="text-run"><xsl:with-param name="text" select="'На №&#160;'"/></xsl:call-template>
                  <xsl:apply-templates select="$meta/reply_to/number/node()" mode="inline"/>
                  <xsl:call-template name="text-run"><xsl:with-param name="text" select="' от '"/></xsl:call-template>
                  <xsl:apply-templates select="$meta/reply_to/date/node()" mode="inline"/>
                </xsl:with-param>
              </xsl:call-template>
            </xsl:if>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="cell">
          <xsl:with-param name="width" select="$width - $left"/>
          <xsl:with-param name="content">
            <xsl:for-each select="$meta/to/line">
              <xsl:call-template name="para">
                <xsl:with-param name="style" select="'Addressee'"/>
                <xsl:with-param name="content">
                  <xsl:apply-templates mode="inline"/>
                </xsl:with-param>
              </xsl:call-template>
            </xsl:for-each>
            <xsl:if test="not($meta/to/line)">
              <w:p><w:pPr><w:pStyle w:val="Addressee"/></w:pPr></w:p>
            </xsl:if>
          </xsl:with-param>
        </xsl:call-template>
      </w:tr>
    </w:tbl>
    <xsl:call-template name="title-para">
      <xsl:with-param name="style" select="'TextTitle'"/>
      <xsl:with-param name="outline" select="$outline"/>
    </xsl:call-template>
    <xsl:apply-templates select="body/*" mode="block"/>
    <xsl:call-template name="signature"/>
    <xsl:if test="meta/executor">
      <xsl:call-template name="para">
        <xsl:with-param name="style" select="'Executor'"/>
        <xsl:with-param name="content">
          <xsl:call-template name="text-run"><xsl:with-param name="text" select="'Исполнитель: '"/></xsl:call-template>
          <xsl:apply-templates select="meta/executor/name/node()" mode="inline"/>
          <xsl:if test="meta/executor/phone">
            <xsl:call-template name="text-run"><xsl:with-param name="text" select="', '"/></xsl:call-template>
            <xsl:apply-templates select="meta/executor/phone/node()" mode="inline"/>
          </xsl:if>
          <xsl:if test="meta/executor/email">
            <xsl:call-template name="text-run"><xsl:with-param name="text" select="', '"/></xsl:call-template>
            <xsl:apply-templates select="meta/executor/email/node()" mode="inline"/>
          </xsl:if>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================ document, concept -->

  <xsl:template match="document|concept" mode="content">
    <xsl:param name="outline"/>
    <xsl:call-template name="draft-mark"/>
    <xsl:call-template name="stamp"/>
    <xsl:call-template name="title-para">
      <xsl:with-param name="style" select="'DocTitle'"/>
      <xsl:with-param name="outline" select="$outline"/>
    </xsl:call-template>
    <xsl:apply-templates select="body/*" mode="block"/>
    <xsl:call-template name="signature"/>
  </xsl:template>

  <!-- ============================================================ roadmap -->

  <xsl:template match="roadmap" mode="content">
    <xsl:param name="outline"/>
    <xsl:call-template name="draft-mark"/>
    <xsl:call-template name="stamp"/>
    <xsl:call-template name="title-para">
      <xsl:with-param name="style" select="'DocTitle'"/>
      <xsl:with-param name="outline" select="$outline"/>
    </xsl:call-template>
    <xsl:if test="meta/basis">
      <xsl:call-template name="para">
        <xsl:with-param name="style" select="'BasisIntro'"/>
        <xsl:with-param name="content">
          <xsl:call-template name="text-run">
            <xsl:with-param name="text" select="'Основания для формирования дорожной карты:'"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:variable name="numid">
        <xsl:for-each select="meta/basis">
          <xsl:call-template name="num-id"/>
        </xsl:for-each>
      </xsl:variable>
      <xsl:for-each select="meta/basis/item">
        <w:p>
          <xsl:call-template name="ppr">
            <xsl:with-param name="pstyle" select="'ListParagraph'"/>
            <xsl:with-param name="numid" select="$numid"/>
          </xsl:call-template>
          <xsl:apply-templates mode="inline"/>
        </w:p>
      </xsl:for-each>
    </xsl:if>
    <xsl:apply-templates select="body/intro/*" mode="block"/>
    <xsl:call-template name="roadmap-table"/>
    <xsl:call-template name="signature"/>
  </xsl:template>

  <!-- Relative widths of the roadmap columns: the event and its results
       widest, the number narrowest. -->
  <xsl:template name="field-weight">
    <xsl:param name="field"/>
    <xsl:choose>
      <xsl:when test="$field = 'number'">5</xsl:when>
      <xsl:when test="$field = 'name'">30</xsl:when>
      <xsl:when test="$field = 'period'">12</xsl:when>
      <xsl:when test="$field = 'result'">26</xsl:when>
      <xsl:when test="$field = 'form'">14</xsl:when>
      <xsl:otherwise>18</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="roadmap-table">
    <xsl:variable name="width">
      <xsl:call-template name="text-width"/>
    </xsl:variable>
    <xsl:variable name="weights">
      <xsl:for-each select="meta/columns/column">
        <c field="{@field}">
          <xsl:attribute name="w">
            <xsl:call-template name="field-weight">
              <xsl:with-param name="field" select="@field"/>
            </xsl:call-template>
          </xsl:attribute>
        </c>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="cols-rtf">
      <xsl:call-template name="column-widths">
        <xsl:with-param name="weights" select="exsl:node-set($weights)"/>
        <xsl:with-param name="width" select="$width"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="cols" select="exsl:node-set($cols-rtf)/col"/>
    <xsl:variable name="fields" select="meta/columns/column"/>
    <xsl:variable name="numid">
      <xsl:call-template name="num-id"/>
    </xsl:variable>
    <xsl:if test="body/intro/* or meta/basis">
      <xsl:call-template name="table-gap"/>
    </xsl:if>
    <w:tbl>
      <xsl:call-template name="table-properties">
        <xsl:with-param name="width" select="$width"/>
      </xsl:call-template>
      <w:tblGrid>
        <xsl:for-each select="$cols"><w:gridCol w:w="{@w}"/></xsl:for-each>
      </w:tblGrid>
      <!-- the header row, repeated on every page -->
      <w:tr>
        <w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>
        <xsl:for-each select="$fields">
          <xsl:variable name="c" select="position()"/>
          <xsl:call-template name="cell">
            <xsl:with-param name="width" select="$cols[$c]/@w"/>
            <xsl:with-param name="content">
              <xsl:call-template name="para">
                <xsl:with-param name="style" select="'TableHeader'"/>
                <xsl:with-param name="content">
                  <xsl:call-template name="text-run">
                    <xsl:with-param name="text" select="string(.)"/>
                  </xsl:call-template>
                </xsl:with-param>
              </xsl:call-template>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:for-each>
      </w:tr>
      <xsl:for-each select="body/section">
        <!-- a section row spans all columns -->
        <xsl:if test="heading">
          <w:tr>
            <w:trPr><w:cantSplit/></w:trPr>
            <xsl:call-template name="cell">
              <xsl:with-param name="width" select="$width"/>
              <xsl:with-param name="span" select="count($fields)"/>
              <xsl:with-param name="content">
                <xsl:call-template name="para">
                  <xsl:with-param name="style" select="'TableSection'"/>
                  <xsl:with-param name="content">
                    <xsl:apply-templates select="heading/node()" mode="inline"/>
                  </xsl:with-param>
                </xsl:call-template>
              </xsl:with-param>
            </xsl:call-template>
          </w:tr>
        </xsl:if>
        <xsl:for-each select="event">
          <xsl:variable name="event" select="."/>
          <w:tr>
            <w:trPr><w:cantSplit/></w:trPr>
            <xsl:for-each select="$fields">
              <xsl:variable name="c" select="position()"/>
              <xsl:call-template name="cell">
                <xsl:with-param name="width" select="$cols[$c]/@w"/>
                <xsl:with-param name="content">
                  <xsl:call-template name="event-cell">
                    <xsl:with-param name="event" select="$event"/>
                    <xsl:with-param name="field" select="@field"/>
                    <xsl:with-param name="numid" select="$numid"/>
                  </xsl:call-template>
                </xsl:with-param>
              </xsl:call-template>
            </xsl:for-each>
          </w:tr>
        </xsl:for-each>
      </xsl:for-each>
    </w:tbl>
  </xsl:template>

  <!-- One cell of an event row: the number is Word numbering (a clerk
       inserting a row gets the next numbers), each result its own
       paragraph. -->
  <xsl:template name="event-cell">
    <xsl:param name="event"/>
    <xsl:param name="field"/>
    <xsl:param name="numid"/>
    <xsl:variable name="values" select="$event/*[local-name() = $field]"/>
    <xsl:choose>
      <xsl:when test="$field = 'number'">
        <w:p>
          <xsl:call-template name="ppr">
            <xsl:with-param name="pstyle" select="'TableNumber'"/>
            <xsl:with-param name="numid" select="$numid"/>
          </xsl:call-template>
        </w:p>
      </xsl:when>
      <xsl:when test="$field = 'period' and $values">
        <xsl:for-each select="$values">
          <xsl:call-template name="para">
            <xsl:with-param name="style" select="'TablePeriod'"/>
            <xsl:with-param name="content">
              <xsl:apply-templates select="text/node()" mode="period"/>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$values">
        <xsl:for-each select="$values">
          <xsl:call-template name="para">
            <xsl:with-param name="style" select="'TableText'"/>
            <xsl:with-param name="content">
              <xsl:apply-templates mode="inline"/>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr></w:p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A period in its narrow column: the typography keeps «16–17 февраля
       2017 г.» on one line with no-break spaces, wider than the column; in
       the cell it may break between day, month and year, «2017 г.» kept
       together. -->
  <xsl:template match="text()" mode="period">
    <xsl:variable name="loose">
      <xsl:call-template name="replace">
        <xsl:with-param name="text" select="translate(., '&#160;', ' ')"/>
        <xsl:with-param name="from" select="' г.'"/>
        <xsl:with-param name="to" select="'&#160;г.'"/>
      </xsl:call-template>
    </xsl:variable>
    <w:r>
      <xsl:call-template name="run-properties"/>
      <xsl:call-template name="run-text">
        <xsl:with-param name="text" select="$loose"/>
      </xsl:call-template>
    </w:r>
  </xsl:template>

  <xsl:template match="*" mode="period">
    <xsl:apply-templates select="." mode="inline"/>
  </xsl:template>

  <!-- ============================================================ article -->

  <xsl:template match="article" mode="content">
    <xsl:param name="outline"/>
    <xsl:call-template name="draft-mark"/>
    <xsl:call-template name="stamp"/>
    <xsl:if test="meta/udc">
      <xsl:call-template name="para">
        <xsl:with-param name="style" select="'ArticleUDC'"/>
        <xsl:with-param name="content">
          <xsl:call-template name="text-run">
            <xsl:with-param name="text" select="concat('УДК ', meta/udc)"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <xsl:for-each select="meta/authors/author">
      <xsl:call-template name="para">
        <xsl:with-param name="style" select="'ArticleAuthor'"/>
        <xsl:with-param name="content">
          <xsl:apply-templates select="name/node()" mode="inline"/>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:if test="affiliation or city">
        <xsl:call-template name="para">
          <xsl:with-param name="style" select="'ArticleAffiliation'"/>
          <xsl:with-param name="content">
            <xsl:apply-templates select="affiliation/node()" mode="inline"/>
            <xsl:if test="affiliation and city">
              <xsl:call-template name="text-run"><xsl:with-param name="text" select="', '"/></xsl:call-template>
            </xsl:if>
            <xsl:apply-templates select="city/node()" mode="inline"/>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:if>
      <xsl:if test="email">
        <xsl:call-template name="para">
          <xsl:with-param name="style" select="'ArticleAffiliation'"/>
          <xsl:with-param name="content">
            <xsl:call-template name="text-run"><xsl:with-param name="text" select="'e-mail: '"/></xsl:call-template>
            <xsl:apply-templates select="email/node()" mode="inline"/>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:if>
    </xsl:for-each>
    <xsl:call-template name="title-para">
      <xsl:with-param name="style" select="'ArticleTitle'"/>
      <xsl:with-param name="outline" select="$outline"/>
    </xsl:call-template>
    <xsl:if test="meta/abstract">
      <xsl:call-template name="para">
        <xsl:with-param name="style" select="'Abstract'"/>
        <xsl:with-param name="content">
          <w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Аннотация. </w:t></w:r>
          <xsl:apply-templates select="meta/abstract/node()" mode="inline"/>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="meta/keywords">
      <xsl:call-template name="para">
        <xsl:with-param name="style" select="'Keywords'"/>
        <xsl:with-param name="content">
          <w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Ключевые слова: </w:t></w:r>
          <xsl:for-each select="meta/keywords/keyword">
            <xsl:if test="position() &gt; 1">
              <xsl:call-template name="text-run"><xsl:with-param name="text" select="', '"/></xsl:call-template>
            </xsl:if>
            <xsl:apply-templates mode="inline"/>
          </xsl:for-each>
          <xsl:call-template name="text-run"><xsl:with-param name="text" select="'.'"/></xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <xsl:apply-templates select="body/*" mode="block"/>
    <xsl:if test="meta/references">
      <xsl:call-template name="para">
        <xsl:with-param name="style" select="'ReferencesHeading'"/>
        <xsl:with-param name="content">
          <xsl:call-template name="text-run">
            <xsl:with-param name="text" select="'Список литературы'"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:variable name="numid">
        <xsl:for-each select="meta/references">
          <xsl:call-template name="num-id"/>
        </xsl:for-each>
      </xsl:variable>
      <xsl:for-each select="meta/references/reference">
        <w:p>
          <xsl:call-template name="ppr">
            <xsl:with-param name="pstyle" select="'Reference'"/>
            <xsl:with-param name="numid" select="$numid"/>
          </xsl:call-template>
          <xsl:apply-templates mode="inline"/>
        </w:p>
      </xsl:for-each>
    </xsl:if>
    <xsl:call-template name="signature"/>
  </xsl:template>

  <!-- ============================================================ collection -->

  <!--
    The title page and its verso are each a borderless one-column table
    (LayoutTable) whose rows have fixed heights, so that what LAYOUT.md
    puts at the foot of the page (city, publisher and year; ISBN and ©) is
    there in Word and LibreOffice alike without frames or guessed spacing.
    Each is a section of its own, without page numbers.
  -->
  <xsl:template match="collection" mode="doc">
    <xsl:variable name="meta" select="meta"/>
    <xsl:call-template name="layout-table">
      <xsl:with-param name="rows">
        <row height="1400" rule="exact" valign="top">
          <xsl:call-template name="para">
            <xsl:with-param name="style" select="'TitleAuthors'"/>
            <xsl:with-param name="content">
              <xsl:call-template name="text-run">
                <xsl:with-param name="text">
                  <xsl:call-template name="authors-short">
                    <xsl:with-param name="authors" select="$meta/authors"/>
                  </xsl:call-template>
                </xsl:with-param>
              </xsl:call-template>
            </xsl:with-param>
          </xsl:call-template>
        </row>
        <row height="10600" rule="atLeast" valign="center">
          <xsl:call-template name="para">
            <xsl:with-param name="style" select="'CollectionTitle'"/>
            <xsl:with-param name="content">
              <xsl:apply-templates select="$meta/title/node()" mode="inline"/>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="para">
            <xsl:with-param name="style" select="'CollectionSubtitle'"/>
            <xsl:with-param name="content">
              <xsl:apply-templates select="$meta/subtitle/node()" mode="inline"/>
            </xsl:with-param>
          </xsl:call-template>
        </row>
        <row height="1800" rule="exact" valign="bottom">
          <xsl:call-template name="para">
            <xsl:with-param name="style" select="'TitleImprint'"/>
            <xsl:with-param name="content">
              <xsl:apply-templates select="$meta/city/node()" mode="inline"/>
              <w:r><w:br/></w:r>
              <xsl:apply-templates select="$meta/publisher/node()" mode="inline"/>
              <w:r><w:br/></w:r>
              <xsl:call-template name="text-run">
                <xsl:with-param name="text" select="$meta/year"/>
              </xsl:call-template>
            </xsl:with-param>
          </xsl:call-template>
        </row>
      </xsl:with-param>
    </xsl:call-template>
    <sb:end orient="portrait" first-page="no" restart="yes" numbers="no"/>

    <xsl:call-template name="layout-table">
      <xsl:with-param name="rows">
        <row height="12800" rule="atLeast" valign="top">
          <xsl:call-template name="para">
            <xsl:with-param name="style" select="'VersoIndex'"/>
            <xsl:with-param name="content">
              <xsl:call-template name="text-run">
                <xsl:with-param name="text" select="concat('УДК ', $meta/udc)"/>
              </xsl:call-template>
              <w:r><w:br/></w:r>
              <xsl:call-template name="text-run">
                <xsl:with-param name="text" select="concat('ББК ', $meta/bbk)"/>
              </xsl:call-template>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="para">
            <xsl:with-param name="style" select="'VersoRecord'"/>
            <xsl:with-param name="content">
              <xsl:call-template name="bibliographic-record"/>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:if test="$meta/annotation">
            <xsl:call-template name="para">
              <xsl:with-param name="style" select="'VersoAnnotation'"/>
              <xsl:with-param name="content">
                <xsl:apply-templates select="$meta/annotation/node()" mode="inline"/>
              </xsl:with-param>
            </xsl:call-template>
          </xsl:if>
        </row>
        <row height="900" rule="exact" valign="bottom">
          <xsl:call-template name="para">
            <xsl:with-param name="style" select="'VersoFoot'"/>
            <xsl:with-param name="content">
              <xsl:call-template name="text-run">
                <xsl:with-param name="text" select="concat('ISBN ', $meta/isbn)"/>
              </xsl:call-template>
              <w:r><w:tab/></w:r>
              <xsl:call-template name="text-run">
                <xsl:with-param name="text" select="concat('© ', $meta/publisher, ', ', $meta/year)"/>
              </xsl:call-template>
            </xsl:with-param>
          </xsl:call-template>
        </row>
      </xsl:with-param>
    </xsl:call-template>
    <sb:end orient="portrait" first-page="no" restart="no" numbers="no"/>

    <!-- contents and preface -->
    <xsl:call-template name="contents"/>
    <xsl:if test="body/*">
      <xsl:call-template name="para">
        <xsl:with-param name="style" select="'Heading1'"/>
        <xsl:with-param name="bookmark" select="'_TocPreface'"/>
        <xsl:with-param name="bookmark-id" select="300000"/>
        <xsl:with-param name="content">
          <xsl:call-template name="text-run">
            <xsl:with-param name="text" select="'Предисловие'"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:apply-templates select="body/*" mode="block"/>
    </xsl:if>
    <sb:end orient="portrait" first-page="no" restart="no" numbers="yes"/>

    <!-- the parts, each document a section of its own -->
    <xsl:for-each select="parts/part">
      <xsl:call-template name="para">
        <xsl:with-param name="style" select="'Heading1'"/>
        <xsl:with-param name="bookmark" select="concat('_TocPart', position())"/>
        <xsl:with-param name="bookmark-id" select="200000 + position()"/>
        <xsl:with-param name="content">
          <xsl:apply-templates select="title/node()" mode="inline"/>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:apply-templates select="entry/*" mode="doc">
        <xsl:with-param name="outline" select="'1'"/>
      </xsl:apply-templates>
      <xsl:if test="not(entry/*)">
        <sb:end orient="portrait" first-page="no" restart="no" numbers="yes"/>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- A borderless one-column table of the text width: rows is an RTF of
       <row height=… rule=exact|atLeast valign=top|center|bottom> holding
       each row's paragraphs. -->
  <xsl:template name="layout-table">
    <xsl:param name="rows"/>
    <w:tbl>
      <w:tblPr>
        <w:tblStyle w:val="LayoutTable"/>
        <w:tblW w:w="{$width-portrait}" w:type="dxa"/>
        <w:tblLayout w:type="fixed"/>
        <w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0"
                   w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>
      </w:tblPr>
      <w:tblGrid><w:gridCol w:w="{$width-portrait}"/></w:tblGrid>
      <xsl:for-each select="exsl:node-set($rows)/row">
        <w:tr>
          <w:trPr>
            <w:cantSplit/>
            <w:trHeight w:val="{@height}" w:hRule="{@rule}"/>
          </w:trPr>
          <w:tc>
            <w:tcPr>
              <w:tcW w:w="{$width-portrait}" w:type="dxa"/>
              <w:vAlign w:val="{@valign}"/>
            </w:tcPr>
            <xsl:copy-of select="*"/>
          </w:tc>
        </w:tr>
      </xsl:for-each>
    </w:tbl>
  </xsl:template>

  <!--
    «Title : subtitle : сборник / А.Б. Иванов, В.Г. Петров, Д.Е. Сидоров
    [и др.]. – Челябинск : ЧИРО, 2022. – 678 с. – ISBN 978-…»
    (GOST R 7.0.100); the number of pages is a NUMPAGES field.
  -->
  <xsl:template name="bibliographic-record">
    <xsl:variable name="meta" select="meta"/>
    <xsl:apply-templates select="$meta/title/node()" mode="inline"/>
    <xsl:call-template name="text-run"><xsl:with-param name="text" select="' : '"/></xsl:call-template>
    <xsl:apply-templates select="$meta/subtitle/node()" mode="inline"/>
    <xsl:call-template name="text-run">
      <xsl:with-param name="text">
        <xsl:text> : </xsl:text>
        <xsl:choose>
          <xsl:when test="$meta/genre"><xsl:value-of select="$meta/genre"/></xsl:when>
          <xsl:otherwise>сборник</xsl:otherwise>
        </xsl:choose>
        <xsl:text> / </xsl:text>
        <xsl:call-template name="authors-short">
          <xsl:with-param name="authors" select="$meta/authors"/>
        </xsl:call-template>
        <xsl:value-of select="concat('.&#160;– ', $meta/city, ' : ', $meta/publisher, ', ',
                                     $meta/year, '.&#160;– ')"/>
      </xsl:with-param>
    </xsl:call-template>
    <w:r><w:fldChar w:fldCharType="begin"/></w:r>
    <w:r><w:instrText xml:space="preserve"> NUMPAGES </w:instrText></w:r>
    <w:r><w:fldChar w:fldCharType="separate"/></w:r>
    <xsl:call-template name="text-run">
      <xsl:with-param name="text" select="$total-pages"/>
    </xsl:call-template>
    <w:r><w:fldChar w:fldCharType="end"/></w:r>
    <xsl:call-template name="text-run">
      <xsl:with-param name="text" select="concat('&#160;с.&#160;– ISBN ', $meta/isbn, '.')"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ============================================================ contents -->

  <!--
    A TOC field whose result is already there: the preface, the parts
    (level 1) and their documents (level 2), each a hyperlink to its
    bookmark, with a PAGEREF whose shown value is estimate.xsl's page
    estimate (Word's "Update field" makes them exact).
  -->
  <xsl:template name="contents">
    <xsl:variable name="entries">
      <xsl:if test="body/*">
        <entry level="1" bookmark="_TocPreface" page="{$preface-page}">Предисловие</entry>
      </xsl:if>
      <xsl:for-each select="parts/part">
        <xsl:variable name="first" select="(entry/*)[1]"/>
        <entry level="1" bookmark="_TocPart{position()}">
          <xsl:attribute name="page">
            <xsl:choose>
              <xsl:when test="$first">
                <xsl:call-template name="start-page">
                  <xsl:with-param name="doc" select="$first"/>
                </xsl:call-template>
              </xsl:when>
              <xsl:otherwise/>
            </xsl:choose>
          </xsl:attribute>
          <xsl:value-of select="normalize-space(title)"/>
        </entry>
        <xsl:for-each select="entry/*">
          <entry level="2">
            <xsl:attribute name="bookmark">
              <xsl:call-template name="doc-bookmark"/>
            </xsl:attribute>
            <xsl:attribute name="page">
              <xsl:call-template name="start-page">
                <xsl:with-param name="doc" select="."/>
              </xsl:call-template>
            </xsl:attribute>
            <xsl:value-of select="normalize-space(meta/title)"/>
          </entry>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:variable>
    <w:sdt>
      <w:sdtPr>
        <w:docPartObj>
          <w:docPartGallery w:val="Table of Contents"/>
          <w:docPartUnique/>
        </w:docPartObj>
      </w:sdtPr>
      <w:sdtContent>
        <w:p>
          <w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr>
          <w:r><w:t>Содержание</w:t></w:r>
        </w:p>
        <xsl:for-each select="exsl:node-set($entries)/entry">
          <w:p>
            <w:pPr><w:pStyle w:val="TOC{@level}"/></w:pPr>
            <xsl:if test="position() = 1">
              <w:r><w:fldChar w:fldCharType="begin"/></w:r>
              <w:r><w:instrText xml:space="preserve"> TOC \o "1-2" \h \z \u </w:instrText></w:r>
              <w:r><w:fldChar w:fldCharType="separate"/></w:r>
            </xsl:if>
            <w:hyperlink w:anchor="{@bookmark}" w:history="1">
              <w:r><w:t xml:space="preserve"><xsl:value-of select="."/></w:t></w:r>
              <w:r><w:tab/></w:r>
              <w:r><w:fldChar w:fldCharType="begin"/></w:r>
              <w:r><w:instrText xml:space="preserve"> PAGEREF <xsl:value-of select="@bookmark"/> \h </w:instrText></w:r>
              <w:r><w:fldChar w:fldCharType="separate"/></w:r>
              <w:r><w:t><xsl:value-of select="@page"/></w:t></w:r>
              <w:r><w:fldChar w:fldCharType="end"/></w:r>
            </w:hyperlink>
          </w:p>
        </xsl:for-each>
        <w:p>
          <w:pPr><w:pStyle w:val="TOC1"/></w:pPr>
          <w:r><w:fldChar w:fldCharType="end"/></w:r>
        </w:p>
      </w:sdtContent>
    </w:sdt>
  </xsl:template>

</xsl:stylesheet>
