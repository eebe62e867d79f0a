<?xml version="1.0" encoding="UTF-8"?>
<!--
  styles.xsl: word/styles.xml, a named style for every role (LAYOUT.md).

  Defaults: «Times New Roman» 14 pt, Russian, single spacing.  Normal is
  the body text (justified, 1.25 cm first-line indent, widow control), so
  a clerk's new paragraph is body text.  Built-in names are used where
  Word has the role (heading 1…6, footnote text, caption, toc 1 …) so its
  navigation, contents and footnote commands work; the other roles have
  Russian names.  Headings, titles, requisites, numbers and dates are
  never hyphenated (w:suppressAutoHyphens).

  Element order inside w:style, w:pPr and w:rPr follows the schema: Word
  refuses a file that does not.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">

  <xsl:template name="styles-part">
    <xsl:variable name="half" select="floor($width-portrait div 2)"/>
    <w:styles>
      <w:docDefaults>
        <w:rPrDefault>
          <w:rPr>
            <w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"
                      w:eastAsia="Times New Roman" w:cs="Times New Roman"/>
            <w:sz w:val="28"/>
            <w:szCs w:val="28"/>
            <w:lang w:val="ru-RU" w:eastAsia="ru-RU" w:bidi="ar-SA"/>
          </w:rPr>
        </w:rPrDefault>
        <w:pPrDefault>
          <w:pPr>
            <w:spacing w:after="0" w:line="240" w:lineRule="auto"/>
          </w:pPr>
        </w:pPrDefault>
      </w:docDefaults>

      <!-- ============================================================ body -->

      <w:style w:type="paragraph" w:default="1" w:styleId="Normal">
        <w:name w:val="Normal"/>
        <w:qFormat/>
        <w:pPr>
          <w:widowControl/>
          <w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>
          <w:ind w:firstLine="{$indent}"/>
          <w:jc w:val="both"/>
        </w:pPr>
      </w:style>

      <xsl:choose>
        <xsl:when test="$collection">
          <xsl:call-template name="heading-style">
            <xsl:with-param name="n" select="1"/>
            <xsl:with-param name="look" select="'part'"/>
          </xsl:call-template>
          <xsl:call-template name="heading-style"><xsl:with-param name="n" select="2"/></xsl:call-template>
          <xsl:call-template name="heading-style"><xsl:with-param name="n" select="3"/></xsl:call-template>
          <xsl:call-template name="heading-style"><xsl:with-param name="n" select="4"/></xsl:call-template>
          <xsl:call-template name="heading-style"><xsl:with-param name="n" select="5"/></xsl:call-template>
          <xsl:call-template name="heading-style">
            <xsl:with-param name="n" select="6"/>
            <xsl:with-param name="look" select="'run-in'"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="heading-style"><xsl:with-param name="n" select="1"/></xsl:call-template>
          <xsl:call-template name="heading-style"><xsl:with-param name="n" select="2"/></xsl:call-template>
          <xsl:call-template name="heading-style">
            <xsl:with-param name="n" select="3"/>
            <xsl:with-param name="look" select="'run-in'"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>

      <w:style w:type="paragraph" w:styleId="DocTitle">
        <w:name w:val="Заголовок документа"/>
        <w:basedOn w:val="Normal"/>
        <w:next w:val="Normal"/>
        <w:qFormat/>
        <w:pPr>
          <w:keepNext/>
          <w:keepLines/>
          <w:suppressAutoHyphens/>
          <w:spacing w:before="240" w:after="240"/>
          <w:ind w:firstLine="0"/>
          <w:jc w:val="center"/>
        </w:pPr>
        <w:rPr><w:b/><w:bCs/></w:rPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="ListParagraph">
        <w:name w:val="List Paragraph"/>
        <w:basedOn w:val="Normal"/>
        <w:qFormat/>
      </w:style>

      <w:style w:type="paragraph" w:styleId="Quote">
        <w:name w:val="Quote"/>
        <w:basedOn w:val="Normal"/>
        <w:next w:val="Normal"/>
        <w:qFormat/>
        <w:pPr><w:ind w:left="{$indent}" w:firstLine="0"/></w:pPr>
        <w:rPr><w:i/><w:iCs/></w:rPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="CodeBlock">
        <w:name w:val="Программный код"/>
        <w:basedOn w:val="Normal"/>
        <w:pPr>
          <w:suppressAutoHyphens/>
          <w:spacing w:before="120" w:after="120"/>
          <w:ind w:firstLine="0"/>
          <w:jc w:val="left"/>
        </w:pPr>
        <w:rPr>
          <w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/>
          <w:sz w:val="22"/><w:szCs w:val="22"/>
        </w:rPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="Figure">
        <w:name w:val="Рисунок"/>
        <w:basedOn w:val="Normal"/>
        <w:next w:val="Caption"/>
        <w:pPr>
          <w:keepNext/>
          <w:spacing w:before="120" w:after="120"/>
          <w:ind w:firstLine="0"/>
          <w:jc w:val="center"/>
        </w:pPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="Caption">
        <w:name w:val="caption"/>
        <w:basedOn w:val="Normal"/>
        <w:next w:val="Normal"/>
        <w:qFormat/>
        <w:pPr>
          <w:suppressAutoHyphens/>
          <w:spacing w:after="240"/>
          <w:ind w:firstLine="0"/>
          <w:jc w:val="center"/>
        </w:pPr>
        <w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="HorizontalRule">
        <w:name w:val="Разделитель"/>
        <w:basedOn w:val="Normal"/>
        <w:next w:val="Normal"/>
        <w:pPr>
          <w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>
          <w:spacing w:after="240"/>
          <w:ind w:firstLine="0"/>
        </w:pPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="DraftMark">
        <w:name w:val="Отметка «ПРОЕКТ»"/>
        <w:basedOn w:val="Normal"/>
        <w:next w:val="Normal"/>
        <w:pPr>
          <w:keepNext/>
          <w:suppressAutoHyphens/>
          <w:spacing w:after="240"/>
          <w:ind w:firstLine="0"/>
          <w:jc w:val="right"/>
        </w:pPr>
        <w:rPr><w:b/><w:bCs/><w:caps/></w:rPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="Signature">
        <w:name w:val="Подпись"/>
        <w:basedOn w:val="Normal"/>
        <w:next w:val="Normal"/>
        <w:qFormat/>
        <w:pPr>
          <w:keepLines/>
          <w:tabs><w:tab w:val="right" w:pos="{$width-portrait}"/></w:tabs>
          <w:suppressAutoHyphens/>
          <w:spacing w:before="720"/>
          <w:ind w:firstLine="0"/>
          <w:jc w:val="left"/>
        </w:pPr>
      </w:style>

      <!-- ============================================================ order -->

      <w:style w:type="paragraph" w:styleId="OrderHeader">
        <w:name w:val="Наименование организации"/>
        <w:basedOn w:val="Normal"/>
        <w:next w:val="OrderKind"/>
        <w:qFormat/>
        <w:pPr>
          <w:keepNext/>
          <w:suppressAutoHyphens/>
          <w:ind w:firstLine="0"/>
          <w:jc w:val="center"/>
        </w:pPr>
        <w:rPr><w:b/><w:bCs/><w:caps/></w:rPr>
      </w:style>

      <!-- П Р И К А З: the letters spaced by the style, not by typed spaces -->
      <w:style w:type="paragraph" w:styleId="OrderKind">
        <w:name w:val="Вид документа"/>
        <w:basedOn w:val="Normal"/>
        <w:next w:val="DateNumber"/>
        <w:qFormat/>
        <w:pPr>
          <w:keepNext/>
          <w:suppressAutoHyphens/>
          <w:spacing w:before="360" w:after="360"/>
          <w:ind w:firstLine="0"/>
          <w:jc w:val="center"/>
        </w:pPr>
        <w:rPr><w:b/><w:bCs/><w:caps/><w:spacing w:val="120"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="DateNumber">
        <w:name w:val="Дата и номер"/>
        <w:basedOn w:val="Normal"/>
        <w:next w:val="Place"/>
        <w:qFormat/>
        <w:pPr>
          <w:keepNext/>
          <w:tabs><w:tab w:val="right" w:pos="{$width-portrait}"/></w:tabs>
          <w:suppressAutoHyphens/>
          <w:ind w:firstLine="0"/>
          <w:jc w:val="left"/>
        </w:pPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="Place">
        <w:name w:val="Место составления"/>
        <w:basedOn w:val="Normal"/>
        <w:next w:val="TextTitle"/>
        <w:qFormat/>
        <w:pPr>
          <w:keepNext/>
          <w:suppressAutoHyphens/>
          <w:spacing w:before="120"/>
          <w:ind w:firstLine="0"/>
          <w:jc w:val="center"/>
        </w:pPr>
      </w:style>

      <!-- the heading to the text: flush left, lines about half the text width -->
      <w:style w:type="paragraph" w:styleId="TextTitle">
        <w:name w:val="Заголовок к тексту"/>
        <w:basedOn w:val="Normal"/>
        <w:next w:val="Normal"/>
        <w:qFormat/>
        <w:pPr>
          <w:keepNext/>
          <w:keepLines/>
          <w:suppressAutoHyphens/>
          <w:spacing w:before="480" w:after="480"/>
          <w:ind w:right="{$width-portrait - $half - 567}" w:firstLine="0"/>
          <w:jc w:val="left"/>
        </w:pPr>
        <w:rPr><w:b/><w:bCs/></w:rPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="Directive">
        <w:name w:val="Распорядительная часть"/>
        <w:basedOn w:val="Normal"/>
        <w:next w:val="OrderPoint"/>
        <w:qFormat/>
        <w:pPr>
          <w:keepNext/>
          <w:suppressAutoHyphens/>
          <w:spacing w:before="240" w:after="240"/>
          <w:ind w:firstLine="0"/>
          <w:jc w:val="left"/>
        </w:pPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="OrderPoint">
        <w:name w:val="Пункт приказа"/>
        <w:basedOn w:val="Normal"/>
        <w:qFormat/>
      </w:style>

      <!-- ============================================================ stamps -->

      <xsl:call-template name="stamp-style">
        <xsl:with-param name="id" select="'Stamp'"/>
        <xsl:with-param name="name" select="'Гриф утверждения'"/>
        <xsl:with-param name="width" select="$width-portrait"/>
      </xsl:call-template>
      <xsl:call-template name="stamp-style">
        <xsl:with-param name="id" select="'StampWide'"/>
        <xsl:with-param name="name" select="'Гриф утверждения (альбомная страница)'"/>
        <xsl:with-param name="width" select="$width-landscape"/>
        <xsl:with-param name="based" select="'Stamp'"/>
      </xsl:call-template>
      <xsl:call-template name="stamp-style">
        <xsl:with-param name="id" select="'AnnexMark'"/>
        <xsl:with-param name="name" select="'Отметка о приложении'"/>
        <xsl:with-param name="width" select="$width-portrait"/>
        <xsl:with-param name="based" select="'Stamp'"/>
      </xsl:call-template>
      <xsl:call-template name="stamp-style">
        <xsl:with-param name="id" select="'AnnexMarkWide'"/>
        <xsl:with-param name="name" select="'Отметка о приложении (альбомная страница)'"/>
        <xsl:with-param name="width" select="$width-landscape"/>
        <xsl:with-param name="based" select="'AnnexMark'"/>
      </xsl:call-template>

      <!-- ============================================================ tables -->

      <w:style w:type="paragraph" w:styleId="TableText">
        <w:name w:val="Текст таблицы"/>
        <w:basedOn w:val="Normal"/>
        <w:qFormat/>
        <w:pPr>
          <w:ind w:firstLine="0"/>
          <w:jc w:val="left"/>
        </w:pPr>
        <w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="TableHeader">
        <w:name w:val="Заголовок столбца таблицы"/>
        <w:basedOn w:val="TableText"/>
        <w:qFormat/>
        <w:pPr>
          <w:keepNext/>
          <w:jc w:val="center"/>
        </w:pPr>
        <w:rPr><w:b/><w:bCs/></w:rPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="TableGap">
        <w:name w:val="Отступ у таблицы"/>
        <w:basedOn w:val="Normal"/>
        <w:next w:val="Normal"/>
        <w:pPr>
          <w:keepNext/>
          <w:spacing w:line="120" w:lineRule="exact"/>
        </w:pPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="TableSection">
        <w:name w:val="Раздел таблицы"/>
        <w:basedOn w:val="TableText"/>
        <w:pPr>
          <w:keepNext/>
          <w:suppressAutoHyphens/>
          <w:spacing w:before="60" w:after="60"/>
          <w:jc w:val="center"/>
        </w:pPr>
        <w:rPr><w:b/><w:bCs/></w:rPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="TableNumber">
        <w:name w:val="Номер строки таблицы"/>
        <w:basedOn w:val="TableText"/>
        <w:pPr>
          <w:suppressAutoHyphens/>
          <w:jc w:val="center"/>
        </w:pPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="TablePeriod">
        <w:name w:val="Срок в таблице"/>
        <w:basedOn w:val="TableText"/>
        <w:pPr>
          <w:suppressAutoHyphens/>
          <w:jc w:val="center"/>
        </w:pPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="BasisIntro">
        <w:name w:val="Основания"/>
        <w:basedOn w:val="Normal"/>
        <w:next w:val="ListParagraph"/>
        <w:pPr><w:keepNext/></w:pPr>
      </w:style>

      <!-- ============================================================ footnotes, header -->

      <w:style w:type="paragraph" w:styleId="FootnoteText">
        <w:name w:val="footnote text"/>
        <w:basedOn w:val="Normal"/>
        <w:uiPriority w:val="99"/>
        <w:unhideWhenUsed/>
        <w:pPr>
          <w:ind w:firstLine="0"/>
        </w:pPr>
        <w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="Header">
        <w:name w:val="header"/>
        <w:basedOn w:val="Normal"/>
        <w:uiPriority w:val="99"/>
        <w:unhideWhenUsed/>
        <w:pPr>
          <w:suppressAutoHyphens/>
          <w:ind w:firstLine="0"/>
          <w:jc w:val="center"/>
        </w:pPr>
        <w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>
      </w:style>

      <!-- ============================================================ letter -->

      <w:style w:type="paragraph" w:styleId="LetterSender">
        <w:name w:val="Бланк письма: организация"/>
        <w:basedOn w:val="Normal"/>
        <w:pPr>
          <w:suppressAutoHyphens/>
          <w:ind w:firstLine="0"/>
          <w:jc w:val="center"/>
        </w:pPr>
        <w:rPr><w:b/><w:bCs/><w:caps/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="LetterSenderDetails">
        <w:name w:val="Бланк письма: адрес"/>
        <w:basedOn w:val="Normal"/>
        <w:pPr>
          <w:suppressAutoHyphens/>
          <w:ind w:firstLine="0"/>
          <w:jc w:val="center"/>
        </w:pPr>
        <w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="LetterNumber">
        <w:name w:val="Бланк письма: номер и дата"/>
        <w:basedOn w:val="Normal"/>
        <w:pPr>
          <w:suppressAutoHyphens/>
          <w:spacing w:before="240"/>
          <w:ind w:firstLine="0"/>
          <w:jc w:val="center"/>
        </w:pPr>
        <w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="Addressee">
        <w:name w:val="Адресат"/>
        <w:basedOn w:val="Normal"/>
        <w:qFormat/>
        <w:pPr>
          <w:suppressAutoHyphens/>
          <w:ind w:left="567" w:firstLine="0"/>
          <w:jc w:val="left"/>
        </w:pPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="Executor">
        <w:name w:val="Исполнитель"/>
        <w:basedOn w:val="Normal"/>
        <w:pPr>
          <w:keepLines/>
          <w:suppressAutoHyphens/>
          <w:spacing w:before="480"/>
          <w:ind w:firstLine="0"/>
          <w:jc w:val="left"/>
        </w:pPr>
        <w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>
      </w:style>

      <!-- ============================================================ article -->

      <w:style w:type="paragraph" w:styleId="ArticleUDC">
        <w:name w:val="УДК статьи"/>
        <w:basedOn w:val="Normal"/>
        <w:pPr>
          <w:suppressAutoHyphens/>
          <w:spacing w:after="240"/>
          <w:ind w:firstLine="0"/>
          <w:jc w:val="left"/>
        </w:pPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="ArticleAuthor">
        <w:name w:val="Автор статьи"/>
        <w:basedOn w:val="Normal"/>
        <w:next w:val="ArticleAffiliation"/>
        <w:qFormat/>
        <w:pPr>
          <w:keepNext/>
          <w:suppressAutoHyphens/>
          <w:ind w:firstLine="0"/>
          <w:jc w:val="right"/>
        </w:pPr>
        <w:rPr><w:b/><w:bCs/><w:i/><w:iCs/></w:rPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="ArticleAffiliation">
        <w:name w:val="Место работы автора"/>
        <w:basedOn w:val="Normal"/>
        <w:pPr>
          <w:keepNext/>
          <w:suppressAutoHyphens/>
          <w:ind w:left="{$half}" w:firstLine="0"/>
          <w:jc w:val="right"/>
        </w:pPr>
        <w:rPr><w:i/><w:iCs/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="ArticleTitle">
        <w:name w:val="Заглавие статьи"/>
        <w:basedOn w:val="Normal"/>
        <w:next w:val="Abstract"/>
        <w:qFormat/>
        <w:pPr>
          <w:keepNext/>
          <w:keepLines/>
          <w:suppressAutoHyphens/>
          <w:spacing w:before="360" w:after="240"/>
          <w:ind w:firstLine="0"/>
          <w:jc w:val="center"/>
        </w:pPr>
        <w:rPr><w:b/><w:bCs/><w:caps/></w:rPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="Abstract">
        <w:name w:val="Аннотация"/>
        <w:basedOn w:val="Normal"/>
        <w:next w:val="Keywords"/>
        <w:rPr><w:i/><w:iCs/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="Keywords">
        <w:name w:val="Ключевые слова"/>
        <w:basedOn w:val="Abstract"/>
        <w:next w:val="Normal"/>
        <w:pPr><w:spacing w:after="240"/></w:pPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="ReferencesHeading">
        <w:name w:val="Заголовок списка литературы"/>
        <w:basedOn w:val="Normal"/>
        <w:next w:val="Reference"/>
        <w:pPr>
          <w:keepNext/>
          <w:suppressAutoHyphens/>
          <w:spacing w:before="240" w:after="120"/>
          <w:ind w:firstLine="0"/>
          <w:jc w:val="center"/>
        </w:pPr>
        <w:rPr><w:b/><w:bCs/></w:rPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="Reference">
        <w:name w:val="Источник"/>
        <w:basedOn w:val="Normal"/>
        <w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>
      </w:style>

      <!-- ============================================================ collection -->

      <w:style w:type="paragraph" w:styleId="TitleAuthors">
        <w:name w:val="Авторы на титуле"/>
        <w:basedOn w:val="Normal"/>
        <w:pPr>
          <w:suppressAutoHyphens/>
          <w:ind w:firstLine="0"/>
          <w:jc w:val="center"/>
        </w:pPr>
        <w:rPr><w:i/><w:iCs/></w:rPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="CollectionTitle">
        <w:name w:val="Заглавие сборника"/>
        <w:basedOn w:val="Normal"/>
        <w:next w:val="CollectionSubtitle"/>
        <w:pPr>
          <w:keepNext/>
          <w:suppressAutoHyphens/>
          <w:spacing w:before="0" w:after="360"/>
          <w:ind w:firstLine="0"/>
          <w:jc w:val="center"/>
        </w:pPr>
        <w:rPr><w:b/><w:bCs/><w:caps/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="CollectionSubtitle">
        <w:name w:val="Подзаголовок сборника"/>
        <w:basedOn w:val="Normal"/>
        <w:pPr>
          <w:suppressAutoHyphens/>
          <w:ind w:firstLine="0"/>
          <w:jc w:val="center"/>
        </w:pPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="TitleImprint">
        <w:name w:val="Выходные сведения на титуле"/>
        <w:basedOn w:val="Normal"/>
        <w:pPr>
          <w:suppressAutoHyphens/>
          <w:ind w:firstLine="0"/>
          <w:jc w:val="center"/>
        </w:pPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="VersoIndex">
        <w:name w:val="Индексы УДК и ББК"/>
        <w:basedOn w:val="Normal"/>
        <w:pPr>
          <w:suppressAutoHyphens/>
          <w:spacing w:after="480"/>
          <w:ind w:firstLine="0"/>
          <w:jc w:val="left"/>
        </w:pPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="VersoRecord">
        <w:name w:val="Библиографическая запись"/>
        <w:basedOn w:val="Normal"/>
        <w:pPr><w:spacing w:after="240"/></w:pPr>
        <w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="VersoAnnotation">
        <w:name w:val="Аннотация сборника"/>
        <w:basedOn w:val="Normal"/>
        <w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="VersoFoot">
        <w:name w:val="ISBN и знак охраны"/>
        <w:basedOn w:val="Normal"/>
        <w:pPr>
          <w:tabs><w:tab w:val="right" w:pos="{$width-portrait}"/></w:tabs>
          <w:suppressAutoHyphens/>
          <w:ind w:firstLine="0"/>
          <w:jc w:val="left"/>
        </w:pPr>
        <w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>
      </w:style>

      <w:style w:type="paragraph" w:styleId="TOCHeading">
        <w:name w:val="TOC Heading"/>
        <w:basedOn w:val="Normal"/>
        <w:next w:val="Normal"/>
        <w:uiPriority w:val="39"/>
        <w:unhideWhenUsed/>
        <w:qFormat/>
        <w:pPr>
          <w:keepNext/>
          <w:suppressAutoHyphens/>
          <w:spacing w:after="360"/>
          <w:ind w:firstLine="0"/>
          <w:jc w:val="center"/>
        </w:pPr>
        <w:rPr><w:b/><w:bCs/></w:rPr>
      </w:style>

      <xsl:call-template name="toc-style">
        <xsl:with-param name="n" select="1"/>
        <xsl:with-param name="left" select="0"/>
      </xsl:call-template>
      <xsl:call-template name="toc-style">
        <xsl:with-param name="n" select="2"/>
        <xsl:with-param name="left" select="426"/>
      </xsl:call-template>

      <!-- ============================================================ characters -->

      <w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">
        <w:name w:val="Default Paragraph Font"/>
        <w:uiPriority w:val="1"/>
        <w:semiHidden/>
        <w:unhideWhenUsed/>
      </w:style>

      <w:style w:type="character" w:styleId="FootnoteReference">
        <w:name w:val="footnote reference"/>
        <w:uiPriority w:val="99"/>
        <w:unhideWhenUsed/>
        <w:rPr><w:vertAlign w:val="superscript"/></w:rPr>
      </w:style>

      <!-- A fill-in field: shaded so that it is seen on screen and on a
           proof; the clerk's typed text replaces it unshaded. -->
      <w:style w:type="character" w:styleId="Field">
        <w:name w:val="Поле для заполнения"/>
        <w:qFormat/>
        <w:rPr>
          <w:color w:val="1F3864"/>
          <w:shd w:val="clear" w:color="auto" w:fill="FFF2A8"/>
        </w:rPr>
      </w:style>

      <w:style w:type="character" w:styleId="Hyperlink">
        <w:name w:val="Hyperlink"/>
        <w:uiPriority w:val="99"/>
        <w:unhideWhenUsed/>
        <w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr>
      </w:style>

      <w:style w:type="character" w:styleId="Code">
        <w:name w:val="Код"/>
        <w:rPr>
          <w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/>
          <w:sz w:val="24"/><w:szCs w:val="24"/>
        </w:rPr>
      </w:style>

      <!-- ============================================================ tables, lists -->

      <w:style w:type="table" w:default="1" w:styleId="TableNormal">
        <w:name w:val="Normal Table"/>
        <w:uiPriority w:val="99"/>
        <w:semiHidden/>
        <w:unhideWhenUsed/>
        <w:tblPr>
          <w:tblInd w:w="0" w:type="dxa"/>
          <w:tblCellMar>
            <w:top w:w="0" w:type="dxa"/>
            <w:left w:w="108" w:type="dxa"/>
            <w:bottom w:w="0" w:type="dxa"/>
            <w:right w:w="108" w:type="dxa"/>
          </w:tblCellMar>
        </w:tblPr>
      </w:style>

      <w:style w:type="table" w:styleId="TableGrid">
        <w:name w:val="Table Grid"/>
        <w:basedOn w:val="TableNormal"/>
        <w:uiPriority w:val="39"/>
        <w:tblPr>
          <w:tblBorders>
            <w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/>
            <w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>
            <w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/>
            <w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>
            <w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/>
            <w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/>
          </w:tblBorders>
          <w:tblCellMar>
            <w:top w:w="28" w:type="dxa"/>
            <w:left w:w="85" w:type="dxa"/>
            <w:bottom w:w="28" w:type="dxa"/>
            <w:right w:w="85" w:type="dxa"/>
          </w:tblCellMar>
        </w:tblPr>
      </w:style>

      <!-- the letter head and the title pages: text placed, not ruled -->
      <w:style w:type="table" w:styleId="LayoutTable">
        <w:name w:val="Таблица без границ"/>
        <w:basedOn w:val="TableNormal"/>
        <w:tblPr>
          <w:tblCellMar>
            <w:top w:w="0" w:type="dxa"/>
            <w:left w:w="0" w:type="dxa"/>
            <w:bottom w:w="0" w:type="dxa"/>
            <w:right w:w="113" w:type="dxa"/>
          </w:tblCellMar>
        </w:tblPr>
      </w:style>

      <w:style w:type="numbering" w:default="1" w:styleId="NoList">
        <w:name w:val="No List"/>
        <w:uiPriority w:val="99"/>
        <w:semiHidden/>
        <w:unhideWhenUsed/>
      </w:style>
    </w:styles>
  </xsl:template>

  <!--
    Heading n (Word's built-in "heading n", outline level n).  Looks:
      part     a part of a collection: capitals, 16 pt, from a new page
      section  bold, centred (the default)
      run-in   bold, flush with the text's indent (the deepest level)
  -->
  <xsl:template name="heading-style">
    <xsl:param name="n"/>
    <xsl:param name="look" select="'section'"/>
    <w:style w:type="paragraph" w:styleId="Heading{$n}">
      <w:name w:val="heading {$n}"/>
      <w:basedOn w:val="Normal"/>
      <w:next w:val="Normal"/>
      <w:uiPriority w:val="9"/>
      <w:qFormat/>
      <w:pPr>
        <w:keepNext/>
        <w:keepLines/>
        <xsl:if test="$look = 'part'"><w:pageBreakBefore/></xsl:if>
        <w:suppressAutoHyphens/>
        <xsl:choose>
          <xsl:when test="$look = 'part'">
            <w:spacing w:before="0" w:after="480"/>
          </xsl:when>
          <xsl:otherwise>
            <w:spacing w:before="240" w:after="120"/>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:choose>
          <xsl:when test="$look = 'run-in'">
            <w:ind w:firstLine="{$indent}"/>
            <w:jc w:val="both"/>
          </xsl:when>
          <xsl:otherwise>
            <w:ind w:firstLine="0"/>
            <w:jc w:val="center"/>
          </xsl:otherwise>
        </xsl:choose>
        <w:outlineLvl w:val="{$n - 1}"/>
      </w:pPr>
      <w:rPr>
        <w:b/><w:bCs/>
        <xsl:if test="$look = 'part'">
          <w:caps/>
          <w:sz w:val="32"/><w:szCs w:val="32"/>
        </xsl:if>
      </w:rPr>
    </w:style>
  </xsl:template>

  <!-- Гриф: the block's left edge at the centre of the text area, about
       75 mm wide, 12 pt. -->
  <xsl:template name="stamp-style">
    <xsl:param name="id"/>
    <xsl:param name="name"/>
    <xsl:param name="width"/>
    <xsl:param name="based" select="'Normal'"/>
    <xsl:variable name="left" select="floor($width div 2)"/>
    <w:style w:type="paragraph" w:styleId="{$id}">
      <w:name w:val="{$name}"/>
      <w:basedOn w:val="{$based}"/>
      <w:qFormat/>
      <w:pPr>
        <w:keepNext/>
        <w:keepLines/>
        <w:suppressAutoHyphens/>
        <w:spacing w:before="0" w:after="0"/>
        <w:ind w:left="{$left}" w:right="{$width - $left - $stamp-width}" w:firstLine="0"/>
        <w:jc w:val="left"/>
      </w:pPr>
      <w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>
    </w:style>
  </xsl:template>

  <!-- toc n: the entry, a dot leader to the page number at the text edge.
       No right indent: LibreOffice drops a number whose tab stop lies
       beyond it. -->
  <xsl:template name="toc-style">
    <xsl:param name="n"/>
    <xsl:param name="left"/>
    <w:style w:type="paragraph" w:styleId="TOC{$n}">
      <w:name w:val="toc {$n}"/>
      <w:basedOn w:val="Normal"/>
      <w:next w:val="Normal"/>
      <w:uiPriority w:val="39"/>
      <w:unhideWhenUsed/>
      <w:pPr>
        <w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{$width-portrait}"/></w:tabs>
        <w:suppressAutoHyphens/>
        <xsl:choose>
          <xsl:when test="$n = 1"><w:spacing w:before="120"/></xsl:when>
          <xsl:otherwise><w:spacing w:before="0"/></xsl:otherwise>
        </xsl:choose>
        <w:ind w:left="{$left}" w:firstLine="0"/>
        <w:jc w:val="left"/>
      </w:pPr>
      <xsl:if test="$n = 1"><w:rPr><w:b/><w:bCs/></w:rPr></xsl:if>
    </w:style>
  </xsl:template>

</xsl:stylesheet>
