<?xml version="1.0" encoding="UTF-8"?>
<!--
  common.xsl: what every part agrees on.

  Lengths are in twentieths of a point (twips, 1 mm = 56.7) unless named
  otherwise; EMU (914400 per inch, 635 per twip) for drawings.  Page and
  margins come from LAYOUT.md: A4, left 30 mm, right 15 mm, top and bottom
  20 mm; the text area is 165 mm wide on a portrait page, 252 mm on a
  landscape one.

  Numbers that two parts must agree on (the numbering instance of a list,
  the id of a footnote, the bookmark of a document, the relationship of an
  image or link) are computed here from positions in the tree, so that
  document.xml, numbering.xml, footnotes.xml and the relationships are made
  independently and still match.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:docx="urn:sbornik:docx"
    exclude-result-prefixes="docx">

  <!-- ============================================================ page -->

  <xsl:variable name="page-w" select="11906"/>        <!-- 210 mm -->
  <xsl:variable name="page-h" select="16838"/>        <!-- 297 mm -->
  <xsl:variable name="margin-left" select="1701"/>    <!-- 30 mm -->
  <xsl:variable name="margin-right" select="851"/>    <!-- 15 mm -->
  <xsl:variable name="margin-top" select="1134"/>     <!-- 20 mm -->
  <xsl:variable name="margin-bottom" select="1134"/>  <!-- 20 mm -->
  <xsl:variable name="header-distance" select="567"/> <!-- page number 10 mm from the edge -->
  <xsl:variable name="width-portrait" select="$page-w - $margin-left - $margin-right"/>
  <xsl:variable name="width-landscape" select="$page-h - $margin-left - $margin-right"/>
  <xsl:variable name="indent" select="709"/>          <!-- 1.25 cm first-line indent -->
  <!-- The approval stamp: a block about 75 mm wide whose left edge is at
       the centre of the text area. -->
  <xsl:variable name="stamp-width" select="4252"/>

  <xsl:variable name="collection" select="boolean(/collection)"/>

  <!-- Every distinct image, in document order (src/docx.c numbers them
       the same way: docx:image-index). -->
  <xsl:variable name="images" select="//image[not(@src = preceding::image/@src)]"/>

  <!-- ============================================================ documents -->

  <!-- The document elements: a collection, and the documents and annexes
       embedded in it or in an order. -->
  <xsl:key name="doc" match="order|letter|document|concept|roadmap|article|collection"
           use="@id"/>

  <!-- A roadmap of six or more columns is set on landscape pages. -->
  <xsl:template name="landscape">
    <xsl:param name="doc"
        select="ancestor-or-self::*[self::order or self::letter or self::document
                or self::concept or self::roadmap or self::article or self::collection][1]"/>
    <xsl:value-of select="boolean($doc/self::roadmap and count($doc/meta/columns/column) &gt;= 6)"/>
  </xsl:template>

  <!-- The width of the text area where the context node is printed. -->
  <xsl:template name="text-width">
    <xsl:variable name="landscape">
      <xsl:call-template name="landscape"/>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$landscape = 'true'"><xsl:value-of select="$width-landscape"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$width-portrait"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The number of a document element among all of them, in document
       order: its bookmark is _Toc<number>, so that a reference or a
       contents entry can jump to it. -->
  <xsl:template name="doc-index">
    <!-- count(preceding::*[doc]) + count(ancestor-or-self::*[doc]), where
         doc is order, letter, document, concept, roadmap or article:
         computed once for the whole tree by docx.c. -->
    <xsl:value-of select="docx:position('doc')"/>
  </xsl:template>

  <xsl:template name="doc-bookmark">
    <xsl:text>_Toc</xsl:text>
    <xsl:call-template name="doc-index"/>
  </xsl:template>

  <!-- ============================================================ numbering -->

  <!--
    The lists that start a numbering of their own (a w:num each): the
    points of an order, a list that is not the continuation of its parent
    list (a nested list of the same type shares its parent's numbering one
    level down, so that 1) restarts under each point and 1.1. can follow
    1.), the basis of a roadmap, the references of an article, and the
    event rows of a roadmap table.  Their number, in document order, is
    both the w:abstractNumId and the w:numId.
  -->
  <xsl:template name="num-id">
    <!-- count(preceding::N | ancestor-or-self::N) for N the lists above
         (points, basis, references, roadmap, and list[not(../../self::list/@type
         = @type) and not(@type = 'ordered' and parent::point)]): computed
         once for the whole tree by docx.c. -->
    <xsl:value-of select="docx:position('num')"/>
  </xsl:template>

  <!-- The list a list continues (its numbering root is that one's), if any. -->
  <xsl:template name="list-level">
    <xsl:param name="list" select="."/>
    <xsl:param name="depth" select="0"/>
    <xsl:choose>
      <xsl:when test="$list/../../self::list/@type = $list/@type">
        <xsl:call-template name="list-level">
          <xsl:with-param name="list" select="$list/../.."/>
          <xsl:with-param name="depth" select="$depth + 1"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$list/@type = 'ordered' and $list/parent::point">
        <xsl:value-of select="$depth + 1"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$depth"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="list-num-id">
    <xsl:param name="list" select="."/>
    <xsl:choose>
      <xsl:when test="$list/../../self::list/@type = $list/@type">
        <xsl:call-template name="list-num-id">
          <xsl:with-param name="list" select="$list/../.."/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$list/@type = 'ordered' and $list/parent::point">
        <xsl:for-each select="$list/../..">
          <xsl:call-template name="num-id"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="$list">
          <xsl:call-template name="num-id"/>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ footnotes -->

  <!-- A footnote is told apart by its document and number; a second
       reference to it repeats the number (NOTEREF) instead of making a
       second note. -->
  <xsl:key name="fnref" match="fnref"
      use="concat(generate-id(ancestor::*[self::order or self::letter or self::document
           or self::concept or self::roadmap or self::article or self::collection][1]), ':', @n)"/>

  <xsl:template name="fnref-key">
    <xsl:value-of select="concat(generate-id(ancestor::*[self::order or self::letter
        or self::document or self::concept or self::roadmap or self::article
        or self::collection][1]), ':', @n)"/>
  </xsl:template>

  <!-- The w:id of the footnote a reference opens: unique in the file. -->
  <xsl:template name="fnref-id">
    <!-- count(preceding::fnref) + 1, computed once by docx.c -->
    <xsl:value-of select="docx:position('fnref')"/>
  </xsl:template>

  <!-- ============================================================ relationships -->

  <xsl:template name="media-name">
    <xsl:text>word/media/image</xsl:text>
    <xsl:value-of select="docx:image-index(@src)"/>
    <xsl:choose>
      <xsl:when test="@format = 'jpeg'">.jpeg</xsl:when>
      <xsl:otherwise>.png</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="image-rid">
    <xsl:value-of select="concat('rIdImage', docx:image-index(@src))"/>
  </xsl:template>

  <xsl:template name="link-rid">
    <!-- count(preceding::link) + 1, computed once by docx.c -->
    <xsl:value-of select="concat('rIdLink', docx:position('link'))"/>
  </xsl:template>

  <!-- ============================================================ text -->

  <!-- Capitalise the first letter (Russian and Latin). -->
  <xsl:variable name="lower" select="'абвгдеёжзийклмнопрстуфхцчшщъыьэюяabcdefghijklmnopqrstuvwxyz'"/>
  <xsl:variable name="upper" select="'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>

  <xsl:template name="capitalise">
    <xsl:param name="text"/>
    <xsl:value-of select="concat(translate(substring($text, 1, 1), $lower, $upper),
                                 substring($text, 2))"/>
  </xsl:template>

  <!-- text with every «from» replaced by «to» -->
  <xsl:template name="replace">
    <xsl:param name="text"/>
    <xsl:param name="from"/>
    <xsl:param name="to"/>
    <xsl:choose>
      <xsl:when test="contains($text, $from)">
        <xsl:value-of select="concat(substring-before($text, $from), $to)"/>
        <xsl:call-template name="replace">
          <xsl:with-param name="text" select="substring-after($text, $from)"/>
          <xsl:with-param name="from" select="$from"/>
          <xsl:with-param name="to" select="$to"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Names of up to three authors, then «[и др.]» (GOST R 7.0.100). -->
  <xsl:template name="authors-short">
    <xsl:param name="authors"/>
    <xsl:for-each select="$authors/author[position() &lt;= 3]">
      <xsl:if test="position() &gt; 1">, </xsl:if>
      <xsl:value-of select="name"/>
    </xsl:for-each>
    <xsl:if test="count($authors/author) &gt; 3"> [и др.]</xsl:if>
  </xsl:template>

</xsl:stylesheet>
