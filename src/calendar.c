/*
 * calendar.c: a roadmap's events as a calendar, a table and a timeline
 * (see calendar.h).
 *
 * The .ics and .csv are written here, in C, from the periods the tree
 * already holds as ISO dates (period.c parsed them): nothing is parsed
 * again.  The timeline is drawn by stylesheets/timeline.xsl, run with the
 * same safe XSLT as the HTML writer (xslt.h), so that the picture written
 * alone and the one inside the roadmap's page are the same.
 */
#include "calendar.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xslt.h"
#include "tree.h"

/* ------------------------------------------------------------ the tree */

/* The roadmap root of tree, or NULL. */
static xmlNodePtr roadmap_of(xmlDocPtr tree)
{
    xmlNodePtr root = xmlDocGetRootElement(tree);
    return tree_is(root, "roadmap") ? root : NULL;
}

/* An attribute as a string in a small buffer ("" when absent). */
static void attr(xmlNodePtr n, const char *name, char *out, size_t size)
{
    xmlChar *v = n ? xmlGetProp(n, BAD_CAST name) : NULL;
    snprintf(out, size, "%s", v ? (const char *)v : "");
    xmlFree(v);
}

/*
 * Inline content as plain text: a field as «[caption]», a footnote mark
 * as nothing, a line break as br.
 */
static void plain(buf *out, xmlNodePtr n, const char *br)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            buf_adds(out, (const char *)c->content);
        } else if (tree_is(c, "field")) {
            buf_addc(out, '[');
            plain(out, c, br);
            buf_addc(out, ']');
        } else if (tree_is(c, "br")) {
            buf_adds(out, br);
        } else if (c->type == XML_ELEMENT_NODE && !tree_is(c, "fnref")) {
            plain(out, c, br);
        }
    }
}

/* The text of the first child called name (may be empty). */
static char *text_of(xmlNodePtr parent, const char *name, const char *br)
{
    buf b = BUF_INIT;
    buf_adds(&b, "");
    plain(&b, tree_child(parent, name), br);
    return buf_detach(&b);
}

/* Every child called name, one a line. */
static char *lines_of(xmlNodePtr parent, const char *name)
{
    buf b = BUF_INIT;
    buf_adds(&b, "");
    for (xmlNodePtr c = parent->children; c; c = c->next)
        if (tree_is(c, name)) {
            if (b.len)
                buf_addc(&b, '\n');
            plain(&b, c, "\n");
        }
    return buf_detach(&b);
}

/* ------------------------------------------------------------ dates */

/* Days since 1970-01-01 of a civil date (H. Hinnant's algorithm). */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* "2022-07-01" plus days → "20220701" (iCalendar DATE). */
static bool ical_date(const char *iso, int plus, char out[9])
{
    int y, m, d;
    if (!iso || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
        return false;
    civil_from_days(days_from_civil(y, m, d) + plus, &y, &m, &d);
    snprintf(out, 9, "%04d%02d%02d", y, m, d);
    return true;
}

/*
 * DTSTAMP: when the calendar was made.  Reproducible: SOURCE_DATE_EPOCH,
 * else the roadmap's own date, its approving act's, 1 January of its year.
 */
static void dtstamp(xmlNodePtr meta, long long source_date, char out[17])
{
    if (source_date >= 0) {
        time_t t = (time_t)source_date;
        struct tm tm;
        if (gmtime_r(&t, &tm)) {
            strftime(out, 17, "%Y%m%dT%H%M%SZ", &tm);
            return;
        }
    }
    char iso[32], day[9];
    attr(tree_child(meta, "date"), "value", iso, sizeof iso);
    if (!*iso)
        attr(tree_child(tree_child(meta, "stamp"), "date"), "value", iso, sizeof iso);
    if (!*iso || !ical_date(iso, 0, day)) {
        char *year = text_of(meta, "year", "");
        snprintf(iso, sizeof iso, "%.4s-01-01", *year ? year : "1970");
        free(year);
        if (!ical_date(iso, 0, day))
            snprintf(day, sizeof day, "19700101");
    }
    snprintf(out, 17, "%sT000000Z", day);
}

/* ------------------------------------------------------------ iCalendar */

void calendar_fold(buf *out, const char *line, size_t len)
{
    size_t room = 75;       /* octets on this physical line */
    while (len > room) {
        size_t cut = room;
        /* Back to the start of a UTF-8 character. */
        while (cut > 0 && ((unsigned char)line[cut] & 0xC0) == 0x80)
            cut--;
        buf_add(out, line, cut);
        buf_adds(out, "\r\n ");
        line += cut;
        len -= cut;
        room = 74;          /* the leading space counts */
    }
    buf_add(out, line, len);
    buf_adds(out, "\r\n");
}

void calendar_escape(buf *out, const char *text)
{
    for (const char *c = text; *c; c++) {
        switch (*c) {
        case '\\': buf_adds(out, "\\\\"); break;
        case ';': buf_adds(out, "\\;"); break;
        case ',': buf_adds(out, "\\,"); break;
        case '\n': buf_adds(out, "\\n"); break;
        case '\r': break;
        default: buf_addc(out, *c); break;
        }
    }
}

char *calendar_uid(const char *doc_id, int n, int r)
{
    buf b = BUF_INIT;
    buf_addf(&b, "%s-%d-%d@sbornik", doc_id, n, r);
    return buf_detach(&b);
}

/* NAME:value, value escaped as TEXT, folded. */
static void text_prop(buf *out, const char *name, const char *value)
{
    buf line = BUF_INIT;
    buf_addf(&line, "%s:", name);
    calendar_escape(&line, value);
    calendar_fold(out, line.data, line.len);
    buf_free(&line);
}

/* NAME:value as it is (dates, rules). */
static void raw_prop(buf *out, const char *name, const char *value)
{
    buf line = BUF_INIT;
    buf_addf(&line, "%s:%s", name, value);
    calendar_fold(out, line.data, line.len);
    buf_free(&line);
}

/* «Label: text» as a line of a description, when there is text. */
static void describe(buf *d, const char *label, const char *text)
{
    if (!text || !*text)
        return;
    if (d->len)
        buf_addc(d, '\n');
    buf_addf(d, "%s: %s", label, text);
}

/* What an event's description says: section, period, people, results. */
static char *description(xmlNodePtr event, const char *section,
                         const char *period_text)
{
    buf d = BUF_INIT;
    buf_adds(&d, "");
    describe(&d, "Раздел", section);
    describe(&d, "Сроки", period_text);
    static const struct {
        const char *element, *label;
    } people[] = {
        {"participants", "Участники"},
        {"executors", "Исполнители"},
        {"responsible", "Ответственные"},
        {"form", "Форма"},
    };
    for (size_t i = 0; i < sizeof people / sizeof *people; i++) {
        char *t = text_of(event, people[i].element, " ");
        describe(&d, people[i].label, t);
        free(t);
    }
    int results = 0;
    for (xmlNodePtr c = event->children; c; c = c->next)
        results += tree_is(c, "result");
    if (results == 1) {
        char *t = text_of(event, "result", " ");
        describe(&d, "Результат", t);
        free(t);
    } else if (results > 1) {
        buf_adds(&d, d.len ? "\nРезультаты:" : "Результаты:");
        for (xmlNodePtr c = event->children; c; c = c->next)
            if (tree_is(c, "result")) {
                buf_adds(&d, "\n– ");
                plain(&d, c, " ");
            }
    }
    return buf_detach(&d);
}

/* The VEVENTs of one event: one per range of its period. */
static void add_event(buf *out, xmlNodePtr event, const char *doc_id,
                      const char *section, const char *stamp)
{
    xmlNodePtr period = tree_child(event, "period");
    char kind[16], n[16];
    attr(period, "kind", kind, sizeof kind);
    attr(event, "n", n, sizeof n);
    if (!period || !*kind)
        return;             /* no date, no place in a calendar */
    bool recurring = !strcmp(kind, "monthly") || !strcmp(kind, "quarterly");
    char *name = text_of(event, "name", " ");
    char *when = text_of(period, "text", " ");
    char *desc = description(event, section, when);
    int r = 0;
    for (xmlNodePtr range = period->children; range; range = range->next) {
        if (!tree_is(range, "range"))
            continue;
        r++;
        char start_iso[16], end_iso[16], start[9], end[9], until[9];
        attr(range, "start", start_iso, sizeof start_iso);
        attr(range, "end", end_iso, sizeof end_iso);
        /* A deadline («до 10 апреля») is a day: the day it falls due. */
        const char *first = *start_iso ? start_iso : end_iso;
        if (!ical_date(first, 0, start) || !ical_date(end_iso, 0, until))
            continue;
        /* All-day: DTEND is the day after the last (RFC 5545 §3.6.1);
         * a recurring one lasts a day each time, until the range ends. */
        ical_date(recurring ? first : end_iso, 1, end);
        char *uid = calendar_uid(doc_id, atoi(n), r);
        buf_adds(out, "BEGIN:VEVENT\r\n");
        text_prop(out, "UID", uid);
        raw_prop(out, "DTSTAMP", stamp);
        raw_prop(out, "DTSTART;VALUE=DATE", start);
        raw_prop(out, "DTEND;VALUE=DATE", end);
        if (recurring) {
            buf rule = BUF_INIT;
            buf_addf(&rule, "FREQ=MONTHLY;%sUNTIL=%s",
                     !strcmp(kind, "quarterly") ? "INTERVAL=3;" : "", until);
            raw_prop(out, "RRULE", rule.data);
            buf_free(&rule);
        }
        text_prop(out, "SUMMARY", name);
        text_prop(out, "DESCRIPTION", desc);
        if (*section)
            text_prop(out, "CATEGORIES", section);
        raw_prop(out, "TRANSP", "TRANSPARENT");
        buf_adds(out, "END:VEVENT\r\n");
        free(uid);
    }
    free(name);
    free(when);
    free(desc);
}

char *calendar_ics(xmlDocPtr tree, long long source_date, size_t *len)
{
    xmlNodePtr root = roadmap_of(tree);
    if (!root)
        return NULL;
    xmlNodePtr meta = tree_child(root, "meta");
    char id[512], stamp[17];
    attr(root, "id", id, sizeof id);
    dtstamp(meta, source_date, stamp);
    buf out = BUF_INIT;
    buf_adds(&out, "BEGIN:VCALENDAR\r\n");
    raw_prop(&out, "VERSION", "2.0");
    raw_prop(&out, "PRODID", "-//sbornik//sbornik roadmap//RU");
    raw_prop(&out, "CALSCALE", "GREGORIAN");
    raw_prop(&out, "METHOD", "PUBLISH");
    char *title = text_of(meta, "title", " ");
    text_prop(&out, "X-WR-CALNAME", title);
    free(title);
    for (xmlNodePtr sec = tree_child(root, "body") ? tree_child(root, "body")->children : NULL;
         sec; sec = sec->next) {
        if (!tree_is(sec, "section"))
            continue;
        char *heading = text_of(sec, "heading", " ");
        for (xmlNodePtr e = sec->children; e; e = e->next)
            if (tree_is(e, "event"))
                add_event(&out, e, id, heading, stamp);
        free(heading);
    }
    buf_adds(&out, "END:VCALENDAR\r\n");
    *len = out.len;
    return buf_detach(&out);
}

/* ------------------------------------------------------------ CSV */

/* One RFC 4180 field: quoted when it holds a comma, a quote or a line
 * break, quotes doubled. */
static void csv_field(buf *out, const char *s, bool first)
{
    if (!first)
        buf_addc(out, ',');
    if (!strpbrk(s, ",\"\r\n")) {
        buf_adds(out, s);
        return;
    }
    buf_addc(out, '"');
    for (const char *c = s; *c; c++) {
        if (*c == '"')
            buf_addc(out, '"');
        buf_addc(out, *c);
    }
    buf_addc(out, '"');
}

char *calendar_csv(xmlDocPtr tree, size_t *len)
{
    xmlNodePtr root = roadmap_of(tree);
    if (!root)
        return NULL;
    static const char *const header[] = {
        "№", "Раздел", "Мероприятие", "Сроки", "Начало", "Окончание",
        "Участники", "Исполнители", "Результат",
    };
    buf out = BUF_INIT;
    /* The BOM tells spreadsheets the file is UTF-8 (Excel guesses otherwise). */
    buf_adds(&out, "\xEF\xBB\xBF");
    for (size_t i = 0; i < sizeof header / sizeof *header; i++)
        csv_field(&out, header[i], i == 0);
    buf_adds(&out, "\r\n");
    xmlNodePtr body = tree_child(root, "body");
    for (xmlNodePtr sec = body ? body->children : NULL; sec; sec = sec->next) {
        if (!tree_is(sec, "section"))
            continue;
        char *heading = text_of(sec, "heading", " ");
        for (xmlNodePtr e = sec->children; e; e = e->next) {
            if (!tree_is(e, "event"))
                continue;
            xmlNodePtr period = tree_child(e, "period");
            char n[16], start[16], end[16];
            attr(e, "n", n, sizeof n);
            attr(period, "start", start, sizeof start);
            attr(period, "end", end, sizeof end);
            char *name = text_of(e, "name", " ");
            char *when = text_of(period, "text", " ");
            char *participants = text_of(e, "participants", " ");
            /* The executors' column: Исполнители, else Ответственные. */
            char *executors = text_of(e, tree_child(e, "executors") ? "executors"
                                                                : "responsible", " ");
            char *results = lines_of(e, "result");
            const char *row[] = {n, heading, name, when, start, end,
                                 participants, executors, results};
            for (size_t i = 0; i < sizeof row / sizeof *row; i++)
                csv_field(&out, row[i], i == 0);
            buf_adds(&out, "\r\n");
            free(name);
            free(when);
            free(participants);
            free(executors);
            free(results);
        }
        free(heading);
    }
    *len = out.len;
    return buf_detach(&out);
}

/* ------------------------------------------------------------ writers */

/* Nothing to load for .ics and .csv: a token stands for the state. */
static int no_state;

static void *data_open(const output_target *t)
{
    (void)t;
    return &no_state;
}

static void data_close(void *w)
{
    (void)w;
}

static bool write_text(const output_target *t, xmlDocPtr tree, const char *ext,
                       char *text, size_t len)
{
    if (!text)
        return true;        /* not a roadmap: nothing to write */
    char *name = output_name(tree, ext);
    bool ok = output_write(t->out_dir, name, text, len, t->diag);
    free(name);
    free(text);
    return ok;
}

static bool ics_write(void *w, const output_target *t, xmlDocPtr tree)
{
    (void)w;
    size_t len = 0;
    char *text = calendar_ics(tree, t->source_date, &len);
    return write_text(t, tree, "ics", text, len);
}

static bool csv_write(void *w, const output_target *t, xmlDocPtr tree)
{
    (void)w;
    size_t len = 0;
    char *text = calendar_csv(tree, &len);
    return write_text(t, tree, "csv", text, len);
}

static void *svg_open(const output_target *t)
{
    return xslt_load(t->data_dir, "timeline.xsl", t->diag);
}

static void svg_close(void *w)
{
    xslt_free(w);
}

static bool svg_write(void *w, const output_target *t, xmlDocPtr tree)
{
    xmlNodePtr root = roadmap_of(tree);
    if (!root)
        return true;
    char id[512];
    attr(root, "id", id, sizeof id);
    buf name = BUF_INIT;
    buf_addf(&name, "docs/%s-timeline.svg", id);
    int len = 0;
    xmlChar *svg = xslt_run(w, tree, NULL, &len, name.data, t->diag);
    bool ok = svg && output_write(t->out_dir, name.data, svg, (size_t)len, t->diag);
    xmlFree(svg);
    buf_free(&name);
    return ok;
}

const output_writer calendar_ics_writer = {
    "ics", true, data_open, ics_write, NULL, data_close,
};

const output_writer calendar_csv_writer = {
    "csv", true, data_open, csv_write, NULL, data_close,
};

const output_writer calendar_svg_writer = {
    "svg", true, svg_open, svg_write, NULL, svg_close,
};
