/*
 * support.h: the plumbing the unit tests share: temporary folders and the
 * files in them, diagnostics read back as text, XML and XPath, and a small
 * project written into a temporary folder and checked by build_check.
 *
 * The Makefile builds each tests/unit/test_X.c alone with the objects of
 * src/, so the helpers are defined here rather than in a .c file.  They
 * are static inline: a test that uses only some of them compiles without
 * "defined but not used" warnings.  Include it after the test's own
 * headers: it uses cmocka's assertions.
 */
#ifndef SBORNIK_TEST_SUPPORT_H
#define SBORNIK_TEST_SUPPORT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "buf.h"
#include "build.h"
#include "diag.h"
#include "project.h"

/* ------------------------------------------------------------ files */

/* dir/rel, malloc'd. */
static inline char *path_of(const char *dir, const char *rel)
{
    buf b = BUF_INIT;
    buf_addf(&b, "%s/%s", dir, rel);
    return buf_detach(&b);
}

/* Write len bytes to root/rel, making the folders above rel (mkdir -p). */
static inline void write_bytes(const char *root, const char *rel, const void *data,
                               size_t len)
{
    char *path = path_of(root, rel);
    for (char *p = path + strlen(root) + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(path, 0755) != 0 && errno != EEXIST)
            fail_msg("mkdir %s: %s", path, strerror(errno));
        *p = '/';
    }
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
    free(path);
}

/* Write text to root/rel, making the folders above rel (mkdir -p). */
static inline void write_text(const char *root, const char *rel, const char *text)
{
    write_bytes(root, rel, text, strlen(text));
}

/* rm -rf, not following links; folders are opened up first (0755). */
static inline void remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        chmod(path, 0755);
        DIR *dir = opendir(path);
        if (dir) {
            struct dirent *e;
            while ((e = readdir(dir)) != NULL) {
                if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                    continue;
                char *sub = path_of(path, e->d_name);
                remove_tree(sub);
                free(sub);
            }
            closedir(dir);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

/* Whether dir/rel exists (following links). */
static inline bool file_exists(const char *dir, const char *rel)
{
    char *path = path_of(dir, rel);
    struct stat st;
    bool ok = stat(path, &st) == 0;
    free(path);
    return ok;
}

/* The whole file, NUL-terminated, its size in *len (if len); NULL when unreadable. */
static inline char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    buf b = BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_add(&b, chunk, n);
    fclose(f);
    if (len)
        *len = b.len;
    return buf_detach(&b);
}

/* read_file of dir/rel. */
static inline char *read_file_in(const char *dir, const char *rel, size_t *len)
{
    char *path = path_of(dir, rel);
    char *data = read_file(path, len);
    free(path);
    return data;
}

/* ------------------------------------------------------------ scratch */

/*
 * Folders and sinks a test creates, released by scratch_release (or the
 * teardown scratch_teardown) so that a failing assertion leaves nothing
 * behind.  Unused by the tests that track nothing, hence the attribute.
 */
static struct {
    char **dirs;
    size_t ndirs;
    diag_sink **sinks;
    size_t nsinks;
} scratch __attribute__((unused));

/* Record dir (malloc'd; taken over) for removal by scratch_release; returns it. */
static inline char *scratch_keep_dir(char *dir)
{
    scratch.dirs = xrealloc(scratch.dirs, (scratch.ndirs + 1) * sizeof(char *));
    return scratch.dirs[scratch.ndirs++] = dir;
}

/* A fresh folder /tmp/<prefix>-XXXXXX, removed by scratch_release. */
static inline char *scratch_dir(const char *prefix)
{
    buf tmpl = BUF_INIT;
    buf_addf(&tmpl, "/tmp/%s-XXXXXX", prefix);
    char *dir = mkdtemp(tmpl.data);
    if (!dir)
        buf_free(&tmpl);
    assert_non_null(dir);
    return scratch_keep_dir(buf_detach(&tmpl));
}

/* A new diagnostics sink, freed by scratch_release. */
static inline diag_sink *new_sink(void)
{
    scratch.sinks = xrealloc(scratch.sinks, (scratch.nsinks + 1) * sizeof(diag_sink *));
    return scratch.sinks[scratch.nsinks++] = diag_new();
}

/* Free the recorded sinks, then remove and forget the recorded folders. */
static inline void scratch_release(void)
{
    for (size_t i = 0; i < scratch.nsinks; i++)
        diag_free(scratch.sinks[i]);
    for (size_t i = 0; i < scratch.ndirs; i++) {
        remove_tree(scratch.dirs[i]);
        free(scratch.dirs[i]);
    }
    free(scratch.sinks);
    free(scratch.dirs);
    memset(&scratch, 0, sizeof scratch);
}

/* A cmocka teardown that calls scratch_release. */
static inline int scratch_teardown(void **state)
{
    (void)state;
    scratch_release();
    return 0;
}

/* ------------------------------------------------------------ diagnostics */

/* What diag_flush(d, style, only_path) prints, as a malloc'd string. */
static inline char *flushed_styled(diag_sink *d, const diag_style *style,
                                   const char *only_path)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    diag_flush(d, f, style, only_path);
    long n = ftell(f);
    assert_true(n >= 0);
    rewind(f);
    char *s = xmalloc((size_t)n + 1);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    return s;
}

/* The same as text, with carets or without, no colours. */
static inline char *flushed_text_with(diag_sink *d, bool caret, const char *only_path)
{
    diag_style style = {DIAG_FORMAT_TEXT, caret, false};
    return flushed_styled(d, &style, only_path);
}

/* What diag_flush prints for every file, without carets, as a malloc'd string. */
static inline char *flushed_text(diag_sink *d)
{
    return flushed_text_with(d, false, NULL);
}

/* The only diagnostic of d, as "CODE: message", or with its path as
   "CODE path: message"; malloc'd. */
static inline char *only_diag_with(diag_sink *d, bool with_path)
{
    assert_int_equal(diag_total(d), 1);
    diag_entry e;
    assert_true(diag_get(d, 0, &e));
    buf b = BUF_INIT;
    if (with_path)
        buf_addf(&b, "%s %s: %s", e.code, e.path, e.message);
    else
        buf_addf(&b, "%s: %s", e.code, e.message);
    return buf_detach(&b);
}

static inline char *only_diag(diag_sink *d)
{
    return only_diag_with(d, false);
}

/* ------------------------------------------------------------ XML */

/* How many times needle occurs in hay, overlaps included. */
static inline size_t count_of(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* The tree of an XML text (named tree.xml); the test frees it. */
static inline xmlDocPtr parse_xml(const char *xml)
{
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "tree.xml", NULL, 0);
    assert_non_null(doc);
    return doc;
}

/* The string value of expr (an XPath expression) in doc; malloc'd. */
static inline char *xp_string(xmlDocPtr doc, const char *expr)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathObjectPtr obj = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    char *out = NULL;
    if (obj) {
        xmlChar *s = xmlXPathCastToString(obj);
        out = xstrdup((const char *)s);
        xmlFree(s);
        xmlXPathFreeObject(obj);
    }
    xmlXPathFreeContext(ctx);
    if (!out)
        fail_msg("XPath expression does not evaluate: %s", expr);
    return out;
}

/* count(expr) in doc. */
static inline int xp_count(xmlDocPtr doc, const char *expr)
{
    buf e = BUF_INIT;
    buf_addf(&e, "count(%s)", expr);
    char *s = xp_string(doc, e.data);
    buf_free(&e);
    int n = atoi(s);
    free(s);
    return n;
}

/* Fail unless the string value of expr in doc is exactly want. */
static inline void check_string(xmlDocPtr doc, const char *expr, const char *want)
{
    char *got = xp_string(doc, expr);
    if (strcmp(got, want) != 0) {
        print_error("%s\n  got      \"%s\"\n  expected \"%s\"\n", expr, got, want);
        free(got);
        fail();
    }
    free(got);
}

/* Fail unless count(expr) in doc is want. */
static inline void check_count(xmlDocPtr doc, const char *expr, int want)
{
    int got = xp_count(doc, expr);
    if (got != want) {
        print_error("count(%s) = %d, expected %d\n", expr, got, want);
        fail();
    }
}

/* ------------------------------------------------------------ projects */

/* One file of a test project: its path in the project and its text. */
typedef struct {
    const char *rel, *text;
} file_spec;

/*
 * The repository root, where schemas/sbornik.xsd is: $SBORNIK_DATA when
 * set (tests/run.sh sets it), else the folder above tests/unit/ of this
 * file (__FILE__ is relative to where make ran, or absolute), else the
 * folder the Makefile compiled in.  Malloc'd.
 */
static inline char *repo_root(void)
{
    const char *env = getenv("SBORNIK_DATA");
    if (env && *env)
        return xstrdup(env);
    char *file = xstrdup(__FILE__);
    char *cut = strstr(file, "tests/unit/");
    if (cut) {
        *cut = '\0';
        buf probe = BUF_INIT;
        buf_addf(&probe, "%sschemas/sbornik.xsd", file);
        char real[PATH_MAX];
        bool found = access(probe.data, R_OK) == 0 &&
                     realpath(*file ? file : ".", real) != NULL;
        buf_free(&probe);
        if (found) {
            free(file);
            return xstrdup(real);
        }
    }
    free(file);
#ifdef SBORNIK_DATA_DIR
    return xstrdup(SBORNIK_DATA_DIR);
#else
    return xstrdup(".");
#endif
}

/* A project written into a temporary folder and checked by build_check. */
typedef struct {
    char *root;
    diag_sink *diag;
    sb_project *p;
    int exit_code;
} checked_project;

/* Free what checked_project_new made and remove its folder; NULL is fine. */
static inline void checked_project_free(checked_project *f)
{
    if (!f)
        return;
    project_free(f->p);
    diag_free(f->diag);
    if (f->root)
        remove_tree(f->root);
    free(f->root);
    free(f);
}

/*
 * Write the n files into a fresh /tmp/<prefix>-XXXXXX, set SBORNIK_DATA
 * to data_dir and run build_check; NULL when the folder cannot be made.
 */
static inline checked_project *checked_project_new(const char *prefix,
                                                   const file_spec *files,
                                                   size_t n, const char *data_dir)
{
    buf tmpl = BUF_INIT;
    buf_addf(&tmpl, "/tmp/%s-XXXXXX", prefix);
    if (!mkdtemp(tmpl.data)) {
        buf_free(&tmpl);
        return NULL;
    }
    checked_project *f = xcalloc(1, sizeof *f);
    f->root = buf_detach(&tmpl);
    for (size_t i = 0; i < n; i++)
        write_text(f->root, files[i].rel, files[i].text);
    setenv("SBORNIK_DATA", data_dir, 1);
    f->diag = diag_new();
    f->exit_code = -1;
    f->p = build_check(f->root, f->diag, &f->exit_code);
    return f;
}

/* The source of f with that id; fails the test unless it has a checked tree. */
static inline sb_source *checked_source(const checked_project *f, const char *id)
{
    sb_source *s = project_find_id(f->p, id);
    if (!s || !s->tree)
        fail_msg("no tree for '%s'", id);
    return s;
}

/* Whether the check built with no diagnostic at all; if not, prints why. */
static inline bool checked_project_is_clean(checked_project *f)
{
    char *got = flushed_text(f->diag);
    bool clean = f->p && f->exit_code == EXIT_BUILT && !*got;
    if (!clean)
        print_error("build_check: exit code %d\n%s", f->exit_code, got);
    free(got);
    return clean;
}

#endif
