/*
 * test_frontmatter.c: YAML front matter → fm_node tree (src/frontmatter.c).
 *
 * One front matter with every shape the format uses (scalars quoted and
 * plain, flow and block lists and maps, nulls, a literal block) is parsed
 * as if it began on line 2 of its file, and every key and value is checked
 * for its text and its exact line and character column.  The errors are
 * table-driven: each row is a text and the exact diagnostics it must give.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "buf.h"
#include "diag.h"
#include "frontmatter.h"
#include "support.h"

static fm_node *parse(const char *text, int first_line, diag_sink *d)
{
    return fm_parse(text, strlen(text), "doc.md", first_line, d);
}

/* ------------------------------------------------------------ positions */

static const char FULL[] =
    "kind: order\n"                             /* line 2 */
    "title: \"Об утверждении: Концепции\"\n"    /* line 3 */
    "заголовок: 'одинарные'\n"                  /* line 4 */
    "номер: 01/970\n"                           /* line 5 */
    "ключ: [альфа, 'бета', \"гамма\"]\n"        /* line 6 */
    "список:\n"                                 /* line 7 */
    "  - один\n"                                /* line 8 */
    "  - \"два\"\n"                             /* line 9 */
    "  -   три\n"                               /* line 10 */
    "карта: {имя: Иван, k2: v2}\n"              /* line 11 */
    "подпись:\n"                                /* line 12 */
    "  должность: Министр\n"                    /* line 13 */
    "  имя: А.И. Кузнецов\n"                    /* line 14 */
    "пусто:\n"                                  /* line 15 */
    "тильда: ~\n"                               /* line 16 */
    "нуль: \"~\"\n"                             /* line 17 */
    "блок: |\n"                                 /* line 18 */
    "  строка один\n"                           /* line 19 */
    "  строка два\n"                            /* line 20 */
    "# комментарий\n"                           /* line 21 */
    "число: 2017\n";                            /* line 22 */

static void check_scalar(const fm_node *n, const char *value, bool plain,
                         int line, int col)
{
    assert_non_null(n);
    assert_int_equal(n->type, FM_SCALAR);
    assert_string_equal(n->value, value);
    assert_string_equal(fm_str(n), value);
    if (n->plain != plain)
        fail_msg("'%s': plain is %d, expected %d", value, n->plain, plain);
    if (n->line != line || n->col != col)
        fail_msg("'%s' at %d:%d, expected %d:%d", value, n->line, n->col, line, col);
    assert_string_equal(n->path, "doc.md");
}

static void check_key(const fm_node *map, const char *key, int line, int col)
{
    const fm_pair *p = fm_get_pair(map, key);
    if (!p)
        fail_msg("no key '%s'", key);
    if (p->line != line || p->col != col)
        fail_msg("key '%s' at %d:%d, expected %d:%d", key, p->line, p->col,
                 line, col);
    assert_ptr_equal(p->value, fm_get(map, key));
}

static void test_positions(void **state)
{
    (void)state;
    diag_sink *d = diag_new();
    fm_node *root = parse(FULL, 2, d);

    assert_non_null(root);
    assert_int_equal(diag_count(d, DIAG_ERROR), 0);
    assert_int_equal(root->type, FM_MAP);
    assert_int_equal(root->n, 13);
    assert_int_equal(root->line, 2);
    assert_int_equal(root->col, 1);

    /* Keys in the order written, with their positions. */
    static const struct {
        const char *key;
        int line;
    } keys[] = {
        {"kind", 2}, {"title", 3}, {"заголовок", 4}, {"номер", 5},
        {"ключ", 6}, {"список", 7}, {"карта", 11}, {"подпись", 12},
        {"пусто", 15}, {"тильда", 16}, {"нуль", 17}, {"блок", 18},
        {"число", 22},
    };
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        check_key(root, keys[i].key, keys[i].line, 1);
    assert_string_equal(root->pairs[0].key, "kind");
    assert_string_equal(root->pairs[2].key, "заголовок");
    assert_string_equal(root->pairs[12].key, "число");

    /* Scalars: plain or quoted, columns in characters. */
    check_scalar(fm_get(root, "kind"), "order", true, 2, 7);
    check_scalar(fm_get(root, "title"), "Об утверждении: Концепции", false, 3, 8);
    check_scalar(fm_get(root, "заголовок"), "одинарные", false, 4, 12);
    check_scalar(fm_get(root, "номер"), "01/970", true, 5, 8);
    check_scalar(fm_get(root, "число"), "2017", true, 22, 8);

    /* A flow list. */
    const fm_node *flow = fm_get(root, "ключ");
    assert_int_equal(flow->type, FM_SEQ);
    assert_int_equal(flow->n, 3);
    assert_int_equal(flow->line, 6);
    assert_int_equal(flow->col, 7);
    assert_null(fm_str(flow));
    check_scalar(flow->items[0], "альфа", true, 6, 8);
    check_scalar(flow->items[1], "бета", false, 6, 15);
    check_scalar(flow->items[2], "гамма", false, 6, 23);

    /* A block list: it starts at its first dash. */
    const fm_node *block = fm_get(root, "список");
    assert_int_equal(block->type, FM_SEQ);
    assert_int_equal(block->n, 3);
    assert_int_equal(block->line, 8);
    assert_int_equal(block->col, 3);
    check_scalar(block->items[0], "один", true, 8, 5);
    check_scalar(block->items[1], "два", false, 9, 5);
    check_scalar(block->items[2], "три", true, 10, 7);

    /* A flow map. */
    const fm_node *fmap = fm_get(root, "карта");
    assert_int_equal(fmap->type, FM_MAP);
    assert_int_equal(fmap->n, 2);
    assert_int_equal(fmap->line, 11);
    assert_int_equal(fmap->col, 8);
    check_key(fmap, "имя", 11, 9);
    check_key(fmap, "k2", 11, 20);
    check_scalar(fm_get(fmap, "имя"), "Иван", true, 11, 14);
    check_scalar(fm_get(fmap, "k2"), "v2", true, 11, 24);

    /* A block map. */
    const fm_node *bmap = fm_get(root, "подпись");
    assert_int_equal(bmap->type, FM_MAP);
    assert_int_equal(bmap->n, 2);
    assert_int_equal(bmap->line, 13);
    assert_int_equal(bmap->col, 3);
    check_key(bmap, "должность", 13, 3);
    check_key(bmap, "имя", 14, 3);
    check_scalar(fm_get(bmap, "должность"), "Министр", true, 13, 14);
    check_scalar(fm_get(bmap, "имя"), "А.И. Кузнецов", true, 14, 8);

    /* Nulls: an empty value and a plain ~ are empty; a quoted ~ is not. */
    check_scalar(fm_get(root, "пусто"), "", true, 15, 7);
    check_scalar(fm_get(root, "тильда"), "", true, 16, 9);
    check_scalar(fm_get(root, "нуль"), "~", false, 17, 7);

    /* A literal block keeps its lines. */
    check_scalar(fm_get(root, "блок"), "строка один\nстрока два\n", false, 18, 7);

    fm_free(root);
    assert_int_equal(diag_count(d, DIAG_ERROR), 0);
    diag_free(d);
}

/* first_line only shifts lines; columns stay. */
static void test_first_line(void **state)
{
    (void)state;
    diag_sink *d = diag_new();
    fm_node *a = parse("a: 1\nb: [x]\n", 1, d);
    fm_node *b = parse("a: 1\nb: [x]\n", 40, d);

    assert_non_null(a);
    assert_non_null(b);
    check_key(a, "b", 2, 1);
    check_key(b, "b", 41, 1);
    assert_int_equal(fm_get(a, "b")->items[0]->line, 2);
    assert_int_equal(fm_get(b, "b")->items[0]->line, 41);
    assert_int_equal(fm_get(b, "b")->items[0]->col, 5);
    fm_free(a);
    fm_free(b);
    diag_free(d);
}

/* Aliases expand into copies: each value is owned once. */
static void test_alias(void **state)
{
    (void)state;
    diag_sink *d = diag_new();
    fm_node *root = parse("a: &x Иван\nb: *x\nc: &l [1, 2]\nd: *l\n", 2, d);

    assert_non_null(root);
    assert_string_equal(fm_str(fm_get(root, "b")), "Иван");
    assert_ptr_not_equal(fm_get(root, "a"), fm_get(root, "b"));
    assert_ptr_not_equal(fm_get(root, "a")->value, fm_get(root, "b")->value);
    assert_int_equal(fm_get(root, "d")->type, FM_SEQ);
    assert_int_equal(fm_get(root, "d")->n, 2);
    assert_ptr_not_equal(fm_get(root, "c")->items, fm_get(root, "d")->items);
    assert_string_equal(fm_str(fm_get(root, "d")->items[1]), "2");
    fm_free(root);      /* valgrind: no double free */
    diag_free(d);
}

static void test_empty(void **state)
{
    (void)state;
    static const char *const texts[] = {"", "\n\n", "# только комментарий\n", "   \n"};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        diag_sink *d = diag_new();
        fm_node *root = parse(texts[i], 2, d);

        assert_non_null(root);
        assert_int_equal(root->type, FM_MAP);
        assert_int_equal(root->n, 0);
        assert_int_equal(root->line, 2);
        assert_int_equal(root->col, 1);
        assert_null(fm_get(root, "kind"));
        assert_int_equal(diag_count(d, DIAG_ERROR), 0);
        fm_free(root);
        diag_free(d);
    }
    /* A document end marker and nothing after it is still one document. */
    diag_sink *d = diag_new();
    fm_node *root = parse("kind: order\n...\n", 2, d);
    assert_non_null(root);
    assert_int_equal(root->n, 1);
    assert_int_equal(diag_count(d, DIAG_ERROR), 0);
    fm_free(root);
    diag_free(d);
}

/* ------------------------------------------------------------ accessors */

static void test_get(void **state)
{
    (void)state;
    diag_sink *d = diag_new();
    fm_node *root = parse("kind: order\nlist: [a]\n", 2, d);

    assert_null(fm_get(root, "missing"));
    assert_null(fm_get_pair(root, "missing"));
    assert_null(fm_get(NULL, "kind"));
    assert_null(fm_get(fm_get(root, "kind"), "kind"));      /* a scalar */
    assert_null(fm_get(fm_get(root, "list"), "a"));         /* a list */
    assert_null(fm_str(NULL));
    assert_null(fm_str(fm_get(root, "list")));
    assert_null(fm_str(root));
    assert_string_equal(fm_str(fm_get(root, "kind")), "order");
    assert_null(fm_get(root, "Kind"));                       /* exact keys */
    fm_free(root);
    fm_free(NULL);
    diag_free(d);
}

static fm_node *scalar(const char *value, int line, int col)
{
    fm_node *n = xcalloc(1, sizeof(fm_node));
    n->type = FM_SCALAR;
    n->path = "defaults.yaml";
    n->value = xstrdup(value);
    n->plain = true;
    n->line = line;
    n->col = col;
    return n;
}

static void test_set(void **state)
{
    (void)state;
    diag_sink *d = diag_new();
    fm_node *root = parse("kind: order\ntitle: Старое\nlist: [a, b]\n", 2, d);

    /* Add: appended last, with the position given. */
    fm_set(root, "place", 3, 10, scalar("Челябинск", 7, 12));
    assert_int_equal(root->n, 4);
    assert_string_equal(root->pairs[3].key, "place");
    check_key(root, "place", 3, 10);
    assert_string_equal(fm_str(fm_get(root, "place")), "Челябинск");
    assert_int_equal(fm_get(root, "place")->line, 7);
    assert_string_equal(fm_get(root, "place")->path, "defaults.yaml");

    /* Replace: same slot, old value freed (valgrind), new position. */
    fm_set(root, "title", 20, 2, scalar("Новое", 20, 9));
    assert_int_equal(root->n, 4);
    assert_string_equal(root->pairs[1].key, "title");
    check_key(root, "title", 20, 2);
    assert_string_equal(fm_str(fm_get(root, "title")), "Новое");

    /* Replace a list by a scalar. */
    fm_set(root, "list", 4, 1, scalar("x", 4, 7));
    assert_int_equal(root->n, 4);
    assert_string_equal(fm_str(fm_get(root, "list")), "x");

    /* Into an empty map, many times: the pairs grow. */
    fm_node *empty = parse("", 1, d);
    char key[16];
    for (int i = 0; i < 50; i++) {
        snprintf(key, sizeof key, "k%d", i);
        fm_set(empty, key, i + 1, 1, scalar(key, i + 1, 5));
    }
    assert_int_equal(empty->n, 50);
    assert_string_equal(fm_str(fm_get(empty, "k37")), "k37");
    check_key(empty, "k49", 50, 1);

    fm_free(empty);
    fm_free(root);
    assert_int_equal(diag_count(d, DIAG_ERROR), 0);
    diag_free(d);
}

/* Structural equality, positions and flags included. */
static void assert_same_tree(const fm_node *a, const fm_node *b)
{
    assert_int_equal(a->type, b->type);
    assert_int_equal(a->line, b->line);
    assert_int_equal(a->col, b->col);
    assert_int_equal(a->plain, b->plain);
    assert_ptr_equal(a->path, b->path);
    assert_int_equal(a->n, b->n);
    if (a->type == FM_SCALAR) {
        assert_string_equal(a->value, b->value);
        assert_ptr_not_equal(a->value, b->value);
    }
    for (size_t i = 0; i < a->n; i++) {
        if (a->type == FM_SEQ) {
            assert_ptr_not_equal(a->items[i], b->items[i]);
            assert_same_tree(a->items[i], b->items[i]);
        } else {
            assert_string_equal(a->pairs[i].key, b->pairs[i].key);
            assert_ptr_not_equal(a->pairs[i].key, b->pairs[i].key);
            assert_int_equal(a->pairs[i].line, b->pairs[i].line);
            assert_int_equal(a->pairs[i].col, b->pairs[i].col);
            assert_ptr_not_equal(a->pairs[i].value, b->pairs[i].value);
            assert_same_tree(a->pairs[i].value, b->pairs[i].value);
        }
    }
}

static void test_copy(void **state)
{
    (void)state;
    diag_sink *d = diag_new();
    fm_node *root = parse(FULL, 2, d);
    fm_node *copy = fm_copy(root);

    assert_non_null(copy);
    assert_ptr_not_equal(copy, root);
    assert_same_tree(root, copy);

    /* Changing or freeing the original leaves the copy whole. */
    fm_set(root, "kind", 1, 1, scalar("letter", 1, 1));
    fm_get(root, "ключ")->items[0]->value[0] = 'X';
    assert_string_equal(fm_str(fm_get(copy, "kind")), "order");
    assert_string_equal(fm_str(fm_get(copy, "ключ")->items[0]), "альфа");
    fm_free(root);
    assert_string_equal(fm_str(fm_get(fm_get(copy, "подпись"), "имя")), "А.И. Кузнецов");
    assert_string_equal(fm_str(fm_get(copy, "блок")), "строка один\nстрока два\n");

    /* A copy of a scalar and of an empty map. */
    fm_node *one = fm_copy(fm_get(copy, "title"));
    assert_same_tree(fm_get(copy, "title"), one);
    fm_node *empty = parse("", 5, d);
    fm_node *ecopy = fm_copy(empty);
    assert_same_tree(empty, ecopy);

    fm_free(one);
    fm_free(empty);
    fm_free(ecopy);
    fm_free(copy);
    diag_free(d);
}

/* ------------------------------------------------------------ errors */

typedef struct {
    const char *name;
    const char *text;
    const char *want;   /* exact flush text, first_line = 2, path doc.md */
} err_case;

static const err_case err_cases[] = {
    {"error: unquoted value with ': '",
     "kind: order\ntitle: Приказ: об утверждении\n",
     "doc.md:3:14: error: YAML: mapping values are not allowed in this "
     "context; a value containing ': ' needs quotes\n"},
    {"error: duplicate key",
     "kind: order\ntitle: A\nkind: letter\n",
     "doc.md:4:1: error: key 'kind' given twice (first on line 2)\n"},
    {"error: duplicate key in a nested map",
     "signatory:\n  name: А\n  name: Б\n",
     "doc.md:4:3: error: key 'name' given twice (first on line 3)\n"},
    {"error: local tag",
     "kind: order\ncmd: !custom ls\n",
     "doc.md:3:6: error: YAML tags such as '!custom' are not supported\n"},
    {"error: top level is a list",
     "- a\n- b\n",
     "doc.md:2:1: error: front matter must be a mapping of 'key: value' lines\n"},
    {"error: top level is a scalar",
     "просто текст\n",
     "doc.md:2:1: error: front matter must be a mapping of 'key: value' lines\n"},
    {"error: key is a list",
     "kind: order\n[a, b]: 1\n",
     "doc.md:3:1: error: a key must be a plain word\n"},
    {"error: key is a map",
     "kind: order\nx:\n  {a: 1}: 2\n",
     "doc.md:4:3: error: a key must be a plain word\n"},
    {"error: two documents",
     "kind: order\n---\ntitle: x\n",
     "doc.md:4:1: error: front matter holds more than one YAML document\n"},
    {"error: unclosed flow list",
     "kind: order\nlist: [a, b\ntitle: x\n",
     "doc.md:4:6: error: YAML: did not find expected ',' or ']' (while "
     "parsing a flow sequence)\n"},
};

#define NERR (sizeof err_cases / sizeof *err_cases)

static void run_err_case(void **state)
{
    const err_case *c = *state;
    diag_sink *d = diag_new();
    fm_node *root = parse(c->text, 2, d);
    char *got = flushed_text(d);

    if (root) {
        fm_free(root);
        free(got);
        diag_free(d);
        fail_msg("\"%s\": accepted", c->name);
    }
    if (strcmp(got, c->want) != 0) {
        print_error("got:      %sexpected: %s", got, c->want);
        free(got);
        diag_free(d);
        fail();
    }
    assert_int_equal(diag_count(d, DIAG_ERROR), 1);
    free(got);
    diag_free(d);
}

/*
 * Tags that YAML loaders turn into objects: '!!' is only shorthand for
 * tag:yaml.org,2002:, so these must be refused like any other tag.
 */
typedef struct {
    const char *text;
    const char *where;      /* the start of the one diagnostic */
} tag_case;

/* Each text is refused with one E-YAML-TAG at its place. */
static void check_tag_rows(const tag_case *rows, size_t n)
{
    int failures = 0;
    for (size_t i = 0; i < n; i++) {
        diag_sink *d = diag_new();
        fm_node *root = parse(rows[i].text, 2, d);
        char *got = flushed_text(d);

        if (root || diag_count(d, DIAG_ERROR) != 1 ||
            strncmp(got, rows[i].where, strlen(rows[i].where)) != 0 ||
            !strstr(got, "YAML tags such as '")) {
            print_error("%s: %s, diagnostics: \"%s\"\n", rows[i].text,
                        root ? "accepted" : "refused", got);
            failures++;
        }
        fm_free(root);
        free(got);
        diag_free(d);
    }
    assert_int_equal(failures, 0);
}

/*
 * Tags that YAML loaders turn into objects: '!!' is only shorthand for
 * tag:yaml.org,2002:, so these must be refused like any other tag, on
 * scalars, lists and maps alike.
 */
static void test_value_tags(void **state)
{
    (void)state;
    static const tag_case rows[] = {
        {"kind: order\ncmd: !!python/object:os.system ls\n", "doc.md:3:6: error: "},
        {"kind: order\ncmd: !!python/object/apply:os.system [ls]\n", "doc.md:3:6: error: "},
        {"kind: order\ncmd: !!python/object/new:dict {a: 1}\n", "doc.md:3:6: error: "},
        {"kind: order\ncmd: !custom [ls]\n", "doc.md:3:6: error: "},
        {"kind: order\ncmd: !custom {a: b}\n", "doc.md:3:6: error: "},
        {"kind: order\nlist:\n  - !!binary aGVsbG8=\n", "doc.md:4:5: error: "},
    };
    check_tag_rows(rows, sizeof rows / sizeof *rows);

    /* The exact text for a tag written with '!!'. */
    diag_sink *d = diag_new();
    fm_node *root = parse("kind: order\ncmd: !!python/object:os.system ls\n", 2, d);
    char *got = flushed_text(d);
    assert_null(root);
    assert_string_equal(got, "doc.md:3:6: error: YAML tags such as "
                             "'!!python/object:os.system' are not supported\n");
    free(got);
    diag_free(d);
}

/* A tag on a key is a tag too. */
static void test_key_tags(void **state)
{
    (void)state;
    static const tag_case rows[] = {
        {"kind: order\n!!python/object:os.system key: v\n", "doc.md:3:1: error: "},
        {"kind: order\n!custom key: v\n", "doc.md:3:1: error: "},
    };
    check_tag_rows(rows, sizeof rows / sizeof *rows);
}

/* A second document is refused even when it is not well-formed itself. */
static void test_second_document_broken(void **state)
{
    (void)state;
    diag_sink *d = diag_new();
    fm_node *root = parse("kind: order\n---\nbad: [\n", 2, d);

    if (root) {
        fm_free(root);
        diag_free(d);
        fail_msg("a front matter followed by a broken second document was accepted");
    }
    assert_int_equal(diag_count(d, DIAG_ERROR), 1);
    diag_free(d);
}

/* Exactly as deep as allowed: 60 nested lists in the root map are fine. */
static void test_deep_but_allowed(void **state)
{
    (void)state;
    buf text = BUF_INIT;
    diag_sink *d = diag_new();

    buf_adds(&text, "a: ");
    for (int i = 0; i < 60; i++)
        buf_addc(&text, '[');
    buf_adds(&text, "x");
    for (int i = 0; i < 60; i++)
        buf_addc(&text, ']');
    fm_node *root = parse(text.data, 1, d);
    assert_non_null(root);
    const fm_node *n = fm_get(root, "a");
    for (int i = 0; i < 60; i++) {
        assert_int_equal(n->type, FM_SEQ);
        assert_int_equal(n->n, 1);
        assert_int_equal(n->col, 4 + i);
        n = n->items[0];
    }
    assert_string_equal(fm_str(n), "x");
    fm_free(root);
    buf_free(&text);
    diag_free(d);
}

/* 70 nested lists: refused at the 65th, with its position. */
static void test_too_deep(void **state)
{
    (void)state;
    buf text = BUF_INIT;
    diag_sink *d = diag_new();

    buf_adds(&text, "a: ");
    for (int i = 0; i < 70; i++)
        buf_addc(&text, '[');
    for (int i = 0; i < 70; i++)
        buf_addc(&text, ']');
    buf_addc(&text, '\n');
    fm_node *root = parse(text.data, 2, d);
    assert_null(root);
    assert_int_equal(diag_count(d, DIAG_ERROR), 1);
    char *got = flushed_text(d);
    /* The root map is level 0; the list at column 3 + k is level k. */
    assert_string_equal(got,
                        "doc.md:2:68: error: front matter nested more than 64 "
                        "levels deep\n");
    free(got);
    buf_free(&text);
    diag_free(d);

    /* Block maps nest the same way. */
    d = diag_new();
    for (int i = 0; i < 70; i++) {
        for (int k = 0; k < i; k++)
            buf_addc(&text, ' ');
        buf_addf(&text, "k%d:\n", i);
    }
    root = parse(text.data, 1, d);
    assert_null(root);
    got = flushed_text(d);
    /* k64 (line 65, column 65) is the value of k63, at level 64: fine;
     * the value of k64 is the map starting with k65 on line 66. */
    assert_string_equal(got,
                        "doc.md:66:66: error: front matter nested more than 64 "
                        "levels deep\n");
    free(got);
    buf_free(&text);
    diag_free(d);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static long max_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/*
 * A "billion laughs": ten levels of ten aliases expand to 10^10 values.
 * The node budget must stop it after FM_MAX_NODES, quickly and without
 * memory to speak of, with one E-YAML-TOO-LARGE.
 */
static void test_billion_laughs(void **state)
{
    (void)state;
    buf text = BUF_INIT;
    diag_sink *d = diag_new();

    buf_adds(&text, "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int level = 1; level < 10; level++) {
        buf_addf(&text, "l%d: &l%d [", level, level);
        for (int i = 0; i < 10; i++)
            buf_addf(&text, "%s*l%d", i ? ", " : "", level - 1);
        buf_adds(&text, "]\n");
    }
    long rss = max_rss_kb();
    double start = now();
    fm_node *root = parse(text.data, 1, d);
    double took = now() - start;

    assert_null(root);
    assert_true(took < 5.0);
    assert_true(max_rss_kb() - rss < 200 * 1024);   /* not gigabytes */
    assert_int_equal(diag_count(d, DIAG_ERROR), 1);
    char *got = flushed_text(d);
    /*
     * Nodes are counted depth first: the root, l0 (11), l1 (111), l2
     * (1111), l3 (11111) take 12345 of 20000; inside l4 the budget runs out
     * on the ninth x of the ninth copy of l0, written at line 1, column 34.
     */
    assert_string_equal(got,
                        "doc.md:1:34: error: front matter expands to more than "
                        "20000 values (aliases nested too deep?)\n");
    free(got);
    buf_free(&text);
    diag_free(d);
}

/*
 * Exactly at the budget is fine; one more node is not.  Nodes are the root
 * map, the value of a, the list and its items (keys are not nodes).
 */
static void test_budget_edge(void **state)
{
    (void)state;
    for (int over = 0; over <= 1; over++) {
        buf text = BUF_INIT;
        diag_sink *d = diag_new();
        int items = FM_MAX_NODES - 3 + over;

        buf_adds(&text, "a: &a x\nl: [");
        for (int i = 0; i < items; i++)
            buf_adds(&text, i ? ",*a" : "*a");
        buf_adds(&text, "]\n");
        fm_node *root = fm_parse(text.data, text.len, "doc.md", 1, d);
        if (!over) {
            assert_non_null(root);
            assert_int_equal(fm_get(root, "l")->n, (size_t)items);
            assert_string_equal(fm_str(fm_get(root, "l")->items[items - 1]), "x");
            assert_int_equal(diag_count(d, DIAG_ERROR), 0);
        } else {
            assert_null(root);
            assert_int_equal(diag_count(d, DIAG_ERROR), 1);
        }
        fm_free(root);
        buf_free(&text);
        diag_free(d);
    }
}

int main(void)
{
    struct CMUnitTest rows[NERR];
    const struct CMUnitTest others[] = {
        cmocka_unit_test(test_positions),
        cmocka_unit_test(test_first_line),
        cmocka_unit_test(test_alias),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_get),
        cmocka_unit_test(test_set),
        cmocka_unit_test(test_copy),
        cmocka_unit_test(test_value_tags),
        cmocka_unit_test(test_key_tags),
        cmocka_unit_test(test_second_document_broken),
        cmocka_unit_test(test_deep_but_allowed),
        cmocka_unit_test(test_too_deep),
        cmocka_unit_test(test_billion_laughs),
        cmocka_unit_test(test_budget_edge),
    };
    int failed = 0;

    for (size_t k = 0; k < NERR; k++)
        rows[k] = (struct CMUnitTest){
            .name = err_cases[k].name,
            .test_func = run_err_case,
            .initial_state = (void *)&err_cases[k],
        };
    failed += cmocka_run_group_tests_name("frontmatter errors", rows, NULL, NULL);
    failed += cmocka_run_group_tests_name("frontmatter", others, NULL, NULL);
    return failed ? 1 : 0;
}
