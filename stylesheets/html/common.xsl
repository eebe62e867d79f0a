<?xml version="1.0" encoding="UTF-8"?>
<!--
  common.xsl: what every page shares: the page shell with its metadata,
  the document frame (marks, stamp, requisites, signature, annexes), links
  between documents and the plain-text rendering of inline content.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings"
    extension-element-prefixes="str">

  <xsl:variable name="upper" select="'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>
  <xsl:variable name="lower" select="'абвгдеёжзийклмнопрстуфхцчшщъыьэюяabcdefghijklmnopqrstuvwxyz'"/>

  <!-- ============================================================ page -->

  <!-- <head>: one charset, a title, metadata from the front matter, the
       one stylesheet (copied into the output folder, linked relatively). -->
  <xsl:template name="head">
    <xsl:param name="title"/>
    <xsl:param name="author"/>
    <xsl:param name="keywords"/>
    <xsl:param name="date"/>
    <xsl:param name="description"/>
    <head>
      <meta charset="utf-8"/>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <title><xsl:value-of select="normalize-space($title)"/></title>
      <xsl:if test="normalize-space($author)">
        <meta name="author" content="{normalize-space($author)}"/>
      </xsl:if>
      <xsl:if test="normalize-space($description)">
        <meta name="description" content="{normalize-space($description)}"/>
      </xsl:if>
      <xsl:if test="normalize-space($keywords)">
        <meta name="keywords" content="{normalize-space($keywords)}"/>
      </xsl:if>
      <xsl:if test="normalize-space($date)">
        <meta name="dcterms.date" content="{normalize-space($date)}"/>
      </xsl:if>
      <meta name="generator" content="sbornik"/>
      <link rel="stylesheet" href="{$root}sbornik.css"/>
    </head>
  </xsl:template>

  <!-- The page of one document (an order with its annexes). -->
  <xsl:template match="*" mode="page">
    <html lang="ru">
      <xsl:call-template name="head">
        <xsl:with-param name="title">
          <xsl:apply-templates select="." mode="caption"/>
        </xsl:with-param>
        <xsl:with-param name="author">
          <xsl:apply-templates select="meta" mode="author"/>
        </xsl:with-param>
        <xsl:with-param name="keywords">
          <xsl:apply-templates select="meta/keywords" mode="text"/>
        </xsl:with-param>
        <xsl:with-param name="date">
          <xsl:call-template name="doc-date"/>
        </xsl:with-param>
        <xsl:with-param name="description">
          <xsl:apply-templates select="meta/abstract" mode="text"/>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:text>&#10;</xsl:text>
      <body class="page-doc kind-{local-name()}">
        <nav class="site-nav" aria-label="Навигация">
          <a href="{$root}index.html">Все документы</a>
        </nav>
        <main>
          <xsl:apply-templates select="." mode="doc"/>
        </main>
      </body>
    </html>
  </xsl:template>

  <!-- The date of a document for metadata: its own, the approving
       order's, or the build's. -->
  <xsl:template name="doc-date">
    <xsl:choose>
      <xsl:when test="meta/date/@value">
        <xsl:value-of select="meta/date/@value"/>
      </xsl:when>
      <xsl:when test="meta/stamp/date/@value">
        <xsl:value-of select="meta/stamp/date/@value"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$build-date"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Authors, or else the issuing organisation, or else the one of the
       approving act (an annex may name no issuer of its own). -->
  <xsl:template match="meta" mode="author">
    <xsl:choose>
      <xsl:when test="authors/author">
        <xsl:for-each select="authors/author">
          <xsl:if test="position() &gt; 1">, </xsl:if>
          <xsl:apply-templates select="name" mode="text"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="issuer">
        <xsl:apply-templates select="issuer/name" mode="text"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="stamp/issuer" mode="text"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="keywords" mode="text">
    <xsl:for-each select="keyword">
      <xsl:if test="position() &gt; 1">, </xsl:if>
      <xsl:apply-templates select="." mode="text"/>
    </xsl:for-each>
  </xsl:template>

  <!-- ============================================================ names -->

  <!-- What a document is, in words: «Приказ», «Концепция», «Положение» … -->
  <xsl:template match="order" mode="label">
    <xsl:value-of select="substring(meta/form, 1, 1)"/>
    <xsl:value-of select="translate(substring(meta/form, 2), $upper, $lower)"/>
  </xsl:template>
  <xsl:template match="letter" mode="label">Письмо</xsl:template>
  <xsl:template match="concept" mode="label">Концепция</xsl:template>
  <xsl:template match="roadmap" mode="label">Дорожная карта</xsl:template>
  <xsl:template match="article" mode="label">Статья</xsl:template>
  <xsl:template match="collection" mode="label">Сборник</xsl:template>
  <xsl:template match="*" mode="label">
    <xsl:choose>
      <xsl:when test="meta/genre">
        <xsl:apply-templates select="meta/genre" mode="text"/>
      </xsl:when>
      <xsl:otherwise>Документ</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- « от 29.03.2017 № 01/970» from a meta (or a summary item); a model's
       blanks are left out. -->
  <xsl:template name="requisites">
    <xsl:param name="of" select="meta"/>
    <xsl:if test="$of/date[not(field)]">
      <xsl:text> от </xsl:text>
      <xsl:apply-templates select="$of/date" mode="text"/>
    </xsl:if>
    <xsl:if test="$of/number[not(field)]">
      <xsl:text> №&#160;</xsl:text>
      <xsl:apply-templates select="$of/number" mode="text"/>
    </xsl:if>
  </xsl:template>

  <!-- A one-line caption: the page's <title>, contents entries.  Quotes
       inside a quoted title become „лапки“. -->
  <xsl:template match="order|letter" mode="caption">
    <xsl:apply-templates select="." mode="label"/>
    <xsl:call-template name="requisites"/>
    <xsl:text> «</xsl:text>
    <xsl:variable name="title">
      <xsl:apply-templates select="meta/title" mode="text"/>
    </xsl:variable>
    <xsl:value-of select="translate($title, '«»', '„“')"/>
    <xsl:text>»</xsl:text>
  </xsl:template>
  <xsl:template match="*" mode="caption">
    <xsl:apply-templates select="meta/title" mode="text"/>
  </xsl:template>

  <!-- ============================================================ links -->

  <!-- An id usable as an HTML id: no white space. -->
  <xsl:template name="anchor">
    <xsl:param name="id" select="@id"/>
    <xsl:value-of select="translate($id, ' &#9;&#10;&#13;', '____')"/>
  </xsl:template>

  <!-- The document whose content the context node is. -->
  <xsl:template name="doc-anchor">
    <xsl:call-template name="anchor">
      <xsl:with-param name="id" select="ancestor-or-self::*[@status and @src][1]/@id"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A path as a URL: every character escaped but the slashes. -->
  <xsl:template name="url-path">
    <xsl:param name="path"/>
    <xsl:value-of select="str:replace(str:encode-uri($path, true()), '%2F', '/')"/>
  </xsl:template>

  <!--
    The link to document id: a fragment when it is shown on this page (the
    page's own document or one of its annexes; a collection's entries are
    on their own pages), else its page docs/<id>.html.
  -->
  <!-- The documents of annexes by id: //annex/*[@id = $id] per link would
       walk the whole tree each time (quadratic in a collection). -->
  <xsl:key name="annex-doc" match="annex/*" use="@id"/>

  <xsl:template name="doc-href">
    <xsl:param name="id"/>
    <xsl:choose>
      <xsl:when test="/*[@id = $id] or key('annex-doc', $id)[not(ancestor::entry)]">
        <xsl:text>#</xsl:text>
        <xsl:call-template name="url-path">
          <xsl:with-param name="path">
            <xsl:call-template name="anchor">
              <xsl:with-param name="id" select="$id"/>
            </xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$root"/>
        <xsl:text>docs/</xsl:text>
        <xsl:call-template name="url-path">
          <xsl:with-param name="path" select="$id"/>
        </xsl:call-template>
        <xsl:text>.html</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ plain text -->

  <!-- Inline content as text, for <title>, metadata and link captions:
       a field shows its caption in brackets, a footnote mark nothing. -->
  <xsl:template match="field" mode="text">
    <xsl:text>[</xsl:text>
    <xsl:value-of select="."/>
    <xsl:text>]</xsl:text>
  </xsl:template>
  <xsl:template match="fnref" mode="text"/>
  <xsl:template match="br" mode="text">
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- ============================================================ the document frame -->

  <!--
    One document: a sheet with its marks and content (the kind's
    mode="content"), its footnotes; its annexes follow as sheets of their
    own, each under its stamp.
  -->
  <xsl:template match="*" mode="doc">
    <xsl:variable name="anchor">
      <xsl:call-template name="anchor"/>
    </xsl:variable>
    <article id="{$anchor}">
      <xsl:attribute name="class">
        <xsl:text>sheet doc doc-</xsl:text>
        <xsl:value-of select="local-name()"/>
        <xsl:if test="parent::annex"> annex</xsl:if>
        <xsl:if test="@status != 'final'"> status-<xsl:value-of select="@status"/></xsl:if>
      </xsl:attribute>
      <xsl:if test="parent::annex">
        <xsl:attribute name="aria-label">
          <xsl:text>Приложение </xsl:text>
          <xsl:value-of select="../@n"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:call-template name="marks"/>
      <xsl:apply-templates select="." mode="content"/>
      <xsl:apply-templates select="footnotes"/>
    </article>
    <xsl:text>&#10;</xsl:text>
    <xsl:apply-templates select="annexes"/>
  </xsl:template>

  <xsl:template match="annexes">
    <xsl:for-each select="annex">
      <xsl:apply-templates select="*" mode="doc"/>
    </xsl:for-each>
  </xsl:template>

  <!-- ПРОЕКТ on a draft; a model (template) document says so. -->
  <xsl:template name="marks">
    <xsl:if test="@status = 'draft'">
      <p class="mark mark-draft">ПРОЕКТ</p>
    </xsl:if>
    <xsl:if test="@status = 'model'">
      <p class="mark mark-model" title="Поля для заполнения выделены">Модельный документ</p>
    </xsl:if>
  </xsl:template>

  <!-- The document's heading: h1 on its page, one level down per annex. -->
  <xsl:template name="doc-title">
    <xsl:param name="class" select="'doc-title'"/>
    <xsl:variable name="level" select="1 + count(ancestor::annex)"/>
    <xsl:element name="h{$level - ($level &gt; 6) * ($level - 6)}">
      <xsl:attribute name="class">
        <xsl:value-of select="$class"/>
      </xsl:attribute>
      <xsl:apply-templates select="meta/title/node()"/>
    </xsl:element>
  </xsl:template>

  <!--
    The approval stamp (УТВЕРЖДЕНА / приказом … / от … № …) or the annex
    mark (Приложение 2 / к приказу … / от … № …), top right; the act it
    names is a link.
  -->
  <xsl:template match="stamp">
    <div class="stamp">
      <p>
        <span class="stamp-word stamp-{@mode}">
          <xsl:choose>
            <xsl:when test="@mode = 'approved'">
              <xsl:value-of select="@word"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:text>Приложение</xsl:text>
              <xsl:if test="@of &gt; 1">
                <xsl:text>&#160;</xsl:text>
                <xsl:value-of select="@n"/>
              </xsl:if>
            </xsl:otherwise>
          </xsl:choose>
        </span>
        <br/>
        <xsl:choose>
          <xsl:when test="@order">
            <a class="stamp-act">
              <xsl:attribute name="href">
                <xsl:call-template name="doc-href">
                  <xsl:with-param name="id" select="@order"/>
                </xsl:call-template>
              </xsl:attribute>
              <xsl:apply-templates select="." mode="act"/>
            </a>
          </xsl:when>
          <xsl:otherwise>
            <span class="stamp-act">
              <xsl:apply-templates select="." mode="act"/>
            </span>
          </xsl:otherwise>
        </xsl:choose>
      </p>
    </div>
  </xsl:template>

  <xsl:template match="stamp" mode="act">
    <xsl:if test="@mode = 'attached'">к </xsl:if>
    <xsl:value-of select="by"/>
    <xsl:if test="issuer">
      <xsl:text> </xsl:text>
      <xsl:apply-templates select="issuer/node()"/>
    </xsl:if>
    <xsl:if test="date or number">
      <br/>
    </xsl:if>
    <xsl:if test="date">
      <xsl:text>от </xsl:text>
      <xsl:value-of select="date"/>
    </xsl:if>
    <xsl:if test="number">
      <xsl:if test="date">
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:text>№&#160;</xsl:text>
      <xsl:value-of select="number"/>
    </xsl:if>
  </xsl:template>

  <!-- The organisation's name block: its header lines, else its name in
       capitals. -->
  <xsl:template match="issuer" mode="header">
    <p class="org-header">
      <xsl:choose>
        <xsl:when test="header/line">
          <xsl:for-each select="header/line">
            <xsl:if test="position() &gt; 1">
              <br/>
            </xsl:if>
            <xsl:apply-templates/>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <span class="caps">
            <xsl:apply-templates select="name/node()"/>
          </span>
        </xsl:otherwise>
      </xsl:choose>
    </p>
  </xsl:template>

  <!-- Date on the left, № on the right, on one line. -->
  <xsl:template name="dateline">
    <xsl:if test="meta/date or meta/number">
      <p class="dateline">
        <span class="dateline-date">
          <xsl:apply-templates select="meta/date/node()"/>
        </span>
        <span class="dateline-number">
          <xsl:if test="meta/number">
            <xsl:text>№&#160;</xsl:text>
            <xsl:apply-templates select="meta/number/node()"/>
          </xsl:if>
        </span>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- «г. Челябинск»: the town's abbreviation is added unless the place
       already has one (с. …, пос. …) or is a field to fill in. -->
  <xsl:template match="place">
    <p class="place">
      <xsl:if test="not(field) and not(contains(substring-before(concat(normalize-space(.), ' '), ' '), '.'))">
        <xsl:text>г.&#160;</xsl:text>
      </xsl:if>
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <!-- Position flush left, name flush right, on one line. -->
  <xsl:template match="signatory">
    <div class="signature">
      <span class="signature-position">
        <xsl:apply-templates select="position/node()"/>
      </span>
      <span class="signature-name">
        <xsl:apply-templates select="name/node()"/>
      </span>
    </div>
  </xsl:template>

  <!-- Authors of a document other than an article: one line. -->
  <xsl:template match="authors">
    <p class="doc-authors">
      <xsl:for-each select="author">
        <xsl:if test="position() &gt; 1">, </xsl:if>
        <xsl:apply-templates select="name/node()"/>
      </xsl:for-each>
    </p>
  </xsl:template>

  <!-- The genre above the title (ПРОГРАММА, СПРАВКА) unless the title
       already says it. -->
  <xsl:template name="genre-line">
    <xsl:variable name="genre">
      <xsl:apply-templates select="meta/genre" mode="text"/>
    </xsl:variable>
    <xsl:variable name="title">
      <xsl:apply-templates select="meta/title" mode="text"/>
    </xsl:variable>
    <xsl:if test="normalize-space($genre) and
                  not(contains(translate($title, $upper, $lower), translate($genre, $upper, $lower)))">
      <p class="genre">
        <xsl:value-of select="$genre"/>
      </p>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
