/*
 * test_buf.c: growable byte strings and the checked allocators (src/buf.c).
 *
 * What matters to the callers: the bytes are exactly what was appended,
 * in order, across every reallocation; data is NUL-terminated after every
 * call; an empty buf reads as "" and detaches as a fresh "".
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

/* The invariants every call must keep. */
static void check_invariants(const buf *b)
{
    if (!b->data) {
        assert_int_equal(b->len, 0);
        assert_int_equal(b->cap, 0);
        return;
    }
    assert_true(b->cap > b->len);
    assert_int_equal(b->data[b->len], '\0');
}

static void test_empty(void **state)
{
    (void)state;
    buf b = BUF_INIT;

    assert_null(b.data);
    assert_string_equal(buf_str(&b), "");
    buf_clear(&b);              /* nothing to clear: stays unallocated */
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    buf_free(&b);
    assert_null(b.data);
    buf_free(&b);               /* twice is harmless */
}

/* Ten thousand single characters: every reallocation keeps the bytes. */
static void test_addc_growth(void **state)
{
    (void)state;
    buf b = BUF_INIT;
    size_t reallocs = 0, cap = 0;

    for (int i = 0; i < 10000; i++) {
        buf_addc(&b, (char)('a' + i % 26));
        check_invariants(&b);
        if (b.cap != cap) {
            reallocs++;
            cap = b.cap;
        }
    }
    assert_int_equal(b.len, 10000);
    for (size_t i = 0; i < b.len; i++)
        if (b.data[i] != (char)('a' + i % 26))
            fail_msg("byte %zu is '%c'", i, b.data[i]);
    assert_int_equal(strlen(b.data), 10000);
    /* Growth is geometric: a handful of reallocations, not thousands. */
    assert_in_range(reallocs, 1, 16);
    buf_free(&b);
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    assert_int_equal(b.cap, 0);
}

/* Appends of every size, including exactly filling the capacity. */
static void test_add_sizes(void **state)
{
    (void)state;
    buf b = BUF_INIT;
    char want[70000];
    size_t wlen = 0;
    char chunk[5000];

    for (size_t i = 0; i < sizeof chunk; i++)
        chunk[i] = (char)('0' + i % 10);
    /* 0, 1, 2 … 62, 63 (fills 64 with the NUL), 64, then big ones. */
    for (size_t n = 0; n < 70 && wlen + n < sizeof want; n++) {
        buf_add(&b, chunk, n);
        memcpy(want + wlen, chunk, n);
        wlen += n;
        check_invariants(&b);
    }
    for (size_t n = 1000; wlen + n < sizeof want; n += 1000) {
        buf_add(&b, chunk, n > sizeof chunk ? sizeof chunk : n);
        memcpy(want + wlen, chunk, n > sizeof chunk ? sizeof chunk : n);
        wlen += n > sizeof chunk ? sizeof chunk : n;
        check_invariants(&b);
    }
    assert_int_equal(b.len, wlen);
    assert_memory_equal(b.data, want, wlen);
    buf_free(&b);
}

/* An append that exactly reaches the first capacity, then one more. */
static void test_exact_fill(void **state)
{
    (void)state;
    buf b = BUF_INIT;
    char s[64];

    memset(s, 'x', sizeof s);
    buf_add(&b, s, 63);
    check_invariants(&b);
    assert_int_equal(b.len, 63);
    buf_addc(&b, 'y');
    check_invariants(&b);
    assert_int_equal(b.len, 64);
    assert_int_equal(b.data[63], 'y');
    assert_int_equal(b.data[62], 'x');
    buf_free(&b);
}

/* buf_add takes n bytes, NULs included; buf_adds stops at the NUL. */
static void test_add_binary(void **state)
{
    (void)state;
    buf b = BUF_INIT;

    buf_add(&b, "a\0b", 3);
    buf_adds(&b, "c\0d");
    buf_add(&b, "zzz", 0);
    buf_adds(&b, "");
    assert_int_equal(b.len, 4);
    assert_memory_equal(b.data, "a\0bc", 5);    /* with the final NUL */
    buf_free(&b);
}

static void test_adds_utf8(void **state)
{
    (void)state;
    buf b = BUF_INIT;

    for (int i = 0; i < 500; i++)
        buf_adds(&b, "Приказ № 01/970; ");
    check_invariants(&b);
    assert_int_equal(b.len, 500 * strlen("Приказ № 01/970; "));
    const char *p = b.data;
    for (int i = 0; i < 500; i++) {
        if (strncmp(p, "Приказ № 01/970; ", strlen("Приказ № 01/970; ")) != 0)
            fail_msg("repetition %d differs", i);
        p += strlen("Приказ № 01/970; ");
    }
    assert_int_equal(*p, '\0');
    buf_free(&b);
}

/* buf_addf: formatted output of any length, appended in place. */
static void test_addf(void **state)
{
    (void)state;
    buf b = BUF_INIT;
    char big[3001];

    buf_addf(&b, "%s:%d:%d: ", "input/2017/roadmap.md", 14, 12);
    assert_string_equal(b.data, "input/2017/roadmap.md:14:12: ");
    buf_addf(&b, "%s", "");
    assert_string_equal(b.data, "input/2017/roadmap.md:14:12: ");
    buf_addf(&b, "%05.1f|%-4s|%x|%zu", 3.14159, "ab", 255u, (size_t)7);
    assert_string_equal(b.data,
                        "input/2017/roadmap.md:14:12: 003.1|ab  |ff|7");

    /* One formatted append far larger than the capacity. */
    memset(big, 'q', 3000);
    big[3000] = '\0';
    size_t before = b.len;
    buf_addf(&b, "[%s]", big);
    check_invariants(&b);
    assert_int_equal(b.len, before + 3002);
    assert_int_equal(b.data[before], '[');
    assert_int_equal(b.data[before + 1], 'q');
    assert_int_equal(b.data[before + 3000], 'q');
    assert_int_equal(b.data[before + 3001], ']');

    /* Many small formatted appends. */
    buf n = BUF_INIT;
    for (int i = 0; i < 2000; i++)
        buf_addf(&n, "%d,", i);
    check_invariants(&n);
    char want[16];
    snprintf(want, sizeof want, "%d,", 1999);
    assert_string_equal(n.data + n.len - strlen(want), want);
    assert_memory_equal(n.data, "0,1,2,3,", 8);
    size_t expect_len = 0;
    for (int i = 0; i < 2000; i++)
        expect_len += (size_t)snprintf(want, sizeof want, "%d,", i);
    assert_int_equal(n.len, expect_len);
    buf_free(&n);
    buf_free(&b);
}

/* An empty formatted append on an empty buf allocates a valid "". */
static void test_addf_empty(void **state)
{
    (void)state;
    buf b = BUF_INIT;

    buf_addf(&b, "%s", "");
    assert_int_equal(b.len, 0);
    assert_string_equal(buf_str(&b), "");
    check_invariants(&b);
    buf_free(&b);
}

static void test_vaddf_helper(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vaddf(b, fmt, ap);
    va_end(ap);
}

static void test_vaddf(void **state)
{
    (void)state;
    buf b = BUF_INIT;

    test_vaddf_helper(&b, "%s от %s № %s", "приказ", "29.03.2017", "01/970");
    assert_string_equal(b.data, "приказ от 29.03.2017 № 01/970");
    buf_free(&b);
}

/* Detach hands over the bytes and resets the buf. */
static void test_detach(void **state)
{
    (void)state;
    buf b = BUF_INIT;
    char *s;

    /* Empty: a fresh, freeable "". */
    s = buf_detach(&b);
    assert_non_null(s);
    assert_string_equal(s, "");
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    assert_int_equal(b.cap, 0);
    free(s);

    /* Full: the very memory, then the buf starts over. */
    buf_adds(&b, "Концепция");
    const char *data = b.data;
    s = buf_detach(&b);
    assert_ptr_equal(s, data);
    assert_string_equal(s, "Концепция");
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    assert_int_equal(b.cap, 0);
    buf_adds(&b, "снова");
    assert_string_equal(b.data, "снова");
    assert_ptr_not_equal(b.data, s);
    free(s);
    buf_free(&b);

    /* Cleared but allocated: "" in the same memory. */
    buf_adds(&b, "x");
    buf_clear(&b);
    data = b.data;
    s = buf_detach(&b);
    assert_ptr_equal(s, data);
    assert_string_equal(s, "");
    free(s);
}

/* Clear keeps the memory and the capacity, and empties the string. */
static void test_clear(void **state)
{
    (void)state;
    buf b = BUF_INIT;

    for (int i = 0; i < 100; i++)
        buf_adds(&b, "0123456789");
    const char *data = b.data;
    size_t cap = b.cap;
    buf_clear(&b);
    assert_ptr_equal(b.data, data);
    assert_int_equal(b.cap, cap);
    assert_int_equal(b.len, 0);
    assert_string_equal(b.data, "");
    assert_string_equal(buf_str(&b), "");

    /* Refilling up to the old size needs no new memory. */
    for (int i = 0; i < 99; i++)
        buf_adds(&b, "abcdefghij");
    assert_ptr_equal(b.data, data);
    assert_int_equal(b.cap, cap);
    assert_int_equal(b.len, 990);
    assert_memory_equal(b.data + 980, "abcdefghij", 11);
    buf_free(&b);
}

static void test_str(void **state)
{
    (void)state;
    buf b = BUF_INIT;

    assert_string_equal(buf_str(&b), "");
    buf_adds(&b, "abc");
    assert_ptr_equal(buf_str(&b), b.data);
    assert_string_equal(buf_str(&b), "abc");
    buf_free(&b);
}

static void test_allocators(void **state)
{
    (void)state;
    char *s = xstrdup("Положение");
    assert_string_equal(s, "Положение");
    free(s);

    s = xstrndup("Положение о конкурсе", 18);   /* 9 letters of 2 bytes */
    assert_string_equal(s, "Положение");
    free(s);

    s = xstrndup("abc", 0);
    assert_string_equal(s, "");
    free(s);

    int *z = xcalloc(100, sizeof(int));
    for (int i = 0; i < 100; i++)
        assert_int_equal(z[i], 0);
    z = xrealloc(z, 1000 * sizeof(int));
    assert_int_equal(z[99], 0);                 /* kept across realloc */
    z[999] = 7;
    free(z);

    /* Zero sizes still give freeable, non-NULL pointers. */
    void *p = xmalloc(0);
    assert_non_null(p);
    free(p);
    p = xcalloc(0, 0);
    assert_non_null(p);
    free(p);
    p = xrealloc(NULL, 0);
    assert_non_null(p);
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_addc_growth),
        cmocka_unit_test(test_add_sizes),
        cmocka_unit_test(test_exact_fill),
        cmocka_unit_test(test_add_binary),
        cmocka_unit_test(test_adds_utf8),
        cmocka_unit_test(test_addf),
        cmocka_unit_test(test_addf_empty),
        cmocka_unit_test(test_vaddf),
        cmocka_unit_test(test_detach),
        cmocka_unit_test(test_clear),
        cmocka_unit_test(test_str),
        cmocka_unit_test(test_allocators),
    };
    return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
