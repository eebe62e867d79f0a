/*
 * test_calendar.c: the roadmap calendar and table (src/calendar.c):
 * folding at 75 octets without cutting a character, TEXT escaping, UIDs,
 * the dates of each kind of period (DTEND exclusive), DTSTAMP's sources,
 * and the CSV's quoting.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "calendar.h"
#include "support.h"

/* ------------------------------------------------------------ helpers */

/* Undo folding: every CRLF followed by a space goes. */
static char *unfold(const char *s)
{
    buf b = BUF_INIT;
    buf_adds(&b, "");
    for (const char *c = s; *c; c++) {
        if (c[0] == '\r' && c[1] == '\n' && c[2] == ' ') {
            c += 2;
            continue;
        }
        buf_addc(&b, *c);
    }
    return buf_detach(&b);
}

/* Every physical line: at most 75 octets, CRLF-terminated, and starting
 * with a UTF-8 lead byte (a fold never cuts a character). */
static void assert_folded(const char *s)
{
    const char *line = s;
    while (*line) {
        const char *crlf = strstr(line, "\r\n");
        assert_non_null(crlf);
        assert_true(crlf - line <= 75);
        const char *start = line[0] == ' ' && line != s ? line + 1 : line;
        assert_true(((unsigned char)*start & 0xC0) != 0x80);
        for (const char *c = line; c < crlf; c++)
            assert_true(*c != '\r' && *c != '\n');
        line = crlf + 2;
    }
}

/* The VEVENT whose UID is uid, as text (until END:VEVENT); caller frees. */
static char *vevent(const char *ics, const char *uid)
{
    buf key = BUF_INIT;
    buf_addf(&key, "UID:%s\r\n", uid);
    const char *at = strstr(ics, key.data);
    buf_free(&key);
    assert_non_null(at);
    const char *end = strstr(at, "END:VEVENT");
    assert_non_null(end);
    return xstrndup(at, (size_t)(end - at));
}

/* ------------------------------------------------------------ folding */

static void test_fold_ascii(void **state)
{
    (void)state;
    char line[200];
    for (size_t n = 70; n <= 160; n++) {
        memset(line, 'x', n);
        line[n] = '\0';
        memcpy(line, "SUMMARY:", 8);
        buf out = BUF_INIT;
        calendar_fold(&out, line, n);
        assert_folded(out.data);
        char *back = unfold(out.data);
        /* Unfolded, the line comes back whole, with its CRLF. */
        assert_int_equal(strlen(back), n + 2);
        assert_memory_equal(back, line, n);
        free(back);
        /* 75 octets fit on one line; 76 need a second. */
        assert_int_equal(count_of(out.data, "\r\n"), n <= 75 ? 1 : 1 + (n - 75 + 73) / 74);
        buf_free(&out);
    }
}

static void test_fold_utf8(void **state)
{
    (void)state;
    /* Two-, three- and four-byte characters at every offset of the cut. */
    static const char *const chars[] = {"ж", "—", "😀"};
    for (size_t k = 0; k < 3; k++)
        for (size_t lead = 0; lead < 4; lead++) {
            buf line = BUF_INIT;
            buf_adds(&line, "DESCRIPTION:");
            for (size_t i = 0; i < lead; i++)
                buf_addc(&line, 'a');
            for (int i = 0; i < 60; i++)
                buf_adds(&line, chars[k]);
            buf out = BUF_INIT;
            calendar_fold(&out, line.data, line.len);
            assert_folded(out.data);
            char *back = unfold(out.data);
            assert_int_equal(strlen(back), line.len + 2);
            assert_memory_equal(back, line.data, line.len);
            free(back);
            buf_free(&out);
            buf_free(&line);
        }
}

static void test_escape(void **state)
{
    (void)state;
    buf out = BUF_INIT;
    calendar_escape(&out, "МОУО, ГБУ; C:\\temp\r\nвторая строка");
    assert_string_equal(out.data, "МОУО\\, ГБУ\\; C:\\\\temp\\nвторая строка");
    buf_free(&out);
}

static void test_uid(void **state)
{
    (void)state;
    char *a = calendar_uid("roadmap-2022", 9, 2);
    char *b = calendar_uid("roadmap-2022", 9, 2);
    char *c = calendar_uid("roadmap-2022", 9, 3);
    char *d = calendar_uid("roadmap-2017", 9, 2);
    assert_string_equal(a, "roadmap-2022-9-2@sbornik");
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
    assert_string_not_equal(a, d);
    free(a);
    free(b);
    free(c);
    free(d);
}

/* ------------------------------------------------------------ the calendar */

#define ROADMAP_HEAD \
    "<roadmap id=\"rm\" src=\"rm.md\" status=\"final\"><meta>" \
    "<title>Дорожная карта на 2024 год</title>"

static const char ROADMAP[] =
    ROADMAP_HEAD "<year>2024</year><columns><column field=\"name\">Мероприятие</column></columns></meta>"
    "<body><section level=\"2\"><heading>Раздел, первый</heading>"
    "<event n=\"1\"><name>Семинар «Итоги»</name>"
    "<period kind=\"dates\" start=\"2024-07-01\" end=\"2024-09-30\"><text>3 квартал 2024</text>"
    "<range start=\"2024-07-01\" end=\"2024-09-30\"/></period>"
    "<participants>МОУО, ГБУ ДПО РЦОКИО</participants><executors>РЦОКИО</executors>"
    "<result>Материалы</result><result>Резолюция; итоги</result></event>"
    "<event n=\"2\"><name>Две части</name>"
    "<period kind=\"dates\" start=\"2024-02-01\" end=\"2024-12-31\"><text>Февраль, декабрь</text>"
    "<range start=\"2024-02-01\" end=\"2024-02-29\"/><range start=\"2024-12-01\" end=\"2024-12-31\"/>"
    "</period></event>"
    "<event n=\"3\"><name>Консультации</name>"
    "<period kind=\"monthly\" start=\"2024-01-01\" end=\"2024-12-31\"><text>ежемесячно</text>"
    "<range start=\"2024-01-01\" end=\"2024-12-31\"/></period></event>"
    "<event n=\"4\"><name>Отчёт</name>"
    "<period kind=\"quarterly\" start=\"2024-01-01\" end=\"2024-12-31\"><text>ежеквартально</text>"
    "<range start=\"2024-01-01\" end=\"2024-12-31\"/></period></event>"
    "<event n=\"5\"><name>Сдать материалы</name>"
    "<period kind=\"deadline\" end=\"2024-04-10\"><text>До 10 апреля</text>"
    "<range end=\"2024-04-10\"/></period><responsible>Руководитель</responsible></event>"
    "<event n=\"6\"><name>Без срока</name></event>"
    "</section></body></roadmap>";

static void test_ics_events(void **state)
{
    (void)state;
    xmlDocPtr doc = parse_xml(ROADMAP);
    size_t len = 0;
    char *ics = calendar_ics(doc, -1, &len);
    assert_non_null(ics);
    assert_int_equal(len, strlen(ics));
    assert_folded(ics);
    assert_true(strncmp(ics, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 30) == 0);
    assert_non_null(strstr(ics, "END:VCALENDAR\r\n"));
    char *text = unfold(ics);
    /* Six events, one without a period: 1 + 2 + 1 + 1 + 1 VEVENTs. */
    assert_int_equal(count_of(text, "BEGIN:VEVENT\r\n"), 6);
    assert_int_equal(count_of(text, "END:VEVENT\r\n"), 6);
    assert_null(strstr(text, "Без срока"));

    char *e = vevent(text, "rm-1-1@sbornik");
    assert_non_null(strstr(e, "DTSTART;VALUE=DATE:20240701\r\n"));
    assert_non_null(strstr(e, "DTEND;VALUE=DATE:20241001\r\n"));     /* exclusive */
    assert_non_null(strstr(e, "SUMMARY:Семинар «Итоги»\r\n"));
    assert_non_null(strstr(e, "DESCRIPTION:Раздел: Раздел\\, первый\\nСроки: 3 квартал 2024"
                              "\\nУчастники: МОУО\\, ГБУ ДПО РЦОКИО\\nИсполнители: РЦОКИО"
                              "\\nРезультаты:\\n– Материалы\\n– Резолюция\\; итоги\r\n"));
    assert_non_null(strstr(e, "CATEGORIES:Раздел\\, первый\r\n"));
    assert_null(strstr(e, "RRULE"));
    free(e);

    /* Two ranges, two events; a leap February ends on the 29th. */
    e = vevent(text, "rm-2-1@sbornik");
    assert_non_null(strstr(e, "DTSTART;VALUE=DATE:20240201\r\nDTEND;VALUE=DATE:20240301\r\n"));
    free(e);
    e = vevent(text, "rm-2-2@sbornik");
    assert_non_null(strstr(e, "DTSTART;VALUE=DATE:20241201\r\nDTEND;VALUE=DATE:20250101\r\n"));
    free(e);

    e = vevent(text, "rm-3-1@sbornik");
    assert_non_null(strstr(e, "DTSTART;VALUE=DATE:20240101\r\nDTEND;VALUE=DATE:20240102\r\n"
                              "RRULE:FREQ=MONTHLY;UNTIL=20241231\r\n"));
    free(e);
    e = vevent(text, "rm-4-1@sbornik");
    assert_non_null(strstr(e, "RRULE:FREQ=MONTHLY;INTERVAL=3;UNTIL=20241231\r\n"));
    free(e);

    /* A deadline is its day. */
    e = vevent(text, "rm-5-1@sbornik");
    assert_non_null(strstr(e, "DTSTART;VALUE=DATE:20240410\r\nDTEND;VALUE=DATE:20240411\r\n"));
    assert_non_null(strstr(e, "Ответственные: Руководитель"));
    free(e);

    /* No date of its own, no approving act: 1 January of the year. */
    assert_int_equal(count_of(text, "DTSTAMP:20240101T000000Z\r\n"), 6);
    free(text);
    free(ics);

    /* SOURCE_DATE_EPOCH wins: 2024-03-05 06:07:08 UTC. */
    ics = calendar_ics(doc, 1709618828, &len);
    assert_int_equal(count_of(ics, "DTSTAMP:20240305T060708Z\r\n"), 6);
    free(ics);
    xmlFreeDoc(doc);
}

static void test_ics_dtstamp_sources(void **state)
{
    (void)state;
    static const struct {
        const char *meta, *want;
    } cases[] = {
        {"<date value=\"2023-12-20\">20.12.2023</date><year>2024</year>", "DTSTAMP:20231220T000000Z"},
        {"<year>2024</year><stamp mode=\"approved\"><by>приказом</by>"
         "<date value=\"2024-01-15\">15.01.2024</date></stamp>", "DTSTAMP:20240115T000000Z"},
    };
    for (size_t i = 0; i < 2; i++) {
        buf xml = BUF_INIT;
        buf_addf(&xml, ROADMAP_HEAD "%s</meta><body><section level=\"2\"><event n=\"1\"><name>А</name>"
                       "<period kind=\"dates\" start=\"2024-05-01\" end=\"2024-05-01\"><text>1 мая</text>"
                       "<range start=\"2024-05-01\" end=\"2024-05-01\"/></period></event></section></body></roadmap>",
                 cases[i].meta);
        xmlDocPtr doc = parse_xml(xml.data);
        size_t len;
        char *ics = calendar_ics(doc, -1, &len);
        assert_non_null(strstr(ics, cases[i].want));
        /* A section without a heading has no category. */
        assert_null(strstr(ics, "CATEGORIES"));
        free(ics);
        xmlFreeDoc(doc);
        buf_free(&xml);
    }
    /* Not a roadmap: no calendar, no table. */
    xmlDocPtr order = parse_xml("<order id=\"o\"/>");
    size_t len = 7;
    assert_null(calendar_ics(order, -1, &len));
    assert_null(calendar_csv(order, &len));
    xmlFreeDoc(order);
}

/* ------------------------------------------------------------ the table */

static void test_csv(void **state)
{
    (void)state;
    xmlDocPtr doc = parse_xml(ROADMAP);
    size_t len = 0;
    char *csv = calendar_csv(doc, &len);
    assert_non_null(csv);
    assert_int_equal(len, strlen(csv));
    static const char header[] = "\xEF\xBB\xBF№,Раздел,Мероприятие,Сроки,Начало,Окончание,"
                                 "Участники,Исполнители,Результат\r\n";
    assert_true(strncmp(csv, header, sizeof header - 1) == 0);
    /* One row per event, the one without a period too. */
    assert_non_null(strstr(csv, "\r\n1,\"Раздел, первый\",Семинар «Итоги»,3 квартал 2024,"
                                "2024-07-01,2024-09-30,\"МОУО, ГБУ ДПО РЦОКИО\",РЦОКИО,"
                                "\"Материалы\nРезолюция; итоги\"\r\n"));
    assert_non_null(strstr(csv, "\r\n5,\"Раздел, первый\",Сдать материалы,До 10 апреля,,"
                                "2024-04-10,,Руководитель,\r\n"));
    assert_non_null(strstr(csv, "\r\n6,\"Раздел, первый\",Без срока,,,,,,\r\n"));
    assert_int_equal(count_of(csv, "\r\n"), 7);
    free(csv);
    xmlFreeDoc(doc);

    /* Quotes are doubled inside a quoted field. */
    doc = parse_xml(ROADMAP_HEAD "<year>2024</year></meta><body><section level=\"2\"><event n=\"1\">"
                    "<name>Сказано \"так\"</name></event></section></body></roadmap>");
    csv = calendar_csv(doc, &len);
    assert_non_null(strstr(csv, "\r\n1,,\"Сказано \"\"так\"\"\",,,,,,\r\n"));
    free(csv);
    xmlFreeDoc(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold_ascii),
        cmocka_unit_test(test_fold_utf8),
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_uid),
        cmocka_unit_test(test_ics_events),
        cmocka_unit_test(test_ics_dtstamp_sources),
        cmocka_unit_test(test_csv),
    };
    int failed = cmocka_run_group_tests_name("calendar", tests, NULL, NULL);
    xmlCleanupParser();
    return failed;
}
