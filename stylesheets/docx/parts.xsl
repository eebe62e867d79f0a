<?xml version="1.0" encoding="UTF-8"?>
<!--
  parts.xsl: the small parts of the package: [Content_Types].xml, the
  relationships, settings, the font table, the two headers and the
  document properties.

  Each part's root declares its own namespaces (none is declared on the
  stylesheet), so that every file carries exactly the declarations it
  uses.

  Relationship ids are names, not counters, so that document.xml can refer
  to them without knowing what else the package holds: rIdStyles,
  rIdHeaderPage, rIdImage<n>, rIdLink<n> …
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:variable name="ooxml-ct" select="'application/vnd.openxmlformats-officedocument.wordprocessingml.'"/>
  <xsl:variable name="ooxml-rel" select="'http://schemas.openxmlformats.org/officeDocument/2006/relationships/'"/>

  <!-- ============================================================ package -->

  <xsl:template name="content-types">
    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
      <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
      <Default Extension="xml" ContentType="application/xml"/>
      <xsl:if test="$images[@format = 'png']">
        <Default Extension="png" ContentType="image/png"/>
      </xsl:if>
      <xsl:if test="$images[@format = 'jpeg']">
        <Default Extension="jpeg" ContentType="image/jpeg"/>
      </xsl:if>
      <Override PartName="/word/document.xml" ContentType="{$ooxml-ct}document.main+xml"/>
      <Override PartName="/word/styles.xml" ContentType="{$ooxml-ct}styles+xml"/>
      <Override PartName="/word/numbering.xml" ContentType="{$ooxml-ct}numbering+xml"/>
      <Override PartName="/word/footnotes.xml" ContentType="{$ooxml-ct}footnotes+xml"/>
      <Override PartName="/word/settings.xml" ContentType="{$ooxml-ct}settings+xml"/>
      <Override PartName="/word/fontTable.xml" ContentType="{$ooxml-ct}fontTable+xml"/>
      <Override PartName="/word/header1.xml" ContentType="{$ooxml-ct}header+xml"/>
      <Override PartName="/word/header2.xml" ContentType="{$ooxml-ct}header+xml"/>
      <Override PartName="/docProps/core.xml"
                ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
      <Override PartName="/docProps/app.xml"
                ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
    </Types>
  </xsl:template>

  <xsl:template name="package-rels">
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
      <Relationship Id="rIdDocument" Type="{$ooxml-rel}officeDocument" Target="word/document.xml"/>
      <Relationship Id="rIdCore"
          Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
          Target="docProps/core.xml"/>
      <Relationship Id="rIdApp" Type="{$ooxml-rel}extended-properties" Target="docProps/app.xml"/>
    </Relationships>
  </xsl:template>

  <xsl:template name="document-rels">
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
      <Relationship Id="rIdStyles" Type="{$ooxml-rel}styles" Target="styles.xml"/>
      <Relationship Id="rIdNumbering" Type="{$ooxml-rel}numbering" Target="numbering.xml"/>
      <Relationship Id="rIdFootnotes" Type="{$ooxml-rel}footnotes" Target="footnotes.xml"/>
      <Relationship Id="rIdSettings" Type="{$ooxml-rel}settings" Target="settings.xml"/>
      <Relationship Id="rIdFontTable" Type="{$ooxml-rel}fontTable" Target="fontTable.xml"/>
      <Relationship Id="rIdHeaderPage" Type="{$ooxml-rel}header" Target="header1.xml"/>
      <Relationship Id="rIdHeaderEmpty" Type="{$ooxml-rel}header" Target="header2.xml"/>
      <xsl:for-each select="$images">
        <Relationship Type="{$ooxml-rel}image">
          <xsl:attribute name="Id"><xsl:call-template name="image-rid"/></xsl:attribute>
          <xsl:attribute name="Target">
            <xsl:variable name="name"><xsl:call-template name="media-name"/></xsl:variable>
            <xsl:value-of select="substring-after($name, 'word/')"/>
          </xsl:attribute>
        </Relationship>
      </xsl:for-each>
      <xsl:for-each select="//link">
        <Relationship Type="{$ooxml-rel}hyperlink" Target="{@href}" TargetMode="External">
          <xsl:attribute name="Id"><xsl:call-template name="link-rid"/></xsl:attribute>
        </Relationship>
      </xsl:for-each>
    </Relationships>
  </xsl:template>

  <!-- ============================================================ word -->

  <!-- Russian hyphenation on (never of words in capitals), headers the
       same on even and odd pages, footnote separators, Word 2013+ layout
       rules rather than a compatibility mode. -->
  <xsl:template name="settings-part">
    <w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:zoom w:percent="100"/>
      <w:defaultTabStop w:val="{$indent}"/>
      <w:autoHyphenation/>
      <w:consecutiveHyphenLimit w:val="3"/>
      <w:hyphenationZone w:val="357"/>
      <w:doNotHyphenateCaps/>
      <w:evenAndOddHeaders w:val="0"/>
      <w:characterSpacingControl w:val="doNotCompress"/>
      <w:footnotePr>
        <w:footnote w:id="-1"/>
        <w:footnote w:id="0"/>
      </w:footnotePr>
      <w:compat>
        <w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"
                         w:val="15"/>
      </w:compat>
      <w:themeFontLang w:val="ru-RU"/>
      <w:decimalSymbol w:val=","/>
      <w:listSeparator w:val=";"/>
    </w:settings>
  </xsl:template>

  <!-- The fonts named in styles.xml, with Cyrillic charset (CC) so that a
       substitute is chosen for Russian. -->
  <xsl:template name="font-table">
    <w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:font w:name="Times New Roman">
        <w:panose1 w:val="02020603050405020304"/>
        <w:charset w:val="CC"/>
        <w:family w:val="roman"/>
        <w:pitch w:val="variable"/>
      </w:font>
      <w:font w:name="Courier New">
        <w:panose1 w:val="02070309020205020404"/>
        <w:charset w:val="CC"/>
        <w:family w:val="modern"/>
        <w:pitch w:val="fixed"/>
      </w:font>
    </w:fonts>
  </xsl:template>

  <!-- The page number, top centre, Arabic digits only. -->
  <xsl:template name="header-page-number">
    <w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:p>
        <w:pPr><w:pStyle w:val="Header"/></w:pPr>
        <w:r><w:fldChar w:fldCharType="begin"/></w:r>
        <w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>
        <w:r><w:fldChar w:fldCharType="separate"/></w:r>
        <w:r><w:t>2</w:t></w:r>
        <w:r><w:fldChar w:fldCharType="end"/></w:r>
      </w:p>
    </w:hdr>
  </xsl:template>

  <!-- First pages and title pages: no number. -->
  <xsl:template name="header-empty">
    <w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:p>
        <w:pPr><w:pStyle w:val="Header"/></w:pPr>
      </w:p>
    </w:hdr>
  </xsl:template>

  <!-- ============================================================ properties -->

  <!-- Who made it: the authors, else the issuing organisation. -->
  <xsl:template name="creator">
    <xsl:variable name="meta" select="/*/meta"/>
    <xsl:choose>
      <xsl:when test="$meta/authors/author">
        <xsl:for-each select="$meta/authors/author">
          <xsl:if test="position() &gt; 1">; </xsl:if>
          <xsl:value-of select="normalize-space(name)"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space($meta/issuer/name)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="core-properties">
    <xsl:variable name="meta" select="/*/meta"/>
    <cp:coreProperties
        xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
        xmlns:dc="http://purl.org/dc/elements/1.1/"
        xmlns:dcterms="http://purl.org/dc/terms/"
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
      <dc:title><xsl:value-of select="normalize-space($meta/title)"/></dc:title>
      <xsl:if test="$meta/genre">
        <dc:subject><xsl:value-of select="normalize-space($meta/genre)"/></dc:subject>
      </xsl:if>
      <dc:creator><xsl:call-template name="creator"/></dc:creator>
      <cp:keywords>
        <xsl:for-each select="$meta/keywords/keyword">
          <xsl:if test="position() &gt; 1">, </xsl:if>
          <xsl:value-of select="normalize-space(.)"/>
        </xsl:for-each>
      </cp:keywords>
      <dc:language>ru-RU</dc:language>
      <cp:revision>1</cp:revision>
      <dcterms:created xsi:type="dcterms:W3CDTF"><xsl:value-of select="$created"/></dcterms:created>
      <dcterms:modified xsi:type="dcterms:W3CDTF"><xsl:value-of select="$created"/></dcterms:modified>
    </cp:coreProperties>
  </xsl:template>

  <xsl:template name="app-properties">
    <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">
      <Application>sbornik</Application>
      <DocSecurity>0</DocSecurity>
      <xsl:if test="/*/meta/issuer/name">
        <Company><xsl:value-of select="normalize-space(/*/meta/issuer/name)"/></Company>
      </xsl:if>
    </Properties>
  </xsl:template>

</xsl:stylesheet>
