<?xml version="1.0" encoding="UTF-8"?>
<!--
  inline.xsl: text inside a paragraph → runs (mode "inline").

  Emphasis is direct formatting (b, i, strike), as an author's bold is in
  Word; everything with a role has a character style: fields (Field),
  footnote marks (FootnoteReference), code (Code), links (Hyperlink).

  A fill-in field {{caption}} becomes a plain-text content control showing
  its caption as placeholder text, highlighted by the Field style: a click
  selects it whole, typing replaces it.  A reference [[id]] is its text;
  when the document it names is in the same file it is also an internal
  hyperlink to that document's bookmark.  A footnote mark opens a real
  footnote (footnotes.xsl writes its text).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
    xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"
    xmlns:docx="urn:sbornik:docx"
    exclude-result-prefixes="docx">

  <!-- ============================================================ runs -->

  <!-- Run properties of a text node from the inline elements around it,
       in the order the schema wants them (rStyle, b, i, strike). -->
  <xsl:template name="run-properties">
    <xsl:param name="style">
      <xsl:choose>
        <xsl:when test="ancestor::code">Code</xsl:when>
        <xsl:when test="ancestor::link">Hyperlink</xsl:when>
      </xsl:choose>
    </xsl:param>
    <xsl:if test="$style != '' or ancestor::b or ancestor::i or ancestor::s">
      <w:rPr>
        <xsl:if test="$style != ''"><w:rStyle w:val="{$style}"/></xsl:if>
        <xsl:if test="ancestor::b"><w:b/><w:bCs/></xsl:if>
        <xsl:if test="ancestor::i"><w:i/><w:iCs/></xsl:if>
        <xsl:if test="ancestor::s"><w:strike/></xsl:if>
      </w:rPr>
    </xsl:if>
  </xsl:template>

  <!-- A line break or tab in the source text is a space in print. -->
  <xsl:template name="run-text">
    <xsl:param name="text" select="."/>
    <w:t xml:space="preserve"><xsl:value-of select="translate($text, '&#10;&#13;&#9;', '   ')"/></w:t>
  </xsl:template>

  <xsl:template match="text()" mode="inline">
    <xsl:if test="string-length(.) &gt; 0">
      <w:r>
        <xsl:call-template name="run-properties"/>
        <xsl:call-template name="run-text"/>
      </w:r>
    </xsl:if>
  </xsl:template>

  <xsl:template match="b | i | s" mode="inline">
    <xsl:apply-templates mode="inline"/>
  </xsl:template>

  <xsl:template match="code" mode="inline">
    <w:r>
      <xsl:call-template name="run-properties">
        <xsl:with-param name="style" select="'Code'"/>
      </xsl:call-template>
      <xsl:call-template name="run-text"/>
    </w:r>
  </xsl:template>

  <xsl:template match="br" mode="inline">
    <w:r><w:br/></w:r>
  </xsl:template>

  <!-- ============================================================ links -->

  <xsl:template match="link" mode="inline">
    <w:hyperlink w:history="1">
      <xsl:attribute name="r:id">
        <xsl:call-template name="link-rid"/>
      </xsl:attribute>
      <xsl:apply-templates mode="inline"/>
    </w:hyperlink>
  </xsl:template>

  <xsl:template match="ref" mode="inline">
    <xsl:variable name="target" select="key('doc', @target)[1]"/>
    <xsl:choose>
      <xsl:when test="$target and not($target/self::collection)">
        <w:hyperlink w:history="1">
          <xsl:attribute name="w:anchor">
            <xsl:for-each select="$target">
              <xsl:call-template name="doc-bookmark"/>
            </xsl:for-each>
          </xsl:attribute>
          <w:r>
            <xsl:call-template name="run-properties">
              <xsl:with-param name="style" select="''"/>
            </xsl:call-template>
            <xsl:call-template name="run-text"/>
          </w:r>
        </w:hyperlink>
      </xsl:when>
      <xsl:otherwise>
        <w:r>
          <xsl:call-template name="run-properties"/>
          <xsl:call-template name="run-text"/>
        </w:r>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ fields -->

  <!-- Word limits a content control's title and tag to 64 characters; the
       caption itself is whole in the placeholder text. -->
  <xsl:template match="field" mode="inline">
    <xsl:variable name="caption" select="normalize-space(.)"/>
    <w:sdt>
      <w:sdtPr>
        <w:alias w:val="{substring($caption, 1, 64)}"/>
        <w:tag w:val="{substring($caption, 1, 64)}"/>
        <w:id w:val="{docx:position('field')}"/>
        <w:showingPlcHdr/>
      </w:sdtPr>
      <w:sdtContent>
        <w:r>
          <xsl:call-template name="run-properties">
            <xsl:with-param name="style" select="'Field'"/>
          </xsl:call-template>
          <xsl:call-template name="run-text">
            <xsl:with-param name="text" select="$caption"/>
          </xsl:call-template>
        </w:r>
      </w:sdtContent>
    </w:sdt>
  </xsl:template>

  <!-- ============================================================ footnotes -->

  <xsl:template match="fnref" mode="inline">
    <xsl:variable name="key">
      <xsl:call-template name="fnref-key"/>
    </xsl:variable>
    <xsl:variable name="refs" select="key('fnref', $key)"/>
    <xsl:variable name="first-id">
      <xsl:for-each select="$refs[1]">
        <xsl:call-template name="fnref-id"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="generate-id($refs[1]) = generate-id(.)">
        <xsl:if test="count($refs) &gt; 1">
          <w:bookmarkStart w:id="{100000 + $first-id}" w:name="_RefFn{$first-id}"/>
        </xsl:if>
        <w:r>
          <w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>
          <w:footnoteReference w:id="{$first-id}"/>
        </w:r>
        <xsl:if test="count($refs) &gt; 1">
          <w:bookmarkEnd w:id="{100000 + $first-id}"/>
        </xsl:if>
      </xsl:when>
      <!-- A second mark of the same note: its number, kept by a field. -->
      <xsl:otherwise>
        <w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r>
        <w:r>
          <w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>
          <w:instrText xml:space="preserve"> NOTEREF _RefFn<xsl:value-of select="$first-id"/> \f \h </w:instrText>
        </w:r>
        <w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r>
        <w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:t><xsl:value-of select="@n"/></w:t></w:r>
        <w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ images -->

  <!-- An image at its natural size (pixels at the resolution the file
       gives, 96 dpi if none), shrunk to the text width and to 80 % of the
       text height, aspect kept. -->
  <xsl:template match="image" mode="inline">
    <xsl:variable name="landscape">
      <xsl:call-template name="landscape"/>
    </xsl:variable>
    <xsl:variable name="max-cx">
      <xsl:call-template name="text-width"/>
    </xsl:variable>
    <xsl:variable name="max-cy">
      <xsl:choose>
        <xsl:when test="$landscape = 'true'">
          <xsl:value-of select="floor(($page-w - $margin-top - $margin-bottom) * 0.8)"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="floor(($page-h - $margin-top - $margin-bottom) * 0.8)"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="cx0" select="docx:image-cx(@src)"/>
    <xsl:variable name="cy0" select="docx:image-cy(@src)"/>
    <!-- the scale that fits both bounds, at most 1 -->
    <xsl:variable name="sx" select="$max-cx * 635 div $cx0"/>
    <xsl:variable name="sy" select="$max-cy * 635 div $cy0"/>
    <xsl:variable name="scale">
      <xsl:choose>
        <xsl:when test="$sx &lt; 1 and $sx &lt;= $sy"><xsl:value-of select="$sx"/></xsl:when>
        <xsl:when test="$sy &lt; 1"><xsl:value-of select="$sy"/></xsl:when>
        <xsl:otherwise>1</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="cx" select="floor($cx0 * $scale)"/>
    <xsl:variable name="cy" select="floor($cy0 * $scale)"/>
    <xsl:variable name="n" select="docx:position('image')"/>
    <xsl:variable name="rid">
      <xsl:call-template name="image-rid"/>
    </xsl:variable>
    <w:r>
      <w:drawing>
        <wp:inline distT="0" distB="0" distL="0" distR="0">
          <wp:extent cx="{$cx}" cy="{$cy}"/>
          <wp:docPr id="{$n}" name="Рисунок {$n}" descr="{normalize-space(.)}"/>
          <wp:cNvGraphicFramePr>
            <a:graphicFrameLocks noChangeAspect="1"/>
          </wp:cNvGraphicFramePr>
          <a:graphic>
            <a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">
              <pic:pic>
                <pic:nvPicPr>
                  <pic:cNvPr id="{$n}" name="image{docx:image-index(@src)}"/>
                  <pic:cNvPicPr/>
                </pic:nvPicPr>
                <pic:blipFill>
                  <a:blip r:embed="{$rid}"/>
                  <a:stretch><a:fillRect/></a:stretch>
                </pic:blipFill>
                <pic:spPr>
                  <a:xfrm>
                    <a:off x="0" y="0"/>
                    <a:ext cx="{$cx}" cy="{$cy}"/>
                  </a:xfrm>
                  <a:prstGeom prst="rect"><a:avLst/></a:prstGeom>
                </pic:spPr>
              </pic:pic>
            </a:graphicData>
          </a:graphic>
        </wp:inline>
      </w:drawing>
    </w:r>
  </xsl:template>

</xsl:stylesheet>
