<?xml version="1.0" encoding="UTF-8"?>
<!--
  html.xsl: one HTML page from the intermediate XML (schemas/sbornik.xsd).

  src/html.c runs this stylesheet (libxslt, no file or network access) on

    - an assembled document (order, letter, document, concept, roadmap,
      article): the page docs/<id>.html, an order with its annexes;
    - a collection: the page <id>/index.html, its title page, verso,
      contents and preface;
    - the project summary <project>: the page index.html.

  Parameters:
    root        the way from this page up to the output folder ("", "../",
                "../../"): every link is relative to it
    build-date  SOURCE_DATE_EPOCH as YYYY-MM-DD, or "": the date of pages
                whose document has none (never the clock)

  The modules: common.xsl (page shell, requisites, links), inline.xsl,
  blocks.xsl, footnotes.xsl, then one per kind; ../timeline.xsl draws the
  roadmap's timeline (imported first, as XSLT requires).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="../timeline.xsl"/>

  <xsl:include href="common.xsl"/>
  <xsl:include href="inline.xsl"/>
  <xsl:include href="blocks.xsl"/>
  <xsl:include href="footnotes.xsl"/>
  <xsl:include href="order.xsl"/>
  <xsl:include href="letter.xsl"/>
  <xsl:include href="document.xsl"/>
  <xsl:include href="roadmap.xsl"/>
  <xsl:include href="article.xsl"/>
  <xsl:include href="collection.xsl"/>
  <xsl:include href="index.xsl"/>

  <!-- HTML syntax; the doctype is written by hand below because XSLT 1.0
       knows only HTML 4 doctypes. -->
  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <xsl:param name="root" select="''"/>
  <xsl:param name="build-date" select="''"/>

  <xsl:template match="/">
    <xsl:text disable-output-escaping="yes">&lt;!DOCTYPE html&gt;&#10;</xsl:text>
    <xsl:apply-templates select="*" mode="page"/>
  </xsl:template>

</xsl:stylesheet>
