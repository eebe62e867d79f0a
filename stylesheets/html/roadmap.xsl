<?xml version="1.0" encoding="UTF-8"?>
<!--
  roadmap.xsl: a roadmap (дорожная карта): stamp, title, the documents it
  is based on, the introduction, then the table: a header row with the
  roadmap's columns, one row per section (the ## heading) spanning every
  column, one row per event numbered as the tree numbers them, several
  results as separate lines.  The timeline (../timeline.xsl) follows the
  table.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="roadmap" mode="content">
    <xsl:call-template name="document-head"/>
    <xsl:call-template name="genre-line"/>
    <xsl:call-template name="doc-title"/>
    <xsl:text>&#10;</xsl:text>
    <xsl:apply-templates select="meta/authors"/>
    <xsl:if test="meta/basis">
      <div class="basis">
        <p class="basis-head">Основания:</p>
        <ul>
          <xsl:for-each select="meta/basis/item">
            <li><xsl:apply-templates/></li>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>
    <xsl:apply-templates select="body/intro/*"/>
    <xsl:apply-templates select="." mode="table"/>
    <xsl:apply-templates select="meta/signatory"/>
    <xsl:if test="body/section/event">
      <figure class="timeline">
        <xsl:apply-templates select="." mode="timeline"/>
        <figcaption>
          <xsl:text>График мероприятий по срокам (всего: </xsl:text>
          <xsl:value-of select="count(body/section/event)"/>
          <xsl:text>)</xsl:text>
        </figcaption>
      </figure>
    </xsl:if>
  </xsl:template>

  <xsl:template match="roadmap" mode="table">
    <xsl:variable name="columns" select="meta/columns/column"/>
    <div class="table-wrap">
      <table class="roadmap-table">
        <colgroup>
          <xsl:for-each select="$columns">
            <col class="col-{@field}"/>
          </xsl:for-each>
        </colgroup>
        <thead>
          <tr>
            <xsl:for-each select="$columns">
              <th scope="col" class="c-{@field}"><xsl:value-of select="."/></th>
            </xsl:for-each>
          </tr>
        </thead>
        <xsl:text>&#10;</xsl:text>
        <xsl:for-each select="body/section">
          <tbody>
            <xsl:if test="heading">
              <tr class="section-row">
                <th colspan="{count($columns)}" scope="rowgroup">
                  <xsl:apply-templates select="heading/node()"/>
                </th>
              </tr>
              <xsl:text>&#10;</xsl:text>
            </xsl:if>
            <xsl:for-each select="event">
              <xsl:variable name="event" select="."/>
              <tr>
                <xsl:for-each select="$columns">
                  <td class="c-{@field}">
                    <xsl:apply-templates select="$event" mode="cell">
                      <xsl:with-param name="field" select="@field"/>
                    </xsl:apply-templates>
                  </td>
                </xsl:for-each>
              </tr>
              <xsl:text>&#10;</xsl:text>
            </xsl:for-each>
          </tbody>
        </xsl:for-each>
      </table>
    </div>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- One cell of an event: the number is the tree's automatic one; a
       field given several times (results) is one line each. -->
  <xsl:template match="event" mode="cell">
    <xsl:param name="field"/>
    <xsl:choose>
      <xsl:when test="$field = 'number'">
        <xsl:value-of select="@n"/>
      </xsl:when>
      <xsl:when test="$field = 'period'">
        <xsl:apply-templates select="period/text/node()"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="values" select="*[local-name() = $field]"/>
        <xsl:choose>
          <xsl:when test="count($values) &gt; 1">
            <xsl:for-each select="$values">
              <p class="cell-line"><xsl:apply-templates/></p>
            </xsl:for-each>
          </xsl:when>
          <xsl:otherwise>
            <xsl:apply-templates select="$values/node()"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
