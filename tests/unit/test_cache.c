/*
 * test_cache.c: the build cache (src/cache.c).
 *
 * An output is fresh only for the key it was stored with and while every
 * file it lists is there with its size; the key changes with the tree, an
 * image it names, the format and SOURCE_DATE_EPOCH, and not with anything
 * else (the same tree parsed twice gives the same key).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cache.h"
#include "diag.h"
#include "support.h"

static const char TREE[] =
    "<order id='o1'><meta><title>Об утверждении</title></meta>"
    "<body><p>Текст <image src='img/a.png'/></p></body></order>";

static void key_for(const cache *c, const char *xml, const char *project,
                    const char *format, cache_key *out)
{
    xmlDocPtr doc = parse_xml(xml);
    cache_key own;
    cache_hash_tree(doc, project, &own);
    cache_key_of(c, format, &own, out);
    xmlFreeDoc(doc);
}

static void test_fresh_and_stale(void **state)
{
    (void)state;
    char *out = scratch_dir("sbornik-cache-out");
    char *project = scratch_dir("sbornik-cache-project");
    diag_sink *d = new_sink();
    write_text(project, "img/a.png", "png bytes");
    cache *c = cache_new(out, ".", -1);
    cache_key k1, k2;
    key_for(c, TREE, project, "pdf", &k1);
    key_for(c, TREE, project, "pdf", &k2);
    assert_memory_equal(k1.bytes, k2.bytes, sizeof k1.bytes);

    /* Nothing stored yet. */
    assert_false(cache_fresh(c, "pdf", "o1", &k1));
    write_text(out, "docs/o1.pdf", "%PDF-1.4 one");
    output_file files[] = {{"docs/o1.pdf", 12}};
    assert_true(cache_store(c, "pdf", "o1", &k1, files, 1, d));
    assert_true(cache_fresh(c, "pdf", "o1", &k1));
    assert_false(cache_fresh(c, "html", "o1", &k1));
    assert_false(cache_fresh(c, "pdf", "o2", &k1));

    /* Another format, tree or image: another key. */
    key_for(c, TREE, project, "docx", &k2);
    assert_memory_not_equal(k1.bytes, k2.bytes, sizeof k1.bytes);
    assert_false(cache_fresh(c, "pdf", "o1", &k2));
    key_for(c, "<order id='o1'><meta><title>Об утверждении.</title></meta></order>",
            project, "pdf", &k2);
    assert_memory_not_equal(k1.bytes, k2.bytes, sizeof k1.bytes);
    write_text(project, "img/a.png", "png bytes, changed");
    key_for(c, TREE, project, "pdf", &k2);
    assert_memory_not_equal(k1.bytes, k2.bytes, sizeof k1.bytes);
    write_text(project, "img/a.png", "png bytes");

    /* An output changed or removed behind the cache's back: stale. */
    write_text(out, "docs/o1.pdf", "%PDF-1.4 one, edited");
    assert_false(cache_fresh(c, "pdf", "o1", &k1));
    write_text(out, "docs/o1.pdf", "%PDF-1.4 one");
    assert_true(cache_fresh(c, "pdf", "o1", &k1));
    char *pdf = path_of(out, "docs/o1.pdf");
    unlink(pdf);
    free(pdf);
    assert_false(cache_fresh(c, "pdf", "o1", &k1));

    /* Forgotten: stale whatever the files. */
    write_text(out, "docs/o1.pdf", "%PDF-1.4 one");
    assert_true(cache_fresh(c, "pdf", "o1", &k1));
    cache_forget(c, "pdf", "o1");
    assert_false(cache_fresh(c, "pdf", "o1", &k1));
    assert_int_equal(diag_total(d), 0);
    cache_free(c);
}

/* SOURCE_DATE_EPOCH is in every key; a broken entry is only stale. */
static void test_date_and_garbage(void **state)
{
    (void)state;
    char *out = scratch_dir("sbornik-cache-out");
    diag_sink *d = new_sink();
    cache *c1 = cache_new(out, ".", -1), *c2 = cache_new(out, ".", 1700000000);
    cache_key k1, k2;
    key_for(c1, TREE, out, "html", &k1);
    key_for(c2, TREE, out, "html", &k2);
    assert_memory_not_equal(k1.bytes, k2.bytes, sizeof k1.bytes);

    output_file none[1];
    assert_true(cache_store(c1, "ics", "o1", &k1, none, 0, d));
    assert_true(cache_fresh(c1, "ics", "o1", &k1));     /* wrote nothing */
    write_text(out, CACHE_DIR "/ics/o1", "sbornik-cache 1\nkey zz\n");
    assert_false(cache_fresh(c1, "ics", "o1", &k1));
    write_text(out, CACHE_DIR "/ics/o1", "");
    assert_false(cache_fresh(c1, "ics", "o1", &k1));
    cache_free(c1);
    cache_free(c2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_fresh_and_stale, scratch_teardown),
        cmocka_unit_test_teardown(test_date_and_garbage, scratch_teardown),
    };
    return cmocka_run_group_tests_name("cache", tests, NULL, NULL);
}
