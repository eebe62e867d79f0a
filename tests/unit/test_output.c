/*
 * test_output.c: atomic, confined writes (src/output.c).
 *
 * Each test writes into a fresh temporary folder and checks the bytes on
 * disk, that no temporary file is left behind (".NAME.sbornik-tmp-…"),
 * and the exact diagnostics of the failures.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "diag.h"
#include "output.h"
#include "support.h"

/* ------------------------------------------------------------ helpers */

/* A fresh folder, removed (with the sinks of new_sink) by scratch_teardown. */
static char *make_tmp(void)
{
    return scratch_dir("sbornik-test-output");
}

/* Number of entries below path (recursively), and of temporary files. */
static void count_tree(const char *path, int *entries, int *temps)
{
    DIR *dir = opendir(path);
    if (!dir)
        return;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        (*entries)++;
        if (strstr(e->d_name, "sbornik-tmp"))
            (*temps)++;
        char *sub = path_of(path, e->d_name);
        struct stat st;
        if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
            count_tree(sub, entries, temps);
        free(sub);
    }
    closedir(dir);
}

static int temps_in(const char *dir)
{
    int entries = 0, temps = 0;
    count_tree(dir, &entries, &temps);
    return temps;
}

static int entries_in(const char *dir)
{
    int entries = 0, temps = 0;
    count_tree(dir, &entries, &temps);
    return entries;
}

static void assert_file(const char *dir, const char *rel, const char *data,
                        size_t len)
{
    size_t got_len = 0;
    char *got = read_file_in(dir, rel, &got_len);
    assert_non_null(got);
    assert_int_equal(got_len, len);
    assert_memory_equal(got, data, len);
    free(got);
}

/* ------------------------------------------------------------ writing */

static void test_write_creates_parents(void **state)
{
    (void)state;
    char *tmp = make_tmp();
    char *dir = path_of(tmp, "out/new");        /* does not exist yet */
    diag_sink *d = new_sink();
    const char data[] = "<order>Приказ № 01/970</order>\n";

    assert_true(output_write(dir, "docs/2017/order-2017-970.xml", data,
                             sizeof data - 1, d));
    assert_file(dir, "docs/2017/order-2017-970.xml", data, sizeof data - 1);
    assert_int_equal(temps_in(tmp), 0);
    /* out, out/new, docs, docs/2017, the file. */
    assert_int_equal(entries_in(tmp), 5);

    char *path = path_of(dir, "docs/2017/order-2017-970.xml");
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);
    free(path);

    /* Bytes are written as given: NULs and all. */
    assert_true(output_write(dir, "bin", "a\0b", 3, d));
    assert_file(dir, "bin", "a\0b", 3);
    /* An empty file. */
    assert_true(output_write(dir, "docs/empty.txt", "", 0, d));
    assert_file(dir, "docs/empty.txt", "", 0);
    /* A name with Cyrillic letters. */
    assert_true(output_write(dir, "сборник/index.html", "ok", 2, d));
    assert_file(dir, "сборник/index.html", "ok", 2);

    assert_int_equal(temps_in(tmp), 0);
    assert_int_equal(diag_count(d, DIAG_ERROR), 0);
    free(dir);
}

/* A larger file arrives whole. */
static void test_write_large(void **state)
{
    (void)state;
    char *dir = make_tmp();
    diag_sink *d = new_sink();
    size_t len = 3 * 1024 * 1024 + 17;
    char *data = xmalloc(len);

    for (size_t i = 0; i < len; i++)
        data[i] = (char)(i * 7 + i / 255);
    assert_true(output_write(dir, "big.bin", data, len, d));
    assert_file(dir, "big.bin", data, len);
    assert_int_equal(entries_in(dir), 1);
    free(data);
}

static void test_write_replaces(void **state)
{
    (void)state;
    char *dir = make_tmp();
    diag_sink *d = new_sink();
    const char *longer = "старое содержимое, длиннее нового";

    assert_true(output_write(dir, "docs/a.html", longer, strlen(longer), d));
    assert_true(output_write(dir, "docs/a.html", "новое", strlen("новое"), d));
    assert_file(dir, "docs/a.html", "новое", strlen("новое"));
    assert_int_equal(temps_in(dir), 0);
    assert_int_equal(entries_in(dir), 2);       /* docs and the file */

    /* A reader holding the old file keeps the old bytes (rename, not rewrite). */
    char *path = path_of(dir, "docs/a.html");
    FILE *old = fopen(path, "rb");
    assert_non_null(old);
    assert_true(output_write(dir, "docs/a.html", "третье", strlen("третье"), d));
    char got[64] = "";
    size_t n = fread(got, 1, sizeof got - 1, old);
    fclose(old);
    got[n] = '\0';
    assert_string_equal(got, "новое");
    assert_file(dir, "docs/a.html", "третье", strlen("третье"));
    free(path);

    assert_int_equal(diag_count(d, DIAG_ERROR), 0);
}

/* ------------------------------------------------------------ confinement */

static void test_refused_paths(void **state)
{
    (void)state;
    static const char *const rels[] = {
        "../x", "..", "../../etc/passwd", "docs/../../x", "a/..",
        "/abs", "/tmp/x",
        "a//b", "docs/", "/",
        ".", "./a", "a/./b", "a/.",
    };
    char *tmp = make_tmp();
    char *dir = path_of(tmp, "out");
    int failures = 0;

    assert_int_equal(mkdir(dir, 0755), 0);
    for (size_t i = 0; i < sizeof rels / sizeof *rels; i++) {
        diag_sink *d = diag_new();
        bool ok = output_write(dir, rels[i], "x", 1, d);
        char *got = flushed_text(d);
        buf want = BUF_INIT;
        buf_addf(&want, "%s: error: refusing to write outside the output folder\n",
                 rels[i]);
        if (ok || diag_count(d, DIAG_ERROR) != 1 || strcmp(got, want.data) != 0) {
            print_error("output_write(\"%s\") = %d, diagnostics \"%s\"\n", rels[i],
                        ok, got);
            failures++;
        }
        buf_free(&want);
        free(got);
        diag_free(d);
    }
    /* The empty path is refused too. */
    diag_sink *d = new_sink();
    assert_false(output_write(dir, "", "x", 1, d));
    assert_int_equal(diag_count(d, DIAG_ERROR), 1);

    /* Nothing was written anywhere: not in out, not beside it. */
    assert_int_equal(entries_in(tmp), 1);       /* out itself */
    free(dir);
    assert_int_equal(failures, 0);
}

/* Names that only look like dots are ordinary names. */
static void test_dotted_names_accepted(void **state)
{
    (void)state;
    char *dir = make_tmp();
    diag_sink *d = new_sink();

    assert_true(output_write(dir, "...", "1", 1, d));
    assert_true(output_write(dir, "a..b/c.d", "2", 1, d));
    assert_true(output_write(dir, ".hidden", "3", 1, d));
    assert_file(dir, "...", "1", 1);
    assert_file(dir, "a..b/c.d", "2", 1);
    assert_file(dir, ".hidden", "3", 1);
    assert_int_equal(diag_count(d, DIAG_ERROR), 0);
}

/* ------------------------------------------------------------ XML */

static void test_write_xml(void **state)
{
    (void)state;
    char *dir = make_tmp();
    diag_sink *d = new_sink();
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "order", NULL);

    xmlDocSetRootElement(doc, root);
    xmlSetProp(root, BAD_CAST "id", BAD_CAST "order-2017-970");
    xmlNodePtr meta = xmlNewChild(root, NULL, BAD_CAST "meta", NULL);
    xmlNewTextChild(meta, NULL, BAD_CAST "title",
                    BAD_CAST "Об утверждении «Концепции» & <плана>");
    assert_true(output_write_xml(dir, "docs/order-2017-970.xml", doc, d));
    xmlFreeDoc(doc);

    char *path = path_of(dir, "docs/order-2017-970.xml");
    char *text = read_file(path, NULL);
    assert_non_null(text);
    assert_string_equal(text,
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<order id=\"order-2017-970\">\n"
                        "  <meta>\n"
                        "    <title>Об утверждении «Концепции» &amp; &lt;плана&gt;</title>\n"
                        "  </meta>\n"
                        "</order>\n");
    free(text);

    /* It parses back to the same content. */
    xmlDocPtr back = xmlReadFile(path, NULL, XML_PARSE_NONET);
    assert_non_null(back);
    xmlNodePtr r = xmlDocGetRootElement(back);
    assert_string_equal((const char *)r->name, "order");
    xmlChar *content = xmlNodeGetContent(r);
    assert_string_equal((const char *)content,
                        "\n  \n    Об утверждении «Концепции» & <плана>\n  \n");
    xmlFree(content);
    xmlFreeDoc(back);
    free(path);

    assert_int_equal(temps_in(dir), 0);
    assert_int_equal(diag_count(d, DIAG_ERROR), 0);

    /* A refused path refuses the tree too. */
    doc = xmlNewDoc(BAD_CAST "1.0");
    xmlDocSetRootElement(doc, xmlNewDocNode(doc, NULL, BAD_CAST "x", NULL));
    assert_false(output_write_xml(dir, "../x.xml", doc, d));
    xmlFreeDoc(doc);
    char *got = flushed_text(d);
    assert_string_equal(got, "../x.xml: error: refusing to write outside the "
                             "output folder\n");
    free(got);

}

/* ------------------------------------------------------------ failures */

/* The target is a folder: rename fails, the temporary file goes away. */
static void test_rename_fails(void **state)
{
    (void)state;
    char *dir = make_tmp();
    diag_sink *d = new_sink();
    char *target = path_of(dir, "docs/x.xml");

    assert_true(output_write(dir, "docs/x.xml/keep", "keep", 4, d));
    assert_false(output_write(dir, "docs/x.xml", "new", 3, d));
    assert_file(dir, "docs/x.xml/keep", "keep", 4);
    assert_int_equal(temps_in(dir), 0);
    char *got = flushed_text(d);
    buf want = BUF_INIT;
    buf_addf(&want, "%s: error: cannot rename into place: Is a directory\n", target);
    assert_string_equal(got, want.data);
    buf_free(&want);
    free(got);
    free(target);
}

/* A parent that is a file: nothing written, the file intact. */
static void test_parent_is_file(void **state)
{
    (void)state;
    char *dir = make_tmp();
    diag_sink *d = new_sink();

    assert_true(output_write(dir, "docs", "file", 4, d));
    assert_false(output_write(dir, "docs/x.xml", "new", 3, d));
    assert_file(dir, "docs", "file", 4);
    assert_int_equal(entries_in(dir), 1);
    assert_int_equal(diag_count(d, DIAG_ERROR), 1);
    char *got = flushed_text(d);
    char *target = path_of(dir, "docs/x.xml");
    assert_memory_equal(got, target, strlen(target));
    assert_non_null(strstr(got, ": error: cannot "));
    assert_non_null(strstr(got, "Not a directory\n"));
    free(target);
    free(got);
}

/* A read-only folder: the write fails and the old file stays. */
static void test_read_only_folder(void **state)
{
    (void)state;
    if (geteuid() == 0) {
        skip();     /* root ignores permissions */
        return;
    }
    char *dir = make_tmp();
    diag_sink *d = new_sink();

    assert_true(output_write(dir, "docs/a.pdf", "old", 3, d));
    char *docs = path_of(dir, "docs");
    assert_int_equal(chmod(docs, 0555), 0);
    assert_false(output_write(dir, "docs/a.pdf", "new", 3, d));
    chmod(docs, 0755);
    assert_file(dir, "docs/a.pdf", "old", 3);
    assert_int_equal(temps_in(dir), 0);
    assert_int_equal(diag_count(d, DIAG_ERROR), 1);
    char *got = flushed_text(d);
    char *target = path_of(dir, "docs/a.pdf");
    buf want = BUF_INIT;
    buf_addf(&want, "%s: error: cannot create a temporary file: Permission denied\n",
             target);
    assert_string_equal(got, want.data);

    /* A folder that cannot be created. */
    diag_sink *e = new_sink();
    assert_int_equal(chmod(docs, 0555), 0);
    assert_false(output_write(dir, "docs/sub/b.pdf", "x", 1, e));
    chmod(docs, 0755);
    char *got2 = flushed_text(e);
    char *target2 = path_of(dir, "docs/sub/b.pdf");
    buf want2 = BUF_INIT;
    buf_addf(&want2, "%s: error: cannot create its folder: Permission denied\n",
             target2);
    assert_string_equal(got2, want2.data);

    buf_free(&want2);
    free(target2);
    free(got2);
    buf_free(&want);
    free(target);
    free(got);
    free(docs);
}

/* ------------------------------------------------------------ confinement */

/* Make a file with text at dir/rel (parents exist). */
static void put(const char *dir, const char *rel, const char *text)
{
    char *path = path_of(dir, rel);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    free(path);
}

static void mkdir_in(const char *dir, const char *rel)
{
    char *path = path_of(dir, rel);
    assert_int_equal(mkdir(path, 0755), 0);
    free(path);
}

static void link_in(const char *dir, const char *rel, const char *to)
{
    char *path = path_of(dir, rel);
    assert_int_equal(symlink(to, path), 0);
    free(path);
}

/*
 * A folder below DIR that is a symbolic link (DIR/docs → elsewhere) is
 * never written through: one error naming the link however many files
 * would go there, nothing written elsewhere.  A link named like an output
 * is replaced, its target untouched.
 */
static void test_symlink_folder_refused(void **state)
{
    (void)state;
    char *tmp = make_tmp();
    char *out = path_of(tmp, "out");
    diag_sink *d = new_sink();
    mkdir_in(tmp, "out");
    mkdir_in(tmp, "elsewhere");
    put(tmp, "elsewhere/victim", "victim");
    link_in(tmp, "out/docs", "../elsewhere");

    assert_false(output_write(out, "docs/a.pdf", "new", 3, d));
    assert_false(output_write(out, "docs/b.pdf", "new", 3, d));
    assert_false(output_write(out, "docs/sub/c.pdf", "new", 3, d));
    char *elsewhere = path_of(tmp, "elsewhere");
    assert_int_equal(entries_in(elsewhere), 1);
    assert_int_equal(diag_count(d, DIAG_ERROR), 1);
    char *got = flushed_text(d);
    char *link = path_of(out, "docs");
    buf want = BUF_INIT;
    buf_addf(&want, "%s: error: a symbolic link inside the output folder; outputs "
                    "are never written through one: remove it\n", link);
    assert_string_equal(got, want.data);

    /* Deeper: a link to a folder below a real one. */
    diag_sink *e = new_sink();
    mkdir_in(tmp, "out/real");
    link_in(tmp, "out/real/2017", "../../elsewhere");
    assert_false(output_write(out, "real/2017/x.xml", "x", 1, e));
    assert_int_equal(entries_in(elsewhere), 1);
    assert_int_equal(diag_count(e, DIAG_ERROR), 1);

    /* A link named like the output: replaced by the file. */
    diag_sink *f = new_sink();
    link_in(tmp, "out/real/v.pdf", "../../elsewhere/victim");
    assert_true(output_write(out, "real/v.pdf", "new", 3, f));
    assert_file(tmp, "elsewhere/victim", "victim", 6);
    assert_file(out, "real/v.pdf", "new", 3);
    struct stat st;
    char *v = path_of(out, "real/v.pdf");
    assert_int_equal(lstat(v, &st), 0);
    assert_true(S_ISREG(st.st_mode));
    assert_int_equal(temps_in(tmp), 0);

    free(v);
    buf_free(&want);
    free(link);
    free(got);
    free(elsewhere);
    free(out);
}

/* ------------------------------------------------------------ the folder */

/*
 * What a killed build left: the temporaries (regular files named like
 * output_write's) anywhere below DIR go, and nothing else: not a file
 * merely resembling one, not a folder or a link named like one, nothing
 * behind a link, nothing outside.
 */
static void test_clean_stale(void **state)
{
    (void)state;
    char *tmp = make_tmp();
    char *out = path_of(tmp, "out");
    diag_sink *d = new_sink();
    mkdir_in(tmp, "out");
    mkdir_in(tmp, "out/docs");
    mkdir_in(tmp, "out/docs/2017");
    mkdir_in(tmp, "elsewhere");
    put(tmp, "out/.index.html.sbornik-tmp-Ab3xYz", "half");
    put(tmp, "out/docs/.a.pdf.sbornik-tmp-000000", "half");
    put(tmp, "out/docs/2017/.b.docx.sbornik-tmp-QWErty", "half");
    /* Kept: */
    put(tmp, "out/docs/a.pdf", "old");
    put(tmp, "out/docs/.hidden", "mine");
    put(tmp, "out/docs/.c.pdf.sbornik-tmp-short", "mine");     /* 5 letters */
    put(tmp, "out/docs/.c.pdf.sbornik-tmp-ABC-EF", "mine");    /* a dash */
    put(tmp, "out/docs/c.pdf.sbornik-tmp-ABCDEF", "mine");     /* no dot */
    put(tmp, "out/docs/.sbornik-tmp-ABCDEF", "mine");          /* no name */
    mkdir_in(tmp, "out/docs/.d.pdf.sbornik-tmp-ABCDEF");
    put(tmp, "elsewhere/.e.pdf.sbornik-tmp-ABCDEF", "theirs");
    link_in(tmp, "out/link", "../elsewhere");
    link_in(tmp, "out/.f.pdf.sbornik-tmp-ABCDEF", "elsewhere/.e.pdf.sbornik-tmp-ABCDEF");
    put(tmp, ".g.pdf.sbornik-tmp-ABCDEF", "beside DIR");

    assert_int_equal(output_clean_stale(out, d), 3);
    assert_int_equal(diag_total(d), 0);
    /* out: docs, link, .f…; docs: 2017, a.pdf and the five kept and the folder */
    assert_int_equal(entries_in(out), 3 + 1 + 6 + 1);
    assert_file(out, "docs/a.pdf", "old", 3);
    assert_file(tmp, "elsewhere/.e.pdf.sbornik-tmp-ABCDEF", "theirs", 6);
    assert_file(tmp, ".g.pdf.sbornik-tmp-ABCDEF", "beside DIR", 10);
    /* Twice: nothing more; a missing folder: nothing at all. */
    assert_int_equal(output_clean_stale(out, d), 0);
    char *none = path_of(tmp, "none");
    assert_int_equal(output_clean_stale(none, d), 0);
    free(none);
    free(out);
}

/* One build at a time: the second lock is refused; unlocking removes the file. */
static void test_lock(void **state)
{
    (void)state;
    char *tmp = make_tmp();
    char *out = path_of(tmp, "new/out");       /* created by the lock */
    char *lock = path_of(out, OUTPUT_LOCK);
    diag_sink *d = new_sink();

    int fd = output_lock(out, d);
    assert_true(fd >= 0);
    struct stat st;
    assert_int_equal(stat(lock, &st), 0);
    assert_int_equal(output_lock(out, d), -1);
    char *got = flushed_text(d);
    buf want = BUF_INIT;
    buf_addf(&want, "%s: error: another sbornik build is writing into this "
                    "folder (it holds .sbornik-lock); run the builds one after "
                    "another or give each its own -o\n", out);
    assert_string_equal(got, want.data);
    output_unlock(out, fd);
    assert_int_equal(stat(lock, &st), -1);

    /* Free again; a lock file a killed build left is taken over. */
    diag_sink *e = new_sink();
    put(out, OUTPUT_LOCK, "");
    fd = output_lock(out, e);
    assert_true(fd >= 0);
    output_unlock(out, fd);
    assert_int_equal(diag_total(e), 0);
    assert_int_equal(entries_in(out), 0);

    buf_free(&want);
    free(got);
    free(lock);
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_write_creates_parents, scratch_teardown),
        cmocka_unit_test_teardown(test_write_large, scratch_teardown),
        cmocka_unit_test_teardown(test_write_replaces, scratch_teardown),
        cmocka_unit_test_teardown(test_refused_paths, scratch_teardown),
        cmocka_unit_test_teardown(test_dotted_names_accepted, scratch_teardown),
        cmocka_unit_test_teardown(test_write_xml, scratch_teardown),
        cmocka_unit_test_teardown(test_rename_fails, scratch_teardown),
        cmocka_unit_test_teardown(test_parent_is_file, scratch_teardown),
        cmocka_unit_test_teardown(test_read_only_folder, scratch_teardown),
        cmocka_unit_test_teardown(test_symlink_folder_refused, scratch_teardown),
        cmocka_unit_test_teardown(test_clean_stale, scratch_teardown),
        cmocka_unit_test_teardown(test_lock, scratch_teardown),
    };
    int failed = cmocka_run_group_tests_name("output", tests, NULL, NULL);
    xmlCleanupParser();
    return failed;
}
