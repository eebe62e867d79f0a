/*
 * test_document.c: the shape of the intermediate tree per kind
 * (src/document.c): an order and its annexes, a letter, documents with
 * stamps and numbered sections, roadmaps (lists and tables of events),
 * an article, a collection; defaults of sbornik.yaml; typography off.
 *
 * The group setup writes one project into a temporary folder and runs the
 * whole check (build_check), which must be clean.  The tests read the
 * checked trees (sb_source->tree) and the assembled ones
 * (document_assemble) with XPath and compare exact strings, counts and
 * attributes.  Expected texts spell no-break spaces as NB.  A few tests
 * build a project of their own (typography off, numbered: yes).
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
#include <libxml/xpath.h>

#include "buf.h"
#include "build.h"
#include "diag.h"
#include "document.h"
#include "project.h"
#include "support.h"

#define NB "\xC2\xA0"
#define MINOBR_GEN "Министерства образования и науки Челябинской области"
#define MINOBR_GEN_TYPESET "Министерства образования и" NB "науки Челябинской области"

/* ------------------------------------------------------------ helpers */

/*
 * What a test creates besides the shared project (assembled trees, extra
 * projects and their folders), released by the teardown so that a failing
 * assertion leaves nothing behind.
 */

static struct {
    xmlDocPtr docs[16];
    size_t ndocs;
    checked_project *extra[4];
    size_t nextra;
} tracked;

/* Write files into a fresh folder and check them; NULL unless clean. */
static checked_project *make_project(const file_spec *files, size_t n)
{
    char *data = repo_root();
    checked_project *f = checked_project_new("sbornik-test-document", files, n, data);
    free(data);
    if (f && !checked_project_is_clean(f)) {
        checked_project_free(f);
        return NULL;
    }
    return f;
}

static int teardown(void **state)
{
    (void)state;
    for (size_t i = 0; i < tracked.ndocs; i++)
        xmlFreeDoc(tracked.docs[i]);
    for (size_t i = 0; i < tracked.nextra; i++)
        checked_project_free(tracked.extra[i]);
    memset(&tracked, 0, sizeof tracked);
    return 0;
}

/* A project of the test's own, freed by the teardown. */
static checked_project *own_project(const file_spec *files, size_t n)
{
    assert_true(tracked.nextra < sizeof tracked.extra / sizeof *tracked.extra);
    checked_project *f = make_project(files, n);
    if (!f)
        fail_msg("the project does not build clean");
    return tracked.extra[tracked.nextra++] = f;
}

/* ------------------------------------------------------------ XPath */

/* The names of the children of the element expr selects, space-separated. */
static void check_children(xmlDocPtr doc, const char *expr, const char *want)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathObjectPtr obj = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    buf got = BUF_INIT;
    int n = obj && obj->nodesetval ? obj->nodesetval->nodeNr : 0;
    if (n == 1) {
        for (xmlNodePtr c = obj->nodesetval->nodeTab[0]->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE)
                buf_addf(&got, "%s%s", got.len ? " " : "", (const char *)c->name);
    }
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(ctx);
    if (n != 1 || strcmp(buf_str(&got), want) != 0) {
        print_error("children of %s (%d matches)\n  got      \"%s\"\n  expected \"%s\"\n",
                    expr, n, buf_str(&got), want);
        buf_free(&got);
        fail();
    }
    buf_free(&got);
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
     "    genitive: " MINOBR_GEN "\n"},
    {"order.md",
     "---\n"
     "kind: order\n"
     "id: order-2017-970\n"
     "issuer: minobr74\n"
     "date: 2017-03-29\n"
     "number: 01/970\n"
     "title: Об утверждении Концепции межмуниципального взаимодействия\n"
     "signatory: {position: Министр, name: А.И. Кузнецов}\n"
     "annexes: [concept-2017, polozhenie, spravka, pravila]\n"
     "---\n"
     "В целях формирования региональной системы оценки качества.\n"    /* 11 */
     "\n"
     "Второй абзац преамбулы.\n"
     "\n"
     "1. Утвердить прилагаемые документы.\n"                           /* 15 */
     "2. Контроль исполнения настоящего приказа оставляю за собой.\n"},
    {"concept.md",
     "---\n"
     "kind: concept\n"
     "id: concept-2017\n"
     "title: Концепция межмуниципального взаимодействия\n"
     "approved_by: order-2017-970\n"
     "place: Магнитогорск\n"
     "---\n"
     "## Введение\n"
     "\n"
     "Текст концепции.\n"},
    {"polozhenie.md",
     "---\n"
     "kind: document\n"
     "genre: Положение\n"
     "title: Положение о региональном конкурсе\n"
     "approved_by: order-2017-970\n"
     "numbered: true\n"
     "---\n"
     "# Общие положения\n"
     "\n"
     "Текст.\n"
     "\n"
     "## Цели\n"
     "\n"
     "Текст.\n"
     "\n"
     "## Задачи\n"
     "\n"
     "# Порядок проведения\n"
     "\n"
     "Текст.\n"},
    {"spravka.md",
     "---\n"
     "kind: document\n"
     "genre: Справка\n"
     "title: Справка о ходе реализации\n"
     "---\n"
     "Текст справки.\n"},
    {"pravila.md",
     "---\n"
     "kind: document\n"
     "genre: Положение\n"
     "title: Положение, названное иначе\n"
     "approved_by: order-2017-970\n"
     "stamp_word: УТВЕРЖДЕНЫ\n"
     "---\n"
     "Текст.\n"},
    {"rasp.md",
     "---\n"
     "kind: order\n"
     "form: РАСПОРЯЖЕНИЕ\n"
     "issuer: minobr74\n"
     "date: 2020-05-14\n"
     "number: 5-р\n"
     "title: Об утверждении плана\n"
     "signatory: {position: Министр, name: А.И. Кузнецов}\n"
     "---\n"
     "1. Утвердить план.\n"},
    {"rasp-directive.md",
     "---\n"
     "kind: order\n"
     "form: РАСПОРЯЖЕНИЕ\n"
     "directive: ПРЕДЛАГАЮ\n"
     "issuer: minobr74\n"
     "date: 2020-05-15\n"
     "number: 6-р\n"
     "title: О мерах\n"
     "signatory: {position: Министр, name: А.И. Кузнецов}\n"
     "---\n"
     "1. Принять меры.\n"},
    {"letter.md",
     "---\n"
     "kind: letter\n"
     "issuer: minobr74\n"
     "date: 2019-01-10\n"
     "number: 03-02/128\n"
     "title: О направлении материалов\n"
     "to: [Руководителям органов, местного самоуправления]\n"
     "reply_to: {date: 2018-12-20, number: 15-к}\n"
     "executor: {name: Петрова Е.В., phone: 8 (351) 263-87-41}\n"
     "---\n"
     "Направляем материалы.\n"},
    {"rm-2022.md",
     "---\n"
     "kind: roadmap\n"
     "id: rm-2022\n"
     "title: Дорожная карта на 2022 год\n"
     "year: 2022\n"
     "---\n"
     "## События агломерации\n"                                        /* 7 */
     "\n"
     "5. Семинар «О дорожной карте»\n"                                 /* 9 */
     "   - Сроки: Март – май, октябрь – ноябрь, декабрь 2022\n"
     "   - Участники: МОУО, ГБУ ДПО РЦОКИО\n"
     "   - Исполнители/соисполнители: ГБУ ДПО РЦОКИО\n"
     "   - Ответственные: Иванов И.И.\n"
     "   - Результат: Рабочие материалы\n"
     "   - Результат: Принятие карты\n"
     "   - Форма: семинар\n"
     "6. Совещание руководителей\n"
     "   - Сроки: февраль 2022\n"
     "   - Исполнители: МОУО\n"
     "\n"
     "## Мониторинг\n"
     "\n"
     "1. Сбор данных\n"
     "   - Сроки: ежемесячно\n"
     "   - Исполнители: МОУО\n"},
    {"rm-2020.md",
     "---\n"
     "kind: roadmap\n"
     "id: rm-2020\n"
     "title: Дорожная карта на 2020 год\n"
     "year: 2020\n"
     "columns: [№, Мероприятие, Сроки, Результат]\n"
     "---\n"
     "## Раздел\n"
     "\n"
     "1. Сдача отчёта\n"
     "   - Сроки: До 10 апреля 2020 г.\n"
     "   - Результат: Отчёт\n"},
    {"rm-table.md",
     "---\n"
     "kind: roadmap\n"
     "id: rm-table\n"
     "title: Дорожная карта таблицей\n"
     "year: 2020\n"
     "columns: [№, Мероприятие, Сроки, Результат]\n"
     "---\n"
     "## Раздел\n"
     "\n"
     "| № | Мероприятие | Сроки | Результат |\n"
     "|---|-------------|-------|-----------|\n"
     "| 7 | Совещание | 24 марта 2020 г. | Итог 1<br>Итог 2 |\n"
     "| 8 | Семинар | Август 2020 г. | Итог 3 |\n"},
    {"arts/a.md",
     "---\n"
     "kind: article\n"
     "id: z-article\n"
     "title: Оценка качества образования\n"
     "authors:\n"
     "  - {name: А.Б. Иванов, affiliation: ЧИРО, city: Челябинск, email: ivanov@example.org}\n"
     "  - В.Г. Петров\n"
     "udc: \"37.07\"\n"
     "abstract: В статье рассматривается \"оценка\" - кратко.\n"
     "keywords: [оценка, качество]\n"
     "references:\n"
     "  - Федеральный закон «Об образовании в Российской Федерации»\n"
     "  - Оценка качества. Сборник статей. Челябинск, 2020.\n"
     "---\n"
     "Текст статьи.\n"},
    {"arts/b.md",
     "---\n"
     "kind: article\n"
     "title: Вторая статья\n"
     "authors: [В.Г. Петров]\n"
     "---\n"
     "Текст.\n"},
    {"coll.md",
     "---\n"
     "kind: collection\n"
     "title: Сборник документов\n"
     "subtitle: модельные документы\n"
     "authors: [С.Ф. Багаутдинова]\n"
     "publisher: ЧИРО\n"
     "city: Челябинск\n"
     "year: 2022\n"
     "isbn: 978-5-907538-14-6\n"
     "udc: \"37.07\"\n"
     "bbk: \"74.04\"\n"
     "parts:\n"
     "  - title: Приказы\n"
     "    items: [order-2017-970]\n"
     "  - title: Письма\n"
     "    items: [letter.md]\n"
     "  - title: Статьи\n"
     "    items: [arts/*.md]\n"
     "---\n"
     "Предисловие.\n"},
};

static checked_project *the_project;

static int group_setup(void **state)
{
    (void)state;
    the_project = make_project(FILES, sizeof FILES / sizeof *FILES);
    return the_project ? 0 : -1;
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

static xmlDocPtr assembled(const char *id)
{
    assert_true(tracked.ndocs < sizeof tracked.docs / sizeof *tracked.docs);
    xmlDocPtr doc = document_assemble(the_project->p, checked_source(the_project, id));
    assert_non_null(doc);
    return tracked.docs[tracked.ndocs++] = doc;
}

/* ------------------------------------------------------------ order */

static void test_order_meta(void **state)
{
    (void)state;
    xmlDocPtr t = tree_of("order-2017-970");
    check_string(t, "name(/*)", "order");
    check_string(t, "/order/@id", "order-2017-970");
    check_string(t, "/order/@src", "order.md");
    check_string(t, "/order/@status", "final");
    check_children(t, "/order", "meta body");
    check_children(t, "/order/meta",
                   "title form directive issuer date number place signatory");
    check_string(t, "/order/meta/title",
                 "Об" NB "утверждении Концепции межмуниципального взаимодействия");
    check_string(t, "/order/meta/form", "ПРИКАЗ");
    check_string(t, "/order/meta/directive", "ПРИКАЗЫВАЮ");
    /* The issuer from sbornik.yaml's organisations, by key. */
    check_string(t, "/order/meta/issuer/@key", "minobr74");
    check_string(t, "/order/meta/issuer/@line", "4");
    check_string(t, "/order/meta/issuer/@col", "9");
    check_children(t, "/order/meta/issuer", "name genitive header");
    check_string(t, "/order/meta/issuer/name",
                 "Министерство образования и" NB "науки Челябинской области");
    check_string(t, "/order/meta/issuer/genitive", MINOBR_GEN_TYPESET);
    check_count(t, "/order/meta/issuer/header/line", 2);
    check_string(t, "/order/meta/issuer/header/line[1]",
                 "МИНИСТЕРСТВО ОБРАЗОВАНИЯ И" NB "НАУКИ");
    check_string(t, "/order/meta/issuer/header/line[2]", "ЧЕЛЯБИНСКОЙ ОБЛАСТИ");
    /* The date as printed and as an ISO value. */
    check_string(t, "/order/meta/date", "29.03.2017");
    check_string(t, "/order/meta/date/@value", "2017-03-29");
    check_string(t, "/order/meta/date/@line", "5");
    check_string(t, "/order/meta/date/@col", "7");
    check_string(t, "/order/meta/number", "01/970");
    check_children(t, "/order/meta/signatory", "position name");
    check_string(t, "/order/meta/signatory/position", "Министр");
    check_string(t, "/order/meta/signatory/name", "А.И." NB "Кузнецов");
    /* Not approved by anything: no stamp. */
    check_count(t, "/order/meta/stamp", 0);
}

static void test_order_body(void **state)
{
    (void)state;
    xmlDocPtr t = tree_of("order-2017-970");
    check_children(t, "/order/body", "preamble points");
    check_string(t, "/order/body/@line", "11");
    check_count(t, "/order/body/preamble/*", 2);
    check_count(t, "/order/body/preamble/p", 2);
    check_string(t, "/order/body/preamble/p[1]",
                 "В" NB "целях формирования региональной системы оценки качества.");
    check_string(t, "/order/body/preamble/p[2]", "Второй абзац преамбулы.");
    check_count(t, "/order/body/points/point", 2);
    check_string(t, "/order/body/points/point[1]/@n", "1");
    check_string(t, "/order/body/points/point[2]/@n", "2");
    check_string(t, "/order/body/points/point[1]/p", "Утвердить прилагаемые документы.");
    check_string(t, "/order/body/points/point[2]/p",
                 "Контроль исполнения настоящего приказа оставляю за" NB "собой.");
    check_string(t, "/order/body/points/@line", "15");
    check_string(t, "/order/body/points/point[2]/@line", "16");
    /* The points are the list: no <list> inside. */
    check_count(t, "/order/body//list", 0);
}

static void test_order_forms(void **state)
{
    (void)state;
    xmlDocPtr t = tree_of("rasp");
    check_string(t, "/order/meta/form", "РАСПОРЯЖЕНИЕ");
    check_string(t, "/order/meta/directive", "ОБЯЗЫВАЮ");
    check_children(t, "/order/meta",
                   "title form directive issuer date number place signatory");
    /* An order without a preamble still has an (empty) one. */
    check_count(t, "/order/body/preamble", 1);
    check_count(t, "/order/body/preamble/*", 0);
    check_count(t, "/order/body/points/point", 1);

    t = tree_of("rasp-directive");
    check_string(t, "/order/meta/form", "РАСПОРЯЖЕНИЕ");
    check_string(t, "/order/meta/directive", "ПРЕДЛАГАЮ");
    check_count(t, "/order/meta/directive", 1);
}

static void test_order_annexes(void **state)
{
    (void)state;
    /* The order's own tree holds no annexes: document_assemble adds them. */
    check_count(tree_of("order-2017-970"), "/order/annexes", 0);
    xmlDocPtr t = assembled("order-2017-970");
    check_children(t, "/order", "meta body annexes");
    check_count(t, "/order/annexes/annex", 4);
    check_string(t, "/order/annexes/annex[1]/@n", "1");
    check_string(t, "/order/annexes/annex[1]/@mode", "approved");
    check_string(t, "/order/annexes/annex[1]/@ref", "concept-2017");
    check_children(t, "/order/annexes/annex[1]", "concept");
    check_string(t, "/order/annexes/annex[1]/concept/@id", "concept-2017");
    check_string(t, "/order/annexes/annex[1]/concept/body/section/heading", "Введение");
    check_string(t, "/order/annexes/annex[2]/@ref", "polozhenie");
    check_string(t, "/order/annexes/annex[2]/@mode", "approved");
    check_children(t, "/order/annexes/annex[2]", "document");
    check_string(t, "/order/annexes/annex[3]/@n", "3");
    check_string(t, "/order/annexes/annex[3]/@ref", "spravka");
    check_string(t, "/order/annexes/annex[3]/@mode", "attached");
    check_string(t, "/order/annexes/annex[4]/@n", "4");
    check_string(t, "/order/annexes/annex[4]/@ref", "pravila");

    /* The concept's approval stamp. */
    const char *st = "/order/annexes/annex[1]/concept/meta/stamp";
    char e[160];
#define AT(tail) (snprintf(e, sizeof e, "%s%s", st, tail), e)
    check_count(t, st, 1);
    check_string(t, AT("/@mode"), "approved");
    check_string(t, AT("/@word"), "УТВЕРЖДЕНА");
    check_string(t, AT("/@order"), "order-2017-970");
    check_count(t, AT("/@n"), 0);
    check_count(t, AT("/@of"), 0);
    check_children(t, st, "by issuer date number");
    check_string(t, AT("/by"), "приказом");
    check_string(t, AT("/date"), "29.03.2017");
    check_string(t, AT("/date/@value"), "2017-03-29");
    check_string(t, AT("/number"), "01/970");
    /* At the approved_by value of concept.md. */
    check_string(t, AT("/@line"), "5");
    check_string(t, AT("/@col"), "14");
    /* The stamp is the last of the meta. */
    check_string(t, "name(/order/annexes/annex[1]/concept/meta/*[last()])", "stamp");

    /* An attached annex: the annex mark, numbered. */
    st = "/order/annexes/annex[3]/document/meta/stamp";
    check_count(t, st, 1);
    check_string(t, AT("/@mode"), "attached");
    check_count(t, AT("/@word"), 0);
    check_string(t, AT("/@n"), "3");
    check_string(t, AT("/@of"), "4");
    check_string(t, AT("/@order"), "order-2017-970");
    check_children(t, st, "by issuer date number");
    check_string(t, AT("/by"), "приказу");
    check_string(t, AT("/date"), "29.03.2017");
    check_string(t, AT("/date/@value"), "2017-03-29");
    check_string(t, AT("/number"), "01/970");
    check_count(t, AT("/@line"), 0);
#undef AT
}

/*
 * The stamp's issuer is text that is printed: it gets the typography of
 * every other text of the tree (the no-break space after «и»), as the
 * same genitive does in <issuer><genitive> and in [[references]].
 */
static void test_stamp_issuer_typeset(void **state)
{
    (void)state;
    xmlDocPtr t = tree_of("concept-2017");
    check_string(t, "/concept/meta/stamp/issuer", MINOBR_GEN_TYPESET);
    t = tree_of("spravka");
    check_string(t, "/document/meta/stamp/issuer", MINOBR_GEN_TYPESET);
}

/* ------------------------------------------------------------ letter */

static void test_letter(void **state)
{
    (void)state;
    xmlDocPtr t = tree_of("letter");
    check_string(t, "name(/*)", "letter");
    check_children(t, "/letter/meta",
                   "title issuer date number place to reply_to executor");
    check_count(t, "/letter/meta/form", 0);
    check_count(t, "/letter/meta/directive", 0);
    check_count(t, "/letter/meta/to/line", 2);
    check_string(t, "/letter/meta/to/line[1]", "Руководителям органов");
    check_string(t, "/letter/meta/to/line[2]", "местного самоуправления");
    check_string(t, "/letter/meta/to/line[2]/@line", "7");
    check_string(t, "/letter/meta/to/line[2]/@col", "29");
    check_children(t, "/letter/meta/reply_to", "date number");
    check_string(t, "/letter/meta/reply_to/date", "20.12.2018");
    check_string(t, "/letter/meta/reply_to/date/@value", "2018-12-20");
    check_string(t, "/letter/meta/reply_to/number", "15-к");
    check_children(t, "/letter/meta/executor", "name phone");
    check_string(t, "/letter/meta/executor/name", "Петрова" NB "Е.В.");
    check_string(t, "/letter/meta/executor/phone", "8 (351) 263-87-41");
    check_count(t, "/letter/body/p", 1);
    check_string(t, "/letter/body/p", "Направляем материалы.");
}

/* ------------------------------------------------------------ documents */

static void test_document_stamp_words(void **state)
{
    (void)state;
    xmlDocPtr t = tree_of("polozhenie");
    check_string(t, "name(/*)", "document");
    check_string(t, "/document/meta/genre", "Положение");
    check_string(t, "/document/meta/stamp/@mode", "approved");
    check_string(t, "/document/meta/stamp/@word", "УТВЕРЖДЕНО");
    check_string(t, "/document/meta/stamp/by", "приказом");
    /* stamp_word overrides the word the genre gives. */
    t = tree_of("pravila");
    check_string(t, "/document/meta/genre", "Положение");
    check_string(t, "/document/meta/stamp/@word", "УТВЕРЖДЕНЫ");
    check_count(t, "/document/meta/stamp_word", 0);
    /* A concept's genre is Концепция. */
    t = tree_of("concept-2017");
    check_string(t, "name(/*)", "concept");
    check_string(t, "/concept/meta/genre", "Концепция");
}

static void test_numbered_sections(void **state)
{
    (void)state;
    xmlDocPtr t = tree_of("polozhenie");
    check_string(t, "/document/@numbered", "true");
    check_count(t, "/document/body/section", 2);
    check_count(t, "//section", 4);
    check_string(t, "/document/body/section[1]/@level", "1");
    check_string(t, "/document/body/section[1]/@number", "1.");
    check_string(t, "/document/body/section[1]/heading", "Общие положения");
    check_string(t, "/document/body/section[1]/section[1]/@level", "2");
    check_string(t, "/document/body/section[1]/section[1]/@number", "1.1.");
    check_string(t, "/document/body/section[1]/section[1]/heading", "Цели");
    check_string(t, "/document/body/section[1]/section[2]/@number", "1.2.");
    check_string(t, "/document/body/section[2]/@number", "2.");
    check_string(t, "/document/body/section[2]/heading", "Порядок проведения");
    check_children(t, "/document/body/section[1]", "heading p section section");
    /* Without numbered: no numbers. */
    check_count(tree_of("concept-2017"), "//section/@number", 0);
}

/* numbered takes the booleans every other key takes: yes is true. */
static void test_numbered_yes(void **state)
{
    (void)state;
    static const file_spec files[] = {
        {"a.md",
         "---\n"
         "kind: document\n"
         "genre: Положение\n"
         "title: Положение\n"
         "numbered: yes\n"
         "---\n"
         "# Первый\n"
         "\n"
         "## Второй\n"},
    };
    checked_project *f = own_project(files, 1);
    xmlDocPtr t = project_find_id(f->p, "a")->tree;
    check_string(t, "/document/@numbered", "true");
    check_string(t, "/document/body/section/@number", "1.");
    check_string(t, "/document/body/section/section/@number", "1.1.");
}

/* ------------------------------------------------------------ roadmaps */

static void test_roadmap_default_columns(void **state)
{
    (void)state;
    xmlDocPtr t = tree_of("rm-2022");
    check_string(t, "name(/*)", "roadmap");
    check_children(t, "/roadmap/meta", "title place year columns");
    check_string(t, "/roadmap/meta/year", "2022");
    check_count(t, "/roadmap/meta/columns/column", 6);
    static const char *const fields[] = {"number", "name", "participants",
                                         "executors", "period", "result"};
    static const char *const headers[] = {"№ п/п", "Наименование мероприятия",
                                          "Участники", "Исполнители/соисполнители",
                                          "Сроки", "Ожидаемый результат"};
    for (int i = 0; i < 6; i++) {
        char e[96];
        snprintf(e, sizeof e, "/roadmap/meta/columns/column[%d]/@field", i + 1);
        check_string(t, e, fields[i]);
        snprintf(e, sizeof e, "/roadmap/meta/columns/column[%d]", i + 1);
        check_string(t, e, headers[i]);
    }
}

static void test_roadmap_columns_given(void **state)
{
    (void)state;
    xmlDocPtr t = tree_of("rm-2020");
    check_count(t, "/roadmap/meta/columns/column", 4);
    check_string(t, "/roadmap/meta/columns/column[1]/@field", "number");
    check_string(t, "/roadmap/meta/columns/column[2]/@field", "name");
    check_string(t, "/roadmap/meta/columns/column[3]/@field", "period");
    check_string(t, "/roadmap/meta/columns/column[4]/@field", "result");
    check_string(t, "/roadmap/meta/columns/column[1]", "№ п/п");
    check_string(t, "/roadmap/meta/columns/column[4]", "Ожидаемый результат");
    check_string(t, "/roadmap/meta/columns/@line", "6");
    check_string(t, "/roadmap/meta/columns/column[3]/@line", "6");
    check_string(t, "/roadmap/meta/columns/column[3]/@col", "27");
}

static void test_roadmap_events(void **state)
{
    (void)state;
    xmlDocPtr t = tree_of("rm-2022");
    check_count(t, "/roadmap/body/intro", 0);
    check_count(t, "/roadmap/body/section", 2);
    check_string(t, "/roadmap/body/section[1]/@level", "2");
    check_string(t, "/roadmap/body/section[1]/heading", "События агломерации");
    check_string(t, "/roadmap/body/section[2]/heading", "Мониторинг");
    /* Numbered 1..N across sections; the written 5., 6. and 1. ignored. */
    check_count(t, "//event", 3);
    check_string(t, "/roadmap/body/section[1]/event[1]/@n", "1");
    check_string(t, "/roadmap/body/section[1]/event[2]/@n", "2");
    check_string(t, "/roadmap/body/section[2]/event[1]/@n", "3");

    const char *ev = "/roadmap/body/section[1]/event[1]";
    char e[160];
#define AT(tail) (snprintf(e, sizeof e, "%s%s", ev, tail), e)
    check_children(t, ev, "name period participants executors responsible "
                          "result result form");
    check_string(t, AT("/name"), "Семинар «О" NB "дорожной карте»");
    check_string(t, AT("/participants"), "МОУО, ГБУ ДПО РЦОКИО");
    check_string(t, AT("/executors"), "ГБУ ДПО РЦОКИО");
    check_string(t, AT("/executors/@label"), "Исполнители/соисполнители");
    check_string(t, AT("/responsible"), "Иванов" NB "И.И.");
    check_string(t, AT("/result[1]"), "Рабочие материалы");
    check_string(t, AT("/result[2]"), "Принятие карты");
    check_string(t, AT("/form"), "семинар");
    check_string(t, AT("/@line"), "9");
    check_string(t, AT("/participants/@line"), "11");
    check_string(t, AT("/participants/@col"), "17");

    /* «Март – май, октябрь – ноябрь, декабрь 2022»: three ranges. */
    check_string(t, AT("/period/@kind"), "dates");
    check_string(t, AT("/period/@start"), "2022-03-01");
    check_string(t, AT("/period/@end"), "2022-12-31");
    check_children(t, AT("/period"), "text range range range");
    check_string(t, AT("/period/text"),
                 "Март" NB "— май, октябрь" NB "— ноябрь, декабрь" NB "2022");
    check_string(t, AT("/period/range[1]/@start"), "2022-03-01");
    check_string(t, AT("/period/range[1]/@end"), "2022-05-31");
    check_string(t, AT("/period/range[2]/@start"), "2022-10-01");
    check_string(t, AT("/period/range[2]/@end"), "2022-11-30");
    check_string(t, AT("/period/range[3]/@start"), "2022-12-01");
    check_string(t, AT("/period/range[3]/@end"), "2022-12-31");
    check_string(t, AT("/period/@line"), "10");
    check_string(t, AT("/period/@col"), "13");

    /* ежемесячно: the roadmap's year, monthly. */
    ev = "/roadmap/body/section[2]/event[1]";
    check_children(t, ev, "name period executors");
    check_string(t, AT("/executors/@label"), "Исполнители");
    check_string(t, AT("/period/@kind"), "monthly");
    check_string(t, AT("/period/@start"), "2022-01-01");
    check_string(t, AT("/period/@end"), "2022-12-31");
    check_count(t, AT("/period/range"), 1);
    check_string(t, AT("/period/range/@start"), "2022-01-01");
    check_string(t, AT("/period/range/@end"), "2022-12-31");
#undef AT
}

static void test_roadmap_deadline(void **state)
{
    (void)state;
    xmlDocPtr t = tree_of("rm-2020");
    check_count(t, "/roadmap/body/section/event", 1);
    check_string(t, "/roadmap/body/section/event/@n", "1");
    check_string(t, "/roadmap/body/section/event/period/@kind", "deadline");
    check_count(t, "/roadmap/body/section/event/period/@start", 0);
    check_string(t, "/roadmap/body/section/event/period/@end", "2020-04-10");
    check_count(t, "/roadmap/body/section/event/period/range", 1);
    check_count(t, "/roadmap/body/section/event/period/range/@start", 0);
    check_string(t, "/roadmap/body/section/event/period/range/@end", "2020-04-10");
    check_string(t, "/roadmap/body/section/event/period/text",
                 "До" NB "10" NB "апреля" NB "2020" NB "г.");
    check_string(t, "/roadmap/body/section/event/result", "Отчёт");
}

static void test_roadmap_table(void **state)
{
    (void)state;
    xmlDocPtr t = tree_of("rm-table");
    check_count(t, "/roadmap/body/section", 1);
    check_count(t, "/roadmap/body/section/event", 2);
    check_count(t, "//table", 0);
    /* Numbered 1, 2: the written 7 and 8 are ignored. */
    check_string(t, "/roadmap/body/section/event[1]/@n", "1");
    check_string(t, "/roadmap/body/section/event[2]/@n", "2");
    const char *ev = "/roadmap/body/section/event[1]";
    char e[160];
#define AT(tail) (snprintf(e, sizeof e, "%s%s", ev, tail), e)
    check_children(t, ev, "name period result result");
    check_string(t, AT("/name"), "Совещание");
    check_string(t, AT("/period/@kind"), "dates");
    check_string(t, AT("/period/@start"), "2020-03-24");
    check_string(t, AT("/period/@end"), "2020-03-24");
    /* «Итог 1<br>Итог 2»: two results. */
    check_string(t, AT("/result[1]"), "Итог 1");
    check_string(t, AT("/result[2]"), "Итог 2");
    check_count(t, AT("//br"), 0);
    /* Cells stand where their text does. */
    check_string(t, AT("/@line"), "12");
    check_string(t, AT("/name/@col"), "7");
    ev = "/roadmap/body/section/event[2]";
    check_children(t, ev, "name period result");
    check_string(t, AT("/name"), "Семинар");
    check_string(t, AT("/period/@start"), "2020-08-01");
    check_string(t, AT("/period/@end"), "2020-08-31");
    check_string(t, AT("/result"), "Итог 3");
#undef AT
}

/* ------------------------------------------------------------ article */

static void test_article(void **state)
{
    (void)state;
    xmlDocPtr t = tree_of("z-article");
    check_string(t, "name(/*)", "article");
    check_string(t, "/article/@src", "arts/a.md");
    check_children(t, "/article/meta",
                   "title place authors udc abstract keywords references");
    check_count(t, "/article/meta/authors/author", 2);
    check_children(t, "/article/meta/authors/author[1]", "name affiliation city email");
    check_string(t, "/article/meta/authors/author[1]/name", "А.Б." NB "Иванов");
    check_string(t, "/article/meta/authors/author[1]/affiliation", "ЧИРО");
    check_string(t, "/article/meta/authors/author[1]/city", "Челябинск");
    check_string(t, "/article/meta/authors/author[1]/email", "ivanov@example.org");
    check_children(t, "/article/meta/authors/author[2]", "name");
    check_string(t, "/article/meta/authors/author[2]/name", "В.Г." NB "Петров");
    check_string(t, "/article/meta/udc", "37.07");
    check_string(t, "/article/meta/abstract",
                 "В" NB "статье рассматривается «оценка»" NB "— кратко.");
    check_count(t, "/article/meta/keywords/keyword", 2);
    check_string(t, "/article/meta/keywords/keyword[1]", "оценка");
    check_string(t, "/article/meta/keywords/keyword[2]", "качество");
    check_count(t, "/article/meta/references/reference", 2);
    check_string(t, "/article/meta/references/reference[1]",
                 "Федеральный закон «Об" NB "образовании в" NB "Российской Федерации»");
    check_string(t, "/article/meta/references/reference[2]",
                 "Оценка качества. Сборник статей. Челябинск, 2020.");
    check_string(t, "/article/body/p", "Текст статьи.");
}

/* ------------------------------------------------------------ collection */

static void test_collection_parts(void **state)
{
    (void)state;
    xmlDocPtr t = tree_of("coll");
    check_string(t, "name(/*)", "collection");
    check_children(t, "/collection", "meta body parts");
    check_string(t, "/collection/body/p", "Предисловие.");
    check_count(t, "/collection/parts/part", 3);
    check_string(t, "/collection/parts/part[1]/title", "Приказы");
    check_string(t, "/collection/parts/part[2]/title", "Письма");
    check_string(t, "/collection/parts/part[3]/title", "Статьи");
    /* An id, a path, a glob (its matches sorted by path, not by id). */
    check_count(t, "/collection/parts/part[1]/entry", 1);
    check_string(t, "/collection/parts/part[1]/entry/@ref", "order-2017-970");
    check_count(t, "/collection/parts/part[2]/entry", 1);
    check_string(t, "/collection/parts/part[2]/entry/@ref", "letter");
    check_count(t, "/collection/parts/part[3]/entry", 2);
    check_string(t, "/collection/parts/part[3]/entry[1]/@ref", "z-article");
    check_string(t, "/collection/parts/part[3]/entry[2]/@ref", "arts/b");
    /* Its own tree names the documents only. */
    check_count(t, "/collection/parts/part/entry/*", 0);
}

static void test_collection_assembled(void **state)
{
    (void)state;
    xmlDocPtr t = assembled("coll");
    check_count(t, "/collection/parts/part/entry", 4);
    check_children(t, "/collection/parts/part[1]/entry", "order");
    check_string(t, "/collection/parts/part[1]/entry/order/@id", "order-2017-970");
    /* The order inside with its annexes inside it. */
    check_count(t, "/collection/parts/part[1]/entry/order/annexes/annex", 4);
    check_string(t, "/collection/parts/part[1]/entry/order/annexes/annex[1]/concept/@id",
                 "concept-2017");
    check_string(t, "/collection/parts/part[1]/entry/order/annexes/annex[1]/concept/meta/stamp/@word",
                 "УТВЕРЖДЕНА");
    check_children(t, "/collection/parts/part[2]/entry", "letter");
    check_children(t, "/collection/parts/part[3]/entry[1]", "article");
    check_string(t, "/collection/parts/part[3]/entry[1]/article/@id", "z-article");
    check_string(t, "/collection/parts/part[3]/entry[2]/article/@id", "arts/b");
    check_string(t, "/collection/parts/part[3]/entry[2]/article/meta/title", "Вторая статья");
}

/* ------------------------------------------------------------ defaults */

static void test_defaults_merged(void **state)
{
    (void)state;
    /* place comes from sbornik.yaml: no position in the source. */
    xmlDocPtr t = tree_of("order-2017-970");
    check_string(t, "/order/meta/place", "Челябинск");
    check_count(t, "/order/meta/place/@line", 0);
    check_string(tree_of("letter"), "/letter/meta/place", "Челябинск");
    /* A document's own value wins. */
    t = tree_of("concept-2017");
    check_count(t, "/concept/meta/place", 1);
    check_string(t, "/concept/meta/place", "Магнитогорск");
    check_string(t, "/concept/meta/place/@line", "6");
    check_string(t, "/concept/meta/place/@col", "8");
}

static void test_typography_off(void **state)
{
    (void)state;
    static const file_spec files[] = {
        {"sbornik.yaml", "typography: false\n"},
        {"a.md",
         "---\n"
         "kind: document\n"
         "genre: Справка\n"
         "title: Справка о \"качестве\" - кратко\n"
         "---\n"
         "В целях \"качества\" - это в Челябинске, 2016-2019.\n"},
    };
    checked_project *f = own_project(files, 2);
    assert_false(f->p->typography);
    xmlDocPtr t = project_find_id(f->p, "a")->tree;
    check_string(t, "/document/meta/title", "Справка о \"качестве\" - кратко");
    check_string(t, "/document/body/p",
                 "В целях \"качества\" - это в Челябинске, 2016-2019.");
    /* The same texts with typography on. */
    t = tree_of("z-article");
    check_string(t, "/article/meta/abstract",
                 "В" NB "статье рассматривается «оценка»" NB "— кратко.");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_order_meta, teardown),
        cmocka_unit_test_teardown(test_order_body, teardown),
        cmocka_unit_test_teardown(test_order_forms, teardown),
        cmocka_unit_test_teardown(test_order_annexes, teardown),
        cmocka_unit_test_teardown(test_stamp_issuer_typeset, teardown),
        cmocka_unit_test_teardown(test_letter, teardown),
        cmocka_unit_test_teardown(test_document_stamp_words, teardown),
        cmocka_unit_test_teardown(test_numbered_sections, teardown),
        cmocka_unit_test_teardown(test_numbered_yes, teardown),
        cmocka_unit_test_teardown(test_roadmap_default_columns, teardown),
        cmocka_unit_test_teardown(test_roadmap_columns_given, teardown),
        cmocka_unit_test_teardown(test_roadmap_events, teardown),
        cmocka_unit_test_teardown(test_roadmap_deadline, teardown),
        cmocka_unit_test_teardown(test_roadmap_table, teardown),
        cmocka_unit_test_teardown(test_article, teardown),
        cmocka_unit_test_teardown(test_collection_parts, teardown),
        cmocka_unit_test_teardown(test_collection_assembled, teardown),
        cmocka_unit_test_teardown(test_defaults_merged, teardown),
        cmocka_unit_test_teardown(test_typography_off, teardown),
    };
    int failed = cmocka_run_group_tests_name("document", tests, group_setup,
                                             group_teardown);
    xmlCleanupParser();
    return failed;
}
