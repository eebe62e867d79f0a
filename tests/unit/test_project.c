/*
 * test_project.c: loading a project folder (src/project.c).
 *
 * Every test builds its own project in a fresh temporary folder (mkdtemp),
 * loads it and checks the sources, their ids and the diagnostics, whose
 * exact text is read back from diag_flush.  Paths in diagnostics start
 * with the root as given, so the expected texts are built with it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "document.h"
#include "project.h"
#include "support.h"

/* ------------------------------------------------------------ helpers */

/*
 * What a test creates is recorded and released by the teardown, so that a
 * failing assertion leaves neither memory nor folders behind: folders and
 * sinks in scratch (support.h), projects and the working folder here.
 */
static struct {
    sb_project **projects;
    size_t nprojects;
    char cwd[PATH_MAX];
} tracked;

/* A fresh folder, removed by the teardown. */
static char *make_tmp(void)
{
    char tmpl[] = "/tmp/sbornik-test-project-XXXXXX";
    char *dir = mkdtemp(tmpl);
    assert_non_null(dir);
    /* Canonical, so that realpath() of anything inside starts with it. */
    char real[PATH_MAX];
    assert_non_null(realpath(dir, real));
    return scratch_keep_dir(xstrdup(real));
}

static sb_project *track(sb_project *p)
{
    tracked.projects = xrealloc(tracked.projects,
                                (tracked.nprojects + 1) * sizeof(sb_project *));
    return tracked.projects[tracked.nprojects++] = p;
}

static int setup(void **state)
{
    (void)state;
    memset(&tracked, 0, sizeof tracked);
    return getcwd(tracked.cwd, sizeof tracked.cwd) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    if (chdir(tracked.cwd) != 0)
        return -1;
    for (size_t i = 0; i < tracked.nprojects; i++)
        project_free(tracked.projects[i]);
    scratch_release();
    free(tracked.projects);
    memset(&tracked, 0, sizeof tracked);
    return 0;
}

static void link_to(const char *target, const char *root, const char *rel)
{
    char *path = path_of(root, rel);
    if (symlink(target, path) != 0)
        fail_msg("symlink %s: %s", path, strerror(errno));
    free(path);
}

/* The flushed text must be want (a printf format, filled with args). */
static void assert_diags(diag_sink *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void assert_diags(diag_sink *d, const char *fmt, ...)
{
    buf want = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vaddf(&want, fmt, ap);
    va_end(ap);
    char *got = flushed_text(d);
    if (strcmp(got, buf_str(&want)) != 0) {
        print_error("diagnostics:\n%s\nexpected:\n%s\n", got, buf_str(&want));
        free(got);
        buf_free(&want);
        fail();
    }
    free(got);
    buf_free(&want);
}

static sb_project *load(const char *root, diag_sink *d)
{
    project_status st = PROJECT_IO_ERROR;
    sb_project *p = project_load(root, d, &st);
    assert_non_null(p);
    track(p);
    assert_int_equal(st, PROJECT_OK);
    return p;
}

#define DOC(extra) "---\nkind: document\n" extra "title: Т\ngenre: Справка\n---\nТекст.\n"

/* ------------------------------------------------------------ sources */

static void test_sources_sorted_and_skipped(void **state)
{
    (void)state;
    char *root = make_tmp();
    diag_sink *d = new_sink();

    write_text(root, "b.md", DOC(""));
    write_text(root, "a.md", DOC(""));
    write_text(root, "a/x.md", DOC(""));
    write_text(root, "a-b/x.md", DOC(""));
    write_text(root, "a/z/y.md", DOC(""));
    write_text(root, "_draft.md", DOC(""));
    write_text(root, ".hidden.md", DOC(""));
    write_text(root, "_private/p.md", DOC(""));
    write_text(root, ".git/g.md", DOC(""));
    write_text(root, "a/_x.md", DOC(""));
    write_text(root, "a/.y.md", DOC(""));
    write_text(root, "notes.txt", "не источник");
    write_text(root, "README", "нет");
    write_text(root, "upper.MD", DOC(""));
    write_text(root, ".md", DOC(""));
    write_text(root, "empty/.keep", "");

    sb_project *p = load(root, d);
    /* Sorted as strings: '-' < '.' < '/', so not in folder-walk order. */
    char order[256] = "";
    for (size_t i = 0; i < p->nsources; i++)
        snprintf(order + strlen(order), sizeof order - strlen(order), "%s ",
                 p->sources[i]->rel);
    assert_string_equal(order, "a-b/x.md a.md a/x.md a/z/y.md b.md ");

    /* Path = root as given + '/' + rel; nothing failed, no diagnostics. */
    char *want_path = path_of(root, "a/z/y.md");
    sb_source *y = project_find_rel(p, "a/z/y.md");
    assert_non_null(y);
    assert_string_equal(y->path, want_path);
    assert_false(y->failed);
    assert_int_equal(y->kind, KIND_DOCUMENT);
    assert_string_equal(y->text, DOC(""));
    assert_int_equal(y->len, strlen(DOC("")));
    free(want_path);
    assert_string_equal(p->root, root);
    assert_string_equal(p->root_real, root);
    assert_true(p->typography);
    assert_null(p->config);
    assert_diags(d, "%s", "");

}

static void test_ids(void **state)
{
    (void)state;
    char *root = make_tmp();
    diag_sink *d = new_sink();

    write_text(root, "2017/order-01-970.md", DOC(""));
    write_text(root, "concept.md", "---\nkind: concept\nid: concept-2017\ntitle: К\n---\n");
    write_text(root, "deep/er/doc.md", DOC("id:   'квоты/2022'\n"));

    sb_project *p = load(root, d);
    assert_int_equal(p->nsources, 3);

    sb_source *o = project_find_rel(p, "2017/order-01-970.md");
    assert_string_equal(o->id, "2017/order-01-970");
    assert_int_equal(o->id_line, 1);
    assert_int_equal(o->id_col, 1);

    sb_source *c = project_find_rel(p, "concept.md");
    assert_string_equal(c->id, "concept-2017");
    assert_int_equal(c->id_line, 3);
    assert_int_equal(c->id_col, 5);
    assert_int_equal(c->kind, KIND_CONCEPT);

    sb_source *q = project_find_rel(p, "deep/er/doc.md");
    assert_string_equal(q->id, "квоты/2022");
    assert_int_equal(q->id_line, 3);
    assert_int_equal(q->id_col, 7);

    /* Lookups by id and by rel. */
    assert_ptr_equal(project_find_id(p, "concept-2017"), c);
    assert_ptr_equal(project_find_id(p, "2017/order-01-970"), o);
    assert_ptr_equal(project_find_id(p, "квоты/2022"), q);
    assert_null(project_find_id(p, "concept"));
    assert_null(project_find_id(p, "deep/er/doc"));
    assert_null(project_find_id(p, ""));
    assert_null(project_find_rel(p, "concept"));
    assert_null(project_find_rel(p, "2017/order-01-970"));
    assert_null(project_find_rel(p, "nope.md"));

    /* by_id is sorted and NULL-terminated. */
    size_t n = 0;
    while (p->by_id[n]) {
        if (n && strcmp(p->by_id[n - 1]->id, p->by_id[n]->id) >= 0)
            fail_msg("by_id not sorted at %zu", n);
        n++;
    }
    assert_int_equal(n, 3);

    /* Front matter lines count from the file's first line. */
    const fm_pair *title = fm_get_pair(c->front, "title");
    assert_int_equal(title->line, 4);
    assert_int_equal(title->col, 1);
    assert_int_equal(fm_get(c->front, "title")->col, 8);
    assert_int_equal(c->body_line, 6);
    assert_int_equal(c->body_offset, strlen(c->text));
    assert_int_equal(o->body_line, 6);
    assert_string_equal(o->text + o->body_offset, "Текст.\n");
    assert_diags(d, "%s", "");

}

/* A project with no sources at all. */
static void test_empty_project(void **state)
{
    (void)state;
    char *root = make_tmp();
    diag_sink *d = new_sink();
    sb_project *p = load(root, d);

    assert_int_equal(p->nsources, 0);
    assert_non_null(p->by_id);
    assert_null(p->by_id[0]);
    assert_null(project_find_id(p, "x"));
    assert_null(project_find_rel(p, "x.md"));
    assert_diags(d, "%s", "");
}

static void test_bom(void **state)
{
    (void)state;
    char *root = make_tmp();
    diag_sink *d = new_sink();
    const char text[] = "\xEF\xBB\xBF" DOC("id: с-bom\n");

    write_text(root, "bom.md", text);
    sb_project *p = load(root, d);
    sb_source *s = project_find_rel(p, "bom.md");

    assert_non_null(s);
    assert_false(s->failed);
    assert_int_equal(s->len, sizeof text - 1 - 3);
    assert_string_equal(s->text, DOC("id: с-bom\n"));
    assert_int_equal(strlen(s->text), s->len);
    assert_string_equal(s->id, "с-bom");
    assert_int_equal(s->id_line, 3);
    assert_int_equal(s->id_col, 5);
    assert_ptr_equal(project_find_id(p, "с-bom"), s);
    assert_diags(d, "%s", "");
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    char *root = make_tmp();
    diag_sink *d = new_sink();
    /* Line 6, after «Вторая: 95» (10 characters): column 11. */
    const char bad[] = "---\nkind: document\ntitle: Справка\ngenre: Справка\n---\n"
                       "Вторая: 95\xFF%.\n";
    /* A lead byte cut short by an ASCII letter: the lead is the bad byte. */
    const char cut[] = "---\nkind: document\ntitle: Т\n---\nab\xD0x\n";
    size_t bad_off = (size_t)(strchr(bad, '\xFF') - bad);
    size_t cut_off = (size_t)(strstr(cut, "b\xD0x") + 1 - cut);

    write_text(root, "bad.md", bad);
    write_text(root, "cut.md", cut);
    write_text(root, "good.md", DOC(""));
    sb_project *p = load(root, d);
    assert_int_equal(p->nsources, 3);

    sb_source *b = project_find_rel(p, "bad.md");
    assert_true(b->failed);
    assert_null(b->front);
    assert_null(b->id);
    assert_null(project_find_id(p, "bad"));
    assert_true(project_find_rel(p, "cut.md")->failed);
    assert_false(project_find_rel(p, "good.md")->failed);
    assert_ptr_equal(project_find_id(p, "good"), project_find_rel(p, "good.md"));

    assert_int_equal(diag_count(d, DIAG_ERROR), 2);
    assert_diags(d,
                 "%s/bad.md:6:11: error: invalid UTF-8: byte 0xFF at offset %zu; "
                 "save the file as UTF-8\n"
                 "%s/cut.md:5:3: error: invalid UTF-8: byte 0xD0 at offset %zu; "
                 "save the file as UTF-8\n",
                 root, bad_off, root, cut_off);
}

static void test_duplicate_id(void **state)
{
    (void)state;
    char *root = make_tmp();
    diag_sink *d = new_sink();

    write_text(root, "a.md", DOC("id: same\n"));
    write_text(root, "b.md", DOC("id: same\n"));
    write_text(root, "c.md", DOC(""));
    write_text(root, "d.md", DOC("id:  c\n"));          /* c.md has c by default */
    sb_project *p = load(root, d);

    sb_source *a = project_find_rel(p, "a.md"), *b = project_find_rel(p, "b.md");
    sb_source *c = project_find_rel(p, "c.md"), *dd = project_find_rel(p, "d.md");
    assert_ptr_equal(project_find_id(p, "same"), a);
    assert_false(a->failed);
    assert_true(b->failed);
    assert_ptr_equal(project_find_id(p, "c"), c);
    assert_false(c->failed);
    assert_true(dd->failed);
    assert_int_equal(diag_errors_in(d, b->path), 1);
    assert_diags(d,
                 "%s/b.md:3:5: error: duplicate id 'same': %s/a.md:3 already has it\n"
                 "%s/d.md:3:6: error: duplicate id 'c': %s/c.md:1 already has it\n",
                 root, root, root, root);
}

static void test_front_matter_errors(void **state)
{
    (void)state;
    char *root = make_tmp();
    diag_sink *d = new_sink();

    write_text(root, "none.md", "# Заголовок\n");
    write_text(root, "open.md", "---\nkind: document\ntitle: Т\n");
    write_text(root, "nokind.md", "---\ntitle: Т\n---\n");
    write_text(root, "badkind.md", "---\nkind: приказ\ntitle: Т\n---\n");
    write_text(root, "yaml.md", "---\nkind: order\ntitle: Приказ: об\n---\n");
    write_text(root, "dots.md", "---\nkind: concept\ntitle: Т\n...\nТекст\n");
    sb_project *p = load(root, d);

    assert_true(project_find_rel(p, "none.md")->failed);
    assert_true(project_find_rel(p, "open.md")->failed);
    assert_true(project_find_rel(p, "nokind.md")->failed);
    assert_true(project_find_rel(p, "badkind.md")->failed);
    assert_true(project_find_rel(p, "yaml.md")->failed);
    sb_source *dots = project_find_rel(p, "dots.md");
    assert_false(dots->failed);
    assert_string_equal(dots->text + dots->body_offset, "Текст\n");
    assert_int_equal(dots->body_line, 5);
    /* A source whose kind is missing still gets its default id. */
    assert_string_equal(project_find_rel(p, "nokind.md")->id, "nokind");
    assert_diags(d,
                 "%s/badkind.md:2:7: error: unknown kind 'приказ'; expected one of "
                 "order, letter, document, concept, roadmap, article, collection\n"
                 "%s/nokind.md:1:1: error: missing required key 'kind' (one of "
                 "order, letter, document, concept, roadmap, article, collection)\n"
                 "%s/none.md:1:1: error: missing front matter: a source starts "
                 "with a '---' line, then 'key: value' lines (at least kind and "
                 "title), then another '---' line\n"
                 "%s/open.md:1:1: error: front matter is not closed: no '---' "
                 "line after this one\n"
                 "%s/yaml.md:3:14: error: YAML: mapping values are not "
                 "allowed in this context; a value containing ': ' needs quotes\n",
                 root, root, root, root, root);
}

/* ------------------------------------------------------------ links */

static void test_symlink_out_refused(void **state)
{
    (void)state;
    char *root = make_tmp(), *outside = make_tmp();
    diag_sink *d = new_sink();
    /* Invalid UTF-8: had it been read, an E-UTF8 would say so. */
    write_text(outside, "evil.md", "---\nkind: document\ntitle: \xFF\n---\n");
    write_text(outside, "dir/evil2.md", "\xFF");
    write_text(root, "a.md", DOC(""));

    char *target = path_of(outside, "evil.md");
    link_to(target, root, "evil.md");
    link_to(outside, root, "outdir");
    link_to("nowhere.md", root, "dead.md");
    link_to(target, root, "evil.txt");          /* not a source: silent */
    free(target);

    sb_project *p = load(root, d);
    assert_int_equal(p->nsources, 1);
    assert_string_equal(p->sources[0]->rel, "a.md");
    assert_null(project_find_rel(p, "evil.md"));
    assert_null(project_find_rel(p, "outdir/evil.md"));
    assert_diags(d,
                 "%s/dead.md: error: symbolic link to nothing (to nowhere.md)\n"
                 "%s/evil.md: error: symbolic link leads out of the project (to "
                 "%s/evil.md); not read\n"
                 "%s/outdir: error: symbolic link leads out of the project (to "
                 "%s); not read\n",
                 root, root, outside, root, outside);
}

static void test_symlink_inside_followed(void **state)
{
    (void)state;
    char *root = make_tmp();
    diag_sink *d = new_sink();

    write_text(root, "_store/d.md", DOC(""));          /* skipped by its own name */
    write_text(root, "_other/sub/e.md", DOC(""));
    write_text(root, "a.md", DOC("id: a\n"));
    link_to("_store", root, "linked");
    link_to("a.md", root, "alias.md");
    char *abs = path_of(root, "_other");
    link_to(abs, root, "abs-linked");           /* absolute, still inside */
    free(abs);

    sb_project *p = load(root, d);
    buf got = BUF_INIT;
    for (size_t i = 0; i < p->nsources; i++)
        buf_addf(&got, "%s ", p->sources[i]->rel);
    assert_string_equal(got.data, "a.md abs-linked/sub/e.md alias.md linked/d.md ");
    buf_free(&got);

    sb_source *l = project_find_rel(p, "linked/d.md");
    assert_false(l->failed);
    assert_string_equal(l->id, "linked/d");
    char *want = path_of(root, "linked/d.md");
    assert_string_equal(l->path, want);
    free(want);
    /* alias.md is a.md again: same id, so the second one is a duplicate. */
    assert_true(project_find_rel(p, "alias.md")->failed);
    assert_diags(d,
                 "%s/alias.md:3:5: error: duplicate id 'a': %s/a.md:3 already has it\n",
                 root, root);
}

/* A link back to a folder being read is not followed round and round. */
static void test_symlink_loop(void **state)
{
    (void)state;
    char *root = make_tmp();
    diag_sink *d = new_sink();

    write_text(root, "sub/x.md", DOC(""));
    link_to("..", root, "sub/back");
    link_to(".", root, "sub/self");
    sb_project *p = load(root, d);
    assert_int_equal(p->nsources, 1);
    assert_string_equal(p->sources[0]->rel, "sub/x.md");
    assert_diags(d,
                 "%s/sub/back: error: symbolic link loops back to a folder that "
                 "contains it (to ..); not followed\n"
                 "%s/sub/self: error: symbolic link loops back to a folder that "
                 "contains it (to .); not followed\n", root, root);
}

/* ------------------------------------------------------------ roots */

static void test_root_spelling(void **state)
{
    (void)state;
    char *root = make_tmp();
    diag_sink *d = new_sink();

    write_text(root, "sub/a.md", DOC(""));

    /* Trailing slashes are dropped from the spelling. */
    char *slashed = path_of(root, "/");
    sb_project *p = load(slashed, d);
    free(slashed);
    char *want = path_of(root, "sub/a.md");
    assert_string_equal(p->root, root);
    assert_string_equal(p->sources[0]->path, want);
    free(want);
    want = path_of(root, "sbornik.yaml");
    assert_string_equal(p->config_path, want);
    free(want);

    /* ".": the folder is read, paths are the bare rels. */
    assert_int_equal(chdir(root), 0);
    p = load(".", d);
    assert_string_equal(p->root, "");
    assert_string_equal(p->root_real, root);
    assert_int_equal(p->nsources, 1);
    assert_string_equal(p->sources[0]->path, "sub/a.md");
    assert_string_equal(p->config_path, "sbornik.yaml");

    /* A relative root is kept as written. */
    p = load("sub", d);
    assert_string_equal(p->sources[0]->path, "sub/a.md");
    assert_string_equal(p->sources[0]->rel, "a.md");
    p = load("./sub/", d);
    assert_string_equal(p->sources[0]->path, "./sub/a.md");
    assert_diags(d, "%s", "");
}

static void test_root_of(void **state)
{
    (void)state;
    char *base = make_tmp();

    write_text(base, "proj/sbornik.yaml", "");
    write_text(base, "proj/sub/deep/x.md", DOC(""));
    write_text(base, "proj/top.md", DOC(""));
    write_text(base, "loose/y.md", DOC(""));

    static const struct {
        const char *cwd;    /* relative to base */
        const char *file;
        const char *want;
    } rows[] = {
        {".", "proj/sub/deep/x.md", "proj"},
        {".", "proj/top.md", "proj"},
        {".", "./proj/top.md", "./proj"},
        {".", "loose/y.md", "loose"},
        {"loose", "y.md", "."},
        {"proj", "top.md", "."},
        {"proj/sub/deep", "x.md", "../.."},
        {"proj/sub", "deep/x.md", ".."},
        {"proj/sub/deep", "./x.md", "../.."},
        {"loose", "../proj/sub/deep/x.md", "../proj"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        char *dir = path_of(base, rows[i].cwd);
        assert_int_equal(chdir(dir), 0);
        free(dir);
        char *got = project_root_of(rows[i].file);
        if (strcmp(got, rows[i].want) != 0) {
            print_error("project_root_of(\"%s\") in %s = \"%s\", expected \"%s\"\n",
                        rows[i].file, rows[i].cwd, got, rows[i].want);
            free(got);
            fail();
        }
        free(got);
    }

    /* Absolute paths stay absolute. */
    char *file = path_of(base, "proj/sub/deep/x.md");
    char *want = path_of(base, "proj");
    char *got = project_root_of(file);
    assert_string_equal(got, want);
    free(got);
    free(file);
    free(want);
    file = path_of(base, "loose/y.md");
    want = path_of(base, "loose");
    got = project_root_of(file);
    assert_string_equal(got, want);
    free(got);
    free(file);
    free(want);
}

/* ------------------------------------------------------------ escapes */

static void test_path_escape(void **state)
{
    (void)state;
    char *root = make_tmp(), *outside = make_tmp();
    diag_sink *d = new_sink();

    write_text(root, "a.md", DOC(""));
    write_text(root, "sub/b.md", DOC(""));
    write_text(root, "images/chart.png", "png");
    write_text(outside, "evil.md", DOC(""));
    link_to(outside, root, "out");
    link_to("../..", root, "sub/up");
    link_to("../a.md", root, "sub/alias.md");
    sb_project *p = load(root, d);

    static const struct {
        const char *rel;
        const char *why;        /* NULL: inside */
    } rows[] = {
        {"a.md", NULL},
        {"sub/b.md", NULL},
        {"a/../b", NULL},
        {"sub/../a.md", NULL},
        {"./a.md", NULL},
        {"sub/./b.md", NULL},
        {"images/chart.png", NULL},
        {"missing/file.md", NULL},
        {"sub/alias.md", NULL},                 /* a link that stays inside */
        {"/etc/passwd", "an absolute path"},
        {"/", "an absolute path"},
        {"../x.md", "a path that leaves the project ('..')"},
        {"..", "a path that leaves the project ('..')"},
        {"sub/../../x", "a path that leaves the project ('..')"},
        {"a/../../b", "a path that leaves the project ('..')"},
        {"./../a.md", "a path that leaves the project ('..')"},
        {"https://example.com/a.md", "a URL, not a file of the project"},
        {"out", "a symbolic link that leads out of the project"},
        {"out/evil.md", "a symbolic link that leads out of the project"},
        {"sub/up", "a symbolic link that leads out of the project"},
    };
    int failures = 0;
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        const char *why = project_path_escape(p, rows[i].rel);
        bool ok = rows[i].why ? why && !strcmp(why, rows[i].why) : why == NULL;
        if (!ok) {
            print_error("project_path_escape(\"%s\") = \"%s\", expected \"%s\"\n",
                        rows[i].rel, why ? why : "(null)",
                        rows[i].why ? rows[i].why : "(null)");
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

static void test_glob(void **state)
{
    (void)state;
    static const struct {
        const char *pattern, *rel;
        bool match;
    } rows[] = {
        {"*.md", "a.md", true},
        {"*.md", "sub/a.md", false},            /* '*' does not cross '/' */
        {"*", "sub/a.md", false},
        {"sub/*.md", "sub/a.md", true},
        {"sub/*", "sub/x/a.md", false},
        {"sub/*/*.md", "sub/x/a.md", true},
        {"*/*.md", "sub/a.md", true},
        {"2017/*", "2017/order-01-970.md", true},
        {"2017/*", "2017", false},
        {"?.md", "a.md", true},
        {"?.md", "ab.md", false},
        {"?", "/", false},                      /* nor does '?' */
        {"a?b", "a/b", false},
        {"[ab].md", "b.md", true},
        {"[ab].md", "c.md", false},
        {"[!a].md", "c.md", true},
        {"2022/portfolio/*/full/*", "2022/portfolio/municipal/full/01.md", true},
        {"2022/portfolio/*", "2022/portfolio/municipal/full/01.md", false},
        {"статьи/*.md", "статьи/иванов.md", true},
        {"*", ".hidden.md", false},
        {"a.md", "a.md", true},
        {"a.md", "A.md", false},
    };
    int failures = 0;
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        bool got = project_glob_match(rows[i].pattern, rows[i].rel);
        if (got != rows[i].match) {
            print_error("project_glob_match(\"%s\", \"%s\") = %d\n",
                        rows[i].pattern, rows[i].rel, got);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

/* ------------------------------------------------------------ sbornik.yaml */

static const char CONFIG[] =
    "# Настройки проекта\n"                                               /* 1 */
    "defaults:\n"                                                         /* 2 */
    "  issuer: minobr74\n"                                                /* 3 */
    "  place: Челябинск\n"                                                /* 4 */
    "organisations:\n"                                                    /* 5 */
    "  minobr74:\n"                                                       /* 6 */
    "    name: Министерство образования и науки Челябинской области\n"    /* 7 */
    "    header: [МИНИСТЕРСТВО ОБРАЗОВАНИЯ И НАУКИ, ЧЕЛЯБИНСКОЙ ОБЛАСТИ]\n"
    "    genitive: Министерства образования и науки Челябинской области\n"
    "  rcokio:\n"
    "    name: ГБУ ДПО «РЦОКИО»\n"
    "    short: ГБУ ДПО РЦОКИО\n"
    "    x-note: своё поле\n"
    "typography: false\n"
    "x-comment: ключи x- свои\n";

static void test_config(void **state)
{
    (void)state;
    char *root = make_tmp();
    diag_sink *d = new_sink();

    write_text(root, "sbornik.yaml", CONFIG);
    write_text(root, "a.md", "---\nkind: letter\ntitle: Письмо\n---\nТекст.\n");
    write_text(root, "b.md", "---\nkind: letter\ntitle: Письмо\nplace: Москва\n---\nТекст.\n");
    sb_project *p = load(root, d);

    assert_non_null(p->config);
    assert_false(p->typography);
    assert_string_equal(p->config_text, CONFIG);
    assert_int_equal(p->config_len, strlen(CONFIG));

    const fm_node *org = project_organisation(p, "minobr74");
    assert_non_null(org);
    assert_string_equal(fm_str(fm_get(org, "genitive")),
                        "Министерства образования и науки Челябинской области");
    assert_int_equal(fm_get(org, "header")->n, 2);
    assert_string_equal(fm_str(fm_get(project_organisation(p, "rcokio"), "short")),
                        "ГБУ ДПО РЦОКИО");
    assert_null(project_organisation(p, "nope"));
    assert_null(project_organisation(p, "Minobr74"));

    /* Defaults are merged into each front matter by document_prepare. */
    sb_source *a = project_find_rel(p, "a.md"), *b = project_find_rel(p, "b.md");
    assert_null(fm_get(a->front, "place"));
    for (size_t i = 0; i < p->nsources; i++)
        document_prepare(p, p->sources[i], d);
    const fm_pair *place = fm_get_pair(a->front, "place");
    assert_non_null(place);
    assert_string_equal(fm_str(place->value), "Челябинск");
    assert_int_equal(place->line, 4);           /* where sbornik.yaml says it */
    assert_int_equal(place->col, 3);
    assert_int_equal(place->value->line, 4);
    assert_int_equal(place->value->col, 10);
    assert_string_equal(fm_str(fm_get(a->front, "issuer")), "minobr74");
    assert_string_equal(a->info.issuer_genitive,
                        "Министерства образования и науки Челябинской области");
    /* A source's own value wins. */
    assert_string_equal(fm_str(fm_get(b->front, "place")), "Москва");
    assert_int_equal(fm_get_pair(b->front, "place")->line, 4);
    assert_int_equal(fm_get(b->front, "place")->col, 8);
    assert_diags(d, "%s", "");

}

static void test_config_errors(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        const char *yaml;
        const char *want;       /* after "<root>/sbornik.yaml" */
        bool typography;
    } rows[] = {
        {"unknown key", "colour: red\n",
         ":1:1: error: unknown key 'colour' in sbornik.yaml (known: defaults, "
         "organisations, typography)\n", true},
        {"typography not a bool", "typography: maybe\n",
         ":1:13: error: 'typography' must be true or false\n", true},
        {"typography quoted", "typography: \"false\"\n",
         ":1:13: error: 'typography' must be true or false\n", true},
        {"typography no", "typography: no\n", "", false},
        {"defaults not a map", "defaults: [a, b]\n",
         ":1:11: error: 'defaults' must be a mapping of front-matter keys\n", true},
        {"organisation without name",
         "organisations:\n  org:\n    short: X\n",
         ":3:5: error: organisation 'org' needs at least a 'name'\n", true},
        {"organisation unknown key",
         "organisations:\n  org:\n    name: Орг\n    fax: 123\n",
         ":4:5: error: unknown organisation key 'fax' (known: name, short, "
         "header, genitive, dative, address, phone, email)\n", true},
        {"organisations not a map", "organisations: [a]\n",
         ":1:16: error: 'organisations' must map keys to organisations\n", true},
        {"yaml syntax", "defaults:\n  place: Город: Челябинск\n",
         ":2:15: error: YAML: mapping values are not allowed in this "
         "context; a value containing ': ' needs quotes\n", true},
    };
    int failures = 0;
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        char *root = make_tmp();
        diag_sink *d = new_sink();
        write_text(root, "sbornik.yaml", rows[i].yaml);
        sb_project *p = load(root, d);
        char *got = flushed_text(d);
        buf want = BUF_INIT;
        if (*rows[i].want)
            buf_addf(&want, "%s/sbornik.yaml%s", root, rows[i].want);
        if (strcmp(got, buf_str(&want)) != 0 || p->typography != rows[i].typography) {
            print_error("%s: got \"%s\" (typography %d), expected \"%s\"\n",
                        rows[i].name, got, p->typography, buf_str(&want));
            failures++;
        }
        buf_free(&want);
        free(got);
    }
    assert_int_equal(failures, 0);
}

static void test_missing_folder(void **state)
{
    (void)state;
    char *root = make_tmp();
    diag_sink *d = new_sink();
    project_status st = PROJECT_OK;

    char *missing = path_of(root, "nope");
    assert_null(project_load(missing, d, &st));
    assert_int_equal(st, PROJECT_NOT_FOUND);
    free(missing);

    /* A file is not a project folder either. */
    write_text(root, "file.md", DOC(""));
    char *file = path_of(root, "file.md");
    st = PROJECT_OK;
    assert_null(project_load(file, d, &st));
    assert_int_equal(st, PROJECT_NOT_FOUND);
    free(file);

    assert_int_equal(diag_count(d, DIAG_ERROR), 0);
}

static void test_kind_names(void **state)
{
    (void)state;
    static const char *const names[] = {"order", "letter", "document", "concept",
                                        "roadmap", "article", "collection"};
    for (int k = 0; k < KIND_COUNT; k++)
        assert_string_equal(kind_name((sb_kind)k), names[k]);
    assert_string_equal(kind_name(KIND_UNKNOWN), "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sources_sorted_and_skipped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ids, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_project, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bom, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_utf8, setup, teardown),
        cmocka_unit_test_setup_teardown(test_duplicate_id, setup, teardown),
        cmocka_unit_test_setup_teardown(test_front_matter_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_symlink_out_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_symlink_inside_followed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_symlink_loop, setup, teardown),
        cmocka_unit_test_setup_teardown(test_root_spelling, setup, teardown),
        cmocka_unit_test_setup_teardown(test_root_of, setup, teardown),
        cmocka_unit_test_setup_teardown(test_path_escape, setup, teardown),
        cmocka_unit_test_setup_teardown(test_glob, setup, teardown),
        cmocka_unit_test_setup_teardown(test_config, setup, teardown),
        cmocka_unit_test_setup_teardown(test_config_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_folder, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kind_names, setup, teardown),
    };
    return cmocka_run_group_tests_name("project", tests, NULL, NULL);
}
