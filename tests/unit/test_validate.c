/*
 * test_validate.c: the schema check of intermediate trees (src/validate.c
 * with schemas/sbornik.xsd).
 *
 * The group setup writes a small project (an order approving a concept,
 * a letter) into a temporary folder, runs the whole check (build_check),
 * which must be clean, and loads the schema.  Good trees must pass;
 * trees spoilt by hand (copies of the good ones) must fail with exactly
 * one diagnostic, code E-SCHEMA, under the path given, at the position of
 * the nearest element that carries line and col.
 *
 * Diagnostics, with their codes, are read with diag_get.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "buf.h"
#include "build.h"
#include "diag.h"
#include "document.h"
#include "project.h"
#include "validate.h"
#include "support.h"

/* ------------------------------------------------------------ diagnostics */

typedef struct {
    size_t n;
    diag_severity sev;
    char path[512];
    int line, col;
    char code[64];
    char message[1024];
} one_diag;

/* What the sink holds: how many diagnostics, and the first one. */
static one_diag read_diags(diag_sink *d)
{
    one_diag r;
    memset(&r, 0, sizeof r);
    free(flushed_text(d));  /* sorts the items */
    r.n = diag_total(d);
    assert_int_equal(r.n, diag_count(d, DIAG_ERROR) + diag_count(d, DIAG_WARNING));
    diag_entry e;
    if (diag_get(d, 0, &e)) {
        r.sev = e.sev;
        snprintf(r.path, sizeof r.path, "%s", e.path);
        r.line = e.line;
        r.col = e.col;
        snprintf(r.code, sizeof r.code, "%s", e.code ? e.code : "(null)");
        snprintf(r.message, sizeof r.message, "%s", e.message);
    }
    return r;
}

/* ------------------------------------------------------------ the project */

static const file_spec FILES[] = {
    {"sbornik.yaml",
     "defaults:\n"
     "  place: Челябинск\n"
     "organisations:\n"
     "  minobr74:\n"
     "    name: Министерство образования и науки Челябинской области\n"
     "    header: [МИНИСТЕРСТВО ОБРАЗОВАНИЯ И НАУКИ, ЧЕЛЯБИНСКОЙ ОБЛАСТИ]\n"
     "    genitive: Министерства образования и науки Челябинской области\n"},
    {"order.md",
     "---\n"
     "kind: order\n"
     "id: order-2017-970\n"
     "issuer: minobr74\n"
     "date: 2017-03-29\n"
     "number: 01/970\n"
     "title: Об утверждении Концепции\n"
     "signatory: {position: Министр, name: А.И. Кузнецов}\n"
     "annexes: [concept-2017]\n"
     "---\n"
     "В целях формирования системы оценки[^1].\n"                     /* 11 */
     "\n"
     "1. Утвердить прилагаемую Концепцию.\n"                          /* 13 */
     "2. Контроль оставляю за собой.\n"                               /* 14 */
     "\n"
     "[^1]: Сноска.\n"},
    {"concept.md",
     "---\n"
     "kind: concept\n"
     "id: concept-2017\n"
     "title: Концепция взаимодействия\n"
     "approved_by: order-2017-970\n"
     "---\n"
     "## Введение\n"
     "\n"
     "| Столбец | Ещё |\n"
     "|---|---|\n"
     "| а | б |\n"},
    {"letter.md",
     "---\n"
     "kind: letter\n"
     "issuer: minobr74\n"
     "title: О направлении материалов\n"
     "to: [Руководителям]\n"
     "---\n"
     "Направляем *материалы*.\n"},
    {"roadmap.md",
     "---\n"
     "kind: roadmap\n"
     "title: Дорожная карта\n"
     "year: 2020\n"
     "columns: [№, Мероприятие, Сроки, Результат]\n"
     "---\n"
     "Введение.\n"
     "\n"
     "## Списком\n"
     "\n"
     "1. Семинар\n"
     "   - Сроки: До 10 апреля 2020 г.\n"
     "   - Исполнители: МОУО\n"
     "   - Результат: Итог\n"
     "\n"
     "## Таблицей\n"
     "\n"
     "| № | Мероприятие | Сроки | Результат |\n"
     "|---|---|---|---|\n"
     "| 1 | Совещание | ежемесячно | Итог 1<br>Итог 2 |\n"},
    {"article.md",
     "---\n"
     "kind: article\n"
     "title: Статья\n"
     "authors: [{name: А.Б. Иванов, affiliation: ЧИРО}]\n"
     "udc: \"37.07\"\n"
     "references: [Книга. М., 2020.]\n"
     "---\n"
     "Текст.\n"},
    {"collection.md",
     "---\n"
     "kind: collection\n"
     "title: Сборник\n"
     "subtitle: документы\n"
     "authors: [С.Ф. Багаутдинова]\n"
     "publisher: ЧИРО\n"
     "city: Челябинск\n"
     "year: 2022\n"
     "isbn: 978-5-907538-14-6\n"
     "udc: \"37.07\"\n"
     "bbk: \"74.04\"\n"
     "parts:\n"
     "  - title: Всё\n"
     "    items: [order-2017-970, letter, roadmap, article]\n"
     "---\n"
     "Предисловие.\n"},
};

static checked_project *the_project;
static char *the_schema;            /* schemas/sbornik.xsd of the repository */
static validator *the_validator;

/* Trees a test makes, freed by the teardown (its sinks: scratch_release). */
static struct {
    xmlDocPtr docs[8];
    size_t ndocs;
} tracked;

static int group_setup(void **state)
{
    (void)state;
    char *data = repo_root();
    the_project = checked_project_new("sbornik-test-validate", FILES,
                                      sizeof FILES / sizeof *FILES, data);
    if (!the_project) {
        free(data);
        return -1;
    }
    the_schema = path_of(data, "schemas/sbornik.xsd");
    free(data);
    int rc = checked_project_is_clean(the_project) ? 0 : -1;
    the_validator = validate_new(the_schema, the_project->diag);
    if (!the_validator) {
        print_error("validate_new(%s) failed\n", the_schema);
        rc = -1;
    }
    return rc;
}

static int group_teardown(void **state)
{
    (void)state;
    if (!the_project)
        return 0;
    validate_free(the_validator);
    checked_project_free(the_project);
    free(the_schema);
    the_validator = NULL;
    the_project = NULL;
    the_schema = NULL;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    for (size_t i = 0; i < tracked.ndocs; i++)
        xmlFreeDoc(tracked.docs[i]);
    memset(&tracked, 0, sizeof tracked);
    scratch_release();
    return 0;
}

static xmlDocPtr track_doc(xmlDocPtr doc)
{
    assert_non_null(doc);
    assert_true(tracked.ndocs < sizeof tracked.docs / sizeof *tracked.docs);
    return tracked.docs[tracked.ndocs++] = doc;
}

/* A copy of a source's checked tree, to spoil. */
static xmlDocPtr copy_of(const char *id)
{
    return track_doc(xmlCopyDoc(checked_source(the_project, id)->tree, 1));
}

/* The one element expr selects in doc. */
static xmlNodePtr element(xmlDocPtr doc, const char *expr)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathObjectPtr obj = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    xmlNodePtr n = NULL;
    int count = obj && obj->nodesetval ? obj->nodesetval->nodeNr : 0;
    if (count == 1)
        n = obj->nodesetval->nodeTab[0];
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(ctx);
    if (!n)
        fail_msg("%s selects %d nodes, expected 1", expr, count);
    return n;
}

/*
 * Validate a spoilt tree: it must be refused with one error, E-SCHEMA,
 * under path, at line:col, with message.
 */
static void check_refused(xmlDocPtr doc, const char *path, int line, int col,
                          const char *message)
{
    diag_sink *d = new_sink();
    bool ok = validate_tree(the_validator, doc, path, d);
    one_diag r = read_diags(d);
    buf problems = BUF_INIT;
    if (ok)
        buf_adds(&problems, "accepted; ");
    if (r.n != 1)
        buf_addf(&problems, "%zu diagnostics, expected 1; ", r.n);
    if (r.n) {
        if (r.sev != DIAG_ERROR)
            buf_adds(&problems, "a warning, expected an error; ");
        if (strcmp(r.code, "E-SCHEMA") != 0)
            buf_addf(&problems, "code %s, expected E-SCHEMA; ", r.code);
        if (strcmp(r.path, path) != 0)
            buf_addf(&problems, "path %s, expected %s; ", r.path, path);
        if (r.line != line || r.col != col)
            buf_addf(&problems, "at %d:%d, expected %d:%d; ", r.line, r.col, line, col);
        if (strcmp(r.message, message) != 0)
            buf_addf(&problems, "message\n  \"%s\"\nexpected\n  \"%s\"; ", r.message,
                     message);
    }
    if (problems.len) {
        print_error("%s\n", problems.data);
        buf_free(&problems);
        fail();
    }
}

#define SCHEMA_SAYS "the document does not match the schema: "

static void check_count_of(xmlDocPtr doc, const char *expr, int want)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathObjectPtr obj = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    int n = obj && obj->nodesetval ? obj->nodesetval->nodeNr : -1;
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(ctx);
    if (n != want)
        fail_msg("%s selects %d nodes, expected %d", expr, n, want);
}

/* ------------------------------------------------------------ tests */

static void test_schema_loads(void **state)
{
    (void)state;
    diag_sink *d = new_sink();
    validator *v = validate_new(the_schema, d);
    assert_non_null(v);
    assert_int_equal(read_diags(d).n, 0);
    validate_free(v);
    validate_free(NULL);
}

static void test_missing_schema(void **state)
{
    (void)state;
    diag_sink *d = new_sink();
    char *missing = path_of(the_project->root, "schemas/nope.xsd");
    validator *v = validate_new(missing, d);
    assert_null(v);
    /* Reported once, under the schema's path. */
    one_diag r = read_diags(d);
    buf want = BUF_INIT;
    buf_adds(&want, "cannot read the schema: No such file or directory (set "
                    "SBORNIK_DATA to the folder holding schemas/)");
    bool ok = r.n == 1 && r.sev == DIAG_ERROR && !strcmp(r.path, missing) &&
              !strcmp(r.code, "E-SCHEMA-FILE") && r.line == 0 &&
              !strcmp(r.message, want.data);
    if (!ok)
        print_error("%zu diagnostics; first: %s:%d %s \"%s\"\n", r.n, r.path,
                    r.line, r.code, r.message);
    buf_free(&want);
    free(missing);
    assert_true(ok);
}

/*
 * Everything goes through the diagnostics (path:line:col: error: …):
 * nothing of libxml2's own is printed on stderr, which the CLI shares
 * with them.
 */
static void test_missing_schema_quiet(void **state)
{
    (void)state;
    diag_sink *d = new_sink();
    char *missing = path_of(the_project->root, "schemas/nope.xsd");
    FILE *capture = tmpfile();
    assert_non_null(capture);
    fflush(stderr);
    int saved = dup(2);
    assert_true(saved >= 0);
    assert_true(dup2(fileno(capture), 2) >= 0);
    validator *v = validate_new(missing, d);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    free(missing);
    char printed[512] = "";
    rewind(capture);
    size_t n = fread(printed, 1, sizeof printed - 1, capture);
    printed[n] = '\0';
    fclose(capture);
    assert_null(v);
    assert_int_equal(diag_count(d, DIAG_ERROR), 1);
    if (n) {
        print_error("printed on stderr: %s", printed);
        fail();
    }
}

static void test_good_trees(void **state)
{
    (void)state;
    /* Each source's own tree, and the assembled one (an order with its
     * concept inside, the collection with every document inside). */
    const sb_project *p = the_project->p;
    assert_int_equal(p->nsources, 6);
    int failures = 0;
    for (size_t i = 0; i < p->nsources; i++) {
        for (int whole = 0; whole < 2; whole++) {
            xmlDocPtr doc = whole ? document_assemble(p, p->sources[i])
                                  : p->sources[i]->tree;
            diag_sink *d = diag_new();
            bool ok = validate_tree(the_validator, doc, "good.md", d);
            char *got = flushed_text(d);
            if (!ok || *got) {
                print_error("%s%s refused:\n%s", whole ? "assembled " : "",
                            p->sources[i]->id, got);
                failures++;
            }
            free(got);
            diag_free(d);
            if (whole)
                xmlFreeDoc(doc);
        }
    }
    assert_int_equal(failures, 0);
    check_count_of(track_doc(document_assemble(p, checked_source(the_project, "collection"))),
                   "/collection/parts/part/entry/*", 4);
}

/* An order without points: reported at <body>, the parent missing them. */
static void test_order_without_points(void **state)
{
    (void)state;
    xmlDocPtr doc = copy_of("order-2017-970");
    xmlNodePtr points = element(doc, "/order/body/points");
    xmlUnlinkNode(points);
    xmlFreeNode(points);
    check_refused(doc, "docs/order.md", 11, 1,
                  SCHEMA_SAYS "Element 'body': Missing child element(s). "
                  "Expected is ( points ).");
}

/* An element with its own position: reported there, not at its parent's. */
static void test_positioned_element(void **state)
{
    (void)state;
    xmlDocPtr doc = copy_of("order-2017-970");
    xmlNodePtr point = element(doc, "/order/body/points/point[2]");
    xmlNodePtr bad = xmlNewChild(point, NULL, BAD_CAST "section", NULL);
    xmlSetProp(bad, BAD_CAST "line", BAD_CAST "7");
    xmlSetProp(bad, BAD_CAST "col", BAD_CAST "3");
    xmlSetProp(bad, BAD_CAST "level", BAD_CAST "2");
    check_refused(doc, "order.md", 7, 3,
                  SCHEMA_SAYS "Element 'section': This element is not expected.");
}

/* An unknown element without a position: at the nearest one above. */
static void test_unknown_element(void **state)
{
    (void)state;
    xmlDocPtr doc = copy_of("order-2017-970");
    xmlNodePtr p = element(doc, "/order/body/points/point[1]/p");
    xmlNewChild(p, NULL, BAD_CAST "blink", BAD_CAST "текст");
    check_refused(doc, "order.md", 13, 4,
                  SCHEMA_SAYS "Element 'blink': This element is not expected. "
                  "Expected is one of ( i, b, s, code, br, link, fnref, ref, "
                  "field, image ).");

    /* Under <meta>, which has no position: the root's. */
    doc = copy_of("letter");
    xmlNodePtr meta = element(doc, "/letter/meta");
    xmlNewChild(meta, NULL, BAD_CAST "colour", BAD_CAST "red");
    check_refused(doc, "letter.md", 1, 1,
                  SCHEMA_SAYS "Element 'colour': This element is not expected. "
                  "Expected is one of ( reply_to, signatory, executor, authors, "
                  "keywords, stamp ).");
}

/* An attribute value the schema refuses: at the element carrying it. */
static void test_bad_attribute(void **state)
{
    (void)state;
    xmlDocPtr doc = copy_of("order-2017-970");
    xmlNodePtr date = element(doc, "/order/meta/date");
    xmlSetProp(date, BAD_CAST "value", BAD_CAST "2017-02-30");
    check_refused(doc, "order.md", 5, 7,
                  SCHEMA_SAYS "Element 'date', attribute 'value': '2017-02-30' "
                  "is not a valid value of the atomic type 'xs:date'.");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_schema_loads, teardown),
        cmocka_unit_test_teardown(test_missing_schema, teardown),
        cmocka_unit_test_teardown(test_missing_schema_quiet, teardown),
        cmocka_unit_test_teardown(test_good_trees, teardown),
        cmocka_unit_test_teardown(test_order_without_points, teardown),
        cmocka_unit_test_teardown(test_positioned_element, teardown),
        cmocka_unit_test_teardown(test_unknown_element, teardown),
        cmocka_unit_test_teardown(test_bad_attribute, teardown),
    };
    int failed = cmocka_run_group_tests_name("validate", tests, group_setup,
                                             group_teardown);
    xmlCleanupParser();
    return failed;
}
