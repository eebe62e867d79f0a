/*
 * test_text.c: the UTF-8 and source-position helpers of src/text.c.
 *
 * utf8_valid is table-driven: each row is a byte string (with its length,
 * so that a NUL can be inside) and the expected offset of the first bad
 * byte, or -1 when the text is valid.  The offset is that of the byte
 * that starts the bad sequence: a diagnostic names that byte ("byte 0xD7
 * at offset 250"), and the byte after an incomplete sequence is not bad
 * in itself (it may be an ASCII letter).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

#define S(lit) lit, sizeof(lit) - 1

/* ------------------------------------------------------------ utf8_valid */

typedef struct {
    const char *name;
    const char *bytes;
    size_t len;
    long bad;           /* -1: valid */
} valid_case;

static const valid_case valid_cases[] = {
    {"utf8 empty", S(""), -1},
    {"utf8 ASCII", S("kind: order\n"), -1},
    {"utf8 Cyrillic", S("Приказ № 01/970 «Об утверждении» — Челябинск"), -1},
    {"utf8 every length", S("A\xD1\x8F\xE2\x82\xAC\xF0\x9F\x98\x80"), -1},
    {"utf8 U+10FFFF is the last", S("\xF4\x8F\xBF\xBF"), -1},
    {"utf8 U+FFFD itself", S("\xEF\xBF\xBD"), -1},
    {"utf8 BOM", S("\xEF\xBB\xBF---"), -1},
    {"utf8 overlong slash C0 AF", S("ab\xC0\xAF"), 2},
    {"utf8 overlong C1 BF", S("\xC1\xBF"), 0},
    {"utf8 overlong 3 bytes E0 80 AF", S("я\xE0\x80\xAF"), 2},
    {"utf8 overlong 4 bytes F0 8F BF BF", S("\xF0\x8F\xBF\xBF"), 0},
    {"utf8 surrogate ED A0 80", S("я\xED\xA0\x80"), 2},
    {"utf8 surrogate ED BF BF", S("\xED\xBF\xBF x"), 0},
    {"utf8 above U+10FFFF F4 90 80 80", S("x\xF4\x90\x80\x80"), 1},
    {"utf8 F5 lead", S("\xF5\x80\x80\x80"), 0},
    {"utf8 FF byte", S("95\xFF%."), 2},
    {"utf8 FE byte", S("\xFE"), 0},
    {"utf8 truncated 2 at the end", S("Пр\xD0"), 4},
    {"utf8 truncated 3 at the end", S("a\xE2\x80"), 1},
    {"utf8 truncated 4 at the end", S("ok \xF0\x9F\x98"), 3},
    {"utf8 lone continuation", S("а\x80б"), 2},
    {"utf8 continuation first", S("\xBFtext"), 0},
    {"utf8 NUL", S("ab\0cd"), 2},
    {"utf8 NUL first", S("\0"), 0},
    /* An incomplete sequence followed by another byte: the lead is bad. */
    {"utf8 lead then ASCII", S("\xD0x"), 0},
    {"utf8 lead then lead", S("г. \xD7\xD0\xB5"), 4},
    {"utf8 3-byte lead cut by ASCII", S("ab\xE2\x82z"), 2},
};

#define NVALID (sizeof valid_cases / sizeof *valid_cases)

static void run_valid_case(void **state)
{
    const valid_case *c = *state;
    size_t bad = 12345;
    bool ok = utf8_valid(c->bytes, c->len, &bad);

    if (c->bad < 0) {
        if (!ok)
            fail_msg("\"%s\": rejected at offset %zu", c->name, bad);
        return;
    }
    if (ok)
        fail_msg("\"%s\": accepted, expected bad offset %ld", c->name, c->bad);
    if (bad != (size_t)c->bad)
        fail_msg("\"%s\": bad offset %zu, expected %ld", c->name, bad, c->bad);
}

/* Only len bytes are looked at: a bad byte after them does not count. */
static void test_valid_length_bounds(void **state)
{
    (void)state;
    size_t bad = 99;

    assert_true(utf8_valid("abc\xFF", 3, &bad));
    assert_int_equal(bad, 99);
    /* The first byte of a sequence cut by len is bad. */
    assert_false(utf8_valid("aя", 2, &bad));
    assert_int_equal(bad, 1);
}

/* ------------------------------------------------------------ utf8_next / put */

static void test_put_next_round_trip(void **state)
{
    (void)state;
    static const struct {
        uint32_t cp;
        int len;
        const char *bytes;
    } rows[] = {
        {0x00, 1, "\x00"},
        {0x41, 1, "A"},
        {0x7F, 1, "\x7F"},
        {0x80, 2, "\xC2\x80"},
        {0xA0, 2, "\xC2\xA0"},
        {0x44F, 2, "я"},
        {0x7FF, 2, "\xDF\xBF"},
        {0x800, 3, "\xE0\xA0\x80"},
        {0x2014, 3, "—"},
        {0x2116, 3, "№"},
        {0xFFFD, 3, "\xEF\xBF\xBD"},
        {0xFFFF, 3, "\xEF\xBF\xBF"},
        {0x10000, 4, "\xF0\x90\x80\x80"},
        {0x1F600, 4, "\xF0\x9F\x98\x80"},
        {0x10FFFF, 4, "\xF4\x8F\xBF\xBF"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        char out[4] = {0};
        int n = utf8_put(rows[i].cp, out);

        assert_int_equal(n, rows[i].len);
        assert_memory_equal(out, rows[i].bytes, (size_t)n);

        const char *p = out;
        uint32_t back = utf8_next(&p, out + n);

        assert_int_equal(back, rows[i].cp);
        assert_ptr_equal(p, out + n);
    }
}

/* Every code point of the BMP and a stride of the others survive. */
static void test_round_trip_all(void **state)
{
    (void)state;
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp += cp < 0x10000 ? 1 : 97) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        char out[4];
        int n = utf8_put(cp, out);
        size_t bad;

        if (!utf8_valid(out, (size_t)n, &bad) && cp != 0)
            fail_msg("U+%04X encodes to invalid UTF-8", (unsigned)cp);
        const char *p = out;
        uint32_t back = utf8_next(&p, out + n);
        if (back != cp || p != out + n)
            fail_msg("U+%04X came back as U+%04X", (unsigned)cp, (unsigned)back);
    }
}

/* A text decodes code point by code point. */
static void test_next_walks_text(void **state)
{
    (void)state;
    const char *text = "Я—1😀";
    const char *p = text, *end = text + strlen(text);
    const uint32_t want[] = {0x42F, 0x2014, '1', 0x1F600};

    for (size_t i = 0; i < 4; i++)
        assert_int_equal(utf8_next(&p, end), want[i]);
    assert_ptr_equal(p, end);
}

/* A bad byte gives U+FFFD and moves one byte on, so decoding resumes. */
static void test_next_bad_bytes(void **state)
{
    (void)state;
    const char lone[] = "\x80я";
    const char *p = lone;

    assert_int_equal(utf8_next(&p, lone + 3), 0xFFFD);
    assert_ptr_equal(p, lone + 1);
    assert_int_equal(utf8_next(&p, lone + 3), 0x44F);
    assert_ptr_equal(p, lone + 3);

    const char cut[] = "\xD1x";
    p = cut;
    assert_int_equal(utf8_next(&p, cut + 2), 0xFFFD);
    assert_ptr_equal(p, cut + 1);
    assert_int_equal(utf8_next(&p, cut + 2), 'x');

    const char tail[] = "\xE2\x80";     /* two bytes of three */
    p = tail;
    assert_int_equal(utf8_next(&p, tail + 2), 0xFFFD);
    assert_ptr_equal(p, tail + 1);

    const char ff[] = "\xFF";
    p = ff;
    assert_int_equal(utf8_next(&p, ff + 1), 0xFFFD);
    assert_ptr_equal(p, ff + 1);
}

/* ------------------------------------------------------------ utf8_count */

static void test_count(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        size_t n;       /* bytes looked at; (size_t)-1: all */
        size_t want;
    } rows[] = {
        {"", (size_t)-1, 0},
        {"abc", (size_t)-1, 3},
        {"Приказ", (size_t)-1, 6},
        {"№ 01/970 — «Об»", (size_t)-1, 15},
        {"a😀б", (size_t)-1, 3},
        {"Приказ", 4, 2},       /* «Пр» */
        {"Приказ", 0, 0},
        {"\xC2\xA0\xC2\xA0", (size_t)-1, 2},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        size_t n = rows[i].n == (size_t)-1 ? strlen(rows[i].s) : rows[i].n;
        size_t got = utf8_count(rows[i].s, n);

        if (got != rows[i].want)
            fail_msg("utf8_count(\"%s\", %zu) = %zu, expected %zu", rows[i].s,
                     n, got, rows[i].want);
    }
}

/* ------------------------------------------------------------ text_position */

static const char POS_TEXT[] =
    "---\n"                                 /* line 1 */
    "kind: приказ\n"                        /* line 2 */
    "title: «Об утверждении»\n"             /* line 3 */
    "\n"                                    /* line 4 */
    "\tТабуляция и № 5\n"                   /* line 5 */
    "последняя строка без перевода";        /* line 6 */

static void test_position(void **state)
{
    (void)state;
    static const struct {
        const char *at;     /* the text at the offset (first occurrence) */
        int line, col;
    } rows[] = {
        {"---", 1, 1},
        {"\nkind", 1, 4},           /* the newline ends line 1 */
        {"kind", 2, 1},
        {"приказ", 2, 7},
        {"каз\n", 2, 10},
        {"title", 3, 1},
        {"«Об", 3, 8},
        {"Об", 3, 9},
        {"утверждении", 3, 12},
        {"»", 3, 23},
        {"\n\n", 3, 24},
        {"\n\t", 4, 1},              /* the empty line 4 */
        {"\tТаб", 5, 1},
        {"Табуляция", 5, 2},
        {"№", 5, 14},
        {"5\n", 5, 16},
        {"последняя", 6, 1},
        {"без", 6, 18},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        const char *hit = strstr(POS_TEXT, rows[i].at);
        int line = -1, col = -1;

        assert_non_null(hit);
        text_position(POS_TEXT, (size_t)(hit - POS_TEXT), &line, &col);
        if (line != rows[i].line || col != rows[i].col)
            fail_msg("\"%s\" at %d:%d, expected %d:%d", rows[i].at, line, col,
                     rows[i].line, rows[i].col);
    }
    /* The end of the text. */
    int line, col;
    text_position(POS_TEXT, sizeof POS_TEXT - 1, &line, &col);
    assert_int_equal(line, 6);
    assert_int_equal(col, 30);
    /* Offset 0 of anything. */
    text_position("", 0, &line, &col);
    assert_int_equal(line, 1);
    assert_int_equal(col, 1);
}

/* ------------------------------------------------------------ text_line */

static void test_line(void **state)
{
    (void)state;
    const char *t = POS_TEXT;
    size_t len = sizeof POS_TEXT - 1;

    assert_ptr_equal(text_line(t, len, 1), t);
    assert_ptr_equal(text_line(t, len, 2), strstr(t, "kind"));
    assert_ptr_equal(text_line(t, len, 3), strstr(t, "title"));
    assert_ptr_equal(text_line(t, len, 4), strstr(t, "\n\t"));
    assert_ptr_equal(text_line(t, len, 5), strstr(t, "\tТаб"));
    assert_ptr_equal(text_line(t, len, 6), strstr(t, "последняя"));
    assert_null(text_line(t, len, 7));
    assert_null(text_line(t, len, 1000));

    /* A final newline: the empty line after it exists, the next does not. */
    const char two[] = "a\nb\n";
    assert_ptr_equal(text_line(two, 4, 2), two + 2);
    assert_ptr_equal(text_line(two, 4, 3), two + 4);
    assert_null(text_line(two, 4, 4));

    /* len bounds the search: a newline past it does not count. */
    assert_null(text_line(two, 1, 2));
    assert_non_null(text_line("", 0, 1));
    assert_null(text_line("", 0, 2));
}

/* ------------------------------------------------------------ strings */

static void test_trim(void **state)
{
    (void)state;
    static const struct {
        const char *in, *want;
    } rows[] = {
        {"", ""},
        {"   ", ""},
        {" \t\r\n", ""},
        {"x", "x"},
        {"  Привет  ", "Привет"},
        {"\t Концепция межмуниципального \r\n", "Концепция межмуниципального"},
        {"a  b", "a  b"},
        {"\n\nline\n", "line"},
        /* Only ASCII whitespace: a no-break space stays. */
        {"\xC2\xA0x\xC2\xA0", "\xC2\xA0x\xC2\xA0"},
        {" \xC2\xA0 ", "\xC2\xA0"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        char *got = str_trim(rows[i].in);

        if (strcmp(got, rows[i].want) != 0) {
            char msg[200];
            snprintf(msg, sizeof msg, "str_trim(\"%s\") = \"%s\", expected \"%s\"",
                     rows[i].in, got, rows[i].want);
            free(got);
            fail_msg("%s", msg);
        }
        free(got);
    }
}

static void test_starts_with(void **state)
{
    (void)state;
    assert_true(starts_with("Концепция", "Конц"));
    assert_true(starts_with("abc", ""));
    assert_true(starts_with("abc", "abc"));
    assert_false(starts_with("ab", "abc"));
    assert_false(starts_with("x-key", "y-"));
    assert_false(starts_with("", "a"));
}

/* Cut at a code point, "…" in the last three bytes; short strings as they are. */
static void test_prefix(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t max;
        const char *want;
    } rows[] = {
        {"", 4, ""},
        {"abc", 4, "abc"},
        {"abcd", 4, "abcd"},
        {"abcde", 4, "a\xE2\x80\xA6"},
        {"Приказ", 12, "Приказ"},               /* 12 bytes: fits */
        {"Приказ", 11, "Прик\xE2\x80\xA6"},     /* 8 bytes of letters */
        {"Приказ", 10, "При\xE2\x80\xA6"},      /* not half of 'к' */
        {"ab\xE2\x80\x94" "cd", 6, "ab\xE2\x80\xA6"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        char *got = utf8_prefix(rows[i].in, rows[i].max);
        assert_true(strlen(got) <= rows[i].max || !strcmp(got, rows[i].in));
        assert_string_equal(got, rows[i].want);
        size_t bad;
        assert_true(utf8_valid(got, strlen(got), &bad));
        free(got);
    }
}

int main(void)
{
    struct CMUnitTest rows[NVALID];
    const struct CMUnitTest others[] = {
        cmocka_unit_test(test_valid_length_bounds),
        cmocka_unit_test(test_put_next_round_trip),
        cmocka_unit_test(test_round_trip_all),
        cmocka_unit_test(test_next_walks_text),
        cmocka_unit_test(test_next_bad_bytes),
        cmocka_unit_test(test_count),
        cmocka_unit_test(test_position),
        cmocka_unit_test(test_line),
        cmocka_unit_test(test_trim),
        cmocka_unit_test(test_starts_with),
        cmocka_unit_test(test_prefix),
    };
    int failed = 0;

    for (size_t k = 0; k < NVALID; k++)
        rows[k] = (struct CMUnitTest){
            .name = valid_cases[k].name,
            .test_func = run_valid_case,
            .initial_state = (void *)&valid_cases[k],
        };
    failed += cmocka_run_group_tests_name("utf8_valid", rows, NULL, NULL);
    failed += cmocka_run_group_tests_name("text", others, NULL, NULL);
    return failed ? 1 : 0;
}
