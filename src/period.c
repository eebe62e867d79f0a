/*
 * period.c: the «Сроки» of a roadmap event as normalised dates (period.h).
 *
 * The text is read in two passes.  A tokenizer turns the UTF-8 text into
 * words (lower-cased Cyrillic or Latin), numbers, roman numerals, dashes,
 * commas and dots; a recursive-descent parser turns the tokens into
 * "points" (a day, a month, a quarter, a half-year, a year), paired into
 * items («март – май» is one item of two points).  Only then are the
 * points resolved, because Russian puts the shared parts at the end:
 * «16-17 февраля» takes its month from the right, and in «Март – май,
 * октябрь – ноябрь, декабрь 2022» every month takes the year written last.
 *
 * Grammar (words are case-insensitive; a dash is any of - ‐ ‑ ‒ – — ―  −,
 * with or without spaces):
 *
 *   period     = deadline | during | recurrence | "в" list | list
 *   deadline   = ("до" | "не позднее" | "в срок до")
 *                (point | "конца" (year-word | point))
 *   during     = "в течение" (year-word | list)
 *   recurrence = ("ежемесячно" | "ежеквартально" | "ежегодно" | "постоянно")
 *                [["в течение"] (year-word | year)]
 *   year-word  = ["учебного"] ("года" | "год")            the default year
 *   list       = item {["," | ";" | "." | "и"] item} ["."]
 *   item       = "с" point ("по" | "до") point | point [dash point]
 *   point      = number "." number ["." year]             24.03.2020
 *              | number [ordinal] month-word [year]        28 февраля 2017
 *              | (number | roman) [ordinal] quarter-word [year]
 *              | (number | roman) [ordinal] half-word [year]
 *              | month-word [year]
 *              | year
 *              | number | roman     bare: its unit comes from the next
 *                                   point to the right (16-17 февраля)
 *   year       = 4-digit number [("г" | "гг" | "год" | "года" | "году"
 *                                 | "годы" | "годов") ["."]]
 *   ordinal    = dash ("й" | "е" | "го" | "ое" | "ий" | "ый" | "м")   1-й
 *
 * Resolution: a bare number becomes the unit of the nearest point to its
 * right (a day takes that point's month too); a point without a year takes
 * the nearest year written to its right, else default_year.  Then days are
 * checked against the calendar and every range must go forward.
 *
 * Nothing here allocates: tokens are lexed on demand from a byte offset,
 * and the parser state lives on the caller's stack.
 */
#include "period.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Years outside this span are typing errors in a roadmap, not plans. */
enum { YEAR_MIN = 1900, YEAR_MAX = 2199 };

/* ---- Calendar ------------------------------------------------------- */

static bool is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int period_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    if (month < 1 || month > 12)
        return 0;
    if (month == 2 && is_leap(year))
        return 29;
    return days[month - 1];
}

void period_date_iso(period_date d, char *out)
{
    if (d.year == 0 && d.month == 0 && d.day == 0) {
        out[0] = '\0';
        return;
    }
    /* Bounded fields: the result fits 11 bytes even for a bogus date. */
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)d.year % 10000u,
             (unsigned)d.month % 100u, (unsigned)d.day % 100u);
}

static period_date make_date(int year, int month, int day)
{
    period_date d = {year, month, day};
    return d;
}

static int date_cmp(period_date a, period_date b)
{
    if (a.year != b.year)
        return a.year < b.year ? -1 : 1;
    if (a.month != b.month)
        return a.month < b.month ? -1 : 1;
    if (a.day != b.day)
        return a.day < b.day ? -1 : 1;
    return 0;
}

static bool date_is_none(period_date d)
{
    return d.year == 0 && d.month == 0 && d.day == 0;
}

bool period_within_year(const period *p, int year)
{
    for (int i = 0; i < p->nranges; i++) {
        const period_range *r = &p->ranges[i];
        if (!date_is_none(r->start) && r->start.year != year)
            return false;
        if (!date_is_none(r->end) && r->end.year != year)
            return false;
    }
    return true;
}

/* ---- Tokenizer ------------------------------------------------------ */

typedef enum {
    TOK_END,
    TOK_WORD,       /* letters; word[] holds it lower-cased */
    TOK_NUMBER,     /* decimal digits */
    TOK_ROMAN,      /* I … XII in capital Latin letters */
    TOK_DASH,
    TOK_COMMA,      /* "," or ";" */
    TOK_DOT,
    TOK_OTHER,      /* any other character: always an error */
} tok_kind;

enum { WORD_MAX = 48 };

typedef struct {
    tok_kind kind;
    size_t off, end;        /* the token is bytes [off, end) of the text */
    int value;              /* NUMBER (capped at 99999), ROMAN */
    int digits;             /* NUMBER: how many digits were written */
    char word[WORD_MAX];    /* WORD: lower-cased UTF-8, "" if too long */
} token;

/*
 * Decode one code point at s into *c and return its length in bytes.  A
 * malformed sequence decodes as U+FFFD of length 1 so that the lexer always
 * moves on.  A continuation byte is never NUL, so this stops at the end of
 * the string.
 */
static size_t utf8_decode(const unsigned char *s, uint32_t *c)
{
    uint32_t cp = s[0];
    size_t n;

    if (cp < 0x80) {
        *c = cp;
        return 1;
    } else if ((cp & 0xE0) == 0xC0) {
        n = 1;
        cp &= 0x1F;
    } else if ((cp & 0xF0) == 0xE0) {
        n = 2;
        cp &= 0x0F;
    } else if ((cp & 0xF8) == 0xF0) {
        n = 3;
        cp &= 0x07;
    } else {
        *c = 0xFFFD;
        return 1;
    }
    for (size_t i = 1; i <= n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *c = 0xFFFD;
            return 1;
        }
        cp = cp << 6 | (s[i] & 0x3F);
    }
    *c = cp;
    return n + 1;
}

static bool is_space(uint32_t c)
{
    /* Typography puts no-break and thin spaces into dates («2020 г.»). */
    return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xA0 ||
           (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F ||
           c == 0x3000 || c == 0xFEFF;
}

static bool is_dash(uint32_t c)
{
    return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212;
}

static bool is_letter(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= 0x400 && c <= 0x4FF);
}

static uint32_t fold_case(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 0x20;
    if (c >= 0x410 && c <= 0x42F)       /* А … Я */
        return c + 0x20;
    if (c >= 0x400 && c <= 0x40F)       /* Ѐ … Џ, Ё among them */
        return c + 0x50;
    return c;
}

static int roman_value(const char *s, size_t n)
{
    static const char *const numerals[] = {
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
    };

    for (size_t i = 0; i < sizeof numerals / sizeof numerals[0]; i++)
        if (strlen(numerals[i]) == n && memcmp(numerals[i], s, n) == 0)
            return (int)i + 1;
    return 0;
}

/* The token that starts at or after byte pos (after white space). */
static token lex(const char *text, size_t pos)
{
    const unsigned char *s = (const unsigned char *)text;
    token t;
    uint32_t c;
    size_t n;

    memset(&t, 0, sizeof t);
    for (;;) {
        n = utf8_decode(s + pos, &c);
        if (!is_space(c))
            break;
        pos += n;
    }
    t.off = pos;

    if (c == 0) {
        t.kind = TOK_END;
        t.end = pos;
    } else if (c >= '0' && c <= '9') {
        t.kind = TOK_NUMBER;
        while (s[pos] >= '0' && s[pos] <= '9') {
            if (t.value < 100000)
                t.value = t.value * 10 + (s[pos] - '0');
            t.digits++;
            pos++;
        }
        if (t.value > 99999)
            t.value = 99999;
        t.end = pos;
    } else if (is_letter(c)) {
        size_t len = 0;
        bool fits = true;

        while (is_letter(c)) {
            uint32_t f = fold_case(c);
            if (len + 3 > WORD_MAX) {
                fits = false;
            } else if (f < 0x80) {
                t.word[len++] = (char)f;
            } else {            /* Cyrillic: two bytes */
                t.word[len++] = (char)(0xC0 | f >> 6);
                t.word[len++] = (char)(0x80 | (f & 0x3F));
            }
            pos += n;
            n = utf8_decode(s + pos, &c);
        }
        t.word[fits ? len : 0] = '\0';
        t.end = pos;
        t.value = roman_value(text + t.off, t.end - t.off);
        t.kind = t.value ? TOK_ROMAN : TOK_WORD;
    } else {
        t.kind = is_dash(c) ? TOK_DASH
               : c == ',' || c == ';' ? TOK_COMMA
               : c == '.' ? TOK_DOT
               : TOK_OTHER;
        t.end = pos + n;
    }
    return t;
}

/* ---- Words ---------------------------------------------------------- */

static bool word_in(const token *t, const char *const *words)
{
    if (t->kind != TOK_WORD)
        return false;
    for (; *words; words++)
        if (strcmp(t->word, *words) == 0)
            return true;
    return false;
}

static bool word_is(const token *t, const char *w)
{
    return t->kind == TOK_WORD && strcmp(t->word, w) == 0;
}

/* Month 1..12 named by the word in any case we meet, else 0. */
static int month_of(const token *t)
{
    static const char *const forms[12][4] = {
        {"январь", "января", "январе", NULL},
        {"февраль", "февраля", "феврале", NULL},
        {"март", "марта", "марте", NULL},
        {"апрель", "апреля", "апреле", NULL},
        {"май", "мая", "мае", NULL},
        {"июнь", "июня", "июне", NULL},
        {"июль", "июля", "июле", NULL},
        {"август", "августа", "августе", NULL},
        {"сентябрь", "сентября", "сентябре", NULL},
        {"октябрь", "октября", "октябре", NULL},
        {"ноябрь", "ноября", "ноябре", NULL},
        {"декабрь", "декабря", "декабре", NULL},
    };

    for (int m = 0; m < 12; m++)
        if (word_in(t, forms[m]))
            return m + 1;
    return 0;
}

static const char *const quarter_words[] = {
    "квартал", "квартала", "кварталы", "кварталов", "квартале", "кварталах",
    "кв", NULL,
};
static const char *const half_words[] = {
    "полугодие", "полугодия", "полугодии", "полугодий", "полугодиях", NULL,
};
static const char *const year_suffixes[] = {
    "г", "гг", "год", "года", "году", "годы", "годов", NULL,
};
/* «года» alone: the default year, as in «в течение года». */
static const char *const year_words[] = {"года", "год", NULL};
static const char *const ordinal_suffixes[] = {
    "й", "е", "го", "ое", "ий", "ый", "м", NULL,
};

static const char *const month_names_en[13] = {
    "", "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
};

/* ---- Parser state and errors ---------------------------------------- */

typedef enum {
    UNIT_BARE,      /* a number still waiting for its unit */
    UNIT_DAY,
    UNIT_MONTH,
    UNIT_QUARTER,
    UNIT_HALF,
    UNIT_YEAR,
} unit;

/* One calendar unit named by the text, and the dates it spans. */
typedef struct {
    unit unit;
    int day;                /* UNIT_DAY */
    int n;                  /* month, quarter, half, or a bare number */
    int year;               /* 0 until given or resolved */
    bool roman;             /* written as a roman numeral: never a day */
    size_t off, end;        /* its text without the year, for messages */
    size_t month_off;       /* where the month of 24.03.2020 is */
    period_date first, last;
} point;

typedef struct {
    point from, to;         /* to is used only for a range */
    bool range;
} item;

typedef struct {
    const char *text;
    token tok;              /* the current token */
    int default_year;
    bool year_given;
    item items[PERIOD_MAX_RANGES];
    int nitems;
    period_error *err;
} parser;

/* What the first token of a list may be, and any later item. */
static const char EXPECT_START[] =
    "a month, quarter, 'до', 'в течение года' or 'ежемесячно'";
static const char EXPECT_ITEM[] = "a day, month, quarter or half-year";

enum { QUOTE_MAX = 64 };

/*
 * Copy text[off, end) into q for a message, cut at a character boundary so
 * that a long text never leaves half a Cyrillic letter in the message.
 */
static const char *quote(const char *text, size_t off, size_t end,
                         char q[QUOTE_MAX])
{
    size_t n = end - off;

    if (n > QUOTE_MAX - 4) {
        n = QUOTE_MAX - 4;
        while (n > 0 && ((unsigned char)text[off + n] & 0xC0) == 0x80)
            n--;
        memcpy(q, text + off, n);
        memcpy(q + n, "...", 4);
    } else {
        memcpy(q, text + off, n);
        q[n] = '\0';
    }
    return q;
}

static const char *quote_point(const parser *p, const point *pt,
                               char q[QUOTE_MAX])
{
    return quote(p->text, pt->off, pt->end, q);
}

__attribute__((format(printf, 3, 4)))
static bool fail(parser *p, size_t off, const char *fmt, ...)
{
    char *m = p->err->message;
    size_t size = sizeof p->err->message;
    va_list ap;
    int n;

    p->err->offset = off;
    va_start(ap, fmt);
    n = vsnprintf(m, size, fmt, ap);
    va_end(ap);
    /* A truncated message must not end in half a UTF-8 character. */
    if (n >= 0 && (size_t)n >= size) {
        size_t len = size - 1;
        while (len > 0 && ((unsigned char)m[len] & 0xC0) == 0x80)
            len--;
        m[len] = '\0';
    }
    return false;
}

/* An error at the current token, which is not what was expected. */
static bool fail_expected(parser *p, const char *what, const char *expected)
{
    const token *t = &p->tok;
    char q[QUOTE_MAX];

    if (t->kind == TOK_END)
        return fail(p, t->off, "unexpected end of text; expected %s",
                    expected);
    quote(p->text, t->off, t->end, q);
    if (t->kind == TOK_WORD)
        return fail(p, t->off, "unknown %s '%s'; expected %s", what, q,
                    expected);
    /* The lexer makes a one-byte token of a byte that is not UTF-8. */
    if (t->kind == TOK_OTHER && t->end - t->off == 1 &&
        (unsigned char)q[0] >= 0x80)
        return fail(p, t->off, "invalid UTF-8; expected %s", expected);
    return fail(p, t->off, "unexpected '%s'; expected %s", q, expected);
}

static void advance(parser *p)
{
    p->tok = lex(p->text, p->tok.end);
}

static token peek(const parser *p)
{
    return lex(p->text, p->tok.end);
}

/* Whether b follows a with no space between, as in 24.03.2020 or 2020г. */
static bool adjacent(const token *a, const token *b)
{
    return a->end == b->off;
}

/* At the end of the text, allowing one final dot («ежемесячно.»). */
static bool at_end(parser *p)
{
    if (p->tok.kind == TOK_DOT && peek(p).kind == TOK_END)
        advance(p);
    return p->tok.kind == TOK_END;
}

static bool expect_end(parser *p, const char *expected)
{
    if (at_end(p))
        return true;
    return fail_expected(p, "word", expected);
}

/* ---- Points --------------------------------------------------------- */

/* «г.», «года» after a year; the dot only when it touches the «г». */
static void skip_year_suffix(parser *p)
{
    if (!word_in(&p->tok, year_suffixes))
        return;
    token suffix = p->tok;
    advance(p);
    if (p->tok.kind == TOK_DOT && adjacent(&suffix, &p->tok))
        advance(p);
}

/* num is a 4-digit number just read: pt's year, maybe with «г.» after. */
static bool take_year(parser *p, point *pt, const token *num)
{
    if (num->value < YEAR_MIN || num->value > YEAR_MAX)
        return fail(p, num->off, "year %d out of range %d to %d",
                    num->value, YEAR_MIN, YEAR_MAX);
    pt->year = num->value;
    p->year_given = true;
    skip_year_suffix(p);
    return true;
}

/* The year after a day, a month or a quarter, when there is one. */
static bool parse_year_opt(parser *p, point *pt)
{
    token num = p->tok;

    if (num.kind != TOK_NUMBER || num.digits != 4)
        return true;
    advance(p);
    return take_year(p, pt, &num);
}

/* «-й» in «1-й квартал», «2-е полугодие». */
static void skip_ordinal(parser *p, const token *num)
{
    if (p->tok.kind != TOK_DASH || !adjacent(num, &p->tok))
        return;
    token after = peek(p);
    if (word_in(&after, ordinal_suffixes) && adjacent(&p->tok, &after)) {
        advance(p);
        advance(p);
    }
}

/* 24.03.2020 or 24.03; the current token is the dot after the day. */
static bool parse_digital_date(parser *p, point *pt, const token *day)
{
    advance(p);                         /* the dot */
    pt->unit = UNIT_DAY;
    pt->day = day->value;
    pt->n = p->tok.value;
    pt->month_off = p->tok.off;
    pt->end = p->tok.end;
    token month = p->tok;
    advance(p);

    if (p->tok.kind != TOK_DOT || !adjacent(&month, &p->tok))
        return true;
    token year = peek(p);
    if (year.kind != TOK_NUMBER || !adjacent(&p->tok, &year))
        return true;
    advance(p);                         /* the dot */
    if (year.digits != 4) {
        char q[QUOTE_MAX];
        return fail(p, year.off, "expected a 4-digit year in '%s'",
                    quote(p->text, pt->off, year.end, q));
    }
    pt->end = year.end;
    advance(p);                         /* the year */
    return take_year(p, pt, &year);
}

/* A point that starts with a number or a roman numeral. */
static bool parse_numbered(parser *p, point *pt)
{
    token num = p->tok;
    char q[QUOTE_MAX];

    pt->n = num.value;
    pt->roman = num.kind == TOK_ROMAN;
    pt->end = num.end;
    advance(p);

    if (num.kind == TOK_NUMBER && p->tok.kind == TOK_DOT &&
        adjacent(&num, &p->tok)) {
        token month = peek(p);
        if (month.kind == TOK_NUMBER && adjacent(&p->tok, &month))
            return parse_digital_date(p, pt, &num);
    }
    skip_ordinal(p, &num);

    const token *t = &p->tok;
    int month = month_of(t);
    if (month) {
        if (pt->roman)
            return fail(p, num.off, "a roman numeral cannot be a day: '%s'",
                        quote(p->text, num.off, t->end, q));
        pt->unit = UNIT_DAY;
        pt->day = num.value;
        pt->n = month;
        pt->end = t->end;
        advance(p);
        return parse_year_opt(p, pt);
    }
    if (word_in(t, quarter_words) || word_in(t, half_words)) {
        token w = *t;
        pt->unit = word_in(t, quarter_words) ? UNIT_QUARTER : UNIT_HALF;
        pt->end = w.end;
        advance(p);
        if (word_is(&w, "кв") && p->tok.kind == TOK_DOT &&
            adjacent(&w, &p->tok))
            advance(p);
        return parse_year_opt(p, pt);
    }
    if (num.kind == TOK_NUMBER && num.digits == 4) {
        pt->unit = UNIT_YEAR;
        return take_year(p, pt, &num);
    }
    if (word_in(t, year_suffixes))
        return fail(p, num.off, "expected a 4-digit year, not '%s'",
                    quote(p->text, num.off, num.end, q));
    if (t->kind == TOK_WORD && !word_is(t, "по") && !word_is(t, "до") &&
        !word_is(t, "и")) {
        char expected[QUOTE_MAX + 48];
        snprintf(expected, sizeof expected,
                 "a month, 'квартал' or 'полугодие' after '%s'",
                 quote(p->text, num.off, num.end, q));
        return fail_expected(p, "month", expected);
    }
    pt->unit = UNIT_BARE;               /* «16» of «16-17 февраля» */
    return true;
}

static bool parse_point(parser *p, point *pt, const char *expected)
{
    memset(pt, 0, sizeof *pt);
    pt->off = pt->month_off = p->tok.off;

    if (p->tok.kind == TOK_NUMBER || p->tok.kind == TOK_ROMAN)
        return parse_numbered(p, pt);
    int month = month_of(&p->tok);
    if (!month)
        return fail_expected(p, "month", expected);
    pt->unit = UNIT_MONTH;
    pt->n = month;
    pt->end = p->tok.end;
    advance(p);
    return parse_year_opt(p, pt);
}

/* A point for a keyword that stands for a year: «в течение года». */
static void keyword_year(point *pt, const token *t)
{
    memset(pt, 0, sizeof *pt);
    pt->unit = UNIT_YEAR;
    pt->off = pt->month_off = t->off;
    pt->end = t->end;
}

/* ---- Items and lists ------------------------------------------------ */

static item *new_item(parser *p)
{
    if (p->nitems == PERIOD_MAX_RANGES) {
        fail(p, p->tok.off, "more than %d ranges", PERIOD_MAX_RANGES);
        return NULL;
    }
    item *it = &p->items[p->nitems++];
    memset(it, 0, sizeof *it);
    return it;
}

static bool parse_item(parser *p, const char *expected)
{
    item *it = new_item(p);

    if (!it)
        return false;
    if (word_is(&p->tok, "с")) {        /* «с 1 по 15 марта» */
        advance(p);
        if (!parse_point(p, &it->from, EXPECT_ITEM))
            return false;
        if (!word_is(&p->tok, "по") && !word_is(&p->tok, "до"))
            return fail_expected(p, "word", "'по' or 'до' after 'с ...'");
        advance(p);
        it->range = true;
        return parse_point(p, &it->to, EXPECT_ITEM);
    }
    if (!parse_point(p, &it->from, expected))
        return false;
    if (p->tok.kind != TOK_DASH)
        return true;
    advance(p);
    it->range = true;
    return parse_point(p, &it->to, EXPECT_ITEM);
}

static bool parse_list(parser *p, const char *expected)
{
    if (!parse_item(p, expected))
        return false;
    while (!at_end(p)) {
        if (p->tok.kind == TOK_COMMA || p->tok.kind == TOK_DOT ||
            word_is(&p->tok, "и"))
            advance(p);
        if (!parse_item(p, EXPECT_ITEM))
            return false;
    }
    return true;
}

/*
 * «года», «учебного года»: the default year, into pt; false (and nothing
 * read) if the text does not say so.  A school year is taken as the
 * calendar year: the roadmap's year is the one that matters.
 */
static bool parse_year_word(parser *p, point *pt)
{
    token first = p->tok;

    if (word_is(&first, "учебного")) {
        token next = peek(p);
        if (!word_in(&next, year_words))
            return false;
        advance(p);
    } else if (!word_in(&first, year_words)) {
        return false;
    }
    keyword_year(pt, &first);
    pt->end = p->tok.end;
    advance(p);
    return true;
}

/* After «до» / «не позднее»: a day, or «конца» of a month, quarter, year. */
static bool parse_deadline(parser *p, bool *end_of)
{
    item *it = new_item(p);

    if (!it)
        return false;
    *end_of = word_is(&p->tok, "конца");
    if (*end_of) {
        advance(p);
        if (!parse_year_word(p, &it->from) &&
            !parse_point(p, &it->from, "a month, quarter or year after 'конца'"))
            return false;
    } else if (!parse_point(p, &it->from,
                            "a day such as '10 апреля' or 'конца'")) {
        return false;
    }
    return expect_end(p, "the end of the text after the deadline");
}

/* After «в течение» (at start): «года», or what the year is spent on. */
static bool parse_during(parser *p, const token *start)
{
    point year;

    if (parse_year_word(p, &year)) {
        year.off = start->off;          /* messages quote «в течение года» */
        item *it = new_item(p);
        if (!it)
            return false;
        it->from = year;
        return expect_end(p, "the end of the text after 'в течение года'");
    }
    return parse_list(p, "a year, month or quarter");
}

/* «ежемесячно» [«в течение» года | 2022 года]; t is the keyword. */
static bool parse_recurrence(parser *p, const token *t)
{
    item *it = new_item(p);
    char q[QUOTE_MAX];
    char expected[QUOTE_MAX + 48];
    token next;

    if (!it)
        return false;
    keyword_year(&it->from, t);
    advance(p);
    if (at_end(p))
        return true;
    next = peek(p);
    if (word_is(&p->tok, "в") && word_is(&next, "течение")) {
        advance(p);
        advance(p);
    }
    snprintf(expected, sizeof expected,
             "a year or the end of the text after '%s'",
             quote(p->text, t->off, t->end, q));
    if (parse_year_word(p, &it->from)) {
        /* The year word is the keyword of the message, not «года». */
        it->from.off = t->off;
        it->from.end = t->end;
        return expect_end(p, expected);
    }
    if (p->tok.kind == TOK_NUMBER && p->tok.digits == 4) {
        token num = p->tok;
        advance(p);
        if (!take_year(p, &it->from, &num))
            return false;
        return expect_end(p, expected);
    }
    return fail_expected(p, "word", expected);
}

/* ---- Resolution ----------------------------------------------------- */

/* A bare number takes the unit of the point on its right. */
static bool resolve_bare(parser *p, point *pt, const point *right)
{
    char q[QUOTE_MAX];

    if (!right || right->unit == UNIT_MONTH || right->unit == UNIT_YEAR)
        return fail(p, pt->off,
                    "expected a month, 'квартал' or 'полугодие' after '%s'",
                    quote_point(p, pt, q));
    if (right->unit == UNIT_DAY) {
        if (pt->roman)
            return fail(p, pt->off, "a roman numeral cannot be a day: '%s'",
                        quote_point(p, pt, q));
        pt->day = pt->n;
        pt->n = right->n;
    }
    pt->unit = right->unit;
    return true;
}

/* Check pt against the calendar and set the dates it spans. */
static bool point_dates(parser *p, point *pt)
{
    char q[QUOTE_MAX];
    int y = pt->year;

    switch (pt->unit) {
    case UNIT_DAY:
        if (pt->n < 1 || pt->n > 12)
            return fail(p, pt->month_off, "no such month in '%s'",
                        quote_point(p, pt, q));
        if (pt->day < 1 || pt->day > period_days_in_month(y, pt->n))
            return fail(p, pt->off, "no such day '%s': %s %d has %d days",
                        quote_point(p, pt, q), month_names_en[pt->n], y,
                        period_days_in_month(y, pt->n));
        pt->first = pt->last = make_date(y, pt->n, pt->day);
        return true;
    case UNIT_MONTH:
        pt->first = make_date(y, pt->n, 1);
        pt->last = make_date(y, pt->n, period_days_in_month(y, pt->n));
        return true;
    case UNIT_QUARTER:
        if (pt->n < 1 || pt->n > 4)
            return fail(p, pt->off,
                        "no such quarter '%s'; a year has quarters 1 to 4",
                        quote_point(p, pt, q));
        pt->first = make_date(y, 3 * pt->n - 2, 1);
        pt->last = make_date(y, 3 * pt->n,
                             period_days_in_month(y, 3 * pt->n));
        return true;
    case UNIT_HALF:
        if (pt->n < 1 || pt->n > 2)
            return fail(p, pt->off,
                        "no such half-year '%s'; a year has half-years 1 and 2",
                        quote_point(p, pt, q));
        pt->first = make_date(y, 6 * pt->n - 5, 1);
        pt->last = make_date(y, 6 * pt->n, period_days_in_month(y, 6 * pt->n));
        return true;
    case UNIT_YEAR:
        pt->first = make_date(y, 1, 1);
        pt->last = make_date(y, 12, 31);
        return true;
    case UNIT_BARE:
        break;
    }
    return fail(p, pt->off, "internal error: unresolved '%s'",
                quote_point(p, pt, q));
}

/*
 * Resolve bare numbers and missing years from right to left (the shared
 * parts of a Russian date come last), then check every point and range.
 */
static bool resolve(parser *p)
{
    point *pts[2 * PERIOD_MAX_RANGES];
    int n = 0;
    char q[QUOTE_MAX], q2[QUOTE_MAX];

    for (int i = 0; i < p->nitems; i++) {
        pts[n++] = &p->items[i].from;
        if (p->items[i].range)
            pts[n++] = &p->items[i].to;
    }

    const point *right = NULL;
    for (int i = n - 1; i >= 0; i--) {
        if (pts[i]->unit == UNIT_BARE && !resolve_bare(p, pts[i], right))
            return false;
        right = pts[i];
    }

    int year = p->default_year;
    for (int i = n - 1; i >= 0; i--) {
        if (pts[i]->year)
            year = pts[i]->year;
        else if (year)
            pts[i]->year = year;
        else
            return fail(p, pts[i]->off,
                        "missing year for '%s' and no default year",
                        quote_point(p, pts[i], q));
    }

    for (int i = 0; i < n; i++)
        if (!point_dates(p, pts[i]))
            return false;

    for (int i = 0; i < p->nitems; i++) {
        const item *it = &p->items[i];
        if (it->range && (date_cmp(it->to.first, it->from.first) < 0 ||
                          date_cmp(it->to.last, it->from.last) < 0))
            return fail(p, it->to.off, "range goes backwards: '%s' is before '%s'",
                        quote_point(p, &it->to, q),
                        quote_point(p, &it->from, q2));
    }
    return true;
}

/* ---- Entry point ---------------------------------------------------- */

/* Which period the text states; fills p->items. */
static bool parse_period(parser *p, period_kind *kind, bool *deadline_end_of)
{
    const token t = p->tok;
    token next = peek(p);

    *kind = PERIOD_DATES;
    if (t.kind == TOK_END)
        return fail(p, t.off, "empty period; expected %s", EXPECT_START);

    if (word_is(&t, "до") || (word_is(&t, "не") && word_is(&next, "позднее")) ||
        (word_is(&t, "в") && word_is(&next, "срок"))) {
        *kind = PERIOD_DEADLINE;
        if (!word_is(&t, "до")) {
            advance(p);
            advance(p);
            if (word_is(&t, "в")) {     /* «в срок до» */
                if (!word_is(&p->tok, "до"))
                    return fail_expected(p, "word", "'до' after 'в срок'");
                advance(p);
            }
        } else {
            advance(p);
        }
        return parse_deadline(p, deadline_end_of);
    }
    if (word_is(&t, "в") && word_is(&next, "течение")) {
        advance(p);
        advance(p);
        if (!parse_during(p, &t))
            return false;
    } else if (word_is(&t, "ежемесячно") || word_is(&t, "ежеквартально") ||
               word_is(&t, "ежегодно") || word_is(&t, "постоянно")) {
        *kind = word_is(&t, "ежемесячно") ? PERIOD_MONTHLY
              : word_is(&t, "ежеквартально") ? PERIOD_QUARTERLY
              : PERIOD_YEAR;
        return parse_recurrence(p, &t);
    } else if (word_is(&t, "в")) {      /* «в марте 2022», «в I квартале» */
        advance(p);
        if (!parse_list(p, EXPECT_ITEM))
            return false;
    } else if (!parse_list(p, EXPECT_START)) {
        return false;
    }
    /* «2022 год», «в течение года»: one whole year. */
    if (p->nitems == 1 && !p->items[0].range &&
        p->items[0].from.unit == UNIT_YEAR)
        *kind = PERIOD_YEAR;
    return true;
}

bool period_parse(const char *text, int default_year, period *out,
                  period_error *err)
{
    period_error spare;
    parser p;
    period_kind kind;
    bool end_of = false;
    char q[QUOTE_MAX];

    if (!err)
        err = &spare;
    memset(err, 0, sizeof *err);
    if (!text) {
        snprintf(err->message, sizeof err->message, "no period text");
        return false;
    }
    memset(&p, 0, sizeof p);
    p.text = text;
    p.default_year = default_year;
    p.err = err;
    p.tok = lex(text, 0);

    if (!parse_period(&p, &kind, &end_of) || !resolve(&p))
        return false;

    const point *target = &p.items[0].from;
    if (kind == PERIOD_DEADLINE && !end_of && target->unit != UNIT_DAY)
        return fail(&p, target->off,
                    "a deadline needs a day, as in 'до 10 апреля', or "
                    "'до конца' of a period: '%s'", quote_point(&p, target, q));

    memset(out, 0, sizeof *out);
    out->kind = kind;
    out->year_given = p.year_given;
    out->nranges = p.nitems;
    for (int i = 0; i < p.nitems; i++) {
        const item *it = &p.items[i];
        out->ranges[i].start = it->from.first;
        out->ranges[i].end = it->range ? it->to.last : it->from.last;
    }
    if (kind == PERIOD_DEADLINE)
        out->ranges[0].start = make_date(0, 0, 0);
    return true;
}
