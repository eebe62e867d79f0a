/*
 * test_markdown.c: what a Markdown body becomes in the intermediate tree
 * (src/markdown.c, driven by src/document.c).
 *
 * The group setup writes one small project into a temporary folder (an
 * order to refer to, and one document per topic: inlines, blocks,
 * footnotes, references, fields, typography, positions) and runs the whole
 * check (build_check), which must be clean.  Each test then reads the
 * checked tree of one source (sb_source->tree) with XPath and compares
 * exact strings, counts and attributes.  Expected texts spell no-break
 * spaces as NB.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "build.h"
#include "diag.h"
#include "markdown.h"
#include "project.h"
#include "support.h"

#define NB "\xC2\xA0"

/* ------------------------------------------------------------ XPath */

/* line and col attributes of the one element expr selects. */
static void check_pos(xmlDocPtr doc, const char *expr, int line, int col)
{
    check_count(doc, expr, 1);
    buf e = BUF_INIT;
    buf_addf(&e, "%s/@line", expr);
    char *l = xp_string(doc, e.data);
    buf_clear(&e);
    buf_addf(&e, "%s/@col", expr);
    char *c = xp_string(doc, e.data);
    buf_free(&e);
    char want_l[16], want_c[16];
    snprintf(want_l, sizeof want_l, "%d", line);
    snprintf(want_c, sizeof want_c, "%d", col);
    bool ok = !strcmp(l, want_l) && !strcmp(c, want_c);
    if (!ok)
        print_error("%s at %s:%s, expected %d:%d\n", expr, l, c, line, col);
    free(l);
    free(c);
    if (!ok)
        fail();
}

/* ------------------------------------------------------------ the project */

#define MINOBR_GEN "Министерства образования и науки Челябинской области"

static const file_spec FILES[] = {
    {"sbornik.yaml",
     "organisations:\n"
     "  minobr74:\n"
     "    name: Министерство образования и науки Челябинской области\n"
     "    header: [МИНИСТЕРСТВО ОБРАЗОВАНИЯ И НАУКИ, ЧЕЛЯБИНСКОЙ ОБЛАСТИ]\n"
     "    genitive: " MINOBR_GEN "\n"},
    {"order.md",
     "---\n"
     "kind: order\n"
     "id: order-2017-970\n"
     "issuer: minobr74\n"
     "date: 2017-03-29\n"
     "number: 01/970\n"
     "title: Об утверждении Концепции и «дорожной карты»\n"
     "signatory: {position: Министр, name: А.И. Кузнецов}\n"
     "---\n"
     "1. Утвердить Концепцию.\n"},
    {"inline.md",
     "---\n"
     "kind: document\n"
     "genre: Справка\n"
     "title: Справка о разметке\n"
     "---\n"
     "Первый абзац.\n"                                                   /* 6 */
     "\n"
     "Второй: *курсив*, **жирный**, ~~зачёркнутый~~ и ***оба***.\n"      /* 8 */
     "\n"
     "Код `\"a\" - b` остаётся.\n"                                      /* 10 */
     "\n"
     "Ссылка [на сайт](https://example.com/x) и адрес https://example.org/a-b тут.\n"
     "\n"
     "Строка один\\\n"                                                  /* 14 */
     "строка два\n"},
    {"blocks.md",
     "---\n"
     "kind: document\n"
     "genre: Справка\n"
     "title: Справка о блоках\n"
     "---\n"
     "- один\n"                                                         /* 6 */
     "- два\n"
     "\n"
     "3) три\n"                                                         /* 9 */
     "4) четыре\n"
     "\n"
     "7. семь\n"                                                        /* 12 */
     "\n"
     "> Цитата в две\n"                                                 /* 14 */
     "> строки.\n"
     "\n"
     "```c\n"                                                           /* 17 */
     "int x = \"a\" - 1;\n"
     "```\n"
     "\n"
     "---\n"                                                            /* 21 */
     "\n"
     "| Слева | По центру | Справа |\n"                                 /* 23 */
     "|:------|:---------:|-------:|\n"
     "| а     | б<br>в    | г      |\n"
     "| д     | е         | ж      |\n"},
    {"notes.md",
     "---\n"
     "kind: document\n"
     "genre: Справка\n"
     "title: Справка со сносками\n"
     "---\n"
     "Сначала вторая[^b], потом первая[^a], снова вторая[^b].\n"
     "\n"
     "[^a]: Первая сноска.\n"
     "[^b]: Вторая сноска.\n"},
    {"refs.md",
     "---\n"
     "kind: document\n"
     "genre: Справка\n"
     "title: Справка со ссылками\n"
     "---\n"
     "Согласно [[order-2017-970]] и [[order-2017-970|short]].\n"},
    {"model.md",
     "---\n"
     "kind: document\n"
     "genre: Модель\n"
     "title: Модель оценки\n"
     "status: model\n"
     "---\n"
     "Орган {{наименование \"органа\" - полностью}} утверждает.\n"},  /* 7 */
    {"rm.md",
     "---\n"
     "kind: roadmap\n"
     "title: Дорожная карта\n"
     "year: 2022\n"
     "---\n"
     "План на {{=year}} год.\n"
     "\n"
     "## Раздел\n"
     "\n"
     "1. Событие\n"
     "   - Сроки: март 2022\n"
     "   - Исполнители: МОУО\n"},
    {"typo.md",
     "---\n"
     "kind: document\n"
     "genre: Справка\n"
     "title: Справка о \"типографике\" - кратко\n"
     "---\n"
     "В целях \"качества\" - это в Челябинске.\n"},
    /* Front matter of 6 lines: the body starts on line 7. */
    {"pos.md",
     "---\n"                                                            /* 1 */
     "kind: document\n"
     "genre: Справка\n"
     "title: Справка о позициях\n"
     "id: pos\n"
     "---\n"                                                            /* 6 */
     "Абзац первый со сноской[^примечание].\n"                          /* 7 */
     "\n"
     "Второй абзац.\n"                                                  /* 9 */
     "\n"
     "1. Пункт первый\n"                                                /* 11 */
     "   - вложенный пункт\n"                                           /* 12 */
     "\n"
     "| Столбец | Ещё |\n"                                              /* 14 */
     "|---------|-----|\n"
     "| ячейка  | ёж  |\n"                                              /* 16 */
     "\n"
     "[^примечание]: Текст примечания.\n"},                             /* 18 */
};

static checked_project *the_project;

static int group_setup(void **state)
{
    (void)state;
    char *data = repo_root();
    the_project = checked_project_new("sbornik-test-markdown", FILES,
                                      sizeof FILES / sizeof *FILES, data);
    free(data);
    if (!the_project)
        return -1;
    return checked_project_is_clean(the_project) ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    checked_project_free(the_project);
    the_project = NULL;
    return 0;
}

static xmlDocPtr tree_of(const char *id)
{
    return checked_source(the_project, id)->tree;
}

/* ------------------------------------------------------------ inlines */

static void test_paragraphs(void **state)
{
    (void)state;
    xmlDocPtr t = tree_of("inline");
    check_count(t, "/document/body/*", 5);
    check_count(t, "/document/body/p", 5);
    check_string(t, "/document/body/p[1]", "Первый абзац.");
    check_count(t, "/document/body/p[1]/*", 0);
    check_pos(t, "/document/body/p[1]", 6, 1);
    check_pos(t, "/document/body/p[2]", 8, 1);
}

static void test_emphasis(void **state)
{
    (void)state;
    xmlDocPtr t = tree_of("inline");
    check_count(t, "/document/body/p[2]/*", 4);
    check_string(t, "name(/document/body/p[2]/*[1])", "i");
    check_string(t, "/document/body/p[2]/i[1]", "курсив");
    check_string(t, "name(/document/body/p[2]/*[2])", "b");
    check_string(t, "/document/body/p[2]/b", "жирный");
    check_string(t, "name(/document/body/p[2]/*[3])", "s");
    check_string(t, "/document/body/p[2]/s", "зачёркнутый");
    /* ***оба***: emphasis around strong. */
    check_count(t, "/document/body/p[2]/i[2]/b", 1);
    check_string(t, "/document/body/p[2]/i[2]/b", "оба");
    check_string(t, "/document/body/p[2]/text()[1]", "Второй: ");
    check_string(t, "/document/body/p[2]/text()[last()]", ".");
    /* Typography across the markup: the no-break space after «и». */
    check_string(t, "/document/body/p[2]",
                 "Второй: курсив, жирный, зачёркнутый и" NB "оба.");
}

static void test_inline_code(void **state)
{
    (void)state;
    xmlDocPtr t = tree_of("inline");
    /* No typography inside code: straight quotes and " - " stay. */
    check_count(t, "/document/body/p[3]/code", 1);
    check_string(t, "/document/body/p[3]/code", "\"a\" - b");
    check_string(t, "/document/body/p[3]", "Код \"a\" - b остаётся.");
    check_string(t, "/document/body/p[3]/code/@line", "10");
}

static void test_links(void **state)
{
    (void)state;
    xmlDocPtr t = tree_of("inline");
    check_count(t, "/document/body/p[4]/link", 2);
    check_string(t, "/document/body/p[4]/link[1]/@href", "https://example.com/x");
    check_string(t, "/document/body/p[4]/link[1]", "на" NB "сайт");
    check_count(t, "/document/body/p[4]/link[1]/@auto", 0);
    check_pos(t, "/document/body/p[4]/link[1]", 12, 8);
    /* An autolink keeps its text exactly. */
    check_string(t, "/document/body/p[4]/link[2]/@href", "https://example.org/a-b");
    check_string(t, "/document/body/p[4]/link[2]/@auto", "true");
    check_string(t, "/document/body/p[4]/link[2]", "https://example.org/a-b");
    check_count(t, "/document/body/p[4]/link[2]/*", 0);
}

/* Where an autolink stands: after «Ссылка [на сайт](https://example.com/x)
 * и адрес », at character 49 of line 12. */
static void test_autolink_position(void **state)
{
    (void)state;
    xmlDocPtr t = tree_of("inline");
    check_pos(t, "/document/body/p[4]/link[2]", 12, 49);
}

static void test_hard_break(void **state)
{
    (void)state;
    xmlDocPtr t = tree_of("inline");
    check_count(t, "/document/body/p[5]/*", 1);
    check_count(t, "/document/body/p[5]/br", 1);
    check_string(t, "/document/body/p[5]/text()[1]", "Строка один");
    check_string(t, "/document/body/p[5]/text()[2]", "строка два");
    check_count(t, "/document/body/p[5]/br/@*", 0);
}

/* md_plain: the text of the inlines, without markup; breaks are spaces. */
static void test_md_plain(void **state)
{
    (void)state;
    static const char md[] = "Простой *курсив*, **жирный** и `код \"a\"`\nдальше\\\nконец.\n";
    cmark_node *doc = markdown_parse(md, strlen(md));
    cmark_node *para = cmark_node_first_child(doc);
    assert_int_equal(cmark_node_get_type(para), CMARK_NODE_PARAGRAPH);
    char *plain = md_plain(para);
    cmark_node_free(doc);
    if (strcmp(plain, "Простой курсив, жирный и код \"a\" дальше конец.") != 0) {
        print_error("md_plain: \"%s\"\n", plain);
        free(plain);
        fail();
    }
    free(plain);
}

/* ------------------------------------------------------------ blocks */

static void test_lists(void **state)
{
    (void)state;
    xmlDocPtr t = tree_of("blocks");
    check_count(t, "/document/body/list", 3);
    check_string(t, "/document/body/list[1]/@type", "bullet");
    check_count(t, "/document/body/list[1]/@start", 0);
    check_count(t, "/document/body/list[1]/@delim", 0);
    check_count(t, "/document/body/list[1]/item", 2);
    check_string(t, "/document/body/list[1]/item[2]/p", "два");
    check_pos(t, "/document/body/list[1]", 6, 1);

    check_string(t, "/document/body/list[2]/@type", "ordered");
    check_string(t, "/document/body/list[2]/@start", "3");
    check_string(t, "/document/body/list[2]/@delim", "paren");
    check_count(t, "/document/body/list[2]/item", 2);
    check_string(t, "/document/body/list[2]/item[1]/p", "три");

    check_string(t, "/document/body/list[3]/@type", "ordered");
    check_string(t, "/document/body/list[3]/@start", "7");
    check_string(t, "/document/body/list[3]/@delim", "period");
    check_count(t, "/document/body/list[3]/item", 1);
}

static void test_quote_code_hr(void **state)
{
    (void)state;
    xmlDocPtr t = tree_of("blocks");
    check_count(t, "/document/body/quote", 1);
    check_count(t, "/document/body/quote/p", 1);
    check_string(t, "/document/body/quote/p", "Цитата в" NB "две строки.");
    check_pos(t, "/document/body/quote", 14, 1);
    check_pos(t, "/document/body/quote/p", 14, 3);

    check_count(t, "/document/body/codeblock", 1);
    check_string(t, "/document/body/codeblock/@lang", "c");
    check_string(t, "/document/body/codeblock", "int x = \"a\" - 1;\n");
    check_pos(t, "/document/body/codeblock", 17, 1);

    check_count(t, "/document/body/hr", 1);
    check_count(t, "/document/body/hr/node()", 0);
    check_pos(t, "/document/body/hr", 21, 1);
    /* In source order. */
    check_string(t, "name(/document/body/*[4])", "quote");
    check_string(t, "name(/document/body/*[5])", "codeblock");
    check_string(t, "name(/document/body/*[6])", "hr");
    check_string(t, "name(/document/body/*[7])", "table");
}

static void test_table(void **state)
{
    (void)state;
    xmlDocPtr t = tree_of("blocks");
    check_count(t, "/document/body/table", 1);
    check_string(t, "/document/body/table/@cols", "3");
    check_count(t, "/document/body/table/row", 3);
    check_string(t, "/document/body/table/row[1]/@header", "true");
    check_count(t, "/document/body/table/row[2]/@header", 0);
    check_count(t, "/document/body/table/row[3]/@header", 0);
    check_count(t, "/document/body/table/row/cell", 9);
    check_string(t, "/document/body/table/row[1]/cell[1]", "Слева");
    check_string(t, "/document/body/table/row[1]/cell[2]", "По" NB "центру");
    check_string(t, "/document/body/table/row[3]/cell[3]", "ж");
    for (int r = 1; r <= 3; r++) {
        char expr[96];
        snprintf(expr, sizeof expr, "/document/body/table/row[%d]/cell[1]/@align", r);
        check_string(t, expr, "left");
        snprintf(expr, sizeof expr, "/document/body/table/row[%d]/cell[2]/@align", r);
        check_string(t, expr, "center");
        snprintf(expr, sizeof expr, "/document/body/table/row[%d]/cell[3]/@align", r);
        check_string(t, expr, "right");
    }
    /* <br> inside a cell is the one raw HTML allowed: it becomes <br/>. */
    check_count(t, "/document/body/table/row[2]/cell[2]/*", 1);
    check_count(t, "/document/body/table/row[2]/cell[2]/br", 1);
    check_string(t, "/document/body/table/row[2]/cell[2]/text()[1]", "б");
    check_string(t, "/document/body/table/row[2]/cell[2]/text()[2]", "в");
    check_pos(t, "/document/body/table", 23, 1);
    check_pos(t, "/document/body/table/row[2]", 25, 1);
}

/* ------------------------------------------------------------ footnotes */

static void test_footnotes(void **state)
{
    (void)state;
    xmlDocPtr t = tree_of("notes");
    /* Numbered in order of first use: [^b] comes first. */
    check_count(t, "/document/body/p/fnref", 3);
    check_string(t, "/document/body/p/fnref[1]/@n", "1");
    check_string(t, "/document/body/p/fnref[2]/@n", "2");
    check_string(t, "/document/body/p/fnref[3]/@n", "1");
    check_count(t, "/document/footnotes", 1);
    check_count(t, "/document/footnotes/footnote", 2);
    check_string(t, "/document/footnotes/footnote[1]/@n", "1");
    check_string(t, "/document/footnotes/footnote[1]", "Вторая сноска.");
    check_string(t, "/document/footnotes/footnote[2]/@n", "2");
    check_string(t, "/document/footnotes/footnote[2]", "Первая сноска.");
    check_count(t, "/document/footnotes/footnote/p", 2);
    /* The definitions, in the order written, are on lines 8 and 9. */
    check_string(t, "/document/footnotes/footnote[1]/@line", "9");
    check_string(t, "/document/footnotes/footnote[2]/@line", "8");
    /* After the body, outside it. */
    check_string(t, "name(/document/*[2])", "body");
    check_string(t, "name(/document/*[3])", "footnotes");
    check_count(t, "/document/body//footnote", 0);
}

/* ------------------------------------------------------------ references */

static void test_references(void **state)
{
    (void)state;
    xmlDocPtr t = tree_of("refs");
    check_count(t, "/document/body/p/ref", 2);
    check_string(t, "/document/body/p/ref[1]/@target", "order-2017-970");
    check_string(t, "/document/body/p/ref[1]/@form", "full");
    check_string(t, "/document/body/p/ref[1]",
                 "приказ Министерства образования и" NB "науки Челябинской "
                 "области от" NB "29.03.2017 №" NB "01/970 «Об" NB "утверждении "
                 "Концепции и" NB "„дорожной карты“»");
    check_pos(t, "/document/body/p/ref[1]", 6, 10);
    check_string(t, "/document/body/p/ref[2]/@target", "order-2017-970");
    check_string(t, "/document/body/p/ref[2]/@form", "short");
    check_string(t, "/document/body/p/ref[2]", "приказ от" NB "29.03.2017 №" NB "01/970");
    check_pos(t, "/document/body/p/ref[2]", 6, 31);
    check_count(t, "/document/body/p/ref/*", 0);
    check_string(t, "/document/body/p/text()[1]", "Согласно ");
    check_string(t, "/document/body/p/text()[3]", ".");
}

/* ------------------------------------------------------------ fields */

static void test_field_in_model(void **state)
{
    (void)state;
    xmlDocPtr t = tree_of("model");
    check_string(t, "/document/@status", "model");
    check_count(t, "/document/body/p/field", 1);
    /* The caption as written: no typography. */
    check_string(t, "/document/body/p/field", "наименование \"органа\" - полностью");
    check_count(t, "/document/body/p/field/*", 0);
    check_pos(t, "/document/body/p/field", 7, 7);
    check_string(t, "/document/body/p/text()[1]", "Орган ");
    check_string(t, "/document/body/p/text()[2]", " утверждает.");
}

static void test_field_substitution(void **state)
{
    (void)state;
    xmlDocPtr t = tree_of("rm");
    check_count(t, "/roadmap/body/intro/p", 1);
    check_string(t, "/roadmap/body/intro/p", "План на" NB "2022 год.");
    check_count(t, "/roadmap/body/intro/p/*", 0);
}

/* ------------------------------------------------------------ typography */

static void test_typography(void **state)
{
    (void)state;
    xmlDocPtr t = tree_of("typo");
    check_string(t, "/document/body/p",
                 "В" NB "целях «качества»" NB "— это в" NB "Челябинске.");
    check_string(t, "/document/meta/title",
                 "Справка о" NB "«типографике»" NB "— кратко");
}

/* ------------------------------------------------------------ positions */

static void test_positions(void **state)
{
    (void)state;
    xmlDocPtr t = tree_of("pos");
    check_pos(t, "/document/body", 7, 1);
    /* Paragraphs. */
    check_pos(t, "/document/body/p[1]", 7, 1);
    check_pos(t, "/document/body/p[2]", 9, 1);
    /* A note reference after 23 Cyrillic characters. */
    check_pos(t, "/document/body/p[1]/fnref", 7, 24);
    /* List items: at their marker; their paragraphs at the text. */
    check_pos(t, "/document/body/list", 11, 1);
    check_pos(t, "/document/body/list/item", 11, 1);
    check_pos(t, "/document/body/list/item/p", 11, 4);
    check_pos(t, "/document/body/list/item/list/item", 12, 4);
    check_pos(t, "/document/body/list/item/list/item/p", 12, 6);
    /* The footnote and its paragraph: where the note's text starts, after
     * «[^примечание]: » (15 characters, 25 bytes). */
    check_pos(t, "/document/footnotes/footnote", 18, 16);
    check_pos(t, "/document/footnotes/footnote/p", 18, 16);
}

/*
 * A table cell stands where its text does (as the cells of a roadmap table
 * do, document.c: cell_text), after Cyrillic cells counted in characters.
 */
static void test_cell_positions(void **state)
{
    (void)state;
    xmlDocPtr t = tree_of("pos");
    check_pos(t, "/document/body/table", 14, 1);
    check_pos(t, "/document/body/table/row[1]", 14, 1);
    check_pos(t, "/document/body/table/row[1]/cell[1]", 14, 3);
    check_pos(t, "/document/body/table/row[1]/cell[2]", 14, 13);
    check_pos(t, "/document/body/table/row[2]/cell[1]", 16, 3);
    check_pos(t, "/document/body/table/row[2]/cell[2]", 16, 13);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paragraphs),
        cmocka_unit_test(test_emphasis),
        cmocka_unit_test(test_inline_code),
        cmocka_unit_test(test_links),
        cmocka_unit_test(test_autolink_position),
        cmocka_unit_test(test_hard_break),
        cmocka_unit_test(test_md_plain),
        cmocka_unit_test(test_lists),
        cmocka_unit_test(test_quote_code_hr),
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_footnotes),
        cmocka_unit_test(test_references),
        cmocka_unit_test(test_field_in_model),
        cmocka_unit_test(test_field_substitution),
        cmocka_unit_test(test_typography),
        cmocka_unit_test(test_positions),
        cmocka_unit_test(test_cell_positions),
    };
    int failed = cmocka_run_group_tests_name("markdown", tests, group_setup,
                                             group_teardown);
    xmlCleanupParser();
    return failed;
}
