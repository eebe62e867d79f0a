<?xml version="1.0" encoding="UTF-8"?>
<!--
  timeline.xsl: a roadmap as a Gantt chart in SVG.

  Run on its own (src/calendar.c, format "svg") it writes the picture
  docs/<id>-timeline.svg; html/html.xsl imports it and draws the same
  picture inside the roadmap's page (mode "timeline").

  One row per event, grouped under its section's band, numbered as in
  the table; the months of the period on the axis (the roadmap's year,
  widened to any event outside it).  A period of dates is a bar per range
  (several ranges, several bars); a deadline («до 10 апреля») a diamond on
  its day after a dashed line; «ежемесячно» / «ежеквартально» a light bar
  with a dot on each month or quarter; «в течение года» a light bar.
  Names are wrapped on word boundaries into three lines at most; the full
  name and period are the row's tooltip (<title>).

  Dates become day numbers (Julian day numbers) so that positions are
  exact; numbers are written with format-number, the same on every run.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/2000/svg">

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- Geometry, in SVG user units (px at 100 %). -->
  <xsl:variable name="tl-width" select="1200"/>
  <xsl:variable name="tl-label-x" select="16"/>
  <xsl:variable name="tl-name-x" select="44"/>
  <xsl:variable name="tl-chart-x0" select="500"/>
  <xsl:variable name="tl-chart-x1" select="1180"/>
  <xsl:variable name="tl-axis-y" select="104"/>
  <xsl:variable name="tl-rows-y" select="136"/>
  <xsl:variable name="tl-section-h" select="30"/>
  <xsl:variable name="tl-event-h" select="54"/>
  <xsl:variable name="tl-name-chars" select="64"/>
  <xsl:variable name="tl-font">'Liberation Serif', 'Times New Roman', Times, serif</xsl:variable>
  <!-- One colour per section, in turn (7 characters each). -->
  <xsl:variable name="tl-palette" select="'#2f5d8a#b5562c#3f7d4e#7a4f9a#8a6d12#2b7f86'"/>
  <xsl:variable name="tl-months"
      select="'янв.  февр. март  апр.  май   июнь  июль  авг.  сент. окт.  нояб. дек.  '"/>

  <xsl:template match="/">
    <xsl:apply-templates select="roadmap" mode="timeline"/>
  </xsl:template>

  <!-- ============================================================ dates -->

  <!-- The Julian day number of an ISO date YYYY-MM-DD. -->
  <xsl:template name="tl-day">
    <xsl:param name="date"/>
    <xsl:variable name="y" select="number(substring($date, 1, 4))"/>
    <xsl:variable name="m" select="number(substring($date, 6, 2))"/>
    <xsl:variable name="d" select="number(substring($date, 9, 2))"/>
    <xsl:variable name="a" select="floor((14 - $m) div 12)"/>
    <xsl:variable name="yy" select="$y + 4800 - $a"/>
    <xsl:variable name="mm" select="$m + 12 * $a - 3"/>
    <xsl:value-of select="$d + floor((153 * $mm + 2) div 5) + 365 * $yy + floor($yy div 4)
                          - floor($yy div 100) + floor($yy div 400) - 32045"/>
  </xsl:template>

  <!-- Month index (year × 12 + month − 1) → the day number of its 1st. -->
  <xsl:template name="tl-month-day">
    <xsl:param name="month"/>
    <xsl:call-template name="tl-day">
      <xsl:with-param name="date"
          select="concat(floor($month div 12), '-', format-number($month mod 12 + 1, '00'), '-01')"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="tl-month-of">
    <xsl:param name="date"/>
    <xsl:value-of select="number(substring($date, 1, 4)) * 12 + number(substring($date, 6, 2)) - 1"/>
  </xsl:template>

  <xsl:template name="tl-num">
    <xsl:param name="v"/>
    <xsl:value-of select="format-number($v, '0.#')"/>
  </xsl:template>

  <!-- ============================================================ the chart -->

  <xsl:template match="roadmap" mode="timeline">
    <xsl:variable name="events" select="body/section/event"/>
    <xsl:variable name="year" select="number(meta/year)"/>
    <!-- The axis: whole months from the roadmap's January (or the first
         event, if earlier) to its December (or the last event). -->
    <xsl:variable name="first-date">
      <xsl:for-each select="$events/period/range/@start | $events/period/range[not(@start)]/@end">
        <xsl:sort select="."/>
        <xsl:if test="position() = 1"><xsl:value-of select="."/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="last-date">
      <xsl:for-each select="$events/period/range/@end">
        <xsl:sort select="." order="descending"/>
        <xsl:if test="position() = 1"><xsl:value-of select="."/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="m-first">
      <xsl:call-template name="tl-month-of">
        <xsl:with-param name="date" select="$first-date"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="m-last">
      <xsl:call-template name="tl-month-of">
        <xsl:with-param name="date" select="$last-date"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="m0">
      <xsl:choose>
        <xsl:when test="string($year) != 'NaN' and (string(number($m-first)) = 'NaN' or $year * 12 &lt; $m-first)">
          <xsl:value-of select="$year * 12"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$m-first"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="m1">
      <xsl:choose>
        <xsl:when test="string($year) != 'NaN' and (string(number($m-last)) = 'NaN' or $year * 12 + 11 &gt; $m-last)">
          <xsl:value-of select="$year * 12 + 11"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$m-last"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="day0">
      <xsl:call-template name="tl-month-day">
        <xsl:with-param name="month" select="$m0"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="day1">
      <xsl:call-template name="tl-month-day">
        <xsl:with-param name="month" select="$m1 + 1"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="scale" select="($tl-chart-x1 - $tl-chart-x0) div ($day1 - $day0)"/>
    <xsl:variable name="rows-h"
        select="count(body/section[heading]) * $tl-section-h + count($events) * $tl-event-h"/>
    <xsl:variable name="legend-y" select="$tl-rows-y + $rows-h + 34"/>
    <xsl:variable name="title">
      <xsl:apply-templates select="meta/title" mode="text"/>
    </xsl:variable>
    <!-- The layout leaves two lines for the title: a one-line title moves
         the rest up by one. -->
    <xsl:variable name="shift" select="22 * (string-length(normalize-space($title)) &lt;= 118)"/>
    <xsl:variable name="height" select="$legend-y + 30 - $shift"/>

    <svg version="1.1" width="{$tl-width}" height="{$height}"
         viewBox="0 0 {$tl-width} {$height}" role="img"
         font-family="{$tl-font}" class="timeline-svg">
      <xsl:attribute name="aria-label">
        <xsl:text>График мероприятий: </xsl:text>
        <xsl:value-of select="normalize-space($title)"/>
      </xsl:attribute>
      <title>
        <xsl:text>График мероприятий: </xsl:text>
        <xsl:value-of select="normalize-space($title)"/>
      </title>
      <rect x="0" y="0" width="{$tl-width}" height="{$height}" fill="#ffffff"/>

      <!-- Heading: the title in two lines at most, then the count. -->
      <text x="{$tl-label-x}" y="30" font-size="18" font-weight="bold" fill="#1a1a1a">
        <xsl:call-template name="tl-wrap">
          <xsl:with-param name="text" select="$title"/>
          <xsl:with-param name="width" select="118"/>
          <xsl:with-param name="max" select="2"/>
          <xsl:with-param name="x" select="$tl-label-x"/>
          <xsl:with-param name="dy" select="22"/>
        </xsl:call-template>
      </text>
      <g transform="translate(0 -{$shift})">
      <text x="{$tl-label-x}" y="{$tl-axis-y - 8}" font-size="13" fill="#555555">
        <xsl:text>Мероприятий: </xsl:text>
        <xsl:value-of select="count($events)"/>
        <xsl:if test="string($year) != 'NaN'">
          <xsl:text> · </xsl:text>
          <xsl:value-of select="$year"/>
          <xsl:text> год</xsl:text>
        </xsl:if>
      </text>

      <!-- Month bands, names and grid lines. -->
      <xsl:call-template name="tl-months">
        <xsl:with-param name="m" select="$m0"/>
        <xsl:with-param name="m1" select="$m1"/>
        <xsl:with-param name="day0" select="$day0"/>
        <xsl:with-param name="scale" select="$scale"/>
        <xsl:with-param name="bottom" select="$tl-rows-y + $rows-h"/>
      </xsl:call-template>

      <xsl:for-each select="body/section">
        <xsl:variable name="colour"
            select="substring($tl-palette, ((position() - 1) mod 6) * 7 + 1, 7)"/>
        <xsl:variable name="before" select="count(preceding-sibling::section/event)"/>
        <!-- Once here: '../heading' in each event scans all its siblings. -->
        <xsl:variable name="head-h" select="boolean(heading) * $tl-section-h"/>
        <xsl:variable name="y"
            select="$tl-rows-y + count(preceding-sibling::section[heading]) * $tl-section-h
                    + $before * $tl-event-h"/>
        <xsl:if test="heading">
          <g class="tl-section">
            <rect x="0" y="{$y}" width="{$tl-width}" height="{$tl-section-h}"
                  fill="{$colour}" fill-opacity="0.14"/>
            <rect x="0" y="{$y}" width="6" height="{$tl-section-h}" fill="{$colour}"/>
            <text x="{$tl-label-x}" y="{$y + 20}" font-size="14" font-weight="bold" fill="#1a1a1a">
              <xsl:call-template name="tl-wrap">
                <xsl:with-param name="text">
                  <xsl:apply-templates select="heading" mode="text"/>
                </xsl:with-param>
                <xsl:with-param name="width" select="150"/>
                <xsl:with-param name="max" select="1"/>
                <xsl:with-param name="x" select="$tl-label-x"/>
                <xsl:with-param name="dy" select="0"/>
              </xsl:call-template>
            </text>
          </g>
        </xsl:if>
        <xsl:for-each select="event">
          <xsl:apply-templates select="." mode="tl-row">
            <xsl:with-param name="y"
                select="$y + $head-h + (position() - 1) * $tl-event-h"/>
            <xsl:with-param name="k" select="$before + position() - 1"/>
            <xsl:with-param name="colour" select="$colour"/>
            <xsl:with-param name="day0" select="$day0"/>
            <xsl:with-param name="scale" select="$scale"/>
          </xsl:apply-templates>
        </xsl:for-each>
      </xsl:for-each>

      <line x1="0" y1="{$tl-rows-y + $rows-h}" x2="{$tl-width}" y2="{$tl-rows-y + $rows-h}"
            stroke="#999999" stroke-width="1"/>
      <xsl:call-template name="tl-legend">
        <xsl:with-param name="y" select="$legend-y"/>
        <xsl:with-param name="events" select="$events"/>
      </xsl:call-template>
      </g>
    </svg>
  </xsl:template>

  <!-- Month m .. m1: a band every other month, the name, a grid line;
       the year is written over January and over the first month. -->
  <xsl:template name="tl-months">
    <xsl:param name="m"/>
    <xsl:param name="m1"/>
    <xsl:param name="day0"/>
    <xsl:param name="scale"/>
    <xsl:param name="bottom"/>
    <xsl:param name="first" select="true()"/>
    <xsl:if test="$m &lt;= $m1">
      <xsl:variable name="d-start">
        <xsl:call-template name="tl-month-day">
          <xsl:with-param name="month" select="$m"/>
        </xsl:call-template>
      </xsl:variable>
      <xsl:variable name="d-end">
        <xsl:call-template name="tl-month-day">
          <xsl:with-param name="month" select="$m + 1"/>
        </xsl:call-template>
      </xsl:variable>
      <xsl:variable name="x">
        <xsl:call-template name="tl-num">
          <xsl:with-param name="v" select="$tl-chart-x0 + ($d-start - $day0) * $scale"/>
        </xsl:call-template>
      </xsl:variable>
      <xsl:variable name="w">
        <xsl:call-template name="tl-num">
          <xsl:with-param name="v" select="($d-end - $d-start) * $scale"/>
        </xsl:call-template>
      </xsl:variable>
      <xsl:variable name="month" select="$m mod 12"/>
      <xsl:if test="$month mod 2 = 0">
        <rect x="{$x}" y="{$tl-axis-y}" width="{$w}" height="{$bottom - $tl-axis-y}"
              fill="#f3f1ea"/>
      </xsl:if>
      <line x1="{$x}" y1="{$tl-axis-y}" x2="{$x}" y2="{$bottom}" stroke="#d6d2c4" stroke-width="1"/>
      <xsl:if test="$first or $month = 0">
        <text x="{$x + 3}" y="{$tl-axis-y - 8}" font-size="13" font-weight="bold" fill="#333333">
          <xsl:value-of select="floor($m div 12)"/>
        </text>
      </xsl:if>
      <text x="{$x + $w div 2}" y="{$tl-axis-y + 20}" font-size="13" text-anchor="middle" fill="#333333">
        <xsl:value-of select="normalize-space(substring($tl-months, $month * 6 + 1, 6))"/>
      </text>
      <xsl:if test="$m = $m1">
        <line x1="{$x + $w}" y1="{$tl-axis-y}" x2="{$x + $w}" y2="{$bottom}"
              stroke="#d6d2c4" stroke-width="1"/>
      </xsl:if>
      <xsl:call-template name="tl-months">
        <xsl:with-param name="m" select="$m + 1"/>
        <xsl:with-param name="m1" select="$m1"/>
        <xsl:with-param name="day0" select="$day0"/>
        <xsl:with-param name="scale" select="$scale"/>
        <xsl:with-param name="bottom" select="$bottom"/>
        <xsl:with-param name="first" select="false()"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- One event: number and name on the left, its period on the axis. -->
  <!-- k: the events before this one in the whole roadmap, passed in
       (counting preceding events here made 10,000 rows quadratic). -->
  <xsl:template match="event" mode="tl-row">
    <xsl:param name="y"/>
    <xsl:param name="k"/>
    <xsl:param name="colour"/>
    <xsl:param name="day0"/>
    <xsl:param name="scale"/>
    <xsl:variable name="mid" select="$y + $tl-event-h div 2"/>
    <xsl:variable name="name">
      <xsl:apply-templates select="name" mode="text"/>
    </xsl:variable>
    <g class="tl-event">
      <title>
        <xsl:value-of select="concat(@n, '. ', normalize-space($name))"/>
        <xsl:if test="period">
          <xsl:text> — </xsl:text>
          <xsl:apply-templates select="period/text" mode="text"/>
        </xsl:if>
      </title>
      <xsl:if test="$k mod 2 = 1">
        <rect x="0" y="{$y}" width="{$tl-width}" height="{$tl-event-h}" fill="#000000" fill-opacity="0.025"/>
      </xsl:if>
      <line x1="{$tl-label-x}" y1="{$y + $tl-event-h}" x2="{$tl-width}" y2="{$y + $tl-event-h}"
            stroke="#e4e0d4" stroke-width="1"/>
      <text x="{$tl-label-x}" y="{$y + 18}" font-size="13" font-weight="bold" fill="{$colour}">
        <xsl:value-of select="@n"/>
        <xsl:text>.</xsl:text>
      </text>
      <text x="{$tl-name-x}" y="{$y + 18}" font-size="13" fill="#1a1a1a">
        <xsl:call-template name="tl-wrap">
          <xsl:with-param name="text" select="$name"/>
          <xsl:with-param name="width" select="$tl-name-chars"/>
          <xsl:with-param name="max" select="3"/>
          <xsl:with-param name="x" select="$tl-name-x"/>
          <xsl:with-param name="dy" select="15"/>
        </xsl:call-template>
      </text>
      <xsl:apply-templates select="period" mode="tl-marks">
        <xsl:with-param name="mid" select="$mid"/>
        <xsl:with-param name="colour" select="$colour"/>
        <xsl:with-param name="day0" select="$day0"/>
        <xsl:with-param name="scale" select="$scale"/>
      </xsl:apply-templates>
    </g>
  </xsl:template>

  <!-- The x of the start of a day (number). -->
  <xsl:template name="tl-x">
    <xsl:param name="day"/>
    <xsl:param name="day0"/>
    <xsl:param name="scale"/>
    <xsl:call-template name="tl-num">
      <xsl:with-param name="v" select="$tl-chart-x0 + ($day - $day0) * $scale"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="period" mode="tl-marks">
    <xsl:param name="mid"/>
    <xsl:param name="colour"/>
    <xsl:param name="day0"/>
    <xsl:param name="scale"/>
    <xsl:variable name="recurring" select="@kind = 'monthly' or @kind = 'quarterly'"/>
    <xsl:variable name="light" select="$recurring or @kind = 'year'"/>
    <xsl:for-each select="range">
      <xsl:variable name="end">
        <xsl:call-template name="tl-day">
          <xsl:with-param name="date" select="@end"/>
        </xsl:call-template>
      </xsl:variable>
      <xsl:choose>
        <xsl:when test="@start">
          <xsl:variable name="start">
            <xsl:call-template name="tl-day">
              <xsl:with-param name="date" select="@start"/>
            </xsl:call-template>
          </xsl:variable>
          <xsl:variable name="x0">
            <xsl:call-template name="tl-x">
              <xsl:with-param name="day" select="$start"/>
              <xsl:with-param name="day0" select="$day0"/>
              <xsl:with-param name="scale" select="$scale"/>
            </xsl:call-template>
          </xsl:variable>
          <xsl:variable name="x1">
            <xsl:call-template name="tl-x">
              <xsl:with-param name="day" select="$end + 1"/>
              <xsl:with-param name="day0" select="$day0"/>
              <xsl:with-param name="scale" select="$scale"/>
            </xsl:call-template>
          </xsl:variable>
          <!-- A day or two is still a visible bar. -->
          <xsl:variable name="w" select="$x1 - $x0 + (($x1 - $x0) &lt; 4) * (4 - ($x1 - $x0))"/>
          <rect x="{$x0}" y="{$mid - 8}" width="{format-number($w, '0.#')}" height="16" rx="3"
                fill="{$colour}">
            <xsl:if test="$light">
              <xsl:attribute name="fill-opacity">0.3</xsl:attribute>
              <xsl:attribute name="stroke"><xsl:value-of select="$colour"/></xsl:attribute>
              <xsl:attribute name="stroke-width">1</xsl:attribute>
            </xsl:if>
          </rect>
          <xsl:if test="$recurring">
            <xsl:call-template name="tl-dots">
              <xsl:with-param name="m">
                <xsl:call-template name="tl-month-of">
                  <xsl:with-param name="date" select="@start"/>
                </xsl:call-template>
              </xsl:with-param>
              <xsl:with-param name="last">
                <xsl:call-template name="tl-month-of">
                  <xsl:with-param name="date" select="@end"/>
                </xsl:call-template>
              </xsl:with-param>
              <xsl:with-param name="step" select="1 + 2 * (../@kind = 'quarterly')"/>
              <xsl:with-param name="mid" select="$mid"/>
              <xsl:with-param name="colour" select="$colour"/>
              <xsl:with-param name="day0" select="$day0"/>
              <xsl:with-param name="scale" select="$scale"/>
            </xsl:call-template>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <!-- A deadline: a dashed lead from the axis, a diamond on the day. -->
          <xsl:variable name="x">
            <xsl:call-template name="tl-x">
              <xsl:with-param name="day" select="$end + 0.5"/>
              <xsl:with-param name="day0" select="$day0"/>
              <xsl:with-param name="scale" select="$scale"/>
            </xsl:call-template>
          </xsl:variable>
          <line x1="{$tl-chart-x0}" y1="{$mid}" x2="{$x}" y2="{$mid}" stroke="{$colour}"
                stroke-width="1.5" stroke-dasharray="4 4" stroke-opacity="0.6"/>
          <path d="M {$x} {$mid - 9} L {$x + 9} {$mid} L {$x} {$mid + 9} L {$x - 9} {$mid} Z"
                fill="{$colour}"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
    <!-- The period as written, after the last mark (or before the first
         when there is no room on the right). -->
    <xsl:variable name="label">
      <xsl:apply-templates select="text" mode="text"/>
    </xsl:variable>
    <xsl:variable name="last-end">
      <xsl:call-template name="tl-day">
        <xsl:with-param name="date" select="range[last()]/@end"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="right">
      <xsl:call-template name="tl-x">
        <xsl:with-param name="day" select="$last-end + 1"/>
        <xsl:with-param name="day0" select="$day0"/>
        <xsl:with-param name="scale" select="$scale"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="first-day">
      <xsl:call-template name="tl-day">
        <xsl:with-param name="date" select="(range[1]/@start | range[1][not(@start)]/@end)[1]"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="left">
      <xsl:call-template name="tl-x">
        <xsl:with-param name="day" select="$first-day"/>
        <xsl:with-param name="day0" select="$day0"/>
        <xsl:with-param name="scale" select="$scale"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="label-w" select="string-length(normalize-space($label)) * 5.6 + 10"/>
    <xsl:choose>
      <!-- On the right of the last mark when there is room; else under the
           marks, from the first one (a deadline: ending at its diamond). -->
      <xsl:when test="$right + $label-w &lt;= $tl-chart-x1 + 14">
        <text x="{format-number($right + 6 + 6 * not(range[last()]/@start), '0.#')}" y="{$mid + 4}"
              font-size="11.5" font-style="italic" fill="#444444">
          <xsl:value-of select="normalize-space($label)"/>
        </text>
      </xsl:when>
      <xsl:when test="not(range/@start) or $left + $label-w &gt; $tl-chart-x1">
        <text x="{format-number($right + 9 * not(range[last()]/@start), '0.#')}" y="{$mid + 22}"
              font-size="11.5" font-style="italic" text-anchor="end" fill="#444444">
          <xsl:value-of select="normalize-space($label)"/>
        </text>
      </xsl:when>
      <xsl:otherwise>
        <text x="{$left}" y="{$mid + 22}"
              font-size="11.5" font-style="italic" fill="#444444">
          <xsl:value-of select="normalize-space($label)"/>
        </text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A dot on the 1st of every step-th month from m to last. -->
  <xsl:template name="tl-dots">
    <xsl:param name="m"/>
    <xsl:param name="last"/>
    <xsl:param name="step"/>
    <xsl:param name="mid"/>
    <xsl:param name="colour"/>
    <xsl:param name="day0"/>
    <xsl:param name="scale"/>
    <xsl:if test="$m &lt;= $last">
      <xsl:variable name="day">
        <xsl:call-template name="tl-month-day">
          <xsl:with-param name="month" select="$m"/>
        </xsl:call-template>
      </xsl:variable>
      <xsl:variable name="x">
        <xsl:call-template name="tl-x">
          <xsl:with-param name="day" select="$day + 3"/>
          <xsl:with-param name="day0" select="$day0"/>
          <xsl:with-param name="scale" select="$scale"/>
        </xsl:call-template>
      </xsl:variable>
      <circle cx="{$x}" cy="{$mid}" r="4.5" fill="{$colour}"/>
      <xsl:call-template name="tl-dots">
        <xsl:with-param name="m" select="$m + $step"/>
        <xsl:with-param name="last" select="$last"/>
        <xsl:with-param name="step" select="$step"/>
        <xsl:with-param name="mid" select="$mid"/>
        <xsl:with-param name="colour" select="$colour"/>
        <xsl:with-param name="day0" select="$day0"/>
        <xsl:with-param name="scale" select="$scale"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- What the marks mean, only those the chart uses, one after another. -->
  <xsl:template name="tl-legend">
    <xsl:param name="y"/>
    <xsl:param name="events"/>
    <xsl:variable name="deadline" select="boolean($events/period[@kind = 'deadline'])"/>
    <xsl:variable name="recurring" select="boolean($events/period[@kind = 'monthly' or @kind = 'quarterly'])"/>
    <xsl:variable name="year" select="boolean($events/period[@kind = 'year'])"/>
    <xsl:variable name="x2" select="200"/>
    <xsl:variable name="x3" select="$x2 + 240 * $deadline"/>
    <xsl:variable name="x4" select="$x3 + 270 * $recurring"/>
    <g class="tl-legend" font-size="12.5" fill="#333333">
      <rect x="{$tl-label-x}" y="{$y - 10}" width="34" height="12" rx="3" fill="#2f5d8a"/>
      <text x="{$tl-label-x + 42}" y="{$y}">период проведения</text>
      <xsl:if test="$deadline">
        <path d="M {$x2 + 8} {$y - 11} L {$x2 + 16} {$y - 4} L {$x2 + 8} {$y + 3} L {$x2} {$y - 4} Z"
              fill="#2f5d8a"/>
        <text x="{$x2 + 24}" y="{$y}">срок исполнения («до …»)</text>
      </xsl:if>
      <xsl:if test="$recurring">
        <rect x="{$x3}" y="{$y - 10}" width="46" height="12" rx="3" fill="#2f5d8a"
              fill-opacity="0.3" stroke="#2f5d8a"/>
        <circle cx="{$x3 + 11}" cy="{$y - 4}" r="3.5" fill="#2f5d8a"/>
        <circle cx="{$x3 + 34}" cy="{$y - 4}" r="3.5" fill="#2f5d8a"/>
        <text x="{$x3 + 54}" y="{$y}">ежемесячно, ежеквартально</text>
      </xsl:if>
      <xsl:if test="$year">
        <rect x="{$x4}" y="{$y - 10}" width="34" height="12" rx="3" fill="#2f5d8a"
              fill-opacity="0.3" stroke="#2f5d8a"/>
        <text x="{$x4 + 42}" y="{$y}">в течение года</text>
      </xsl:if>
    </g>
  </xsl:template>

  <!--
    text as lines of at most width characters, broken between words, at
    most max lines (the last one ends in «…» when text goes on), each a
    <tspan> at x, dy apart.
  -->
  <xsl:template name="tl-wrap">
    <xsl:param name="text"/>
    <xsl:param name="width"/>
    <xsl:param name="max"/>
    <xsl:param name="x"/>
    <xsl:param name="dy"/>
    <xsl:param name="line" select="''"/>
    <xsl:param name="n" select="1"/>
    <xsl:variable name="rest" select="normalize-space($text)"/>
    <xsl:variable name="word" select="substring-before(concat($rest, ' '), ' ')"/>
    <xsl:choose>
      <xsl:when test="$rest = ''">
        <xsl:if test="$line != ''">
          <xsl:call-template name="tl-line">
            <xsl:with-param name="text" select="$line"/>
            <xsl:with-param name="x" select="$x"/>
            <xsl:with-param name="dy" select="$dy * ($n &gt; 1)"/>
          </xsl:call-template>
        </xsl:if>
      </xsl:when>
      <xsl:when test="$line = '' or string-length($line) + 1 + string-length($word) &lt;= $width">
        <xsl:call-template name="tl-wrap">
          <xsl:with-param name="text" select="substring-after($rest, ' ')"/>
          <xsl:with-param name="width" select="$width"/>
          <xsl:with-param name="max" select="$max"/>
          <xsl:with-param name="x" select="$x"/>
          <xsl:with-param name="dy" select="$dy"/>
          <xsl:with-param name="line">
            <xsl:choose>
              <xsl:when test="$line = '' and string-length($word) &gt; $width">
                <xsl:value-of select="concat(substring($word, 1, $width - 1), '…')"/>
              </xsl:when>
              <xsl:when test="$line = ''"><xsl:value-of select="$word"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="concat($line, ' ', $word)"/></xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
          <xsl:with-param name="n" select="$n"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$n &gt;= $max">
        <xsl:call-template name="tl-line">
          <xsl:with-param name="text">
            <xsl:choose>
              <xsl:when test="string-length($line) &lt; $width">
                <xsl:value-of select="concat($line, '…')"/>
              </xsl:when>
              <xsl:otherwise>
                <xsl:value-of select="concat(substring($line, 1, $width - 1), '…')"/>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
          <xsl:with-param name="x" select="$x"/>
          <xsl:with-param name="dy" select="$dy * ($n &gt; 1)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tl-line">
          <xsl:with-param name="text" select="$line"/>
          <xsl:with-param name="x" select="$x"/>
          <xsl:with-param name="dy" select="$dy * ($n &gt; 1)"/>
        </xsl:call-template>
        <xsl:call-template name="tl-wrap">
          <xsl:with-param name="text" select="$rest"/>
          <xsl:with-param name="width" select="$width"/>
          <xsl:with-param name="max" select="$max"/>
          <xsl:with-param name="x" select="$x"/>
          <xsl:with-param name="dy" select="$dy"/>
          <xsl:with-param name="n" select="$n + 1"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="tl-line">
    <xsl:param name="text"/>
    <xsl:param name="x"/>
    <xsl:param name="dy"/>
    <tspan x="{$x}" dy="{$dy}"><xsl:value-of select="$text"/></tspan>
  </xsl:template>

  <!-- Inline content as plain text (a field shows its caption). -->
  <xsl:template match="field" mode="text">
    <xsl:text>[</xsl:text>
    <xsl:value-of select="."/>
    <xsl:text>]</xsl:text>
  </xsl:template>
  <xsl:template match="fnref" mode="text"/>

</xsl:stylesheet>
