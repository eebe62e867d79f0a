/*
 * test_period.c: period_parse on the forms real roadmaps use (FORMAT.md
 * §3.4) and on the mistakes people make in them.
 *
 * Each accepted form is one row: the text, the default year, and the
 * expected kind and ranges written as "start..end" ISO dates, separated by
 * spaces (a deadline has no start: "..2020-04-10").  Each error row marks
 * the expected error offset with a '|' inside the text itself, so that
 * byte offsets into Cyrillic text need not be counted by hand.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "period.h"

typedef struct {
    const char *text;
    int default_year;
    period_kind kind;
    bool year_given;
    const char *ranges;
} ok_case;

static const ok_case ok_cases[] = {
    /* A day. */
    {"28 февраля 2017 г.", 0, PERIOD_DATES, true, "2017-02-28..2017-02-28"},
    {"21 ноября 2019 года", 0, PERIOD_DATES, true, "2019-11-21..2019-11-21"},
    {"24 марта 2020 г.", 0, PERIOD_DATES, true, "2020-03-24..2020-03-24"},
    {"24.03.2020", 0, PERIOD_DATES, true, "2020-03-24..2020-03-24"},
    {"1.3.2022", 0, PERIOD_DATES, true, "2022-03-01..2022-03-01"},
    {"24.03", 2020, PERIOD_DATES, false, "2020-03-24..2020-03-24"},
    {"29 февраля 2024", 0, PERIOD_DATES, true, "2024-02-29..2024-02-29"},
    {"29 февраля 2000 г.", 0, PERIOD_DATES, true, "2000-02-29..2000-02-29"},
    {"1 января", 2022, PERIOD_DATES, false, "2022-01-01..2022-01-01"},
    {"28 февраля 2017г.", 0, PERIOD_DATES, true, "2017-02-28..2017-02-28"},
    {"28 ФЕВРАЛЯ 2017 Г.", 0, PERIOD_DATES, true, "2017-02-28..2017-02-28"},
    {"24\u00a0марта 2020\u00a0г.", 0, PERIOD_DATES, true,
     "2020-03-24..2020-03-24"},
    {"  24 марта 2020  ", 0, PERIOD_DATES, true, "2020-03-24..2020-03-24"},
    {"31 декабря 2022 года.", 0, PERIOD_DATES, true, "2022-12-31..2022-12-31"},

    /* Day ranges. */
    {"16-17 февраля 2017 г.", 0, PERIOD_DATES, true, "2017-02-16..2017-02-17"},
    {"16 – 17 февраля 2017", 0, PERIOD_DATES, true, "2017-02-16..2017-02-17"},
    {"16—17 февраля 2017", 0, PERIOD_DATES, true, "2017-02-16..2017-02-17"},
    {"30 марта – 2 апреля 2020", 0, PERIOD_DATES, true,
     "2020-03-30..2020-04-02"},
    {"с 1 по 15 марта 2022", 0, PERIOD_DATES, true, "2022-03-01..2022-03-15"},
    {"С 1 марта по 15 апреля 2022 г.", 0, PERIOD_DATES, true,
     "2022-03-01..2022-04-15"},
    {"с 1 марта до 15 апреля 2022", 0, PERIOD_DATES, true,
     "2022-03-01..2022-04-15"},
    {"24.03.2020 – 30.04.2020", 0, PERIOD_DATES, true,
     "2020-03-24..2020-04-30"},
    {"с 24.03.2020 по 30.04.2020", 0, PERIOD_DATES, true,
     "2020-03-24..2020-04-30"},
    {"24.03 – 30.04.2020", 0, PERIOD_DATES, true, "2020-03-24..2020-04-30"},
    {"30 декабря 2021 – 10 января 2022", 0, PERIOD_DATES, true,
     "2021-12-30..2022-01-10"},
    {"16, 17 февраля 2017", 0, PERIOD_DATES, true,
     "2017-02-16..2017-02-16 2017-02-17..2017-02-17"},
    {"1-15 марта", 2023, PERIOD_DATES, false, "2023-03-01..2023-03-15"},

    /* Months and month ranges. */
    {"Август 2017 г.", 0, PERIOD_DATES, true, "2017-08-01..2017-08-31"},
    {"Май 2017 года", 0, PERIOD_DATES, true, "2017-05-01..2017-05-31"},
    {"Март-май 2017 г.", 0, PERIOD_DATES, true, "2017-03-01..2017-05-31"},
    {"октябрь – ноябрь 2017 г.", 0, PERIOD_DATES, true,
     "2017-10-01..2017-11-30"},
    {"Февраль – декабрь 2022", 0, PERIOD_DATES, true,
     "2022-02-01..2022-12-31"},
    {"Декабрь", 2021, PERIOD_DATES, false, "2021-12-01..2021-12-31"},
    {"ноябрь-декабрь 2019 год", 0, PERIOD_DATES, true,
     "2019-11-01..2019-12-31"},
    {"май 2019 год", 0, PERIOD_DATES, true, "2019-05-01..2019-05-31"},
    {"декабрь 2021 – февраль 2022", 0, PERIOD_DATES, true,
     "2021-12-01..2022-02-28"},
    {"декабрь 2021 – февраль", 2022, PERIOD_DATES, true,
     "2021-12-01..2022-02-28"},
    {"февраль 2024", 0, PERIOD_DATES, true, "2024-02-01..2024-02-29"},
    {"февраль 2100", 0, PERIOD_DATES, true, "2100-02-01..2100-02-28"},
    {"февраль 1900", 0, PERIOD_DATES, true, "1900-02-01..1900-02-28"},
    {"с марта по май 2022", 0, PERIOD_DATES, true, "2022-03-01..2022-05-31"},
    {"март\u2010май 2022", 0, PERIOD_DATES, true, "2022-03-01..2022-05-31"},
    {"март \u2212 май 2022", 0, PERIOD_DATES, true, "2022-03-01..2022-05-31"},
    {"в марте 2022", 0, PERIOD_DATES, true, "2022-03-01..2022-03-31"},
    {"АПРЕЛЬ 2022", 0, PERIOD_DATES, true, "2022-04-01..2022-04-30"},

    /* Lists: commas, juxtaposition, a year at the end for all. */
    {"Март – май, октябрь – ноябрь, декабрь 2022", 0, PERIOD_DATES, true,
     "2022-03-01..2022-05-31 2022-10-01..2022-11-30 2022-12-01..2022-12-31"},
    {"Август 2017 г. Сентябрь-октябрь 2017 г.", 0, PERIOD_DATES, true,
     "2017-08-01..2017-08-31 2017-09-01..2017-10-31"},
    {"февраль, апрель 2022", 0, PERIOD_DATES, true,
     "2022-02-01..2022-02-28 2022-04-01..2022-04-30"},
    {"февраль и апрель 2022", 0, PERIOD_DATES, true,
     "2022-02-01..2022-02-28 2022-04-01..2022-04-30"},
    {"февраль; апрель 2022", 0, PERIOD_DATES, true,
     "2022-02-01..2022-02-28 2022-04-01..2022-04-30"},
    {"декабрь 2021, январь 2022", 0, PERIOD_DATES, true,
     "2021-12-01..2021-12-31 2022-01-01..2022-01-31"},
    {"март 2022, 15 апреля 2022", 0, PERIOD_DATES, true,
     "2022-03-01..2022-03-31 2022-04-15..2022-04-15"},
    {"Август 2017. Сентябрь 2017.", 0, PERIOD_DATES, true,
     "2017-08-01..2017-08-31 2017-09-01..2017-09-30"},
    {"май, март", 2022, PERIOD_DATES, false,
     "2022-05-01..2022-05-31 2022-03-01..2022-03-31"},
    {"Август 2017 г. Сентябрь", 2018, PERIOD_DATES, true,
     "2017-08-01..2017-08-31 2018-09-01..2018-09-30"},

    /* Quarters. */
    {"3 квартал 2019", 0, PERIOD_DATES, true, "2019-07-01..2019-09-30"},
    {"III квартал 2019 г.", 0, PERIOD_DATES, true, "2019-07-01..2019-09-30"},
    {"I квартал", 2022, PERIOD_DATES, false, "2022-01-01..2022-03-31"},
    {"1-2 квартал 2022", 0, PERIOD_DATES, true, "2022-01-01..2022-06-30"},
    {"II–III кварталы 2022", 0, PERIOD_DATES, true, "2022-04-01..2022-09-30"},
    {"IV квартал 2020", 0, PERIOD_DATES, true, "2020-10-01..2020-12-31"},
    {"4 кв. 2020", 0, PERIOD_DATES, true, "2020-10-01..2020-12-31"},
    {"1-й квартал 2022", 0, PERIOD_DATES, true, "2022-01-01..2022-03-31"},
    {"I, III квартал 2022", 0, PERIOD_DATES, true,
     "2022-01-01..2022-03-31 2022-07-01..2022-09-30"},
    {"в I квартале 2022", 0, PERIOD_DATES, true, "2022-01-01..2022-03-31"},
    {"IV квартал 2021 – I квартал 2022", 0, PERIOD_DATES, true,
     "2021-10-01..2022-03-31"},

    /* Half-years. */
    {"1 полугодие 2022", 0, PERIOD_DATES, true, "2022-01-01..2022-06-30"},
    {"II полугодие", 2022, PERIOD_DATES, false, "2022-07-01..2022-12-31"},
    {"2-е полугодие 2022", 0, PERIOD_DATES, true, "2022-07-01..2022-12-31"},
    {"I–II полугодие 2022", 0, PERIOD_DATES, true, "2022-01-01..2022-12-31"},

    /* Deadlines. */
    {"До 10 апреля 2020 г.", 0, PERIOD_DEADLINE, true, "..2020-04-10"},
    {"До 06 мая 2020 г.", 0, PERIOD_DEADLINE, true, "..2020-05-06"},
    {"до 20 апреля 2020г.", 0, PERIOD_DEADLINE, true, "..2020-04-20"},
    {"до конца 2022 года", 0, PERIOD_DEADLINE, true, "..2022-12-31"},
    {"до 1 сентября", 2022, PERIOD_DEADLINE, false, "..2022-09-01"},
    {"до конца года", 2022, PERIOD_DEADLINE, false, "..2022-12-31"},
    {"до конца учебного года", 2023, PERIOD_DEADLINE, false, "..2023-12-31"},
    {"до конца марта 2022", 0, PERIOD_DEADLINE, true, "..2022-03-31"},
    {"до конца февраля", 2024, PERIOD_DEADLINE, false, "..2024-02-29"},
    {"до конца I квартала 2022", 0, PERIOD_DEADLINE, true, "..2022-03-31"},
    {"не позднее 15 мая 2022", 0, PERIOD_DEADLINE, true, "..2022-05-15"},
    {"в срок до 15 мая 2022", 0, PERIOD_DEADLINE, true, "..2022-05-15"},
    {"до 24.03.2020", 0, PERIOD_DEADLINE, true, "..2020-03-24"},

    /* A whole year. */
    {"в течение года", 2022, PERIOD_YEAR, false, "2022-01-01..2022-12-31"},
    {"В течение 2022 года", 0, PERIOD_YEAR, true, "2022-01-01..2022-12-31"},
    {"в течение учебного года", 2022, PERIOD_YEAR, false,
     "2022-01-01..2022-12-31"},
    {"2022 год", 0, PERIOD_YEAR, true, "2022-01-01..2022-12-31"},
    {"2022", 0, PERIOD_YEAR, true, "2022-01-01..2022-12-31"},
    {"2022 г.", 0, PERIOD_YEAR, true, "2022-01-01..2022-12-31"},
    {"в 2022 году", 0, PERIOD_YEAR, true, "2022-01-01..2022-12-31"},
    {"постоянно", 2022, PERIOD_YEAR, false, "2022-01-01..2022-12-31"},
    {"ежегодно", 2019, PERIOD_YEAR, false, "2019-01-01..2019-12-31"},
    {"2021–2022 гг.", 0, PERIOD_DATES, true, "2021-01-01..2022-12-31"},
    {"в течение I квартала 2022", 0, PERIOD_DATES, true,
     "2022-01-01..2022-03-31"},

    /* Recurrences. */
    {"ежемесячно", 2022, PERIOD_MONTHLY, false, "2022-01-01..2022-12-31"},
    {"Ежемесячно.", 2022, PERIOD_MONTHLY, false, "2022-01-01..2022-12-31"},
    {"ежеквартально", 2022, PERIOD_QUARTERLY, false,
     "2022-01-01..2022-12-31"},
    {"Ежемесячно в течение 2023 года", 0, PERIOD_MONTHLY, true,
     "2023-01-01..2023-12-31"},
    {"ежеквартально в течение года", 2022, PERIOD_QUARTERLY, false,
     "2022-01-01..2022-12-31"},
    {"ежемесячно 2020 г.", 0, PERIOD_MONTHLY, true, "2020-01-01..2020-12-31"},

    /* Exactly PERIOD_MAX_RANGES items. */
    {"январь, февраль, март, апрель, май, июнь, июль, август, сентябрь, "
     "октябрь, ноябрь, декабрь, I квартал, II квартал, III квартал, "
     "IV квартал 2022", 0, PERIOD_DATES, true,
     "2022-01-01..2022-01-31 2022-02-01..2022-02-28 2022-03-01..2022-03-31 "
     "2022-04-01..2022-04-30 2022-05-01..2022-05-31 2022-06-01..2022-06-30 "
     "2022-07-01..2022-07-31 2022-08-01..2022-08-31 2022-09-01..2022-09-30 "
     "2022-10-01..2022-10-31 2022-11-01..2022-11-30 2022-12-01..2022-12-31 "
     "2022-01-01..2022-03-31 2022-04-01..2022-06-30 2022-07-01..2022-09-30 "
     "2022-10-01..2022-12-31"},
};

typedef struct {
    const char *text;       /* '|' marks where the error must point */
    int default_year;
    const char *message;    /* a part of the expected message */
} err_case;

static const err_case err_cases[] = {
    {"|мартт 2022", 0,
     "unknown month 'мартт'; expected a month, quarter, 'до', "
     "'в течение года' or 'ежемесячно'"},
    {"май – |март 2022", 0, "range goes backwards: 'март' is before 'май'"},
    {"17-|16 февраля 2022", 0, "range goes backwards"},
    {"|31 апреля 2022", 0, "no such day '31 апреля': April 2022 has 30 days"},
    {"|30 февраля", 2022, "February 2022 has 28 days"},
    {"|29 февраля 2023", 0, "February 2023 has 28 days"},
    {"|29 февраля 1900", 0, "February 1900 has 28 days"},
    {"|0 марта 2022", 0, "no such day '0 марта'"},
    {"|30-31 февраля 2022", 0, "no such day '30'"},
    {"24.|13.2020", 0, "no such month in '24.13.2020'"},
    {"24.03.|20", 0, "expected a 4-digit year in '24.03.20'"},
    {"|Декабрь", 0, "missing year for 'Декабрь' and no default year"},
    {"Март – |май", 0, "missing year for 'май'"},
    {"|постоянно", 0, "missing year for 'постоянно'"},
    {"|в течение года", 0, "missing year for 'в течение года'"},
    {"до |1 сентября", 0, "missing year for '1 сентября'"},
    {"|", 2022, "empty period"},
    {"   |", 2022, "empty period"},
    {"|5 квартал 2022", 0, "no such quarter '5 квартал'"},
    {"|V квартал 2022", 0, "no such quarter"},
    {"|3 полугодие 2022", 0, "no such half-year '3 полугодие'"},
    {"16-|17", 2022, "expected a month, 'квартал' or 'полугодие' after '17'"},
    {"|15 – май 2022", 0, "after '15'"},
    {"до |марта 2022", 0, "a deadline needs a day"},
    {"до |2022 года", 0, "a deadline needs a day"},
    {"до 10 апреля 2022 |и 20 мая", 0,
     "expected the end of the text after the deadline"},
    {"январь, февраль, март, апрель, май, июнь, июль, август, сентябрь, "
     "октябрь, ноябрь, декабрь, I квартал, II квартал, III квартал, "
     "IV квартал, |май 2022", 0, "more than 16 ranges"},
    {"март |по согласованию", 2022, "unknown month 'по'"},
    {"март 2022 |(по плану)", 0, "unexpected '('"},
    {"|по согласованию", 2022, "unknown month 'по'; expected a month"},
    {"в течение года |2022", 2022,
     "unexpected '2022'; expected the end of the text after 'в течение года'"},
    {"ежемесячно |по пятницам", 2022,
     "unknown word 'по'; expected a year or the end of the text after "
     "'ежемесячно'"},
    {"ежемесячно в течение |недели", 2022, "unknown word 'недели'"},
    {"|3023 год", 0, "year 3023 out of range"},
    {"май |1022", 0, "year 1022 out of range"},
    {"|III марта 2022", 0, "a roman numeral cannot be a day: 'III марта'"},
    {"I–|II марта 2022", 0, "a roman numeral cannot be a day"},
    {"март, |", 2022, "unexpected end of text; expected a day, month"},
    {"март |г.", 2022, "unknown month 'г'"},
    {"с 1 марта 2022|", 0, "expected 'по' or 'до'"},
    {"|22 г.", 0, "expected a 4-digit year, not '22'"},
    {"16 |фев 2017", 0,
     "unknown month 'фев'; expected a month, 'квартал' or 'полугодие' "
     "after '16'"},
    {"март |\xff 2022", 0, "invalid UTF-8"},
    {"в срок |после 1 мая", 0, "'до' after 'в срок'"},
    {"до конца |недели", 2022, "unknown month 'недели'"},
    {"март, |, май 2022", 0, "unexpected ','"},
    {"|«март» 2022", 0, "unexpected '«'"},
};

/* "start..end start..end" of p, as the tables write it. */
static void format_ranges(const period *p, char *out, size_t size)
{
    size_t len = 0;

    out[0] = '\0';
    for (int i = 0; i < p->nranges; i++) {
        char start[11], end[11];
        period_date_iso(p->ranges[i].start, start);
        period_date_iso(p->ranges[i].end, end);
        len += (size_t)snprintf(out + len, size - len, "%s%s..%s",
                                i ? " " : "", start, end);
        assert_true(len < size);
    }
}

static const char *kind_name(period_kind k)
{
    switch (k) {
    case PERIOD_DATES: return "dates";
    case PERIOD_DEADLINE: return "deadline";
    case PERIOD_YEAR: return "year";
    case PERIOD_MONTHLY: return "monthly";
    case PERIOD_QUARTERLY: return "quarterly";
    }
    return "?";
}

static void test_accepted_forms(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof ok_cases / sizeof ok_cases[0]; i++) {
        const ok_case *c = &ok_cases[i];
        period p;
        period_error err;
        char got[1024];

        if (!period_parse(c->text, c->default_year, &p, &err))
            fail_msg("«%s»: unexpected error at %zu: %s", c->text,
                     err.offset, err.message);
        format_ranges(&p, got, sizeof got);
        if (strcmp(got, c->ranges) != 0)
            fail_msg("«%s»: got %s, expected %s", c->text, got, c->ranges);
        if (p.kind != c->kind)
            fail_msg("«%s»: kind %s, expected %s", c->text,
                     kind_name(p.kind), kind_name(c->kind));
        if (p.year_given != c->year_given)
            fail_msg("«%s»: year_given %d", c->text, p.year_given);
    }
}

static void test_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof err_cases / sizeof err_cases[0]; i++) {
        const err_case *c = &err_cases[i];
        const char *mark = strchr(c->text, '|');
        char text[512];
        period p;
        period_error err;
        size_t at, len;

        assert_non_null(mark);
        at = (size_t)(mark - c->text);
        snprintf(text, sizeof text, "%.*s%s", (int)at, c->text, mark + 1);

        if (period_parse(text, c->default_year, &p, &err))
            fail_msg("«%s»: accepted, expected an error", text);
        if (err.offset != at)
            fail_msg("«%s»: error at %zu, expected %zu (%s)", text,
                     err.offset, at, err.message);
        if (!strstr(err.message, c->message))
            fail_msg("«%s»: message \"%s\" lacks \"%s\"", text, err.message,
                     c->message);
        len = strlen(err.message);
        if (len == 0 || err.message[len - 1] == '.')
            fail_msg("«%s»: bad message \"%s\"", text, err.message);
    }
}

/* The message of the brief, whole, as a user sees it. */
static void test_unknown_word_message(void **state)
{
    period p;
    period_error err;

    (void)state;
    assert_false(period_parse("мартт", 2022, &p, &err));
    assert_int_equal(err.offset, 0);
    assert_string_equal(err.message,
                        "unknown month 'мартт'; expected a month, quarter, "
                        "'до', 'в течение года' or 'ежемесячно'");
}

static void test_within_year(void **state)
{
    static const struct {
        const char *text;
        int default_year, year;
        bool within;
    } cases[] = {
        {"Март – май 2022", 0, 2022, true},
        {"Март – май 2022", 0, 2021, false},
        {"декабрь 2021 – февраль 2022", 0, 2022, false},
        {"декабрь 2021 – февраль 2022", 0, 2021, false},
        {"До 10 апреля 2020 г.", 0, 2020, true},
        {"До 10 апреля 2020 г.", 0, 2019, false},
        {"Декабрь", 2021, 2021, true},
        {"Август 2017 г. Сентябрь 2018", 0, 2017, false},
        {"ежемесячно", 2022, 2022, true},
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        period p;
        period_error err;

        assert_true(period_parse(cases[i].text, cases[i].default_year, &p,
                                 &err));
        if (period_within_year(&p, cases[i].year) != cases[i].within)
            fail_msg("«%s» within %d: expected %d", cases[i].text,
                     cases[i].year, cases[i].within);
    }
}

static void test_date_iso(void **state)
{
    char out[11];
    period_date none = {0, 0, 0}, d = {2022, 3, 1};

    (void)state;
    period_date_iso(none, out);
    assert_string_equal(out, "");
    period_date_iso(d, out);
    assert_string_equal(out, "2022-03-01");
}

static void test_days_in_month(void **state)
{
    static const int cases[][3] = {
        {2022, 1, 31}, {2022, 2, 28}, {2024, 2, 29}, {1900, 2, 28},
        {2000, 2, 29}, {2100, 2, 28}, {2022, 4, 30}, {2022, 6, 30},
        {2022, 9, 30}, {2022, 11, 30}, {2022, 12, 31}, {2022, 0, 0},
        {2022, 13, 0},
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(period_days_in_month(cases[i][0], cases[i][1]),
                         cases[i][2]);
}

static void test_null_error_sink(void **state)
{
    period p;

    (void)state;
    assert_false(period_parse("мартт", 2022, &p, NULL));
    assert_true(period_parse("март", 2022, &p, NULL));
    assert_int_equal(p.nranges, 1);
}

/*
 * Every prefix of every table text, cut at any byte (even inside a
 * letter), must give either a sane period or an error inside the text:
 * the cheap cousin of the fuzzer, run under valgrind.
 */
static void check_prefixes(const char *text)
{
    size_t n = strlen(text);
    char buf[512];

    assert_true(n < sizeof buf);
    for (size_t k = 0; k <= n; k++) {
        period p;
        period_error err;

        memcpy(buf, text, k);
        buf[k] = '\0';
        if (period_parse(buf, 2022, &p, &err)) {
            assert_in_range(p.nranges, 1, PERIOD_MAX_RANGES);
            for (int i = 0; i < p.nranges; i++) {
                period_date e = p.ranges[i].end;
                assert_in_range(e.month, 1, 12);
                assert_in_range(e.day, 1,
                                period_days_in_month(e.year, e.month));
            }
        } else {
            assert_true(err.offset <= k);
            assert_true(strlen(err.message) > 0);
        }
    }
}

static void test_prefixes(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof ok_cases / sizeof ok_cases[0]; i++)
        check_prefixes(ok_cases[i].text);
    for (size_t i = 0; i < sizeof err_cases / sizeof err_cases[0]; i++)
        check_prefixes(err_cases[i].text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accepted_forms),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_unknown_word_message),
        cmocka_unit_test(test_within_year),
        cmocka_unit_test(test_date_iso),
        cmocka_unit_test(test_days_in_month),
        cmocka_unit_test(test_null_error_sink),
        cmocka_unit_test(test_prefixes),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
