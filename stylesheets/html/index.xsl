<?xml version="1.0" encoding="UTF-8"?>
<!--
  index.xsl: index.html from the project summary build.c gives writers:

    <project formats="html,ics,csv,svg">
      <item ref="…" kind="order" status="final" src="…" annex-of="…">
        <title/> <genre/> <date value="…"/> <number/> <year/>

  Every collection first, then every document grouped by kind, dated
  ones in date order, then the undated (models) by title.  Each links its
  page and the other files of this run: PDF, DOCX, XML and, for a
  roadmap, its calendar, table and timeline; only the formats named in
  @formats were written, so only those are linked.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="project" mode="page">
    <html lang="ru">
      <xsl:call-template name="head">
        <xsl:with-param name="title">Документы: указатель</xsl:with-param>
        <xsl:with-param name="description">
          <xsl:text>Сборники и документы: </xsl:text>
          <xsl:value-of select="count(item[@kind = 'collection'])"/>
          <xsl:text> и </xsl:text>
          <xsl:value-of select="count(item[@kind != 'collection'])"/>
        </xsl:with-param>
        <xsl:with-param name="keywords">
          <xsl:for-each select="item[@kind = 'collection']">
            <xsl:if test="position() &gt; 1">, </xsl:if>
            <xsl:apply-templates select="title" mode="text"/>
          </xsl:for-each>
        </xsl:with-param>
        <xsl:with-param name="date" select="$build-date"/>
      </xsl:call-template>
      <xsl:text>&#10;</xsl:text>
      <body class="page-index">
        <main class="sheet index">
          <h1>Документы</h1>
          <xsl:if test="item[@kind = 'collection']">
            <section class="index-group" id="collections">
              <h2>Сборники</h2>
              <ul class="index-collections">
                <xsl:for-each select="item[@kind = 'collection']">
                  <xsl:sort select="title"/>
                  <xsl:variable name="url">
                    <xsl:call-template name="url-path">
                      <xsl:with-param name="path" select="@ref"/>
                    </xsl:call-template>
                  </xsl:variable>
                  <li>
                    <a class="index-title" href="{$url}/index.html">
                      <xsl:apply-templates select="title" mode="text"/>
                    </a>
                    <xsl:if test="year">
                      <span class="index-req"><xsl:text> (</xsl:text><xsl:value-of select="year"/>)</span>
                    </xsl:if>
                    <xsl:call-template name="files">
                      <xsl:with-param name="base" select="$url"/>
                    </xsl:call-template>
                  </li>
                </xsl:for-each>
              </ul>
            </section>
          </xsl:if>
          <xsl:call-template name="group">
            <xsl:with-param name="kind" select="'order'"/>
            <xsl:with-param name="heading">Приказы</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="group">
            <xsl:with-param name="kind" select="'letter'"/>
            <xsl:with-param name="heading">Письма</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="group">
            <xsl:with-param name="kind" select="'concept'"/>
            <xsl:with-param name="heading">Концепции</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="group">
            <xsl:with-param name="kind" select="'roadmap'"/>
            <xsl:with-param name="heading">Дорожные карты</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="group">
            <xsl:with-param name="kind" select="'document'"/>
            <xsl:with-param name="heading">Документы</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="group">
            <xsl:with-param name="kind" select="'article'"/>
            <xsl:with-param name="heading">Статьи</xsl:with-param>
          </xsl:call-template>
        </main>
      </body>
    </html>
  </xsl:template>

  <!-- One kind: a table of date, number, title (with genre, marks and
       the order an annex belongs to) and files. -->
  <xsl:template name="group">
    <xsl:param name="kind"/>
    <xsl:param name="heading"/>
    <xsl:variable name="items" select="item[@kind = $kind]"/>
    <xsl:if test="$items">
      <section class="index-group" id="kind-{$kind}">
        <h2><xsl:value-of select="$heading"/></h2>
        <table class="index-table">
          <thead>
            <tr>
              <th scope="col" class="c-date">Дата</th>
              <th scope="col" class="c-number">Номер</th>
              <th scope="col">Наименование</th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="$items[date/@value]">
              <xsl:sort select="date/@value"/>
              <xsl:sort select="title"/>
              <xsl:apply-templates select="." mode="index-row"/>
            </xsl:for-each>
            <xsl:for-each select="$items[not(date/@value)]">
              <xsl:sort select="title"/>
              <xsl:apply-templates select="." mode="index-row"/>
            </xsl:for-each>
          </tbody>
        </table>
      </section>
      <xsl:text>&#10;</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template match="item" mode="index-row">
    <tr>
      <td class="c-date"><xsl:apply-templates select="date[not(field)]" mode="text"/></td>
      <td class="c-number"><xsl:apply-templates select="number[not(field)]" mode="text"/></td>
      <td>
        <xsl:variable name="url">
          <xsl:text>docs/</xsl:text>
          <xsl:call-template name="url-path">
            <xsl:with-param name="path" select="@ref"/>
          </xsl:call-template>
        </xsl:variable>
        <a class="index-title" href="{$url}.html">
          <xsl:apply-templates select="title" mode="text"/>
        </a>
        <xsl:if test="genre or @status != 'final' or @annex-of">
          <span class="index-req">
            <xsl:if test="genre and @kind = 'document'">
              <xsl:text> · </xsl:text>
              <xsl:apply-templates select="genre" mode="text"/>
            </xsl:if>
            <xsl:if test="@status = 'model'"> · модельный документ</xsl:if>
            <xsl:if test="@status = 'draft'"> · проект</xsl:if>
          </span>
        </xsl:if>
        <xsl:if test="@annex-of">
          <xsl:variable name="order" select="../item[@ref = current()/@annex-of]"/>
          <span class="index-annex">
            <xsl:text>Приложение к </xsl:text>
            <a>
              <xsl:attribute name="href">
                <xsl:text>docs/</xsl:text>
                <xsl:call-template name="url-path">
                  <xsl:with-param name="path" select="@annex-of"/>
                </xsl:call-template>
                <xsl:text>.html</xsl:text>
              </xsl:attribute>
              <xsl:choose>
                <xsl:when test="$order/@kind = 'order'">приказу</xsl:when>
                <xsl:when test="$order/@kind = 'letter'">письму</xsl:when>
                <xsl:otherwise>документу</xsl:otherwise>
              </xsl:choose>
              <xsl:call-template name="requisites">
                <xsl:with-param name="of" select="$order"/>
              </xsl:call-template>
            </a>
          </span>
        </xsl:if>
        <xsl:call-template name="files">
          <xsl:with-param name="base" select="$url"/>
          <xsl:with-param name="roadmap" select="@kind = 'roadmap'"/>
        </xsl:call-template>
      </td>
    </tr>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- The other files of this run for base (path without extension). -->
  <xsl:template name="files">
    <xsl:param name="base"/>
    <xsl:param name="roadmap" select="false()"/>
    <xsl:variable name="f" select="concat(',', /project/@formats, ',')"/>
    <xsl:variable name="links">
      <xsl:if test="contains($f, ',pdf,')">
        <a href="{$base}.pdf">PDF</a>
      </xsl:if>
      <xsl:if test="contains($f, ',docx,')">
        <a href="{$base}.docx">DOCX</a>
      </xsl:if>
      <xsl:if test="$roadmap and contains($f, ',ics,')">
        <a href="{$base}.ics" title="Мероприятия для календаря (iCalendar)">календарь .ics</a>
      </xsl:if>
      <xsl:if test="$roadmap and contains($f, ',csv,')">
        <a href="{$base}.csv" title="Мероприятия для электронной таблицы">таблица .csv</a>
      </xsl:if>
      <xsl:if test="$roadmap and contains($f, ',svg,')">
        <a href="{$base}-timeline.svg" title="График мероприятий">график .svg</a>
      </xsl:if>
      <xsl:if test="contains($f, ',xml,')">
        <a href="{$base}.xml">XML</a>
      </xsl:if>
    </xsl:variable>
    <xsl:if test="string($links)">
      <span class="files">
        <xsl:copy-of select="$links"/>
      </span>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
