/*
 * typo.c: Russian typography on one text node (see typo.h).
 *
 * The node is decoded into code points and walked once, left to right.
 * Only spaces, dashes and quotes are ever replaced, and now and then a
 * no-break space is inserted, so the walk is a copy with a few decisions;
 * each decision is a small predicate that looks at the code points around
 * the current one.
 *
 * So that the predicates can look back across a node boundary, the walk
 * runs over the tail of what the block's earlier nodes became (kept in
 * typo_state) followed by the node, and writes only the node.  Looking
 * ahead across a boundary is impossible; where a rule would need to, the
 * choice made is written at the rule.
 *
 * Every rule maps its own output to itself and takes a no-break space for
 * a space, so typesetting typeset text changes nothing.
 */
#include "typo.h"

#include "buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
    NBSP = 0x00A0,
    NNBSP = 0x202F,         /* narrow no-break space */
    EN_DASH = 0x2013,
    EM_DASH = 0x2014,
    LAQUO = 0x00AB,         /* « */
    RAQUO = 0x00BB,         /* » */
    BDQUO = 0x201E,         /* „ */
    LDQUO = 0x201C,         /* “ */
    RDQUO = 0x201D,         /* ” */
    RSQUO = 0x2019,         /* ’, the typographic apostrophe */
    ELLIPSIS = 0x2026,
    NUMERO = 0x2116,        /* № */
    SECTION = 0x00A7,       /* § */
    /*
     * A byte that does not start valid UTF-8 is carried as RAW_BYTE + byte:
     * a lone surrogate, which valid UTF-8 cannot encode, so it cannot be
     * mistaken for text and is written back as the same byte.
     */
    RAW_BYTE = 0xDC00,
};

/* ---- code points ------------------------------------------------------ */

typedef struct {
    uint32_t *v;
    size_t len, cap;
} cpvec;

static void cpvec_push(cpvec *a, uint32_t c)
{
    if (a->len == a->cap) {
        a->cap = a->cap ? 2 * a->cap : 64;
        a->v = xrealloc(a->v, a->cap * sizeof *a->v);
    }
    a->v[a->len++] = c;
}

/* Decodes the code point at *s and moves *s past it. */
static uint32_t utf8_next(const unsigned char **s)
{
    const unsigned char *p = *s;
    uint32_t c = p[0];
    uint32_t min;
    int len;

    if (c < 0x80) {
        *s = p + 1;
        return c;
    }
    if ((c & 0xE0) == 0xC0) {
        len = 2;
        c &= 0x1F;
        min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3;
        c &= 0x0F;
        min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4;
        c &= 0x07;
        min = 0x10000;
    } else {
        len = 0;
        min = 0;
    }
    for (int k = 1; k < len; k++) {
        if ((p[k] & 0xC0) != 0x80) {    /* also stops at the NUL */
            len = 0;
            break;
        }
        c = (c << 6) | (p[k] & 0x3F);
    }
    if (len == 0 || c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
        *s = p + 1;
        return RAW_BYTE + p[0];
    }
    *s = p + len;
    return c;
}

static void utf8_put(buf *b, uint32_t c)
{
    char s[4];
    size_t n;

    if (c >= RAW_BYTE + 0x80 && c <= RAW_BYTE + 0xFF) {
        buf_addc(b, (char)(c - RAW_BYTE));
        return;
    }
    if (c < 0x80) {
        s[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        s[0] = (char)(0xC0 | c >> 6);
        s[1] = (char)(0x80 | (c & 0x3F));
        n = 2;
    } else if (c < 0x10000) {
        s[0] = (char)(0xE0 | c >> 12);
        s[1] = (char)(0x80 | (c >> 6 & 0x3F));
        s[2] = (char)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        s[0] = (char)(0xF0 | c >> 18);
        s[1] = (char)(0x80 | (c >> 12 & 0x3F));
        s[2] = (char)(0x80 | (c >> 6 & 0x3F));
        s[3] = (char)(0x80 | (c & 0x3F));
        n = 4;
    }
    buf_add(b, s, n);
}

/* ---- classes of code points ------------------------------------------- */

static bool is_line_break(uint32_t c) { return c == '\n' || c == '\r'; }
static bool is_nobreak(uint32_t c) { return c == NBSP || c == NNBSP; }

static bool is_space(uint32_t c)
{
    return c == ' ' || c == '\t' || is_line_break(c) || is_nobreak(c);
}

static bool is_hspace(uint32_t c) { return is_space(c) && !is_line_break(c); }
static bool is_dash(uint32_t c) { return c == '-' || c == EN_DASH || c == EM_DASH; }
static bool is_digit(uint32_t c) { return c >= '0' && c <= '9'; }
static bool is_latin(uint32_t c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static bool is_cyrillic(uint32_t c) { return c >= 0x0400 && c <= 0x04FF; }
static bool is_letter(uint32_t c) { return is_latin(c) || is_cyrillic(c); }

static bool is_upper(uint32_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 0x0400 && c <= 0x042F);
}

static bool is_lower(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 0x0430 && c <= 0x045F);
}

/* Lower case for the letters the word lists need (Latin, Russian). */
static uint32_t fold(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 0x20;
    if (c >= 0x0410 && c <= 0x042F)
        return c + 0x20;
    if (c >= 0x0400 && c <= 0x040F)
        return c + 0x50;
    return c;
}

/* c is one of the ASCII characters in set. */
static bool in_set(uint32_t c, const char *set)
{
    return c != 0 && c < 0x80 && strchr(set, (int)c) != NULL;
}

/* Punctuation that ends a phrase: no word follows it on the same side. */
static bool closes_phrase(uint32_t c)
{
    return in_set(c, ".,;:!?)]}") || c == ELLIPSIS;
}

/* ---- the walk --------------------------------------------------------- */

typedef struct {
    cpvec in;           /* context from earlier nodes, then this node */
    ptrdiff_t first;    /* index in `in` of this node's first code point */
    bool block_start;   /* no context: the node starts the block */
    int depth;          /* open quotes */
    cpvec hist;         /* the same context, then what has been written */
    buf out;            /* this node, typeset */
} typo_run;

/* The code point at j, or 0 outside the text (before the context or
 * past the node): 0 is neither a letter, a digit nor a space. */
static uint32_t at(const typo_run *r, ptrdiff_t j)
{
    return j >= 0 && (size_t)j < r->in.len ? r->in.v[j] : 0;
}

static uint32_t last_written(const typo_run *r)
{
    return r->hist.len ? r->hist.v[r->hist.len - 1] : 0;
}

static void put(typo_run *r, uint32_t c)
{
    utf8_put(&r->out, c);
    cpvec_push(&r->hist, c);
}

/* in[s, e) spells word (UTF-8, lower case), ignoring case. */
static bool spells(const typo_run *r, ptrdiff_t s, ptrdiff_t e, const char *word)
{
    const unsigned char *w = (const unsigned char *)word;

    for (ptrdiff_t j = s; j < e; j++)
        if (*w == '\0' || fold(at(r, j)) != utf8_next(&w))
            return false;
    return *w == '\0';
}

static bool spells_one_of(const typo_run *r, ptrdiff_t s, ptrdiff_t e,
                          const char *const *words)
{
    for (; *words; words++)
        if (spells(r, s, e, *words))
            return true;
    return false;
}

/* Past the end of the run of letters that starts at j. */
static ptrdiff_t word_end(const typo_run *r, ptrdiff_t j)
{
    while (is_letter(at(r, j)))
        j++;
    return j;
}

/* Start of the run of letters that ends at j. */
static ptrdiff_t word_start(const typo_run *r, ptrdiff_t j)
{
    while (is_letter(at(r, j - 1)))
        j--;
    return j;
}

/* j is the start of a line: of the block, or after a line break. */
static bool starts_line(const typo_run *r, ptrdiff_t j)
{
    return (j == 0 && r->block_start) || is_line_break(at(r, j - 1));
}

/* ---- words the rules know --------------------------------------------- */

static const char *const month_genitive[] = {
    "января", "февраля", "марта", "апреля", "мая", "июня", "июля",
    "августа", "сентября", "октября", "ноября", "декабря", NULL,
};

/* The other forms that come before a year: «Март 2022», «в мае 2020». */
static const char *const month_other[] = {
    "январь", "февраль", "март", "апрель", "май", "июнь", "июль",
    "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
    "январе", "феврале", "марте", "апреле", "мае", "июне", "июле",
    "августе", "сентябре", "октябре", "ноябре", "декабре", NULL,
};

/* Abbreviations that are units only with their dot: «г» alone is a word. */
static const char *const units_dotted[] = {"г", "гг", "с", "ч", NULL};

/* Units whose dot is optional. */
static const char *const units_bare[] = {"млн", "млрд", "тыс", "руб", NULL};

/* A unit abbreviation (г., гг., с., ч., млн, млрд, тыс., руб.) starts at j.
 * Capitals are not units: «Г.» is an initial. */
static bool unit_at(const typo_run *r, ptrdiff_t j)
{
    ptrdiff_t e = word_end(r, j);

    if (e == j || is_upper(at(r, j)))
        return false;
    if (at(r, e) == '.' && spells_one_of(r, j, e, units_dotted))
        return true;
    return spells_one_of(r, j, e, units_bare);
}

/* A month in the genitive («марта») starts at j. */
static bool genitive_month_at(const typo_run *r, ptrdiff_t j)
{
    return spells_one_of(r, j, word_end(r, j), month_genitive);
}

/* A month in any form ends at j. */
static bool month_ends_at(const typo_run *r, ptrdiff_t j)
{
    ptrdiff_t s = word_start(r, j + 1);

    return s <= j && (spells_one_of(r, s, j + 1, month_genitive)
                      || spells_one_of(r, s, j + 1, month_other));
}

/* A year of four digits starts at j. */
static bool year_at(const typo_run *r, ptrdiff_t j)
{
    for (ptrdiff_t k = 0; k < 4; k++)
        if (!is_digit(at(r, j + k)))
            return false;
    return !is_digit(at(r, j + 4));
}

/* ---- rule 3: number ranges -------------------------------------------- */

/* The number in [s, e] is written with a leading zero: 03, 021. */
static bool leading_zero(const typo_run *r, ptrdiff_t s, ptrdiff_t e)
{
    return e > s && at(r, s) == '0';
}

/* What stands at j, just before a number, lets the number be one end of a
 * range: not a letter (А1), not a link of a chain (8-351, 03/, +7), not
 * a decimal or dotted number (7.0.97), not a number after №. */
static bool free_before_number(const typo_run *r, ptrdiff_t j)
{
    uint32_t c = at(r, j);

    if (is_letter(c) || is_dash(c) || in_set(c, "/\\_+@#") || c == NUMERO)
        return false;
    if (in_set(c, ".,:") && is_digit(at(r, j - 1)))
        return false;
    if (is_hspace(c) && at(r, j - 1) == NUMERO)
        return false;
    return true;
}

/* Likewise just after a number, at j.  A unit may follow directly
 * («2016-2019гг.»); the end of a sentence may follow («2016-2019.»). */
static bool free_after_number(const typo_run *r, ptrdiff_t j)
{
    uint32_t c = at(r, j);

    if (is_letter(c))
        return unit_at(r, j);
    if (is_dash(c) || in_set(c, "/\\_@"))
        return false;
    if (in_set(c, ".,:") && is_digit(at(r, j + 1)))
        return false;
    return true;
}

/*
 * A dash between the number ending at le and the number starting at rs is
 * a range (2016-2019, 16-17, «2016 – 2019»).  Not ranges: chains with more
 * than one dash (8-351-263-88-99, 2022-02-30), numbers with a leading zero
 * or a letter (03-021, 273-ФЗ), registration numbers (03-02/128, № 12-34),
 * and, when spaced, a year closing a date («1 января 2020 - 31 декабря»),
 * which keeps its em dash.
 */
static bool range_between(const typo_run *r, ptrdiff_t le, ptrdiff_t rs, bool spaced)
{
    ptrdiff_t lb = le, re = rs;

    while (is_digit(at(r, lb)))
        lb--;
    while (is_digit(at(r, re)))
        re++;
    if (lb == le || re == rs)
        return false;
    if (leading_zero(r, lb + 1, le) || leading_zero(r, rs, re - 1))
        return false;
    if (!free_before_number(r, lb) || !free_after_number(r, re))
        return false;
    if (spaced && is_hspace(at(r, lb)) && month_ends_at(r, lb - 1))
        return false;
    return true;
}

/* ---- rule 9: addresses ------------------------------------------------- */

/* An address may start at i: it does not continue a word or an address. */
static bool token_starts(const typo_run *r, ptrdiff_t i)
{
    uint32_t prev = at(r, i - 1);

    return !is_letter(prev) && !is_digit(prev) && !in_set(prev, "._%+-@/:");
}

static bool ascii_prefix(const typo_run *r, ptrdiff_t i, const char *prefix)
{
    for (; *prefix; prefix++, i++)
        if (fold(at(r, i)) != (uint32_t)(unsigned char)*prefix)
            return false;
    return true;
}

/* c may stand inside a URL (Cyrillic too: http://президент.рф). */
static bool in_url(uint32_t c)
{
    return c != 0 && !is_space(c) && !in_set(c, "<>")
        && c != LAQUO && c != RAQUO && c != BDQUO && c != LDQUO && c != RDQUO;
}

/*
 * Length of a URL at i, 0 if none.  A URL runs to a space or to a
 * character that cannot be in one; trailing punctuation belongs to the
 * sentence («см. https://x.ru/a.», «"https://x.ru"»), except a closing
 * parenthesis that closes one inside the URL.
 */
static ptrdiff_t url_length(const typo_run *r, ptrdiff_t i)
{
    static const char *const prefixes[] = {
        "http://", "https://", "ftp://", "www.", NULL,
    };
    const char *const *p = prefixes;
    ptrdiff_t e = i;
    int parens = 0;     /* '(' minus ')' inside [i, e) */

    while (*p && !ascii_prefix(r, i, *p))
        p++;
    if (!*p)
        return 0;
    while (in_url(at(r, e))) {
        parens += (at(r, e) == '(') - (at(r, e) == ')');
        e++;
    }
    while (e > i) {
        uint32_t c = at(r, e - 1);
        if (c == ')' && parens < 0)
            parens++;
        else if (!in_set(c, ".,;:!?\"']"))
            break;
        e--;
    }
    return e - i;
}

static bool is_mailbox_char(uint32_t c)
{
    return is_letter(c) || is_digit(c) || in_set(c, "._%+-");
}

static bool is_domain_char(uint32_t c)
{
    return is_letter(c) || is_digit(c) || in_set(c, ".-");
}

/* Length of an e-mail address at i (name@host.zone), 0 if none. */
static ptrdiff_t email_length(const typo_run *r, ptrdiff_t i)
{
    ptrdiff_t a = i, e;
    bool dot = false;

    while (is_mailbox_char(at(r, a)))
        a++;
    if (a == i || at(r, a) != '@')
        return 0;
    for (e = a + 1; is_domain_char(at(r, e)); e++)
        ;
    while (e > a + 1 && in_set(at(r, e - 1), ".-"))
        e--;
    for (ptrdiff_t j = a + 2; j < e; j++)
        dot = dot || at(r, j) == '.';
    return dot ? e - i : 0;
}

static ptrdiff_t address_length(const typo_run *r, ptrdiff_t i)
{
    ptrdiff_t n;

    if (!token_starts(r, i))
        return 0;
    n = url_length(r, i);
    return n ? n : email_length(r, i);
}

/* ---- rule 1: quotes ---------------------------------------------------- */

/* A straight quote opens after the start of the block, a space, an
 * opening bracket, an opening quote or a dash, and closes elsewhere. */
static bool quote_opens_after(uint32_t prev)
{
    return prev == 0 || is_space(prev) || in_set(prev, "([{")
        || prev == LAQUO || prev == BDQUO || is_dash(prev);
}

static bool is_quote(uint32_t c)
{
    return c == '"' || c == LAQUO || c == RAQUO || c == BDQUO || c == LDQUO
        || c == RDQUO;
}

/*
 * Rule 1: «» outside, „“ inside, whatever the source used.  « and „
 * always open, » and ” always close; " and “ open or close by what comes
 * before (prev), except that “ inside „ closes it (“ is the Russian inner
 * closing quote as well as the English opening one).
 */
static bool quote_opens(const typo_run *r, uint32_t c, uint32_t prev)
{
    if (c == LAQUO || c == BDQUO)
        return true;
    if (c == RAQUO || c == RDQUO || (c == LDQUO && r->depth >= 2))
        return false;
    return quote_opens_after(prev);
}

/* ---- rules that glue a space ------------------------------------------ */

/* Rule 7: «в целях», «по плану».  A one- or two-letter Cyrillic word
 * before the space at i, and a word after it.  A space that ends the node
 * is glued too: a node ends in a space only before an inline (*целях*). */
static bool short_word_before(const typo_run *r, ptrdiff_t i)
{
    ptrdiff_t s = word_start(r, i);
    ptrdiff_t len = i - s;
    uint32_t before = at(r, s - 1), next = at(r, i + 1);

    if (len < 1 || len > 2 || !is_cyrillic(at(r, s)) || !is_cyrillic(at(r, i - 1)))
        return false;
    /* «5-й», «кто-то», «т.е.», «e-mail»: part of a longer token. */
    if (is_digit(before) || is_dash(before) || in_set(before, "./@_'") || before == RSQUO)
        return false;
    if (is_quote(next))     /* as it will be written: „ glues, “ does not */
        return quote_opens(r, next, ' ');
    return next == 0 || !(is_space(next) || is_dash(next) || closes_phrase(next));
}

/* One capital letter and a dot start at j: an initial. */
static bool initial_at(const typo_run *r, ptrdiff_t j)
{
    return is_upper(at(r, j)) && at(r, j + 1) == '.' && !is_letter(at(r, j - 1));
}

/* A capitalised word starts at j: a surname. */
static bool surname_at(const typo_run *r, ptrdiff_t j)
{
    return is_upper(at(r, j)) && is_lower(at(r, j + 1)) && !is_letter(at(r, j - 1));
}

/* Rule 6: «А.И. Кузнецов», «А. И. Кузнецов», «Кузнецов А.И.». */
static bool initials_around(const typo_run *r, ptrdiff_t i)
{
    if (at(r, i - 1) == '.' && initial_at(r, i - 2))
        return initial_at(r, i + 1) || surname_at(r, i + 1);
    return is_letter(at(r, i - 1)) && surname_at(r, word_start(r, i))
        && initial_at(r, i + 1);
}

/* Rule 8: «29 марта», «марта 2017», «в мае 2020». */
static bool date_around(const typo_run *r, ptrdiff_t i)
{
    ptrdiff_t s = i - 1;

    while (is_digit(at(r, s)))
        s--;
    if (i - 1 - s >= 1 && i - 1 - s <= 2 && genitive_month_at(r, i + 1))
        return true;
    return month_ends_at(r, i - 1) && year_at(r, i + 1);
}

/* The space at i must not break a line. */
static bool glued(const typo_run *r, ptrdiff_t i)
{
    uint32_t prev = at(r, i - 1);

    return prev == NUMERO || prev == SECTION            /* rule 4 */
        || (is_digit(prev) && unit_at(r, i + 1))        /* rule 5 */
        || initials_around(r, i)                        /* rule 6 */
        || short_word_before(r, i)                      /* rule 7 */
        || date_around(r, i);                           /* rule 8 */
}

/* A no-break space the source left out goes after the code point at i:
 * «№5» → «№ 5» (rule 4), «2020г.» → «2020 г.» (rule 5).  «№№» stays
 * together: a № is followed by a space only before a letter or digit. */
static bool space_missing_after(const typo_run *r, ptrdiff_t i)
{
    uint32_t c = at(r, i), next = at(r, i + 1);

    if (c == NUMERO || c == SECTION)
        return is_letter(next) || is_digit(next);
    return is_digit(c) && unit_at(r, i + 1);
}

/* ---- steps: each writes what in[i] becomes, returns where to go on ---- */

static ptrdiff_t step_space(typo_run *r, ptrdiff_t i)
{
    uint32_t c = at(r, i), dash = at(r, i + 1);

    /* A line break is kept: the dash after it opens a line (rule 2). */
    if (is_line_break(c)) {
        put(r, c);
        return i + 1;
    }
    if (is_dash(dash) && is_hspace(at(r, i + 2))) {
        /* Rule 3: «2016 - 2019» → «2016–2019». */
        if (dash != EM_DASH && range_between(r, i - 1, i + 3, true)) {
            put(r, EN_DASH);
            return i + 3;
        }
        /* Rule 2: « - » → NBSP, em dash, space. */
        put(r, NBSP);
        put(r, EM_DASH);
        put(r, ' ');
        return i + 3;
    }
    /* An existing no-break space (even a narrow one) is kept as written. */
    put(r, glued(r, i) && !is_nobreak(c) ? NBSP : c);
    return i + 1;
}

static ptrdiff_t step_dash(typo_run *r, ptrdiff_t i)
{
    uint32_t c = at(r, i);

    /* Rule 3: 2016-2019, and an em dash between numbers, → en dash. */
    if (c != EN_DASH && range_between(r, i - 1, i + 1, false)) {
        put(r, EN_DASH);
        return i + 1;
    }
    /* Rule 2: a dialogue or list dash opening a line keeps its own glyph
     * and is glued to the word after it. */
    if (starts_line(r, i) && is_hspace(at(r, i + 1))) {
        put(r, c);
        put(r, NBSP);
        return i + 2;
    }
    /* A spaced dash whose leading space ended the previous node: that
     * space is already written and cannot become a no-break space. */
    if (is_hspace(at(r, i - 1)) && is_hspace(at(r, i + 1))) {
        put(r, EM_DASH);
        put(r, ' ');
        return i + 2;
    }
    put(r, c);
    return i + 1;
}

static void step_quote(typo_run *r, uint32_t c)
{
    if (quote_opens(r, c, last_written(r))) {
        put(r, r->depth == 0 ? LAQUO : BDQUO);
        r->depth++;
    } else if (r->depth == 0) {
        put(r, RAQUO);      /* unbalanced: left as a closing ёлочка */
    } else {
        r->depth--;
        put(r, r->depth == 0 ? RAQUO : LDQUO);
    }
}

static ptrdiff_t step(typo_run *r, ptrdiff_t i)
{
    uint32_t c = at(r, i);
    ptrdiff_t n = address_length(r, i);

    if (n > 0) {            /* rule 9: copied as written */
        for (ptrdiff_t k = 0; k < n; k++)
            put(r, at(r, i + k));
        return i + n;
    }
    if (is_space(c))
        return step_space(r, i);
    if (is_dash(c))
        return step_dash(r, i);
    if (is_quote(c)) {
        step_quote(r, c);
        return i + 1;
    }
    put(r, c);
    if (space_missing_after(r, i))
        put(r, NBSP);
    return i + 1;
}

/* ---- public ------------------------------------------------------------ */

void typo_state_init(typo_state *st)
{
    memset(st, 0, sizeof *st);
}

static void run_init(typo_run *r, const typo_state *st, const char *text)
{
    int tail_len = st->tail_len;

    memset(r, 0, sizeof *r);
    r->depth = st->quote_depth > 0 ? st->quote_depth : 0;
    if (tail_len < 0 || tail_len > TYPO_TAIL)
        tail_len = 0;
    if (st->prev != 0 && (tail_len == 0 || st->tail[tail_len - 1] != st->prev)) {
        cpvec_push(&r->in, (uint32_t)st->prev);
        cpvec_push(&r->hist, (uint32_t)st->prev);
    } else {
        for (int k = 0; k < tail_len; k++) {
            cpvec_push(&r->in, (uint32_t)st->tail[k]);
            cpvec_push(&r->hist, (uint32_t)st->tail[k]);
        }
    }
    r->first = (ptrdiff_t)r->in.len;
    r->block_start = r->in.len == 0;
    for (const unsigned char *s = (const unsigned char *)text; *s; )
        cpvec_push(&r->in, utf8_next(&s));
}

static void run_save(const typo_run *r, typo_state *st)
{
    size_t keep = r->hist.len < TYPO_TAIL ? r->hist.len : TYPO_TAIL;
    size_t from = r->hist.len - keep;

    st->quote_depth = r->depth;
    for (size_t k = 0; k < keep; k++)
        st->tail[k] = (int)r->hist.v[from + k];
    st->tail_len = (int)keep;
    if (keep > 0)
        st->prev = st->tail[keep - 1];
}

char *typo_apply(typo_state *st, const char *text)
{
    typo_run r;
    char *s;

    run_init(&r, st, text ? text : "");
    for (ptrdiff_t i = r.first; (size_t)i < r.in.len; )
        i = step(&r, i);
    run_save(&r, st);
    s = buf_detach(&r.out);
    free(r.in.v);
    free(r.hist.v);
    return s;
}
