/*
 * test_diag.c: the diagnostics sink (src/diag.c).
 *
 * Everything is checked on the exact text diag_flush prints, read back
 * from a temporary file: the gcc-style line, the "path: " form of line 0,
 * the order (path, line, column, then the order of reports), and the
 * caret line under the right character, tabs kept.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "support.h"

/* Compare and free, so that a failure message shows both texts. */
static void assert_flushed(diag_sink *d, bool caret, const char *only_path,
                           const char *want)
{
    char *got = flushed_text_with(d, caret, only_path);
    if (strcmp(got, want) != 0) {
        buf msg = BUF_INIT;
        buf_addf(&msg, "flushed:\n%s\nexpected:\n%s", got, want);
        free(got);
        print_error("%s\n", msg.data);
        buf_free(&msg);
        fail();
    }
    free(got);
}

static void test_empty_sink(void **state)
{
    (void)state;
    diag_sink *d = diag_new();

    assert_int_equal(diag_count(d, DIAG_ERROR), 0);
    assert_int_equal(diag_count(d, DIAG_WARNING), 0);
    assert_int_equal(diag_errors_in(d, "a.md"), 0);
    assert_flushed(d, true, NULL, "");
    diag_free(d);
    diag_free(NULL);
}

static void test_format(void **state)
{
    (void)state;
    diag_sink *d = diag_new();

    diag_report(d, DIAG_ERROR, "input/2017/roadmap.md", 14, 12, "E-LABEL",
                "unknown label '%s' (known: %s)", "Срок", "Сроки, …");
    assert_flushed(d, false, NULL,
                   "input/2017/roadmap.md:14:12: error: unknown label 'Срок' "
                   "(known: Сроки, …)\n");
    diag_free(d);

    d = diag_new();
    diag_report(d, DIAG_WARNING, "x.md", 3, 1, "W-REF-DATE", "date %d", 2019);
    assert_flushed(d, false, NULL, "x.md:3:1: warning: date 2019\n");
    diag_free(d);

    /* Line 0: the whole file. */
    d = diag_new();
    diag_report(d, DIAG_ERROR, "big.md", 0, 0, "E-SOURCE-TOO-LARGE",
                "source is larger than %d MB", 64);
    assert_flushed(d, false, NULL, "big.md: error: source is larger than 64 MB\n");
    assert_flushed(d, true, NULL, "big.md: error: source is larger than 64 MB\n");
    diag_free(d);

    /* A line without a column prints column 1. */
    d = diag_new();
    diag_report(d, DIAG_ERROR, "a.md", 5, 0, "E-X", "no column");
    assert_flushed(d, false, NULL, "a.md:5:1: error: no column\n");
    diag_free(d);
}

/* A path reported is copied: the caller's buffer may change afterwards. */
static void test_path_copied(void **state)
{
    (void)state;
    diag_sink *d = diag_new();
    char path[32];

    strcpy(path, "first.md");
    diag_report(d, DIAG_ERROR, path, 1, 1, "E-X", "one");
    strcpy(path, "other.md");
    diag_report(d, DIAG_ERROR, path, 1, 1, "E-X", "two");
    strcpy(path, "zzz");
    assert_int_equal(diag_errors_in(d, "first.md"), 1);
    assert_int_equal(diag_errors_in(d, "other.md"), 1);
    assert_flushed(d, false, NULL,
                   "first.md:1:1: error: one\n"
                   "other.md:1:1: error: two\n");
    diag_free(d);
}

/* Sorted by path, then line and column as numbers, then report order. */
static void test_sorted(void **state)
{
    (void)state;
    diag_sink *d = diag_new();

    diag_report(d, DIAG_ERROR, "b.md", 2, 1, "E-X", "b 2:1");
    diag_report(d, DIAG_ERROR, "a.md", 10, 1, "E-X", "a 10:1");
    diag_report(d, DIAG_WARNING, "a.md", 2, 5, "W-X", "a 2:5");
    diag_report(d, DIAG_ERROR, "a.md", 2, 3, "E-X", "a 2:3 first");
    diag_report(d, DIAG_WARNING, "a.md", 2, 3, "W-X", "a 2:3 second");
    diag_report(d, DIAG_ERROR, "a.md", 0, 0, "E-X", "a whole");
    diag_report(d, DIAG_ERROR, "a.md", 2, 12, "E-X", "a 2:12");
    diag_report(d, DIAG_ERROR, "a.md", 9, 40, "E-X", "a 9:40");
    diag_report(d, DIAG_ERROR, "a.md", 2, 3, "E-X", "a 2:3 third");
    diag_report(d, DIAG_ERROR, "a/b.md", 1, 1, "E-X", "a/b");
    diag_report(d, DIAG_ERROR, "A.md", 1, 1, "E-X", "A");

    const char *want =
        "A.md:1:1: error: A\n"
        "a.md: error: a whole\n"
        "a.md:2:3: error: a 2:3 first\n"
        "a.md:2:3: warning: a 2:3 second\n"
        "a.md:2:3: error: a 2:3 third\n"
        "a.md:2:5: warning: a 2:5\n"
        "a.md:2:12: error: a 2:12\n"
        "a.md:9:40: error: a 9:40\n"
        "a.md:10:1: error: a 10:1\n"
        "a/b.md:1:1: error: a/b\n"
        "b.md:2:1: error: b 2:1\n";
    assert_flushed(d, false, NULL, want);
    /* Flushing again prints the same: the sort is stable and idempotent. */
    assert_flushed(d, false, NULL, want);

    assert_int_equal(diag_count(d, DIAG_ERROR), 9);
    assert_int_equal(diag_count(d, DIAG_WARNING), 2);
    assert_int_equal(diag_errors_in(d, "a.md"), 6);
    assert_int_equal(diag_errors_in(d, "b.md"), 1);
    assert_int_equal(diag_errors_in(d, "a/b.md"), 1);
    assert_int_equal(diag_errors_in(d, "c.md"), 0);
    assert_int_equal(diag_errors_in(d, "a"), 0);
    diag_free(d);
}

/* Many reports: order kept among equal positions beyond any small array. */
static void test_many_stable(void **state)
{
    (void)state;
    diag_sink *d = diag_new();
    buf want = BUF_INIT;

    for (int i = 0; i < 300; i++)
        diag_report(d, DIAG_ERROR, "p.md", 1, 1, "E-X", "n%03d", i);
    for (int i = 0; i < 300; i++)
        buf_addf(&want, "p.md:1:1: error: n%03d\n", i);
    assert_int_equal(diag_count(d, DIAG_ERROR), 300);
    assert_flushed(d, false, NULL, want.data);
    buf_free(&want);
    diag_free(d);
}

static const char CYR_TEXT[] =
    "---\n"
    "title: Дорожная карта\n"
    "\tСрок:\tмарт 2022\n"
    "Ещё строка\r\n"
    "last";

static void test_caret(void **state)
{
    (void)state;
    diag_sink *d = diag_new();

    diag_add_source(d, "r.md", CYR_TEXT, sizeof CYR_TEXT - 1);
    diag_report(d, DIAG_ERROR, "r.md", 2, 17, "E-X", "карта");
    diag_report(d, DIAG_ERROR, "r.md", 3, 8, "E-X", "март");
    diag_report(d, DIAG_ERROR, "r.md", 4, 5, "E-X", "crlf");
    diag_report(d, DIAG_ERROR, "r.md", 5, 1, "E-X", "last");
    diag_report(d, DIAG_ERROR, "r.md", 9, 1, "E-X", "no such line");
    diag_report(d, DIAG_ERROR, "r.md", 0, 0, "E-X", "whole");
    diag_report(d, DIAG_ERROR, "other.md", 1, 4, "E-X", "no source");

    assert_flushed(d, true, NULL,
                   "other.md:1:4: error: no source\n"
                   "r.md: error: whole\n"
                   "r.md:2:17: error: карта\n"
                   " title: Дорожная карта\n"
                   "                 ^\n"
                   "r.md:3:8: error: март\n"
                   " \tСрок:\tмарт 2022\n"
                   " \t     \t^\n"
                   "r.md:4:5: error: crlf\n"
                   " Ещё строка\n"
                   "     ^\n"
                   "r.md:5:1: error: last\n"
                   " last\n"
                   " ^\n"
                   "r.md:9:1: error: no such line\n");
    /* The caret never goes past the end of the line. */
    diag_sink *e = diag_new();
    diag_add_source(e, "r.md", CYR_TEXT, sizeof CYR_TEXT - 1);
    diag_report(e, DIAG_ERROR, "r.md", 5, 30, "E-X", "far");
    assert_flushed(e, true, NULL,
                   "r.md:5:30: error: far\n"
                   " last\n"
                   "     ^\n");
    diag_free(e);
    diag_free(d);
}

/* The most recent source of a path is the one shown. */
static void test_source_replaced(void **state)
{
    (void)state;
    diag_sink *d = diag_new();

    diag_add_source(d, "a.md", "old line\n", 9);
    diag_add_source(d, "a.md", "новая строка\n", strlen("новая строка\n"));
    diag_report(d, DIAG_ERROR, "a.md", 1, 7, "E-X", "x");
    assert_flushed(d, true, NULL,
                   "a.md:1:7: error: x\n"
                   " новая строка\n"
                   "       ^\n");
    diag_free(d);
}

static void test_only_path(void **state)
{
    (void)state;
    diag_sink *d = diag_new();

    diag_add_source(d, "a.md", "abc\n", 4);
    diag_report(d, DIAG_ERROR, "b.md", 1, 1, "E-X", "in b");
    diag_report(d, DIAG_WARNING, "a.md", 1, 2, "W-X", "in a");
    diag_report(d, DIAG_ERROR, "a.md", 0, 0, "E-X", "a whole");
    diag_report(d, DIAG_ERROR, "a.md.bak", 1, 1, "E-X", "not a");

    assert_flushed(d, true, "a.md",
                   "a.md: error: a whole\n"
                   "a.md:1:2: warning: in a\n"
                   " abc\n"
                   "  ^\n");
    assert_flushed(d, false, "b.md", "b.md:1:1: error: in b\n");
    assert_flushed(d, false, "c.md", "");
    assert_flushed(d, false, NULL,
                   "a.md: error: a whole\n"
                   "a.md:1:2: warning: in a\n"
                   "a.md.bak:1:1: error: not a\n"
                   "b.md:1:1: error: in b\n");
    assert_int_equal(diag_count(d, DIAG_ERROR), 3);
    assert_int_equal(diag_count(d, DIAG_WARNING), 1);
    assert_int_equal(diag_errors_in(d, "a.md"), 1);
    diag_free(d);
}

/* Many sources and paths: the sink grows its tables. */
static void test_many_sources(void **state)
{
    (void)state;
    diag_sink *d = diag_new();
    char paths[100][16];

    for (int i = 0; i < 100; i++) {
        snprintf(paths[i], sizeof paths[i], "f%03d.md", i);
        diag_add_source(d, paths[i], "line one\nline two\n", 18);
    }
    for (int i = 99; i >= 0; i--)
        diag_report(d, DIAG_ERROR, paths[i], 2, 6, "E-X", "e%d", i);
    assert_int_equal(diag_count(d, DIAG_ERROR), 100);
    assert_int_equal(diag_errors_in(d, "f042.md"), 1);

    char *got = flushed_text_with(d, true, "f042.md");
    assert_string_equal(got, "f042.md:2:6: error: e42\n line two\n      ^\n");
    free(got);
    got = flushed_text_with(d, false, NULL);
    assert_memory_equal(got, "f000.md:2:6: error: e0\nf001.md:2:6: error: e1\n",
                        strlen("f000.md:2:6: error: e0\nf001.md:2:6: error: e1\n"));
    free(got);
    diag_free(d);
}

/* What diag_flush prints in style, as a malloc'd string. */
static char *flushed_in(diag_sink *d, diag_format format, bool colour)
{
    diag_style style = {format, colour, colour};
    return flushed_styled(d, &style, NULL);
}

/* JSON: one object a line, strings escaped, line 0 as line and column 0. */
static void test_json(void **state)
{
    (void)state;
    diag_sink *d = diag_new();
    diag_report(d, DIAG_ERROR, "in/a \"b\".md", 3, 7, "E-REF-UNKNOWN",
                "unknown id '%s'\\ here\n\tx\x01", "ой");
    diag_report(d, DIAG_WARNING, "in/sbornik.yaml", 0, 0, "W-X", "whole file");
    char *got = flushed_in(d, DIAG_FORMAT_JSON, false);
    assert_string_equal(got,
        "{\"file\":\"in/a \\\"b\\\".md\",\"line\":3,\"column\":7,"
        "\"severity\":\"error\",\"code\":\"E-REF-UNKNOWN\","
        "\"message\":\"unknown id 'ой'\\\\ here\\n\\tx\\u0001\"}\n"
        "{\"file\":\"in/sbornik.yaml\",\"line\":0,\"column\":0,"
        "\"severity\":\"warning\",\"code\":\"W-X\",\"message\":\"whole file\"}\n");
    free(got);
    diag_free(d);
}

/* GitHub: workflow commands, properties and data escaped as GitHub wants. */
static void test_github(void **state)
{
    (void)state;
    diag_sink *d = diag_new();
    diag_report(d, DIAG_ERROR, "in/a,b:c.md", 3, 7, "E-REF-UNKNOWN",
                "100%% wrong:\nsecond line, here");
    diag_report(d, DIAG_WARNING, "in/sbornik.yaml", 0, 0, "W-X", "whole file");
    char *got = flushed_in(d, DIAG_FORMAT_GITHUB, false);
    assert_string_equal(got,
        "::error file=in/a%2Cb%3Ac.md,line=3,col=7,title=E-REF-UNKNOWN::"
        "100%25 wrong:%0Asecond line, here\n"
        "::warning file=in/sbornik.yaml,title=W-X::whole file\n");
    free(got);
    diag_free(d);
}

/* Colours as gcc's, the text otherwise the same; none without colour. */
static void test_colour(void **state)
{
    (void)state;
    diag_sink *d = diag_new();
    static const char text[] = "a\nbad line\n";
    diag_add_source(d, "a.md", text, sizeof text - 1);
    diag_report(d, DIAG_ERROR, "a.md", 2, 5, "E-X", "broken");
    diag_report(d, DIAG_WARNING, "a.md", 0, 0, "W-X", "odd");
    char *got = flushed_in(d, DIAG_FORMAT_TEXT, true);
    assert_string_equal(got,
        "\033[1ma.md:\033[0m \033[1;35mwarning:\033[0m odd\n"
        "\033[1ma.md:2:5:\033[0m \033[1;31merror:\033[0m broken\n"
        " bad line\n     \033[1;32m^\033[0m\n");
    free(got);
    got = flushed_in(d, DIAG_FORMAT_TEXT, false);
    assert_string_equal(got, "a.md: warning: odd\na.md:2:5: error: broken\n");
    free(got);
    diag_format f = DIAG_FORMAT_TEXT;
    assert_true(diag_format_parse("json", &f));
    assert_int_equal(f, DIAG_FORMAT_JSON);
    assert_true(diag_format_parse("github", &f));
    assert_int_equal(f, DIAG_FORMAT_GITHUB);
    assert_false(diag_format_parse("xml", &f));
    diag_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_sink),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_path_copied),
        cmocka_unit_test(test_sorted),
        cmocka_unit_test(test_many_stable),
        cmocka_unit_test(test_caret),
        cmocka_unit_test(test_source_replaced),
        cmocka_unit_test(test_only_path),
        cmocka_unit_test(test_many_sources),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_github),
        cmocka_unit_test(test_colour),
    };
    return cmocka_run_group_tests_name("diag", tests, NULL, NULL);
}
