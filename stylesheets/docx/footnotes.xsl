<?xml version="1.0" encoding="UTF-8"?>
<!--
  footnotes.xsl: word/footnotes.xml: the separator notes Word expects (ids
  -1 and 0, named in settings.xml) and one w:footnote per footnote of the
  tree, with the id its first mark opens (common.xsl, fnref-id); the text
  is in FootnoteText, 12 pt.

  The number is Word's own (w:footnoteRef), so that a clerk's new note is
  numbered in turn.  Word and LibreOffice number footnotes through the
  file: per document in a document's file (only one of an order and its
  annexes has notes in practice), through the volume in a collection.  A
  restart per section (w:numRestart in w:sectPr) would be per document in
  Word, but LibreOffice 7.4 prints such notes as 0; custom marks print
  twice in LibreOffice.  Both were tried and dropped.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
    xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">

  <xsl:template name="footnotes-part">
    <w:footnotes>
      <w:footnote w:type="separator" w:id="-1">
        <w:p>
          <w:pPr><w:ind w:firstLine="0"/></w:pPr>
          <w:r><w:separator/></w:r>
        </w:p>
      </w:footnote>
      <w:footnote w:type="continuationSeparator" w:id="0">
        <w:p>
          <w:pPr><w:ind w:firstLine="0"/></w:pPr>
          <w:r><w:continuationSeparator/></w:r>
        </w:p>
      </w:footnote>
      <xsl:for-each select="//fnref">
        <xsl:variable name="key">
          <xsl:call-template name="fnref-key"/>
        </xsl:variable>
        <xsl:if test="generate-id(key('fnref', $key)[1]) = generate-id(.)">
          <xsl:variable name="n" select="@n"/>
          <xsl:variable name="note"
              select="ancestor::*[self::order or self::letter or self::document or self::concept
                      or self::roadmap or self::article or self::collection][1]
                      /footnotes/footnote[@n = $n]"/>
          <w:footnote>
            <xsl:attribute name="w:id">
              <xsl:call-template name="fnref-id"/>
            </xsl:attribute>
            <xsl:variable name="mark">
              <w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>
              <w:r><w:t xml:space="preserve"> </w:t></w:r>
            </xsl:variable>
            <xsl:choose>
              <xsl:when test="$note/*[1][self::p]">
                <xsl:apply-templates select="$note/*[1]" mode="block">
                  <xsl:with-param name="pstyle" select="'FootnoteText'"/>
                  <xsl:with-param name="prefix" select="$mark"/>
                </xsl:apply-templates>
                <xsl:apply-templates select="$note/*[position() &gt; 1]" mode="block">
                  <xsl:with-param name="pstyle" select="'FootnoteText'"/>
                </xsl:apply-templates>
              </xsl:when>
              <xsl:otherwise>
                <w:p>
                  <w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>
                  <xsl:copy-of select="$mark"/>
                </w:p>
                <xsl:apply-templates select="$note/*" mode="block">
                  <xsl:with-param name="pstyle" select="'FootnoteText'"/>
                </xsl:apply-templates>
              </xsl:otherwise>
            </xsl:choose>
          </w:footnote>
        </xsl:if>
      </xsl:for-each>
    </w:footnotes>
  </xsl:template>

</xsl:stylesheet>
