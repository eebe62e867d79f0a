/*
 * test_typo.c: Russian typography (src/typo.c), table-driven.
 *
 * Each row of `cases` is one block typeset from a fresh state; every row
 * is a test of its own, named after the rule it checks.  The other tests
 * cover what a row cannot: state carried across nodes, idempotency, the
 * caller-set prev, NULL input.  NB is the no-break space, written as a
 * separate literal so that it never runs into a following hex digit.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "typo.h"

#define NB "\xc2\xa0"

typedef struct {
    const char *name;
    const char *in;
    const char *want;
} typo_case;

static const typo_case cases[] = {
    /* Rule 1: quotes. */
    {"quote: straight pair", "\"Об утверждении\"", "«Об" NB "утверждении»"},
    {"quote: after a word and space", "приказ \"О мерах\"", "приказ «О" NB "мерах»"},
    {"quote: nested straight", "\"Положение о \"дорожной карте\" проекта\"",
     "«Положение о" NB "„дорожной карте“ проекта»"},
    {"quote: nested ёлочки", "«Об утверждении Концепции и «дорожной карты»»",
     "«Об" NB "утверждении Концепции и" NB "„дорожной карты“»"},
    {"quote: after a bracket", "(\"Сроки\")", "(«Сроки»)"},
    {"quote: after a dash", "ответ —\"нет\"", "ответ —«нет»"},
    {"quote: unbalanced closing", "текст» дальше", "текст» дальше"},
    {"quote: inch mark closes at depth 0", "экран 15\"", "экран 15»"},
    {"quote: лапки at top level", "„Текст“", "«Текст»"},
    {"quote: English quotes", "“Text” here", "«Text» here"},
    {"quote: typeset text kept", "«Об" NB "утверждении „дорожной карты“»",
     "«Об" NB "утверждении „дорожной карты“»"},
    {"quote: third level stays лапки", "\"a \"b \"c\" b\" a\"", "«a „b „c“ b“ a»"},

    /* Rule 2: dashes. */
    {"dash: spaced hyphen", "Москва - столица", "Москва" NB "— столица"},
    {"dash: spaced en dash", "Москва – столица", "Москва" NB "— столица"},
    {"dash: spaced em dash", "Москва — столица", "Москва" NB "— столица"},
    {"dash: after a comma", "Да, - сказал он", "Да," NB "— сказал он"},
    {"dash: block start en dash", "– Федеральной целевой программы",
     "–" NB "Федеральной целевой программы"},
    {"dash: block start em dash", "— Да, — сказал он.", "—" NB "Да," NB "— сказал он."},
    {"dash: after a line break", "пункты:\n- первый", "пункты:\n-" NB "первый"},
    {"dash: hyphenated words kept", "кто-то из-за угла", "кто-то из-за угла"},
    {"dash: unspaced kept", "слово—слово", "слово—слово"},
    {"dash: at node end kept", "текст -", "текст -"},

    /* Rule 3: number ranges. */
    {"range: years", "2016-2019", "2016–2019"},
    {"range: days", "16-17 февраля", "16–17" NB "февраля"},
    {"range: small", "пункты 1-2", "пункты 1–2"},
    {"range: end of sentence", "в 2016-2019.", "в" NB "2016–2019."},
    {"range: spaced hyphen", "2016 - 2019", "2016–2019"},
    {"range: spaced en dash", "2016 – 2019", "2016–2019"},
    {"range: em dash between numbers", "2016—2019", "2016–2019"},
    {"range: with гг.", "в 2016-2019 гг.", "в" NB "2016–2019" NB "гг."},
    {"range: glued гг.", "2016-2019гг.", "2016–2019" NB "гг."},
    {"range not: phone", "тел. 8-351-263-88-99", "тел. 8-351-263-88-99"},
    {"range not: letters", "№ 273-ФЗ", "№" NB "273-ФЗ"},
    {"range not: leading zero", "письмо 03-021", "письмо 03-021"},
    {"range not: ISO date", "2022-02-30", "2022-02-30"},
    {"range not: registration number", "№ 03-02/128", "№" NB "03-02/128"},
    {"range not: slash number", "01/970", "01/970"},
    {"range not: after №", "№ 12-34", "№" NB "12-34"},
    {"range not: dotted number", "ГОСТ 7.0.97-2016", "ГОСТ 7.0.97-2016"},
    {"range not: letter before", "А1-2", "А1-2"},
    {"range not: year ending a date", "1 января 2020 - 31 декабря 2020",
     "1" NB "января" NB "2020" NB "— 31" NB "декабря" NB "2020"},

    /* Rule 4: № and §. */
    {"numero: inserted", "№01/970", "№" NB "01/970"},
    {"numero: space made no-break", "№ 01/970", "№" NB "01/970"},
    {"numero: double stays together", "№№ 1, 2", "№№" NB "1, 2"},
    {"section: space", "§ 5", "§" NB "5"},
    {"section: inserted", "§5", "§" NB "5"},

    /* Rule 5: units after numbers. */
    {"unit: г.", "2017 г.", "2017" NB "г."},
    {"unit: г. inserted", "2020г.", "2020" NB "г."},
    {"unit: с.", "678 с.", "678" NB "с."},
    {"unit: ч.", "к 15 ч.", "к" NB "15" NB "ч."},
    {"unit: млн", "5 млн рублей", "5" NB "млн рублей"},
    {"unit: тыс. руб.", "10 тыс. руб.", "10" NB "тыс. руб."},
    {"unit: руб.", "100руб.", "100" NB "руб."},
    {"unit not: without a number", "тыс. руб.", "тыс. руб."},

    /* Rule 6: initials. */
    {"initials: before surname", "А.И. Кузнецов", "А.И." NB "Кузнецов"},
    {"initials: spaced", "А. И. Кузнецов", "А." NB "И." NB "Кузнецов"},
    {"initials: after surname", "Кузнецов А.И.", "Кузнецов" NB "А.И."},
    {"initials: Latin", "J. Smith", "J." NB "Smith"},
    {"initials not: г. Москва", "г. Москва", "г. Москва"},
    {"initials not: sentence end", "Подписал Кузнецов. Далее", "Подписал Кузнецов. Далее"},

    /* Rule 7: short words. */
    {"short: В целях", "В целях", "В" NB "целях"},
    {"short: chain", "и в целях", "и" NB "в" NB "целях"},
    {"short: two-letter", "по плану от министерства", "по" NB "плану от" NB "министерства"},
    {"short: before a number", "до 10 апреля", "до" NB "10" NB "апреля"},
    {"short: upper case", "НА ОСНОВАНИИ", "НА" NB "ОСНОВАНИИ"},
    {"short: trailing space", "в ", "в" NB},
    {"short not: Latin", "a big deal", "a big deal"},
    {"short not: suffix after hyphen", "1-й и 2-й", "1-й и" NB "2-й"},
    {"short not: before punctuation", "а ,", "а ,"},
    {"short: before a dash", "Он - врач", "Он" NB "— врач"},
    {"short: before an opening quote", "и \"Об\"", "и" NB "«Об»"},
    {"short: before English opening quote", "и “Об”", "и" NB "«Об»"},
    {"short not: before a closing quote", "«„Об »»", "«„Об “»"},
    {"short not: Cyrillic in a Latin word", "oк дом", "oк дом"},

    /* Rule 8: dates. */
    {"date: full", "29 марта 2017 г.", "29" NB "марта" NB "2017" NB "г."},
    {"date: month and year", "мая 2020 года", "мая" NB "2020 года"},
    {"date: prepositional", "В марте 2022 года", "В" NB "марте" NB "2022 года"},
    {"date: nominative heading", "Март 2022", "Март" NB "2022"},
    {"date not: no month", "29 единиц 2017", "29 единиц 2017"},

    /* Rule 9: addresses. */
    {"url: kept", "см. https://example.com/a-b/2016-2019?q=\"x\"y",
     "см. https://example.com/a-b/2016-2019?q=\"x\"y"},
    {"url: www in brackets", "(www.gov-portal.ru - сайт)", "(www.gov-portal.ru" NB "— сайт)"},
    {"url: quoted", "\"https://x.ru/a-b\"", "«https://x.ru/a-b»"},
    {"url: ftp", "ftp://files.ru/2016-2019", "ftp://files.ru/2016-2019"},
    {"url: balanced parenthesis", "(https://x.ru/a_(b)-c)", "(https://x.ru/a_(b)-c)"},
    {"url: closing лапки not in it", "«„www.x.ru/a“ и»", "«„www.x.ru/a“ и»"},
    {"url: trailing period", "сайт http://x.ru/a.", "сайт http://x.ru/a."},
    {"email: kept", "пишите на ivan-petrov@mail.ru - ответим",
     "пишите на" NB "ivan-petrov@mail.ru" NB "— ответим"},
    {"email: digits and hyphens", "8-351-263@x-y.ru", "8-351-263@x-y.ru"},

    /* Rule 10: typeset text is left as it is. */
    {"idempotent: dash", "Москва" NB "— столица", "Москва" NB "— столица"},
    {"idempotent: range", "2016–2019" NB "гг.", "2016–2019" NB "гг."},
    {"idempotent: narrow nbsp kept", "2017\xe2\x80\xaf" "г.", "2017\xe2\x80\xaf" "г."},

    /* Rule 11: bytes that are not UTF-8 pass through. */
    {"bytes: invalid", "\xff\xfe - a", "\xff\xfe" NB "— a"},
    {"bytes: truncated", "текст \xd0", "текст \xd0"},
    {"bytes: surrogate", "\xed\xa0\x80 \"x\"", "\xed\xa0\x80 «x»"},

    {"empty", "", ""},
};

enum { NCASES = sizeof cases / sizeof cases[0] };

static char *typeset_fresh(const char *text)
{
    typo_state st;

    typo_state_init(&st);
    return typo_apply(&st, text);
}

static void run_case(void **state)
{
    const typo_case *c = *state;
    char *got = typeset_fresh(c->in);

    assert_string_equal(got, c->want);
    free(got);
}

/* Feeds nodes one after another with one state and joins the results. */
static char *typeset_nodes(const char *const *nodes, size_t n)
{
    typo_state st;
    buf joined = BUF_INIT;

    typo_state_init(&st);
    for (size_t k = 0; k < n; k++) {
        char *s = typo_apply(&st, nodes[k]);
        buf_adds(&joined, s);
        free(s);
    }
    return buf_detach(&joined);
}

/* «Приказ "*Об утверждении*" от 29 марта 2017 г.»: the quote opens in the
 * first node and closes in the third. */
static void test_quote_across_nodes(void **state)
{
    (void)state;
    const char *nodes[] = {"Приказ \"", "Об утверждении", "\" от 29 марта 2017 г."};
    char *got = typeset_nodes(nodes, 3);

    assert_string_equal(got, "Приказ «Об" NB "утверждении» от" NB "29" NB "марта"
                             NB "2017" NB "г.");
    free(got);
}

/* Depth carries over: the inner quote in the second node gets лапки. */
static void test_depth_across_nodes(void **state)
{
    (void)state;
    const char *nodes[] = {"\"Об утверждении ", "\"дорожной карты\"", "\""};
    char *got = typeset_nodes(nodes, 3);

    assert_string_equal(got, "«Об" NB "утверждении „дорожной карты“»");
    free(got);
}

/* Look-behind across a boundary: a short word, a surname, a number. */
static void test_context_across_nodes(void **state)
{
    (void)state;
    const char *words[] = {"Утвердить в", " целях"};
    const char *surname[] = {"Кузнецов", " А.И."};
    const char *unit[] = {"в 2017", " г."};
    char *got;

    got = typeset_nodes(words, 2);
    assert_string_equal(got, "Утвердить в" NB "целях");
    free(got);
    got = typeset_nodes(surname, 2);
    assert_string_equal(got, "Кузнецов" NB "А.И.");
    free(got);
    got = typeset_nodes(unit, 2);
    assert_string_equal(got, "в" NB "2017" NB "г.");
    free(got);
}

/* A straight quote starting a node opens or closes by the previous node. */
static void test_quote_direction_at_node_start(void **state)
{
    (void)state;
    const char *opens[] = {"приказ ", "\"О мерах\""};
    const char *closes[] = {"\"О мерах", "\" принят"};
    char *got;

    got = typeset_nodes(opens, 2);
    assert_string_equal(got, "приказ «О" NB "мерах»");
    free(got);
    got = typeset_nodes(closes, 2);
    assert_string_equal(got, "«О" NB "мерах» принят");
    free(got);
}

/* A node after 40 code points: the tail holds only the last TYPO_TAIL. */
static void test_long_block(void **state)
{
    (void)state;
    const char *nodes[] = {"Очень длинный текст, чтобы хвост переполнился: ", "в целях"};
    char *got = typeset_nodes(nodes, 2);

    assert_string_equal(got, "Очень длинный текст, чтобы хвост переполнился: в" NB "целях");
    free(got);
}

/* A caller may set prev for text it did not pass (a code span). */
static void test_prev_set_by_caller(void **state)
{
    (void)state;
    typo_state st;
    char *got;

    typo_state_init(&st);
    st.prev = 'x';      /* `code` just before: the quote closes, no dash at block start */
    got = typo_apply(&st, "\" - ok");
    assert_string_equal(got, "»" NB "— ok");
    free(got);
}

/* Typesetting the output of every row again changes nothing. */
static void test_rows_idempotent(void **state)
{
    (void)state;
    for (size_t k = 0; k < NCASES; k++) {
        char *once = typeset_fresh(cases[k].in);
        char *twice = typeset_fresh(once);

        if (strcmp(once, twice) != 0)
            fail_msg("row \"%s\": \"%s\" became \"%s\"", cases[k].name, once, twice);
        free(once);
        free(twice);
    }
}

/* A whole paragraph, typeset twice. */
static void test_paragraph_idempotent(void **state)
{
    (void)state;
    const char *para =
        "В целях реализации \"Концепции \"дорожной карты\"\" (см. https://x.ru/a-b) "
        "А.И. Кузнецов - ответственный, срок 2016-2019 гг., приказ №01/970 "
        "от 29 марта 2017г. и письмо 03-02/128; тел. 8-351-263-88-99, ivan@mail.ru.";
    char *once = typeset_fresh(para);
    char *twice = typeset_fresh(once);

    assert_string_equal(twice, once);
    assert_string_equal(once,
        "В" NB "целях реализации «Концепции „дорожной карты“» (см. https://x.ru/a-b) "
        "А.И." NB "Кузнецов" NB "— ответственный, срок 2016–2019" NB "гг., приказ №" NB "01/970 "
        "от" NB "29" NB "марта" NB "2017" NB "г. и" NB "письмо 03-02/128; тел. 8-351-263-88-99, "
        "ivan@mail.ru.");
    free(once);
    free(twice);
}

static void test_null_text(void **state)
{
    (void)state;
    typo_state st;
    char *got;

    typo_state_init(&st);
    got = typo_apply(&st, NULL);
    assert_string_equal(got, "");
    assert_int_equal(st.quote_depth, 0);
    assert_int_equal(st.prev, 0);
    free(got);
}

int main(void)
{
    struct CMUnitTest rows[NCASES];
    const struct CMUnitTest others[] = {
        cmocka_unit_test(test_quote_across_nodes),
        cmocka_unit_test(test_depth_across_nodes),
        cmocka_unit_test(test_context_across_nodes),
        cmocka_unit_test(test_quote_direction_at_node_start),
        cmocka_unit_test(test_long_block),
        cmocka_unit_test(test_prev_set_by_caller),
        cmocka_unit_test(test_rows_idempotent),
        cmocka_unit_test(test_paragraph_idempotent),
        cmocka_unit_test(test_null_text),
    };
    int failed = 0;

    for (size_t k = 0; k < NCASES; k++)
        rows[k] = (struct CMUnitTest){
            .name = cases[k].name,
            .test_func = run_case,
            .initial_state = (void *)&cases[k],
        };
    failed += cmocka_run_group_tests_name("typo rows", rows, NULL, NULL);
    failed += cmocka_run_group_tests_name("typo", others, NULL, NULL);
    return failed ? 1 : 0;
}
