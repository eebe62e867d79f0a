<?xml version="1.0" encoding="UTF-8"?>
<!--
  collection.xsl: a collection's site page, <id>/index.html: the title
  page (authors, title, subtitle, city, publisher, year), the verso (УДК,
  ББК, the bibliographic record, the annotation, ISBN and ©), the
  contents (parts, their documents with their annexes, each a link to
  its page), then the preface with its notes.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="collection" mode="page">
    <html lang="ru">
      <xsl:call-template name="head">
        <xsl:with-param name="title">
          <xsl:apply-templates select="meta/title" mode="text"/>
          <xsl:text> : </xsl:text>
          <xsl:apply-templates select="meta/subtitle" mode="text"/>
        </xsl:with-param>
        <xsl:with-param name="author">
          <xsl:apply-templates select="meta" mode="author"/>
        </xsl:with-param>
        <xsl:with-param name="keywords">
          <xsl:apply-templates select="meta/keywords" mode="text"/>
        </xsl:with-param>
        <xsl:with-param name="date">
          <xsl:choose>
            <xsl:when test="meta/date/@value">
              <xsl:value-of select="meta/date/@value"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="meta/year"/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
        <xsl:with-param name="description">
          <xsl:apply-templates select="meta/annotation" mode="text"/>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:text>&#10;</xsl:text>
      <body class="page-collection">
        <nav class="site-nav" aria-label="Навигация">
          <a href="{$root}index.html">Все документы</a>
        </nav>
        <main>
          <xsl:apply-templates select="." mode="title-page"/>
          <xsl:apply-templates select="." mode="verso"/>
          <xsl:apply-templates select="." mode="contents"/>
          <xsl:if test="body/* or footnotes">
            <xsl:variable name="anchor">
              <xsl:call-template name="anchor"/>
            </xsl:variable>
            <section class="sheet preface" id="{$anchor}">
              <h2>Предисловие</h2>
              <xsl:apply-templates select="body/*"/>
              <xsl:apply-templates select="footnotes"/>
            </section>
          </xsl:if>
        </main>
      </body>
    </html>
  </xsl:template>

  <!-- «А.Б. Иванов, В.Г. Петров, Д.Е. Сидоров [и др.]»: three at most. -->
  <xsl:template name="authors-short">
    <xsl:for-each select="meta/authors/author[position() &lt;= 3]">
      <xsl:if test="position() &gt; 1">, </xsl:if>
      <xsl:apply-templates select="name/node()"/>
    </xsl:for-each>
    <xsl:if test="count(meta/authors/author) &gt; 3"> [и&#160;др.]</xsl:if>
  </xsl:template>

  <xsl:template match="collection" mode="title-page">
    <section class="sheet title-page" aria-label="Титульный лист">
      <p class="tp-authors"><xsl:call-template name="authors-short"/></p>
      <div class="tp-main">
        <h1 class="tp-title"><xsl:apply-templates select="meta/title/node()"/></h1>
        <p class="tp-subtitle"><xsl:apply-templates select="meta/subtitle/node()"/></p>
      </div>
      <p class="tp-imprint">
        <xsl:apply-templates select="meta/city/node()"/>
        <br/>
        <xsl:apply-templates select="meta/publisher/node()"/>
        <br/>
        <xsl:value-of select="meta/year"/>
      </p>
    </section>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- The verso, GOST R 7.0.4: the record reads «Title : subtitle :
       сборник / authors. – City : Publisher, year. – ISBN …». -->
  <xsl:template match="collection" mode="verso">
    <section class="sheet verso" aria-label="Оборот титульного листа">
      <p class="verso-class">
        <span>УДК <xsl:value-of select="meta/udc"/></span>
        <br/>
        <span>ББК <xsl:value-of select="meta/bbk"/></span>
      </p>
      <p class="verso-record">
        <strong><xsl:apply-templates select="meta/title/node()"/></strong>
        <xsl:text> : </xsl:text>
        <xsl:apply-templates select="meta/subtitle/node()"/>
        <xsl:text> : </xsl:text>
        <xsl:choose>
          <xsl:when test="meta/genre">
            <xsl:apply-templates select="meta/genre/node()"/>
          </xsl:when>
          <xsl:otherwise>сборник</xsl:otherwise>
        </xsl:choose>
        <xsl:text> / </xsl:text>
        <xsl:call-template name="authors-short"/>
        <xsl:text>. – </xsl:text>
        <xsl:apply-templates select="meta/city/node()"/>
        <xsl:text> : </xsl:text>
        <xsl:apply-templates select="meta/publisher/node()"/>
        <xsl:text>, </xsl:text>
        <xsl:value-of select="meta/year"/>
        <xsl:text>. – ISBN </xsl:text>
        <xsl:value-of select="meta/isbn"/>
        <xsl:text>.</xsl:text>
      </p>
      <xsl:if test="meta/annotation">
        <p class="verso-annotation"><xsl:apply-templates select="meta/annotation/node()"/></p>
      </xsl:if>
      <p class="verso-foot">
        <span class="verso-isbn">ISBN <xsl:value-of select="meta/isbn"/></span>
        <span class="verso-copyright">
          <xsl:text>© </xsl:text>
          <xsl:apply-templates select="meta/publisher/node()"/>
          <xsl:text>, </xsl:text>
          <xsl:value-of select="meta/year"/>
        </span>
      </p>
    </section>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="collection" mode="contents">
    <nav class="sheet contents" id="contents" aria-label="Содержание">
      <h2>Содержание</h2>
      <ol class="contents-parts">
        <xsl:for-each select="parts/part">
          <li class="contents-part">
            <p class="part-title"><xsl:apply-templates select="title/node()"/></p>
            <xsl:if test="entry">
              <ol class="contents-entries">
                <xsl:for-each select="entry">
                  <xsl:apply-templates select="*" mode="contents-entry"/>
                </xsl:for-each>
              </ol>
            </xsl:if>
          </li>
          <xsl:text>&#10;</xsl:text>
        </xsl:for-each>
      </ol>
    </nav>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- One document of the contents: its title as a link to its page,
       what it is, and its annexes under it. -->
  <xsl:template match="*" mode="contents-entry">
    <li>
      <a>
        <xsl:attribute name="href">
          <xsl:call-template name="doc-href">
            <xsl:with-param name="id" select="@id"/>
          </xsl:call-template>
        </xsl:attribute>
        <xsl:if test="parent::annex">
          <xsl:text>Приложение </xsl:text>
          <xsl:value-of select="../@n"/>
          <xsl:text>. </xsl:text>
        </xsl:if>
        <xsl:apply-templates select="meta/title" mode="text"/>
      </a>
      <span class="entry-meta">
        <xsl:apply-templates select="." mode="label"/>
        <xsl:call-template name="requisites"/>
        <xsl:if test="@status = 'model'"> · модельный документ</xsl:if>
        <xsl:if test="@status = 'draft'"> · проект</xsl:if>
      </span>
      <xsl:if test="annexes/annex">
        <ol class="contents-annexes">
          <xsl:for-each select="annexes/annex">
            <xsl:apply-templates select="*" mode="contents-entry"/>
          </xsl:for-each>
        </ol>
      </xsl:if>
    </li>
  </xsl:template>

</xsl:stylesheet>
