/*
 * test_refs.c: reference texts, stamp words and literal references
 * (src/refs.c, document_stamp_word in src/document.c).
 *
 * The reference tests build a small project in a temporary folder (an
 * order approving a concept and a Положение and attaching a Справка, an
 * РАСПОРЯЖЕНИЕ approving a План, a letter, an article) and run the whole
 * check (build_check: load, prepare, link, build, validate), so that the
 * texts come from the same sb_info the compiler uses.
 *
 * Literal-reference rows mark each expected report with a '|' in the text
 * itself, just before its «от»; the marks are removed before the check.
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
#include <libxml/parser.h>

#include "buf.h"
#include "build.h"
#include "diag.h"
#include "document.h"
#include "project.h"
#include "refs.h"
#include "support.h"

#ifndef SBORNIK_DATA_DIR
#define SBORNIK_DATA_DIR "."
#endif

/* ------------------------------------------------------------ dates */

static void test_date_text(void **state)
{
    (void)state;
    static const struct {
        const char *iso, *want;
    } rows[] = {
        {"2017-03-29", "29.03.2017"},
        {"2020-05-14", "14.05.2020"},
        {"1999-12-31", "31.12.1999"},
        {"2017-3-9", "09.03.2017"},
        {"0999-01-01", "01.01.0999"},
        {"2017-13-01", ""},
        {"2017-00-10", ""},
        {"2017-01-00", ""},
        {"2017-01-32", ""},
        {"10000-01-01", ""},
        {"29.03.2017", ""},
        {"2017", ""},
        {"", ""},
        {"{{дата}}", ""},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        char out[11];
        memset(out, 'Z', sizeof out);
        refs_date_text(rows[i].iso, out);
        if (strcmp(out, rows[i].want) != 0)
            fail_msg("refs_date_text(\"%s\") = \"%s\", expected \"%s\"",
                     rows[i].iso, out, rows[i].want);
    }
    char out[11] = "x";
    refs_date_text(NULL, out);
    assert_string_equal(out, "");
}

/* ------------------------------------------------------------ stamp words */

typedef struct {
    const char *name;
    const char *genre, *word;
} stamp_case;

static const stamp_case stamp_cases[] = {
    /* The table of FORMAT.md §3.3. */
    {"stamp: Концепция", "Концепция", "УТВЕРЖДЕНА"},
    {"stamp: Программа", "Программа", "УТВЕРЖДЕНА"},
    {"stamp: Модель", "Модель", "УТВЕРЖДЕНА"},
    {"stamp: Дорожная карта", "Дорожная карта", "УТВЕРЖДЕНА"},
    {"stamp: Положение", "Положение", "УТВЕРЖДЕНО"},
    {"stamp: План", "План", "УТВЕРЖДЕН"},
    {"stamp: Порядок", "Порядок", "УТВЕРЖДЕН"},
    {"stamp: Регламент", "Регламент", "УТВЕРЖДЕН"},
    {"stamp: Правила", "Правила", "УТВЕРЖДЕНЫ"},
    {"stamp: Методические рекомендации", "Методические рекомендации", "УТВЕРЖДЕНЫ"},
    /* A genre of the table followed by more words. */
    {"stamp: Положение о региональном конкурсе", "Положение о региональном конкурсе", "УТВЕРЖДЕНО"},
    {"stamp: План мероприятий", "План мероприятий", "УТВЕРЖДЕН"},
    {"stamp: Дорожная карта межмуниципального взаимодействия", "Дорожная карта межмуниципального взаимодействия", "УТВЕРЖДЕНА"},
    {"stamp: Критерии оценки", "Критерии оценки", "УТВЕРЖДЕНЫ"},
    {"stamp: Инструкция", "Инструкция", "УТВЕРЖДЕНА"},
    {"stamp: Соглашение", "Соглашение", "УТВЕРЖДЕНО"},
    /* Not in the table: by the ending of the word. */
    {"stamp: Алгоритм", "Алгоритм", "УТВЕРЖДЕН"},
    {"stamp: Памятка", "Памятка", "УТВЕРЖДЕНА"},
    {"stamp: Схема", "Схема", "УТВЕРЖДЕНА"},
    {"stamp: Распределение", "Распределение", "УТВЕРЖДЕНО"},
    {"stamp: Требования", "Требования", "УТВЕРЖДЕНЫ"},
    {"stamp: Рекомендации", "Рекомендации", "УТВЕРЖДЕНЫ"},
    {"stamp: Нормативы", "Нормативы", "УТВЕРЖДЕНЫ"},
    {"stamp: Типовое положение", "Типовое положение", "УТВЕРЖДЕНО"},
    {"stamp: Региональная модель", "Региональная модель", "УТВЕРЖДЕНА"},
    {"stamp: Календарный график", "Календарный график", "УТВЕРЖДЕН"},
    {"stamp: Устав", "Устав", "УТВЕРЖДЕН"},
    {"stamp: Изменения", "Изменения", "УТВЕРЖДЕНЫ"},
    /* The head noun comes first when words depend on it. */
    {"stamp: Памятка для родителей", "Памятка для родителей", "УТВЕРЖДЕНА"},
    {"stamp: Отчёт о самообследовании", "Отчёт о самообследовании", "УТВЕРЖДЕН"},
    /* Nothing to agree with. */
    {"stamp: (empty)", "", "УТВЕРЖДЕНО"},
    {"stamp: (null)", NULL, "УТВЕРЖДЕНО"},
};

#define NSTAMP (sizeof stamp_cases / sizeof *stamp_cases)

static void run_stamp_case(void **state)
{
    const stamp_case *c = *state;
    const char *got = document_stamp_word(c->genre);

    if (!got || strcmp(got, c->word) != 0)
        fail_msg("document_stamp_word(\"%s\") = %s, expected %s",
                 c->genre ? c->genre : "(null)", got ? got : "(null)", c->word);
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
     "title: Об утверждении Концепции межмуниципального взаимодействия\n"
     "signatory: {position: Министр, name: А.И. Кузнецов}\n"
     "annexes: [concept-2017, polozhenie, spravka]\n"
     "---\n"
     "В целях формирования региональной системы оценки качества образования\n"
     "\n"
     "1. Утвердить прилагаемые документы.\n"
     "2. Контроль исполнения настоящего приказа оставляю за собой.\n"},
    {"concept.md",
     "---\n"
     "kind: concept\n"
     "id: concept-2017\n"
     "title: Концепция межмуниципального взаимодействия\n"
     "approved_by: order-2017-970\n"
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
     "---\n"
     "## Общие положения\n"
     "\n"
     "Текст.\n"},
    {"spravka.md",
     "---\n"
     "kind: document\n"
     "genre: Справка\n"
     "title: Справка о ходе реализации Концепции\n"
     "---\n"
     "Текст справки.\n"},
    {"rasp.md",
     "---\n"
     "kind: order\n"
     "form: РАСПОРЯЖЕНИЕ\n"
     "id: rasp-5\n"
     "issuer: minobr74\n"
     "date: 2020-05-14\n"
     "number: 5-р\n"
     "title: Об утверждении плана мероприятий\n"
     "signatory: {position: Министр, name: А.И. Кузнецов}\n"
     "annexes: [plan]\n"
     "---\n"
     "1. Утвердить прилагаемый план.\n"},
    {"plan.md",
     "---\n"
     "kind: document\n"
     "genre: План\n"
     "title: План мероприятий на 2020 год\n"
     "approved_by: rasp-5\n"
     "---\n"
     "Текст плана.\n"},
    {"letter.md",
     "---\n"
     "kind: letter\n"
     "issuer: minobr74\n"
     "date: 2019-01-10\n"
     "number: 03-02/128\n"
     "title: О направлении материалов\n"
     "---\n"
     "Направляем материалы.\n"},
    {"article.md",
     "---\n"
     "kind: article\n"
     "title: Оценка качества образования\n"
     "authors: [А.Б. Иванов, В.Г. Петров]\n"
     "---\n"
     "Текст статьи.\n"},
};

static int setup_project(void **state)
{
    checked_project *f = checked_project_new("sbornik-test-refs", FILES,
                                             sizeof FILES / sizeof *FILES,
                                             SBORNIK_DATA_DIR);
    *state = f;
    if (!f)
        return -1;
    if (!f->p || f->exit_code != EXIT_BUILT) {
        char *got = flushed_text(f->diag);
        print_error("build_check: exit code %d\n%s", f->exit_code, got);
        free(got);
        return -1;
    }
    return 0;
}

static int teardown_project(void **state)
{
    checked_project_free(*state);
    return 0;
}

static sb_source *by_id(void **state, const char *id)
{
    checked_project *f = *state;
    sb_source *s = project_find_id(f->p, id);
    if (!s)
        fail_msg("no document '%s'", id);
    return s;
}

/* The project builds clean: the texts below come from a checked project. */
static void test_project_clean(void **state)
{
    checked_project *f = *state;
    char *got = flushed_text(f->diag);
    assert_string_equal(got, "");
    free(got);
    assert_int_equal(f->p->nsources, 8);

    sb_source *c = by_id(state, "concept-2017");
    assert_ptr_equal(c->annex_of, by_id(state, "order-2017-970"));
    assert_true(c->annex_approved);
    assert_int_equal(c->annex_number, 1);
    assert_int_equal(by_id(state, "spravka")->annex_number, 3);
    assert_false(by_id(state, "spravka")->annex_approved);
    assert_int_equal(by_id(state, "order-2017-970")->nannexes, 3);
    assert_string_equal(c->info.stamp_word, "УТВЕРЖДЕНА");
    assert_string_equal(by_id(state, "polozhenie")->info.stamp_word, "УТВЕРЖДЕНО");
    assert_string_equal(by_id(state, "plan")->info.stamp_word, "УТВЕРЖДЕН");
}

static void assert_ref(void **state, const char *id, bool short_form,
                       const char *want)
{
    buf out = BUF_INIT;
    refs_text(by_id(state, id), short_form, &out);
    if (strcmp(buf_str(&out), want) != 0) {
        print_error("[[%s%s]]:\n  got      «%s»\n  expected «%s»\n", id,
                    short_form ? "|short" : "", buf_str(&out), want);
        buf_free(&out);
        fail();
    }
    buf_free(&out);
}

static void test_ref_order(void **state)
{
    assert_ref(state, "order-2017-970", false,
               "приказ " MINOBR_GEN " от 29.03.2017 № 01/970 «Об утверждении "
               "Концепции межмуниципального взаимодействия»");
    assert_ref(state, "order-2017-970", true, "приказ от 29.03.2017 № 01/970");
}

static void test_ref_other_forms(void **state)
{
    assert_ref(state, "rasp-5", false,
               "распоряжение " MINOBR_GEN " от 14.05.2020 № 5-р «Об утверждении "
               "плана мероприятий»");
    assert_ref(state, "rasp-5", true, "распоряжение от 14.05.2020 № 5-р");
    assert_ref(state, "letter", false,
               "письмо " MINOBR_GEN " от 10.01.2019 № 03-02/128 «О направлении "
               "материалов»");
    assert_ref(state, "letter", true, "письмо от 10.01.2019 № 03-02/128");
}

static void test_ref_approved(void **state)
{
    assert_ref(state, "concept-2017", false,
               "Концепция межмуниципального взаимодействия (утверждена приказом "
               MINOBR_GEN " от 29.03.2017 № 01/970)");
    assert_ref(state, "concept-2017", true,
               "Концепция межмуниципального взаимодействия");
    assert_ref(state, "polozhenie", false,
               "Положение о региональном конкурсе (утверждено приказом "
               MINOBR_GEN " от 29.03.2017 № 01/970)");
    assert_ref(state, "plan", false,
               "План мероприятий на 2020 год (утвержден распоряжением "
               MINOBR_GEN " от 14.05.2020 № 5-р)");
    /* Attached, not approved: the title alone. */
    assert_ref(state, "spravka", false, "Справка о ходе реализации Концепции");
}

static void test_ref_article(void **state)
{
    assert_ref(state, "article", false,
               "А.Б. Иванов, В.Г. Петров. Оценка качества образования");
    assert_ref(state, "article", true, "Оценка качества образования");
}

/* ------------------------------------------------------------ literals */

typedef struct {
    size_t offsets[8];
    char msgs[8][512];
    size_t n;
} reports;

static void collect(void *ud, size_t offset, const char *msg)
{
    reports *r = ud;
    if (r->n < 8) {
        r->offsets[r->n] = offset;
        snprintf(r->msgs[r->n], sizeof r->msgs[r->n], "%s", msg);
    }
    r->n++;
}

typedef struct {
    const char *name;
    const char *text;       /* '|' marks each expected report */
    const char *self;       /* the id of the document the text is in */
    const char *msgs[3];    /* the expected messages; %s is the root */
} literal_case;

#define NB "\xC2\xA0"
#define ORDER_970(date) "№ 01/970 is cited as of " date ", but order-2017-970 " \
    "(%s/order.md) is dated 29.03.2017"

static const literal_case literal_cases[] = {
    {"literal: wrong date", "приказом Министерства |от 29.03.2019 г. № 01/970 "
     "«Об утверждении Концепции»", "spravka", {ORDER_970("29.03.2019")}},
    {"literal: right date", "приказом от 29.03.2017 г. № 01/970", "spravka", {NULL}},
    {"literal: right date, month name", "приказом от 29 марта 2017 года № 01/970",
     "spravka", {NULL}},
    {"literal: number not in the project", "от 29.03.2019 г. № 01/971", "spravka",
     {NULL}},
    {"literal: not the word от", "работ 29.03.2019 № 01/970", "spravka", {NULL}},
    {"literal: inside a word", "отчёт 29.03.2019 № 01/970", "spravka", {NULL}},
    {"literal: month name", "в соответствии с приказом |от 29 марта 2019 г. № 01/970",
     "spravka", {ORDER_970("29.03.2019")}},
    {"literal: month name, года", "|от 1 апреля 2017 года № 01/970", "spravka",
     {ORDER_970("01.04.2017")}},
    {"literal: no г.", "(|от 29.03.2019 № 01/970)", "spravka",
     {ORDER_970("29.03.2019")}},
    {"literal: no-break spaces", "приказ |от" NB "29.03.2019" NB "г. №" NB "01/970",
     "spravka", {ORDER_970("29.03.2019")}},
    {"literal: end of a sentence", "См. приказ |от 29.03.2019 № 01/970.",
     "spravka", {ORDER_970("29.03.2019")}},
    {"literal: before a comma", "|от 28.03.2017 № 01/970, а также",
     "spravka", {ORDER_970("28.03.2017")}},
    {"literal: two references", "|от 29.03.2019 № 01/970 и |от 15.05.2020 № 5-р",
     "spravka", {ORDER_970("29.03.2019"),
                 "№ 5-р is cited as of 15.05.2020, but rasp-5 (%s/rasp.md) is "
                 "dated 14.05.2020"}},
    {"literal: line start", "письмо\n|от 11.01.2019 № 03-02/128", "spravka",
     {"№ 03-02/128 is cited as of 11.01.2019, but letter (%s/letter.md) is "
      "dated 10.01.2019"}},
    {"literal: another document, right date", "письмо от 10.01.2019 № 03-02/128",
     "spravka", {NULL}},
    {"literal: own number not checked", "настоящий приказ от 29.03.2019 № 01/970",
     "order-2017-970", {NULL}},
    {"literal: no number", "от 29.03.2019 г. без номера", "spravka", {NULL}},
    {"literal: impossible month", "от 29.13.2019 № 01/970", "spravka", {NULL}},
    {"literal: sentence start", "|От 29.03.2019 г. № 01/970 утверждена Концепция.",
     "spravka", {ORDER_970("29.03.2019")}},
};

#define NLITERAL (sizeof literal_cases / sizeof *literal_cases)

static checked_project *the_project;    /* set by the group setup for the rows */

static void run_literal_case(void **state)
{
    const literal_case *c = *state;
    checked_project *f = the_project;
    buf text = BUF_INIT;
    size_t want_offsets[4], nwant = 0;

    for (const char *p = c->text; *p; p++) {
        if (*p == '|')
            want_offsets[nwant++] = text.len;
        else
            buf_addc(&text, *p);
    }
    reports r = {.n = 0};
    refs_check_literals(f->p, project_find_id(f->p, c->self), text.data, collect, &r);

    buf problems = BUF_INIT;
    if (r.n != nwant)
        buf_addf(&problems, "%zu reports, expected %zu; ", r.n, nwant);
    for (size_t i = 0; i < r.n && i < nwant && i < 8; i++) {
        buf want = BUF_INIT;
        buf_addf(&want, c->msgs[i], f->root);
        if (r.offsets[i] != want_offsets[i])
            buf_addf(&problems, "report %zu at offset %zu, expected %zu; ", i,
                     r.offsets[i], want_offsets[i]);
        if (strcmp(r.msgs[i], want.data) != 0)
            buf_addf(&problems, "report %zu: \"%s\", expected \"%s\"; ", i,
                     r.msgs[i], want.data);
        buf_free(&want);
    }
    for (size_t i = nwant; i < r.n && i < 8; i++)
        buf_addf(&problems, "unexpected report at %zu: \"%s\"; ", r.offsets[i],
                 r.msgs[i]);
    buf_free(&text);
    if (problems.len) {
        print_error("%s: %s\n", c->name, problems.data);
        buf_free(&problems);
        fail();
    }
}

static int group_setup(void **state)
{
    int rc = setup_project(state);
    the_project = *state;
    return rc;
}

static int group_teardown(void **state)
{
    the_project = NULL;
    return teardown_project(state);
}

int main(void)
{
    const struct CMUnitTest plain[] = {
        cmocka_unit_test(test_date_text),
    };
    struct CMUnitTest stamps[NSTAMP];
    const struct CMUnitTest project[] = {
        cmocka_unit_test(test_project_clean),
        cmocka_unit_test(test_ref_order),
        cmocka_unit_test(test_ref_other_forms),
        cmocka_unit_test(test_ref_approved),
        cmocka_unit_test(test_ref_article),
    };
    struct CMUnitTest rows[NLITERAL];
    int failed = 0;

    for (size_t k = 0; k < NLITERAL; k++)
        rows[k] = (struct CMUnitTest){
            .name = literal_cases[k].name,
            .test_func = run_literal_case,
            .initial_state = (void *)&literal_cases[k],
        };
    for (size_t k = 0; k < NSTAMP; k++)
        stamps[k] = (struct CMUnitTest){
            .name = stamp_cases[k].name,
            .test_func = run_stamp_case,
            .initial_state = (void *)&stamp_cases[k],
        };
    failed += cmocka_run_group_tests_name("refs", plain, NULL, NULL);
    failed += cmocka_run_group_tests_name("stamp words", stamps, NULL, NULL);
    failed += cmocka_run_group_tests_name("refs in a project", project,
                                          group_setup, group_teardown);
    /* The rows share one project too (their state is their row). */
    checked_project *f = NULL;
    if (setup_project((void **)&f) == 0) {
        the_project = f;
        failed += cmocka_run_group_tests_name("literal references", rows, NULL, NULL);
    } else {
        failed++;
    }
    the_project = NULL;
    teardown_project((void **)&f);
    xmlCleanupParser();
    return failed ? 1 : 0;
}
