<?xml version="1.0" encoding="UTF-8"?>
<!--
  package.xsl: the assembled tree of one document or collection → the
  manifest of a DOCX package.

  src/docx.c runs this stylesheet (parsed once, with file and network
  access forbidden) and zips what it returns:

    <pkg:package>
      <pkg:part name="[Content_Types].xml"> <Types …/> </pkg:part>
      …
      <pkg:part name="word/media/image1.png" image="images/chart.png"/>
    </pkg:package>

  Each part holds exactly one XML element, serialised as its own file, or
  names an image of the tree whose bytes src/docx.c adds.  The order here
  is the order of the zip.  Nothing in these stylesheets may depend on the
  clock, the machine or node addresses (generate-id is used for grouping
  only, never written), so the same tree gives the same package.

  The parts are made by the included modules:
    common.xsl     page geometry, counters, bookmarks, style choice
    inline.xsl     text runs: emphasis, fields, references, footnote marks, images
    blocks.xsl     paragraphs, lists, tables, sections, headings
    kinds.xsl      the requisites and layout of each kind, and the collection
    estimate.xsl   page estimates for a collection's contents and record
    styles.xsl     word/styles.xml
    numbering.xsl  word/numbering.xml
    footnotes.xsl  word/footnotes.xml
    parts.xsl      content types, relationships, settings, headers, properties
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:pkg="urn:sbornik:docx:package">

  <xsl:include href="common.xsl"/>
  <xsl:include href="inline.xsl"/>
  <xsl:include href="blocks.xsl"/>
  <xsl:include href="kinds.xsl"/>
  <xsl:include href="estimate.xsl"/>
  <xsl:include href="styles.xsl"/>
  <xsl:include href="numbering.xsl"/>
  <xsl:include href="footnotes.xsl"/>
  <xsl:include href="parts.xsl"/>

  <xsl:output method="xml" encoding="UTF-8"/>

  <!-- When the package is dated (W3CDTF, UTC): SOURCE_DATE_EPOCH or the
       document's date, chosen by src/docx.c, never the clock. -->
  <xsl:param name="created" select="'1980-01-01T00:00:00Z'"/>

  <xsl:template match="/">
    <pkg:package>
      <pkg:part name="[Content_Types].xml">
        <xsl:call-template name="content-types"/>
      </pkg:part>
      <pkg:part name="_rels/.rels">
        <xsl:call-template name="package-rels"/>
      </pkg:part>
      <pkg:part name="docProps/core.xml">
        <xsl:call-template name="core-properties"/>
      </pkg:part>
      <pkg:part name="docProps/app.xml">
        <xsl:call-template name="app-properties"/>
      </pkg:part>
      <pkg:part name="word/document.xml">
        <xsl:call-template name="document-part"/>
      </pkg:part>
      <pkg:part name="word/_rels/document.xml.rels">
        <xsl:call-template name="document-rels"/>
      </pkg:part>
      <pkg:part name="word/styles.xml">
        <xsl:call-template name="styles-part"/>
      </pkg:part>
      <pkg:part name="word/numbering.xml">
        <xsl:call-template name="numbering-part"/>
      </pkg:part>
      <pkg:part name="word/footnotes.xml">
        <xsl:call-template name="footnotes-part"/>
      </pkg:part>
      <pkg:part name="word/settings.xml">
        <xsl:call-template name="settings-part"/>
      </pkg:part>
      <pkg:part name="word/fontTable.xml">
        <xsl:call-template name="font-table"/>
      </pkg:part>
      <pkg:part name="word/header1.xml">
        <xsl:call-template name="header-page-number"/>
      </pkg:part>
      <pkg:part name="word/header2.xml">
        <xsl:call-template name="header-empty"/>
      </pkg:part>
      <xsl:for-each select="$images">
        <pkg:part image="{@src}">
          <xsl:attribute name="name">
            <xsl:call-template name="media-name"/>
          </xsl:attribute>
        </pkg:part>
      </xsl:for-each>
    </pkg:package>
  </xsl:template>

</xsl:stylesheet>
