<?xml version="1.0" encoding="UTF-8"?>
<!--
  footnotes.xsl: the notes of one document, numbered per document as the
  tree numbers them, at the end of its sheet under a short rule.  Each
  note's number links back to its first mark; each mark links to its note
  (inline.xsl).  Ids carry the document's id, so that an order and its
  annexes on one page never share one.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="footnotes">
    <xsl:variable name="anchor">
      <xsl:call-template name="doc-anchor"/>
    </xsl:variable>
    <section class="footnotes" aria-label="Сноски">
      <ol class="footnote-list">
        <xsl:for-each select="footnote">
          <li id="fn-{$anchor}-{@n}" value="{@n}">
            <a class="footnote-back" href="#fnref-{$anchor}-{@n}"
               title="Вернуться к тексту">
              <xsl:value-of select="@n"/>
            </a>
            <div class="footnote-text">
              <xsl:apply-templates select="*"/>
            </div>
          </li>
          <xsl:text>&#10;</xsl:text>
        </xsl:for-each>
      </ol>
    </section>
  </xsl:template>

</xsl:stylesheet>
