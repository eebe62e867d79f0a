/*
 * document.c: front matter and body of each kind → the intermediate tree
 * (see document.h and FORMAT.md §2–3).
 *
 * The front matter is checked key by key against one table (which kinds
 * take the key, what type its value has, which keys a kind requires), so
 * that a typo never vanishes silently and every message points at the
 * value at fault.  The body is shaped by the kind: an order is a preamble
 * and one list of points, a roadmap is sections of events, everything
 * else is sections of blocks.
 */
#include "document.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "markdown.h"
#include "period.h"
#include "refs.h"
#include "text.h"
#include "tree.h"

/* ------------------------------------------------------------ keys */

typedef enum {
    T_KIND, T_ID, T_STR, T_CODE, T_DATE, T_ORG, T_SIGNATORY, T_APPROVAL,
    T_IDLIST, T_STATUS, T_AUTHORS, T_STRLIST, T_BOOL, T_YEAR, T_REPLY,
    T_EXECUTOR, T_PARTS, T_ISBN, T_COLUMNS, T_BASIS, T_FORM,
} key_type;

#define K(k) (1u << (k))
#define ALL_KINDS 0x7Fu
#define DOCS (K(KIND_DOCUMENT) | K(KIND_CONCEPT) | K(KIND_ROADMAP))

typedef struct {
    const char *key;
    key_type type;
    unsigned kinds;         /* which kinds take it */
} key_spec;

/* In the order the <meta> element lists them. */
static const key_spec KEYS[] = {
    {"kind", T_KIND, ALL_KINDS},
    {"id", T_ID, ALL_KINDS},
    {"title", T_STR, ALL_KINDS},
    {"subtitle", T_STR, K(KIND_COLLECTION)},
    {"genre", T_STR, ALL_KINDS},
    {"form", T_FORM, K(KIND_ORDER)},
    {"directive", T_STR, K(KIND_ORDER)},
    {"issuer", T_ORG, ALL_KINDS},
    {"date", T_DATE, ALL_KINDS},
    {"number", T_STR, ALL_KINDS},
    {"place", T_STR, ALL_KINDS},
    {"to", T_STRLIST, K(KIND_LETTER)},
    {"reply_to", T_REPLY, K(KIND_LETTER)},
    {"signatory", T_SIGNATORY, ALL_KINDS},
    {"executor", T_EXECUTOR, K(KIND_LETTER)},
    {"approved_by", T_APPROVAL, ALL_KINDS & ~K(KIND_COLLECTION)},
    {"stamp_word", T_STR, DOCS},
    {"annexes", T_IDLIST, K(KIND_ORDER) | K(KIND_LETTER)},
    {"status", T_STATUS, ALL_KINDS},
    {"numbered", T_BOOL, ALL_KINDS},
    {"authors", T_AUTHORS, ALL_KINDS},
    {"udc", T_CODE, K(KIND_ARTICLE) | K(KIND_COLLECTION)},
    {"bbk", T_CODE, K(KIND_COLLECTION)},
    {"isbn", T_ISBN, K(KIND_COLLECTION)},
    {"publisher", T_STR, K(KIND_COLLECTION)},
    {"city", T_STR, K(KIND_COLLECTION)},
    {"year", T_YEAR, K(KIND_ROADMAP) | K(KIND_COLLECTION)},
    {"columns", T_COLUMNS, K(KIND_ROADMAP)},
    {"basis", T_BASIS, K(KIND_ROADMAP)},
    {"abstract", T_STR, K(KIND_ARTICLE)},
    {"keywords", T_STRLIST, ALL_KINDS},
    {"references", T_STRLIST, K(KIND_ARTICLE)},
    {"annotation", T_STR, K(KIND_COLLECTION)},
    {"parts", T_PARTS, K(KIND_COLLECTION)},
};

static const char *const REQUIRED[KIND_COUNT] = {
    [KIND_ORDER] = "issuer date number title signatory",
    [KIND_LETTER] = "issuer title",
    [KIND_DOCUMENT] = "title genre",
    [KIND_CONCEPT] = "title",
    [KIND_ROADMAP] = "title year",
    [KIND_ARTICLE] = "title authors",
    [KIND_COLLECTION] = "title subtitle authors publisher city year isbn udc bbk parts",
};

static const key_spec *find_key(const char *key)
{
    for (size_t i = 0; i < sizeof KEYS / sizeof *KEYS; i++)
        if (!strcmp(KEYS[i].key, key))
            return &KEYS[i];
    return NULL;
}

/* "a letter", "an order": the kind with its article, for messages. */
static const char *kind_article(sb_kind k)
{
    return k == KIND_ORDER || k == KIND_ARTICLE ? "an" : "a";
}

/* "kinds a, b and c" for messages: which kinds take a key. */
static void kinds_taking(unsigned kinds, buf *out)
{
    int n = 0;
    for (int k = 0; k < KIND_COUNT; k++) {
        if (!(kinds & K(k)))
            continue;
        if (n++)
            buf_adds(out, ", ");
        buf_adds(out, kind_name((sb_kind)k));
    }
}

/* ------------------------------------------------------------ forms */

/* The order forms and their cases, for stamps and references. */
static const struct {
    const char *form;           /* ПРИКАЗ */
    const char *directive;      /* ПРИКАЗЫВАЮ */
    const char *lower;          /* приказ */
    const char *instrumental;   /* приказом */
    const char *dative;         /* приказу */
} FORMS[] = {
    {"ПРИКАЗ", "ПРИКАЗЫВАЮ", "приказ", "приказом", "приказу"},
    {"РАСПОРЯЖЕНИЕ", "ОБЯЗЫВАЮ", "распоряжение", "распоряжением", "распоряжению"},
    {"ПОСТАНОВЛЕНИЕ", "ПОСТАНОВЛЯЮ", "постановление", "постановлением", "постановлению"},
    {"ПИСЬМО", "", "письмо", "письмом", "письму"},
};

static int form_index(const char *form)
{
    for (size_t i = 0; i < sizeof FORMS / sizeof *FORMS; i++)
        if (form && !strcmp(FORMS[i].form, form))
            return (int)i;
    return -1;
}

const char *document_form_lower(const char *form)
{
    int f = form_index(form);
    return f < 0 ? "документ" : FORMS[f].lower;
}

const char *document_form_instrumental(const char *form)
{
    int f = form_index(form);
    return f < 0 ? "документом" : FORMS[f].instrumental;
}

static bool ends_with(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && !memcmp(s + n - k, suffix, k);
}

/*
 * Whether a word (n bytes) has an adjective's ending: «Региональная»,
 * «Методические».  Nouns with such endings are mostly neuter nouns in
 * -ние/-тие («Положение», «Мероприятие») and -рий («Сценарий»).
 */
static bool adjective(const char *w, size_t n)
{
    static const char *const endings[] = {"ая", "яя", "ое", "ее", "ый", "ий",
                                          "ой", "ые", "ие", "ых", "их"};
    if (ends_with(w, n, "ние") || ends_with(w, n, "тие") || ends_with(w, n, "рий"))
        return false;
    for (size_t i = 0; i < sizeof endings / sizeof *endings; i++)
        if (ends_with(w, n, endings[i]) && n > strlen(endings[i]) + 2)
            return true;
    return false;
}

/*
 * The stamp word of a genre (FORMAT.md §3.3): the participle agrees with
 * the genre's head noun, the first word that is not an adjective
 * («Региональная модель», «Памятка для родителей»).  Nouns whose ending
 * does not tell their gender are listed; the rest go by their ending.
 */
const char *document_stamp_word(const char *genre)
{
    static const struct {
        const char *noun, *word;
    } table[] = {
        {"модель", "УТВЕРЖДЕНА"}, {"карта", "УТВЕРЖДЕНА"},
        {"дорожная", "УТВЕРЖДЕНА"}, {"программа", "УТВЕРЖДЕНА"},
        {"концепция", "УТВЕРЖДЕНА"}, {"методика", "УТВЕРЖДЕНА"},
        {"календарь", "УТВЕРЖДЕН"}, {"портфель", "УТВЕРЖДЕН"},
        {"перечень", "УТВЕРЖДЕН"}, {"состав", "УТВЕРЖДЕН"},
        {"правила", "УТВЕРЖДЕНЫ"}, {"критерии", "УТВЕРЖДЕНЫ"},
        {"показатели", "УТВЕРЖДЕНЫ"},
    };
    if (!genre || !*genre)
        return "УТВЕРЖДЕНО";
    /* The head noun: the first word that is not an adjective. */
    const char *w = genre;
    size_t n = 0;
    for (const char *p = genre;;) {
        while (*p == ' ')
            p++;
        size_t len = strcspn(p, " ,(");
        if (!len)
            break;
        w = p;
        n = len;
        if (!adjective(p, len))
            break;
        p += len;
    }
    /* Lower case for the table: Cyrillic capitals А–Я are D0 90..D0 AF. */
    char noun[64];
    size_t k = 0;
    for (size_t i = 0; i < n && k + 2 < sizeof noun; i++) {
        unsigned char b = (unsigned char)w[i];
        if (b == 0xD0 && i + 1 < n) {
            unsigned char c2 = (unsigned char)w[i + 1];
            if (c2 >= 0x90 && c2 <= 0x9F) {
                noun[k++] = (char)0xD0, noun[k++] = (char)(c2 + 0x20);
            } else if (c2 >= 0xA0 && c2 <= 0xAF) {
                noun[k++] = (char)0xD1, noun[k++] = (char)(c2 - 0x20);
            } else {
                noun[k++] = (char)b, noun[k++] = (char)c2;
            }
            i++;
        } else {
            noun[k++] = (char)b;
        }
    }
    noun[k] = '\0';
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        if (!strcmp(noun, table[i].noun))
            return table[i].word;
    /* Plurals first: «Требования», «Изменения» (-ния), «Рекомендации» (-и). */
    if (ends_with(noun, k, "ния") || ends_with(noun, k, "и") ||
        ends_with(noun, k, "ы"))
        return "УТВЕРЖДЕНЫ";
    if (ends_with(noun, k, "а") || ends_with(noun, k, "я") ||
        ends_with(noun, k, "ь"))
        return "УТВЕРЖДЕНА";
    if (ends_with(noun, k, "о") || ends_with(noun, k, "е"))
        return "УТВЕРЖДЕНО";
    return "УТВЕРЖДЕН";
}

/* ------------------------------------------------------------ helpers */

typedef struct {
    sb_project *project;
    sb_source *source;
    diag_sink *diag;
    md_ctx md;
} doc_ctx;

static void node_error(doc_ctx *c, const fm_node *n, const char *code,
                       const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void node_error(doc_ctx *c, const fm_node *n, const char *code,
                       const char *fmt, ...)
{
    buf msg = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vaddf(&msg, fmt, ap);
    va_end(ap);
    diag_report(c->diag, DIAG_ERROR, n->path, n->line, n->col, code, "%s",
                buf_str(&msg));
    buf_free(&msg);
}

static const char *type_of(const fm_node *n)
{
    return n->type == FM_MAP ? "a mapping" : n->type == FM_SEQ ? "a list"
                                                               : "a text";
}

/* A scalar or an error naming the key. */
static const char *want_str(doc_ctx *c, const char *key, const fm_node *n)
{
    if (n->type != FM_SCALAR) {
        node_error(c, n, "E-KEY-TYPE", "'%s' must be a text, not %s", key,
                   type_of(n));
        return NULL;
    }
    return n->value;
}

static bool has_field(const char *s)
{
    const char *o = strstr(s, "{{");
    return o && strstr(o, "}}");
}

/*
 * Positions in the tree are positions in the document's own source; a value
 * merged in from sbornik.yaml (defaults, organisations) carries none.
 */
static bool from_source(const doc_ctx *c, const fm_node *n)
{
    return n && n->path == c->source->path;
}

static xmlNodePtr add_el(doc_ctx *c, xmlNodePtr parent, const char *name,
                         const fm_node *at)
{
    xmlNodePtr el = md_elem(parent, name);
    if (from_source(c, at))
        md_pos_at(el, at->line, at->col);
    return el;
}

/* A text value: fields, references, typography. */
static xmlNodePtr add_text_el(doc_ctx *c, xmlNodePtr parent, const char *name,
                              const fm_node *n, const char *text)
{
    xmlNodePtr el = add_el(c, parent, name, n);
    if (from_source(c, n))
        md_plain_text(&c->md, text, n->line, n->col, el);
    else
        md_plain_text(&c->md, text, 0, 0, el);
    return el;
}

/* A code (УДК, ISBN): as written. */
static xmlNodePtr add_code_el(doc_ctx *c, xmlNodePtr parent, const char *name,
                              const fm_node *n, const char *text)
{
    xmlNodePtr el = add_el(c, parent, name, n);
    xmlNodeAddContent(el, BAD_CAST text);
    return el;
}

static void set_int_prop(xmlNodePtr el, const char *name, long v)
{
    char num[24];
    snprintf(num, sizeof num, "%ld", v);
    xmlSetProp(el, BAD_CAST name, BAD_CAST num);
}

static void replace(char **slot, const char *value)
{
    free(*slot);
    *slot = value ? xstrdup(value) : NULL;
}

/* ------------------------------------------------------------ dates */

/*
 * A YYYY-MM-DD date that exists.  Returns true and fills y/m/d, or reports
 * what is wrong with it.
 */
static bool check_date(doc_ctx *c, const char *key, const fm_node *n,
                       int *y, int *m, int *d)
{
    static const char *const months[] = {
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
    const char *s = n->value;
    if (strlen(s) != 10 || !isdigit((unsigned char)s[0]) || s[4] != '-' ||
        s[7] != '-' || sscanf(s, "%4d-%2d-%2d", y, m, d) != 3 ||
        !isdigit((unsigned char)s[5]) || !isdigit((unsigned char)s[8]) ||
        !isdigit((unsigned char)s[9])) {
        node_error(c, n, "E-DATE-FORMAT",
                   "'%s' must be a date written YYYY-MM-DD (e.g. 2017-03-29), "
                   "not '%s'", key, s);
        return false;
    }
    if (*y < 1000) {
        node_error(c, n, "E-DATE-INVALID",
                   "date %s is not a calendar date: the year must have four "
                   "digits, e.g. 2017", s);
        return false;
    }
    if (*m < 1 || *m > 12) {
        node_error(c, n, "E-DATE-INVALID",
                   "date %s is not a calendar date: there is no month %d", s, *m);
        return false;
    }
    int days = period_days_in_month(*y, *m);
    if (*d < 1 || *d > days) {
        node_error(c, n, "E-DATE-INVALID",
                   "date %s is not a calendar date: %s %d has %d days", s,
                   months[*m - 1], *y, days);
        return false;
    }
    return true;
}

/* <date value="…">DD.MM.YYYY</date>, or a field in a model document. */
static bool add_date(doc_ctx *c, xmlNodePtr parent, const char *name,
                     const char *key, const fm_node *n, char **iso_out,
                     char **text_out)
{
    const char *s = want_str(c, key, n);
    if (!s)
        return false;
    if (has_field(s)) {
        add_text_el(c, parent, name, n, s);
        return true;
    }
    int y, m, d;
    if (!check_date(c, key, n, &y, &m, &d))
        return false;
    char text[16];
    snprintf(text, sizeof text, "%02d.%02d.%04d", d, m, y);
    xmlNodePtr el = add_code_el(c, parent, name, n, text);
    xmlSetProp(el, BAD_CAST "value", BAD_CAST s);
    if (iso_out)
        replace(iso_out, s);
    if (text_out)
        replace(text_out, text);
    return true;
}

/* ------------------------------------------------------------ meta values */

static bool check_map_keys(doc_ctx *c, const char *key, const fm_node *n,
                           const char *allowed, const char *required)
{
    if (n->type != FM_MAP) {
        node_error(c, n, "E-KEY-TYPE", "'%s' must be a mapping {%s}, not %s",
                   key, allowed, type_of(n));
        return false;
    }
    bool ok = true;
    for (size_t i = 0; i < n->n; i++) {
        char probe[64];
        snprintf(probe, sizeof probe, " %s,", n->pairs[i].key);
        buf list = BUF_INIT;
        buf_addf(&list, " %s,", allowed);
        for (char *p = list.data; *p; p++)
            if (*p == ',' && p[1] != ' ' && p[1])
                *p = ',';
        /* allowed is "a, b, c": look for " key," in " a, b, c," */
        if (!strstr(list.data, probe)) {
            diag_report(c->diag, DIAG_ERROR, n->path, n->pairs[i].line,
                        n->pairs[i].col, "E-KEY-UNKNOWN",
                        "unknown key '%s' in '%s' (known: %s)", n->pairs[i].key,
                        key, allowed);
            ok = false;
        }
        buf_free(&list);
    }
    buf req = BUF_INIT;
    buf_adds(&req, required);
    char *save = NULL;
    for (char *r = strtok_r(req.data, " ", &save); r; r = strtok_r(NULL, " ", &save)) {
        const fm_node *v = fm_get(n, r);
        if (!v || (v->type == FM_SCALAR && !*v->value)) {
            node_error(c, n, "E-KEY-MISSING", "'%s' needs '%s'", key, r);
            ok = false;
        } else if (v->type != FM_SCALAR) {
            node_error(c, v, "E-KEY-TYPE", "'%s' in '%s' must be a text", r, key);
            ok = false;
        }
    }
    buf_free(&req);
    return ok;
}

static void add_org_details(doc_ctx *c, xmlNodePtr el, const fm_node *org)
{
    static const char *const parts[] = {"name", "short", "genitive", "dative",
                                        "address", "phone", "email"};
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        const fm_node *v = fm_get(org, parts[i]);
        if (fm_str(v) && *fm_str(v))
            add_text_el(c, el, parts[i], v, fm_str(v));
    }
    const fm_node *header = fm_get(org, "header");
    if (header) {
        xmlNodePtr h = add_el(c, el, "header", header);
        if (header->type == FM_SEQ) {
            for (size_t i = 0; i < header->n; i++)
                if (fm_str(header->items[i]))
                    add_text_el(c, h, "line", header->items[i],
                                fm_str(header->items[i]));
        } else if (fm_str(header)) {
            add_text_el(c, h, "line", header, fm_str(header));
        }
    }
}

/* Whether s looks like a key someone meant to name (no spaces, ASCII). */
static bool looks_like_key(const char *s)
{
    if (!*s)
        return false;
    for (const char *p = s; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '-' || *p == '_' || *p == '/' ||
              *p == '.'))
            return false;
    return true;
}

static void add_issuer(doc_ctx *c, xmlNodePtr meta, const fm_node *n)
{
    sb_info *info = &c->source->info;
    if (n->type == FM_MAP) {
        if (!check_map_keys(c, "issuer", n,
                            "name, short, header, genitive, dative, address, phone, email",
                            "name"))
            return;
        xmlNodePtr el = add_el(c, meta, "issuer", n);
        add_org_details(c, el, n);
        const char *gen = fm_str(fm_get(n, "genitive"));
        replace(&info->issuer_genitive, gen ? gen : fm_str(fm_get(n, "name")));
        return;
    }
    const char *s = want_str(c, "issuer", n);
    if (!s)
        return;
    const fm_node *org = project_organisation(c->project, s);
    if (org) {
        xmlNodePtr el = add_el(c, meta, "issuer", n);
        xmlSetProp(el, BAD_CAST "key", BAD_CAST s);
        add_org_details(c, el, org);
        const char *gen = fm_str(fm_get(org, "genitive"));
        replace(&info->issuer_genitive, gen ? gen : fm_str(fm_get(org, "name")));
        return;
    }
    if (fm_get(fm_get(c->project->config, "organisations"), s))
        return;     /* a broken organisation: sbornik.yaml's error says why */
    if (looks_like_key(s)) {
        buf known = BUF_INIT;
        const fm_node *orgs = fm_get(c->project->config, "organisations");
        for (size_t i = 0; orgs && orgs->type == FM_MAP && i < orgs->n; i++)
            buf_addf(&known, "%s%s", i ? ", " : "", orgs->pairs[i].key);
        node_error(c, n, "E-ORG-UNKNOWN",
                   "unknown organisation '%s'; sbornik.yaml knows %s (or write "
                   "the organisation's full name)", s,
                   known.len ? known.data : "none");
        buf_free(&known);
        return;
    }
    xmlNodePtr el = add_el(c, meta, "issuer", n);
    add_text_el(c, el, "name", n, s);
    replace(&info->issuer_genitive, s);
}

static void add_person(doc_ctx *c, xmlNodePtr parent, const char *name,
                       const char *key, const fm_node *n, const char *allowed,
                       const char *required)
{
    if (!check_map_keys(c, key, n, allowed, required))
        return;
    xmlNodePtr el = add_el(c, parent, name, n);
    for (size_t i = 0; i < n->n; i++)
        if (fm_str(n->pairs[i].value) && *fm_str(n->pairs[i].value))
            add_text_el(c, el, n->pairs[i].key, n->pairs[i].value,
                        fm_str(n->pairs[i].value));
}

static void add_strlist(doc_ctx *c, xmlNodePtr meta, const char *key,
                        const fm_node *n, const char *item_name, bool code)
{
    if (n->type == FM_MAP) {
        node_error(c, n, "E-KEY-TYPE", "'%s' must be a list, not a mapping", key);
        return;
    }
    if (n->type == FM_SEQ && n->n == 0)
        return;     /* an empty list: nothing to show */
    xmlNodePtr el = add_el(c, meta, key, n);
    if (n->type == FM_SCALAR) {
        /* One line given as text: a list of one. */
        if (*n->value)
            add_text_el(c, el, item_name, n, n->value);
        return;
    }
    for (size_t i = 0; i < n->n; i++) {
        const char *s = want_str(c, key, n->items[i]);
        if (!s)
            continue;
        if (code)
            add_code_el(c, el, item_name, n->items[i], s);
        else
            add_text_el(c, el, item_name, n->items[i], s);
    }
}

static void add_authors(doc_ctx *c, xmlNodePtr meta, const fm_node *n)
{
    sb_info *info = &c->source->info;
    if (n->type == FM_MAP) {
        node_error(c, n, "E-KEY-TYPE", "'authors' must be a list");
        return;
    }
    if (n->type == FM_SEQ && n->n == 0)
        return;     /* required where it matters: check_keys says so */
    xmlNodePtr el = add_el(c, meta, "authors", n);
    buf names = BUF_INIT;
    size_t count = n->type == FM_SEQ ? n->n : 1;
    for (size_t i = 0; i < count; i++) {
        const fm_node *a = n->type == FM_SEQ ? n->items[i] : n;
        const char *name = NULL;
        if (a->type == FM_SCALAR) {
            name = a->value;
            xmlNodePtr au = add_el(c, el, "author", a);
            add_text_el(c, au, "name", a, name);
        } else if (a->type == FM_MAP) {
            add_person(c, el, "author", "authors", a,
                       "name, affiliation, city, email", "name");
            name = fm_str(fm_get(a, "name"));
        } else {
            node_error(c, a, "E-KEY-TYPE",
                       "an author is a name or {name, affiliation, city, email}");
        }
        if (name)
            buf_addf(&names, "%s%s", names.len ? ", " : "", name);
    }
    replace(&info->authors, names.data);
    buf_free(&names);
}

static bool parse_bool(const fm_node *n, bool *out)
{
    const char *s = fm_str(n);
    if (!s || !n->plain)
        return false;
    if (!strcmp(s, "true") || !strcmp(s, "yes")) {
        *out = true;
        return true;
    }
    if (!strcmp(s, "false") || !strcmp(s, "no")) {
        *out = false;
        return true;
    }
    return false;
}

/*
 * An ISBN-13: 13 digits (hyphens allowed), 978 or 979, check digit right.
 */
static void add_isbn(doc_ctx *c, xmlNodePtr meta, const fm_node *n)
{
    const char *s = want_str(c, "isbn", n);
    if (!s)
        return;
    int digits[13], nd = 0;
    bool shape = true;
    for (const char *p = s; *p; p++) {
        if (isdigit((unsigned char)*p)) {
            if (nd < 13)
                digits[nd] = *p - '0';
            nd++;
        } else if (*p != '-' && *p != ' ') {
            shape = false;
        }
    }
    if (!shape || nd != 13 || digits[0] != 9 || digits[1] != 7 ||
        (digits[2] != 8 && digits[2] != 9)) {
        node_error(c, n, "E-ISBN",
                   "ISBN '%s' is not an ISBN-13: 13 digits starting 978 or "
                   "979, e.g. 978-5-907538-13-9", s);
        return;
    }
    int sum = 0;
    for (int i = 0; i < 12; i++)
        sum += digits[i] * (i % 2 ? 3 : 1);
    int check = (10 - sum % 10) % 10;
    if (check != digits[12]) {
        node_error(c, n, "E-ISBN-CHECK",
                   "ISBN '%s' has a wrong check digit %d; the digits before it "
                   "give %d", s, digits[12], check);
        return;
    }
    add_code_el(c, meta, "isbn", n, s);
}

/* Roadmap columns: the label written → the field it shows. */
static const struct {
    const char *label, *field, *header;
} COLUMNS[] = {
    {"№", "number", "№ п/п"},
    {"№ п/п", "number", "№ п/п"},
    {"Мероприятие", "name", "Наименование мероприятия"},
    {"Наименование мероприятия", "name", "Наименование мероприятия"},
    {"Участники", "participants", "Участники"},
    {"Исполнители", "executors", "Исполнители/соисполнители"},
    {"Исполнители/соисполнители", "executors", "Исполнители/соисполнители"},
    {"Ответственные", "responsible", "Ответственные"},
    {"Сроки", "period", "Сроки"},
    {"Результат", "result", "Ожидаемый результат"},
    {"Ожидаемый результат", "result", "Ожидаемый результат"},
    {"Форма", "form", "Форма"},
};

static int column_index(const char *label)
{
    for (size_t i = 0; i < sizeof COLUMNS / sizeof *COLUMNS; i++)
        if (!strcmp(COLUMNS[i].label, label))
            return (int)i;
    return -1;
}

static const char KNOWN_COLUMNS[] =
    "№, Мероприятие, Участники, Исполнители, Ответственные, Сроки, "
    "Результат, Форма";

static void add_columns(doc_ctx *c, xmlNodePtr meta, const fm_node *n)
{
    if (n->type != FM_SEQ || n->n == 0) {
        node_error(c, n, "E-KEY-TYPE", "'columns' must be a list such as "
                   "[№, Мероприятие, Участники, Исполнители, Сроки, Результат]");
        return;
    }
    xmlNodePtr el = add_el(c, meta, "columns", n);
    for (size_t i = 0; i < n->n; i++) {
        const char *s = want_str(c, "columns", n->items[i]);
        if (!s)
            continue;
        int k = column_index(s);
        if (k < 0) {
            node_error(c, n->items[i], "E-COLUMN-UNKNOWN",
                       "unknown column '%s' (known: %s)", s, KNOWN_COLUMNS);
            continue;
        }
        xmlNodePtr col = add_code_el(c, el, "column", n->items[i], COLUMNS[k].header);
        xmlSetProp(col, BAD_CAST "field", BAD_CAST COLUMNS[k].field);
    }
}

/* The default columns of FORMAT.md §3.4, placed right after <year>. */
static void add_default_columns(xmlNodePtr meta)
{
    static const char *const labels[] = {"№", "Мероприятие", "Участники",
                                         "Исполнители", "Сроки", "Результат"};
    xmlNodePtr el = xmlNewNode(NULL, BAD_CAST "columns");
    xmlNodePtr year = tree_child(meta, "year");
    if (year)
        xmlAddNextSibling(year, el);
    else
        xmlAddChild(meta, el);
    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++) {
        int k = column_index(labels[i]);
        xmlNodePtr col = xmlNewTextChild(el, NULL, BAD_CAST "column",
                                         BAD_CAST COLUMNS[k].header);
        xmlSetProp(col, BAD_CAST "field", BAD_CAST COLUMNS[k].field);
    }
}

static void add_basis(doc_ctx *c, xmlNodePtr meta, const fm_node *n)
{
    if (n->type != FM_SEQ) {
        node_error(c, n, "E-KEY-TYPE", "'basis' must be a list of ids or texts");
        return;
    }
    if (n->n == 0)
        return;
    xmlNodePtr el = add_el(c, meta, "basis", n);
    for (size_t i = 0; i < n->n; i++) {
        const fm_node *item = n->items[i];
        const char *s = want_str(c, "basis", item);
        if (!s)
            continue;
        sb_source *target = project_find_id(c->project, s);
        if (target) {
            /* An id: the full reference to that document. */
            buf ref = BUF_INIT;
            buf_addf(&ref, "[[%s]]", s);
            add_text_el(c, el, "item", item, ref.data);
            buf_free(&ref);
        } else if (looks_like_key(s) && (strchr(s, '-') || strchr(s, '/'))) {
            node_error(c, item, "E-REF-UNKNOWN",
                       "basis '%s' names no document of the project (an id "
                       "must exist; other bases are written as text)", s);
        } else {
            add_text_el(c, el, "item", item, s);
        }
    }
}

static void add_approval(doc_ctx *c, const fm_node *n)
{
    sb_info *info = &c->source->info;
    if (n->type == FM_SCALAR) {
        replace(&info->approved_by, n->value);
        info->approved_line = n->line;
        info->approved_col = n->col;
        return;
    }
    /* An order outside the project: the stamp is made from these values. */
    check_map_keys(c, "approved_by", n, "issuer, kind, date, number",
                   "date number");
}

static void add_parts(doc_ctx *c, const fm_node *n)
{
    if (n->type != FM_SEQ || n->n == 0) {
        node_error(c, n, "E-KEY-TYPE",
                   "'parts' must be a list of {title, items}");
        return;
    }
    for (size_t i = 0; i < n->n; i++) {
        const fm_node *part = n->items[i];
        if (!check_map_keys(c, "parts", part, "title, items", "title"))
            continue;
        const fm_node *items = fm_get(part, "items");
        if (!items || items->type != FM_SEQ || items->n == 0)
            node_error(c, items ? items : part, "E-KEY-TYPE",
                       "a part needs 'items': a list of ids, paths or globs");
    }
}

/* ------------------------------------------------------------ meta */

void document_check_defaults(const sb_project *p, diag_sink *diag)
{
    const fm_node *defaults = fm_get(p->config, "defaults");
    if (!defaults || defaults->type != FM_MAP)
        return;
    for (size_t i = 0; i < defaults->n; i++) {
        const fm_pair *d = &defaults->pairs[i];
        if (starts_with(d->key, "x-"))
            continue;
        if (!find_key(d->key))
            diag_report(diag, DIAG_ERROR, p->config_path, d->line, d->col,
                        "E-CONFIG-KEY",
                        "unknown key '%s' in defaults (a typo? defaults are "
                        "front-matter keys such as issuer, place, signatory)",
                        d->key);
        else if (!strcmp(d->key, "kind") || !strcmp(d->key, "id"))
            diag_report(diag, DIAG_ERROR, p->config_path, d->line, d->col,
                        "E-CONFIG-KEY",
                        "'%s' cannot have a default: every source sets its own",
                        d->key);
    }
}

static void merge_defaults(doc_ctx *c)
{
    const fm_node *defaults = fm_get(c->project->config, "defaults");
    if (!defaults || defaults->type != FM_MAP)
        return;
    for (size_t i = 0; i < defaults->n; i++) {
        const fm_pair *d = &defaults->pairs[i];
        const key_spec *spec = find_key(d->key);
        if (!spec || !strcmp(d->key, "kind") || !strcmp(d->key, "id"))
            continue;   /* reported once by document_check_defaults */
        if (!(spec->kinds & K(c->source->kind)) || fm_get(c->source->front, d->key))
            continue;
        fm_set(c->source->front, d->key, d->line, d->col, fm_copy(d->value));
    }
}

static void check_keys(doc_ctx *c)
{
    sb_source *s = c->source;
    for (size_t i = 0; i < s->front->n; i++) {
        const fm_pair *kv = &s->front->pairs[i];
        if (starts_with(kv->key, "x-"))
            continue;
        const key_spec *spec = find_key(kv->key);
        if (!spec) {
            diag_report(c->diag, DIAG_ERROR, s->path, kv->line, kv->col,
                        "E-KEY-UNKNOWN",
                        "unknown key '%s' (a typo? keys of your own start "
                        "with 'x-')", kv->key);
        } else if (!(spec->kinds & K(s->kind))) {
            buf kinds = BUF_INIT;
            kinds_taking(spec->kinds, &kinds);
            diag_report(c->diag, DIAG_ERROR, s->path, kv->line, kv->col,
                        "E-KEY-KIND", "key '%s' does not apply to %s %s (only to: %s)",
                        kv->key, kind_article(s->kind), kind_name(s->kind), kinds.data);
            buf_free(&kinds);
        }
    }
    buf req = BUF_INIT;
    buf_adds(&req, REQUIRED[s->kind]);
    char *save = NULL;
    for (char *r = strtok_r(req.data, " ", &save); r; r = strtok_r(NULL, " ", &save)) {
        const fm_node *v = fm_get(s->front, r);
        if (!v || (v->type == FM_SCALAR && !*v->value) ||
            (v->type != FM_SCALAR && v->n == 0))
            diag_report(c->diag, DIAG_ERROR, s->path, 1, 1, "E-KEY-MISSING",
                        "missing required key '%s' (%s %s needs: %s)", r,
                        kind_article(s->kind), kind_name(s->kind),
                        REQUIRED[s->kind]);
    }
    buf_free(&req);
}

static void add_meta_value(doc_ctx *c, xmlNodePtr root, xmlNodePtr meta,
                           const key_spec *spec, const fm_node *n)
{
    sb_info *info = &c->source->info;
    const char *s;
    bool flag;
    switch (spec->type) {
    case T_KIND:
    case T_ID:
        return;     /* attributes of the root */
    case T_STR:
        if ((s = want_str(c, spec->key, n)) && *s) {
            /* These two are placed by document_prepare, not here. */
            if (strcmp(spec->key, "stamp_word") && strcmp(spec->key, "directive"))
                add_text_el(c, meta, spec->key, n, s);
            if (!strcmp(spec->key, "title"))
                replace(&info->title, s);
            else if (!strcmp(spec->key, "genre"))
                replace(&info->genre, s);
            else if (!strcmp(spec->key, "number"))
                replace(&info->number, s);
            else if (!strcmp(spec->key, "stamp_word"))
                replace(&info->stamp_word, s);
        }
        return;
    case T_CODE:
        if ((s = want_str(c, spec->key, n)) && *s)
            add_code_el(c, meta, spec->key, n, s);
        return;
    case T_FORM:
        if ((s = want_str(c, spec->key, n))) {
            if (form_index(s) < 0 || !strcmp(s, "ПИСЬМО")) {
                node_error(c, n, "E-FORM-UNKNOWN",
                           "unknown form '%s' (known: ПРИКАЗ, РАСПОРЯЖЕНИЕ, "
                           "ПОСТАНОВЛЕНИЕ)", s);
                return;
            }
            replace(&info->form, s);
        }
        return;
    case T_DATE:
        add_date(c, meta, spec->key, spec->key, n, &info->date_iso, &info->date_text);
        return;
    case T_ORG:
        add_issuer(c, meta, n);
        return;
    case T_SIGNATORY:
        add_person(c, meta, "signatory", "signatory", n, "position, name",
                   "position name");
        return;
    case T_REPLY:
        if (check_map_keys(c, "reply_to", n, "date, number", "date number")) {
            xmlNodePtr el = add_el(c, meta, "reply_to", n);
            add_date(c, el, "date", "reply_to: date", fm_get(n, "date"), NULL, NULL);
            add_text_el(c, el, "number", fm_get(n, "number"),
                        fm_str(fm_get(n, "number")));
        }
        return;
    case T_EXECUTOR:
        add_person(c, meta, "executor", "executor", n, "name, phone, email", "name");
        return;
    case T_APPROVAL:
        add_approval(c, n);
        return;
    case T_IDLIST:
        if (n->type != FM_SEQ)
            node_error(c, n, "E-KEY-TYPE", "'%s' must be a list of ids or paths",
                       spec->key);
        else
            for (size_t i = 0; i < n->n; i++)
                want_str(c, spec->key, n->items[i]);
        return;
    case T_STATUS:
        if ((s = want_str(c, spec->key, n)) && strcmp(s, "final") &&
            strcmp(s, "draft") && strcmp(s, "model"))
            node_error(c, n, "E-STATUS", "unknown status '%s' (known: final, "
                       "draft, model)", s);
        else if (s)
            xmlSetProp(root, BAD_CAST "status", BAD_CAST s);
        return;
    case T_BOOL:
        if (!parse_bool(n, &flag))
            node_error(c, n, "E-KEY-TYPE", "'%s' must be true or false", spec->key);
        else if (flag)
            xmlSetProp(root, BAD_CAST spec->key, BAD_CAST "true");
        return;
    case T_YEAR: {
        s = want_str(c, spec->key, n);
        char *end = NULL;
        long y = s ? strtol(s, &end, 10) : 0;
        if (!s)
            return;
        if (!*s || *end || y < 1900 || y > 2199) {
            node_error(c, n, "E-YEAR", "'year' must be a year such as 2022, not '%s'", s);
            return;
        }
        info->year = (int)y;
        add_code_el(c, meta, "year", n, s);
        return;
    }
    case T_AUTHORS:
        add_authors(c, meta, n);
        return;
    case T_STRLIST:
        add_strlist(c, meta, spec->key, n,
                    !strcmp(spec->key, "keywords") ? "keyword"
                    : !strcmp(spec->key, "references") ? "reference" : "line",
                    false);
        return;
    case T_ISBN:
        add_isbn(c, meta, n);
        return;
    case T_COLUMNS:
        add_columns(c, meta, n);
        return;
    case T_BASIS:
        add_basis(c, meta, n);
        return;
    case T_PARTS:
        add_parts(c, n);
        return;
    }
}

void document_prepare(sb_project *p, sb_source *s, diag_sink *diag)
{
    if (s->failed || s->kind == KIND_UNKNOWN)
        return;
    doc_ctx c = {p, s, diag, {0}};
    merge_defaults(&c);
    check_keys(&c);

    const char *status = fm_str(fm_get(s->front, "status"));
    s->info.model = status && !strcmp(status, "model");
    md_ctx_init(&c.md, p, s, diag);

    s->tree = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr root = xmlNewDocNode(s->tree, NULL, BAD_CAST kind_name(s->kind), NULL);
    xmlDocSetRootElement(s->tree, root);
    xmlSetProp(root, BAD_CAST "id", BAD_CAST s->id);
    xmlSetProp(root, BAD_CAST "src", BAD_CAST s->rel);
    xmlSetProp(root, BAD_CAST "status", BAD_CAST "final");
    md_pos_at(root, 1, 1);

    /*
     * Values derived from the kind come before the meta is built, so that
     * a reference text never depends on the order sources are read in.
     */
    if (s->kind == KIND_ORDER)
        replace(&s->info.form, "ПРИКАЗ");
    else if (s->kind == KIND_LETTER)
        replace(&s->info.form, "ПИСЬМО");
    if (s->kind == KIND_CONCEPT)
        replace(&s->info.genre, "Концепция");
    else if (s->kind == KIND_ROADMAP)
        replace(&s->info.genre, "Дорожная карта");

    xmlNodePtr meta = md_elem(root, "meta");
    for (size_t i = 0; i < sizeof KEYS / sizeof *KEYS; i++) {
        const key_spec *spec = &KEYS[i];
        const fm_node *n = fm_get(s->front, spec->key);
        if (!n || !(spec->kinds & K(s->kind)))
            continue;
        add_meta_value(&c, root, meta, spec, n);
    }
    if (s->kind == KIND_ORDER) {
        /* Form and directive always present in an order's meta. */
        int f = form_index(s->info.form);
        xmlNodePtr form = xmlNewTextChild(meta, NULL, BAD_CAST "form",
                                          BAD_CAST s->info.form);
        const fm_node *dn = fm_get(s->front, "directive");
        const char *dir = fm_str(dn) ? fm_str(dn) : FORMS[f < 0 ? 0 : f].directive;
        xmlNodePtr directive = xmlNewTextChild(meta, NULL, BAD_CAST "directive",
                                               BAD_CAST dir);
        /* The schema wants them after the title: move them there. */
        xmlNodePtr title = tree_child(meta, "title");
        if (title) {
            xmlAddNextSibling(title, form);
            xmlAddNextSibling(form, directive);
        }
    }
    if (s->kind == KIND_ROADMAP && !fm_get(s->front, "columns"))
        add_default_columns(meta);
    if (s->kind == KIND_CONCEPT && !fm_get(s->front, "genre")) {
        xmlNodePtr genre = xmlNewTextChild(meta, NULL, BAD_CAST "genre",
                                           BAD_CAST "Концепция");
        xmlNodePtr title = tree_child(meta, "title");
        if (title)
            xmlAddNextSibling(title, genre);
    }
    if (!s->info.stamp_word)
        replace(&s->info.stamp_word, document_stamp_word(s->info.genre));
    md_ctx_free(&c.md);
}

/* ------------------------------------------------------------ stamps */

/*
 * The approval stamp (УТВЕРЖДЕНА / приказом … / от … № …) or the annex mark
 * (Приложение N / к приказу … / от … № …), as data: writers lay it out.
 */
static void add_stamp(doc_ctx *c, xmlNodePtr meta)
{
    sb_source *s = c->source;
    const fm_node *ap = fm_get(s->front, "approved_by");
    const char *form = NULL, *issuer = NULL, *date_iso = NULL, *number = NULL;
    const char *mode = NULL;
    char date_text[16] = "";
    if (s->annex_of) {
        sb_source *o = s->annex_of;
        form = o->info.form;
        issuer = o->info.issuer_genitive;
        date_iso = o->info.date_iso;
        number = o->info.number;
        mode = s->annex_approved ? "approved" : "attached";
    } else if (ap && ap->type == FM_MAP) {
        const char *kind = fm_str(fm_get(ap, "kind"));
        form = "ПРИКАЗ";
        if (kind && (!strcmp(kind, "распоряжение") || !strcmp(kind, "РАСПОРЯЖЕНИЕ")))
            form = "РАСПОРЯЖЕНИЕ";
        else if (kind && (!strcmp(kind, "постановление") || !strcmp(kind, "ПОСТАНОВЛЕНИЕ")))
            form = "ПОСТАНОВЛЕНИЕ";
        else if (kind && strcmp(kind, "order") && strcmp(kind, "приказ") &&
                 strcmp(kind, "ПРИКАЗ"))
            node_error(c, fm_get(ap, "kind"), "E-FORM-UNKNOWN",
                       "unknown kind of approving act '%s' (known: order, "
                       "приказ, распоряжение, постановление)", kind);
        const char *key = fm_str(fm_get(ap, "issuer"));
        const fm_node *org = key ? project_organisation(c->project, key) : NULL;
        issuer = org ? (fm_str(fm_get(org, "genitive")) ? fm_str(fm_get(org, "genitive"))
                                                       : fm_str(fm_get(org, "name")))
                     : key ? key : s->info.issuer_genitive;
        int y, m, d;
        const fm_node *dn = fm_get(ap, "date");
        if (dn && fm_str(dn) && check_date(c, "approved_by: date", dn, &y, &m, &d))
            date_iso = fm_str(dn);
        number = fm_str(fm_get(ap, "number"));
        mode = "approved";
    } else {
        return;
    }
    int f = form_index(form);
    if (f < 0)
        f = 0;
    xmlNodePtr stamp = md_elem(meta, "stamp");
    xmlSetProp(stamp, BAD_CAST "mode", BAD_CAST mode);
    if (!strcmp(mode, "approved")) {
        xmlSetProp(stamp, BAD_CAST "word", BAD_CAST s->info.stamp_word);
        xmlNewTextChild(stamp, NULL, BAD_CAST "by", BAD_CAST FORMS[f].instrumental);
    } else {
        set_int_prop(stamp, "n", s->annex_number);
        set_int_prop(stamp, "of", (long)s->annex_of->nannexes);
        xmlNewTextChild(stamp, NULL, BAD_CAST "by", BAD_CAST FORMS[f].dative);
    }
    if (issuer)     /* typeset like every text of the tree */
        md_plain_text(&c->md, issuer, 0, 0, md_elem(stamp, "issuer"));
    if (date_iso) {
        refs_date_text(date_iso, date_text);
        xmlNodePtr d = xmlNewTextChild(stamp, NULL, BAD_CAST "date", BAD_CAST date_text);
        xmlSetProp(d, BAD_CAST "value", BAD_CAST date_iso);
    }
    if (number)
        xmlNewTextChild(stamp, NULL, BAD_CAST "number", BAD_CAST number);
    if (s->annex_of)
        xmlSetProp(stamp, BAD_CAST "order", BAD_CAST s->annex_of->id);
    if (ap)
        md_pos_at(stamp, ap->line, ap->col);
}

/* ------------------------------------------------------------ bodies */

static bool is_table(cmark_node *n)
{
    return !strcmp(cmark_node_get_type_string(n), "table");
}

/*
 * Blocks nest under headings: a heading opens a section that holds what
 * follows until a heading of the same or a higher level.
 */
typedef struct {
    xmlNodePtr stack[4];        /* stack[0] is the body, [L] a level-L section */
    int counters[4];            /* automatic numbers (numbered: true) */
    bool numbered;
} section_stack;

static xmlNodePtr open_section(doc_ctx *c, section_stack *st, cmark_node *h)
{
    int level = cmark_node_get_heading_level(h);
    if (level > 3) {
        md_error(&c->md, h, "E-HEADING-DEPTH",
                 "heading level %d: use '#', '##' or '###' (deeper levels "
                 "are not part of official documents)", level);
        level = 3;
    }
    /* The nearest open parent above this level. */
    int parent = level - 1;
    while (parent > 0 && !st->stack[parent])
        parent--;
    for (int l = level; l < 4; l++)
        st->stack[l] = NULL;
    xmlNodePtr sec = md_elem(st->stack[parent], "section");
    md_pos(&c->md, sec, h);
    set_int_prop(sec, "level", level);
    if (st->numbered) {
        st->counters[level]++;
        for (int l = level + 1; l < 4; l++)
            st->counters[l] = 0;
        buf num = BUF_INIT;
        for (int l = 1; l <= level; l++)
            if (st->counters[l] || l == level)
                buf_addf(&num, "%d.", st->counters[l] ? st->counters[l] : 1);
        xmlSetProp(sec, BAD_CAST "number", BAD_CAST num.data);
        buf_free(&num);
    }
    xmlNodePtr heading = md_elem(sec, "heading");
    md_pos(&c->md, heading, h);
    typo_state_init(&c->md.typo);
    md_inlines(&c->md, h, heading, 0);
    st->stack[level] = sec;
    return sec;
}

static xmlNodePtr current(section_stack *st)
{
    for (int l = 3; l > 0; l--)
        if (st->stack[l])
            return st->stack[l];
    return st->stack[0];
}

static void build_sections(doc_ctx *c, cmark_node *doc, xmlNodePtr body)
{
    section_stack st = {{body, NULL, NULL, NULL}, {0}, false};
    const fm_node *numbered = fm_get(c->source->front, "numbered");
    if (numbered && !parse_bool(numbered, &st.numbered))
        st.numbered = false;
    for (cmark_node *b = cmark_node_first_child(doc); b; b = cmark_node_next(b)) {
        if (cmark_node_get_type(b) == CMARK_NODE_HEADING)
            open_section(c, &st, b);
        else
            md_block(&c->md, b, current(&st));
    }
}

/* Order: preamble paragraphs, the points, nothing after them. */
static void build_order(doc_ctx *c, cmark_node *doc, xmlNodePtr body)
{
    cmark_node *points = NULL;
    xmlNodePtr preamble = md_elem(body, "preamble");
    for (cmark_node *b = cmark_node_first_child(doc); b; b = cmark_node_next(b)) {
        cmark_node_type t = cmark_node_get_type(b);
        if (t == CMARK_NODE_FOOTNOTE_DEFINITION)
            continue;
        if (points) {
            md_error(&c->md, b, "E-ORDER-AFTER-POINTS",
                     "text after the points: an order ends with its numbered "
                     "points (the signature is added from 'signatory'); move "
                     "this into a point or before the points");
            continue;
        }
        if (t == CMARK_NODE_LIST && cmark_node_get_list_type(b) == CMARK_ORDERED_LIST) {
            points = b;
            xmlNodePtr el = md_elem(body, "points");
            md_pos(&c->md, el, b);
            int n = 0;
            for (cmark_node *item = cmark_node_first_child(b); item;
                 item = cmark_node_next(item)) {
                xmlNodePtr it = md_elem(el, "point");
                md_pos(&c->md, it, item);
                set_int_prop(it, "n", ++n);
                for (cmark_node *ib = cmark_node_first_child(item); ib;
                     ib = cmark_node_next(ib))
                    md_block(&c->md, ib, it);
            }
            continue;
        }
        if (t == CMARK_NODE_HEADING) {
            md_error(&c->md, b, "E-ORDER-HEADING",
                     "an order has no headings in its text: its title comes "
                     "from 'title', then preamble paragraphs and points");
            continue;
        }
        md_block(&c->md, b, preamble);
    }
    if (!points) {
        cmark_node *last = cmark_node_last_child(doc);
        int line = last ? md_line(&c->md, last) : c->source->body_line;
        xmlNodePtr dir = tree_child(tree_child(xmlDocGetRootElement(c->source->tree),
                                                 "meta"), "directive");
        xmlChar *word = dir ? xmlNodeGetContent(dir) : NULL;
        diag_report(c->diag, DIAG_ERROR, c->source->path, line, 1, "E-ORDER-NO-POINTS",
                    "an order needs its points: a numbered list '1. …' after "
                    "the preamble (the directive word %s is placed before it)",
                    word ? (const char *)word : "ПРИКАЗЫВАЮ");
        xmlFree(word);
        c->md.errors++;
    }
}

/* ---------------------------------------------------- roadmap events */

typedef enum { F_NAME, F_PARTICIPANTS, F_EXECUTORS, F_RESPONSIBLE, F_PERIOD,
               F_RESULT, F_FORM, F_NUMBER, F_NONE } field_kind;

static const struct {
    const char *label;
    field_kind field;
    const char *element;
} LABELS[] = {
    {"Участники", F_PARTICIPANTS, "participants"},
    {"Исполнители", F_EXECUTORS, "executors"},
    {"Исполнители/соисполнители", F_EXECUTORS, "executors"},
    {"Исполнители/ соисполнители", F_EXECUTORS, "executors"},
    {"Ответственные", F_RESPONSIBLE, "responsible"},
    {"Сроки", F_PERIOD, "period"},
    {"Результат", F_RESULT, "result"},
    {"Ожидаемый результат", F_RESULT, "result"},
    {"Форма", F_FORM, "form"},
    {"Мероприятие", F_NAME, "name"},
    {"Наименование мероприятия", F_NAME, "name"},
    {"№", F_NUMBER, NULL},
    {"№ п/п", F_NUMBER, NULL},
};

static const char KNOWN_LABELS[] =
    "Участники, Исполнители (or Исполнители/соисполнители), Ответственные, "
    "Сроки, Результат, Форма";

static int label_index(const char *label, bool table)
{
    for (size_t i = 0; i < sizeof LABELS / sizeof *LABELS; i++) {
        if (!table && (LABELS[i].field == F_NAME || LABELS[i].field == F_NUMBER))
            continue;
        if (!strcmp(LABELS[i].label, label))
            return (int)i;
        /* The first letter may be lower case: «сроки: …». */
        const char *a = LABELS[i].label, *b = label;
        if (strlen(a) == strlen(b) && strlen(a) >= 2 && !strcmp(a + 2, b + 2) &&
            ((unsigned char)b[0] == 0xD0 || (unsigned char)b[0] == 0xD1))
            return (int)i;
    }
    return -1;
}

static void add_period(doc_ctx *c, xmlNodePtr event, const char *text,
                       int line, int col, xmlNodePtr shown)
{
    int year = c->source->info.year;
    period pd;
    period_error err;
    char *trimmed = str_trim(text);
    xmlNodePtr el = md_elem(event, "period");
    md_pos_at(el, line, col);
    xmlAddChild(el, shown);
    if (!period_parse(trimmed, year, &pd, &err)) {
        /* Point at the part of the value at fault. */
        const char *lead = text;
        while (*lead == ' ')
            lead++;
        int at = col + (int)utf8_count(trimmed, err.offset);
        diag_report(c->diag, DIAG_ERROR, c->source->path, line, at, "E-PERIOD",
                    "cannot read the period '%s': %s", trimmed, err.message);
        c->md.errors++;
        free(trimmed);
        return;
    }
    static const char *const kinds[] = {"dates", "deadline", "year", "monthly",
                                        "quarterly"};
    xmlSetProp(el, BAD_CAST "kind", BAD_CAST kinds[pd.kind]);
    char iso[11];
    period_date first = pd.ranges[0].start, last = pd.ranges[0].end;
    for (int i = 0; i < pd.nranges; i++) {
        xmlNodePtr r = md_elem(el, "range");
        if (pd.ranges[i].start.year) {
            period_date_iso(pd.ranges[i].start, iso);
            xmlSetProp(r, BAD_CAST "start", BAD_CAST iso);
        }
        period_date_iso(pd.ranges[i].end, iso);
        xmlSetProp(r, BAD_CAST "end", BAD_CAST iso);
        if (pd.ranges[i].end.year * 10000 + pd.ranges[i].end.month * 100 +
                pd.ranges[i].end.day >
            last.year * 10000 + last.month * 100 + last.day)
            last = pd.ranges[i].end;
        if (pd.ranges[i].start.year &&
            pd.ranges[i].start.year * 10000 + pd.ranges[i].start.month * 100 +
                    pd.ranges[i].start.day <
                first.year * 10000 + first.month * 100 + first.day)
            first = pd.ranges[i].start;
    }
    if (first.year) {
        period_date_iso(first, iso);
        xmlSetProp(el, BAD_CAST "start", BAD_CAST iso);
    }
    period_date_iso(last, iso);
    xmlSetProp(el, BAD_CAST "end", BAD_CAST iso);
    if (year && !period_within_year(&pd, year))
        diag_report(c->diag, DIAG_WARNING, c->source->path, line, col,
                    "W-PERIOD-YEAR", "the period '%s' lies outside the "
                    "roadmap's year %d", trimmed, year);
    free(trimmed);
}

/* One «- Label: value» item of an event. */
static void add_event_field(doc_ctx *c, xmlNodePtr event, cmark_node *item,
                            unsigned *seen)
{
    cmark_node *para = cmark_node_first_child(item);
    if (!para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH ||
        cmark_node_next(para)) {
        md_error(&c->md, item, "E-EVENT-FIELD",
                 "an event field is one line 'Label: value' (labels: %s)",
                 KNOWN_LABELS);
        return;
    }
    cmark_node *first = cmark_node_first_child(para);
    const char *lit = first && cmark_node_get_type(first) == CMARK_NODE_TEXT
                          ? cmark_node_get_literal(first) : NULL;
    const char *colon = lit ? strchr(lit, ':') : NULL;
    if (!colon) {
        md_error(&c->md, para, "E-EVENT-FIELD",
                 "an event field is written 'Label: value' (labels: %s)",
                 KNOWN_LABELS);
        return;
    }
    char *label_raw = xstrndup(lit, (size_t)(colon - lit));
    char *label = str_trim(label_raw);
    free(label_raw);
    int k = label_index(label, false);
    if (k < 0) {
        md_error(&c->md, para, "E-LABEL-UNKNOWN",
                 "unknown label '%s' (known: %s)", label, KNOWN_LABELS);
        free(label);
        return;
    }
    field_kind f = LABELS[k].field;
    if (f != F_RESULT && (*seen & (1u << f))) {
        md_error(&c->md, para, "E-LABEL-REPEATED",
                 "label '%s' given twice in one event (only Результат repeats)",
                 label);
        free(label);
        return;
    }
    *seen |= 1u << f;
    size_t skip = (size_t)(colon - lit) + 1;
    while (lit[skip] == ' ')
        skip++;
    int line = md_line(&c->md, first);
    int col = md_col(&c->md, first) + (int)utf8_count(lit, skip);
    if (f == F_PERIOD) {
        char *plain = md_plain(para);
        xmlNodePtr shown = xmlNewNode(NULL, BAD_CAST "text");
        typo_state_init(&c->md.typo);
        md_inlines(&c->md, para, shown, skip);
        add_period(c, event, plain + skip, line, col, shown);
        free(plain);
    } else {
        xmlNodePtr el = md_elem(event, LABELS[k].element);
        md_pos_at(el, line, col);
        if (f == F_EXECUTORS)
            xmlSetProp(el, BAD_CAST "label", BAD_CAST LABELS[k].label);
        typo_state_init(&c->md.typo);
        md_inlines(&c->md, para, el, skip);
    }
    free(label);
}

static void build_event(doc_ctx *c, cmark_node *item, xmlNodePtr section, int n)
{
    xmlNodePtr event = md_elem(section, "event");
    md_pos(&c->md, event, item);
    set_int_prop(event, "n", n);
    cmark_node *name = cmark_node_first_child(item);
    if (!name || cmark_node_get_type(name) != CMARK_NODE_PARAGRAPH) {
        md_error(&c->md, item, "E-EVENT-NAME",
                 "an event starts with its name, then '- Label: value' lines");
        return;
    }
    xmlNodePtr el = md_elem(event, "name");
    md_pos(&c->md, el, name);
    typo_state_init(&c->md.typo);
    md_inlines(&c->md, name, el, 0);
    unsigned seen = 0;
    for (cmark_node *b = cmark_node_next(name); b; b = cmark_node_next(b)) {
        if (cmark_node_get_type(b) != CMARK_NODE_LIST ||
            cmark_node_get_list_type(b) != CMARK_BULLET_LIST) {
            md_error(&c->md, b, "E-EVENT-BLOCK",
                     "an event holds its name and then '- Label: value' "
                     "lines only; write the rest into the name or a field");
            continue;
        }
        for (cmark_node *f = cmark_node_first_child(b); f; f = cmark_node_next(f))
            add_event_field(c, event, f, &seen);
    }
}

/* A GFM table whose header names the roadmap columns: one event per row. */
static void build_event_table(doc_ctx *c, cmark_node *table, xmlNodePtr section,
                              int *count)
{
    cmark_node *header = cmark_node_first_child(table);
    int fields[64];
    int ncols = 0;
    bool ok = true, named = false;
    for (cmark_node *cell = cmark_node_first_child(header); cell && ncols < 64;
         cell = cmark_node_next(cell), ncols++) {
        char *raw = md_plain(cell);
        char *label = str_trim(raw);
        free(raw);
        fields[ncols] = label_index(label, true);
        if (fields[ncols] < 0) {
            md_error(&c->md, md_cell_text(cell), "E-LABEL-UNKNOWN",
                     "unknown roadmap column '%s' (known: №, Мероприятие, %s)",
                     label, KNOWN_LABELS);
            ok = false;
        } else if (LABELS[fields[ncols]].field == F_NAME) {
            named = true;
        }
        free(label);
    }
    if (ok && !named) {
        md_error(&c->md, header, "E-EVENT-NAME",
                 "a roadmap table needs a column Мероприятие (the event's name)");
        ok = false;
    }
    if (!ok)
        return;
    for (cmark_node *row = cmark_node_next(header); row; row = cmark_node_next(row)) {
        xmlNodePtr event = md_elem(section, "event");
        md_pos(&c->md, event, row);
        set_int_prop(event, "n", ++*count);
        xmlNodePtr slots[F_NONE] = {0};
        int i = 0;
        /* Name first, as in the list form; then the others in column order. */
        for (int pass = 0; pass < 2; pass++) {
            i = 0;
            for (cmark_node *cell = cmark_node_first_child(row); cell && i < ncols;
                 cell = cmark_node_next(cell), i++) {
                const int k = fields[i];
                field_kind f = LABELS[k].field;
                if (f == F_NUMBER || (pass == 0) != (f == F_NAME))
                    continue;
                int line = md_line(&c->md, md_cell_text(cell));
                int col = md_col(&c->md, md_cell_text(cell));
                c->md.in_table = true;
                typo_state_init(&c->md.typo);
                if (f == F_PERIOD) {
                    char *plain = md_plain(cell);
                    xmlNodePtr shown = xmlNewNode(NULL, BAD_CAST "text");
                    md_inlines(&c->md, cell, shown, 0);
                    add_period(c, event, plain, line, col, shown);
                    free(plain);
                } else if (f == F_RESULT) {
                    /* Results separated by <br> are separate lines. */
                    xmlNodePtr tmp = xmlNewNode(NULL, BAD_CAST "tmp");
                    md_inlines(&c->md, cell, tmp, 0);
                    xmlNodePtr res = NULL;
                    for (xmlNodePtr ch = tmp->children; ch;) {
                        xmlNodePtr next = ch->next;
                        if (ch->type == XML_ELEMENT_NODE &&
                            !strcmp((const char *)ch->name, "br")) {
                            res = NULL;
                        } else {
                            if (!res) {
                                res = md_elem(event, "result");
                                md_pos_at(res, line, col);
                            }
                            xmlUnlinkNode(ch);
                            xmlAddChild(res, ch);
                        }
                        ch = next;
                    }
                    xmlFreeNode(tmp);
                } else if (!slots[f]) {
                    slots[f] = md_elem(event, LABELS[k].element);
                    md_pos_at(slots[f], line, col);
                    if (f == F_EXECUTORS)
                        xmlSetProp(slots[f], BAD_CAST "label", BAD_CAST LABELS[k].label);
                    md_inlines(&c->md, cell, slots[f], 0);
                }
                c->md.in_table = false;
            }
        }
        if (!slots[F_NAME]) {
            md_error(&c->md, row, "E-EVENT-NAME",
                     "event %d has no name: its Мероприятие cell is empty", *count);
        }
    }
}

/*
 * Sections without events, reported at the end: only when the roadmap has
 * events elsewhere (else one error says the roadmap has none) and only
 * when the section's own events did not fail already.
 */
typedef struct {
    cmark_node *heading;        /* of the section being filled */
    xmlNodePtr section;
    int errors_at_start;
    cmark_node **empty;
    size_t nempty;
} section_watch;

static void close_section(doc_ctx *c, section_watch *w, cmark_node *next)
{
    if (!w->section || !w->heading || c->md.errors != w->errors_at_start)
        return;
    /* Followed by a deeper heading, it is a part holding sections. */
    if (next && cmark_node_get_heading_level(next) >
                    cmark_node_get_heading_level(w->heading))
        return;
    if (tree_child(w->section, "event"))
        return;
    w->empty = xrealloc(w->empty, (w->nempty + 1) * sizeof(cmark_node *));
    w->empty[w->nempty++] = w->heading;
}

/*
 * An event whose cell would stay empty in a column the roadmap shows:
 * no Сроки (W-EVENT-NO-PERIOD), no Исполнители or Ответственные
 * (W-EVENT-NO-EXECUTOR).  A roadmap without such a column asks for none;
 * a roadmap with errors gets none either: a field that failed to read is
 * missing for a reason already said.
 */
static void warn_empty_cells(doc_ctx *c, xmlNodePtr body)
{
    if (diag_errors_in(c->diag, c->source->path))
        return;
    static const struct {
        const char *field, *code, *label;
    } wanted[] = {
        {"period", "W-EVENT-NO-PERIOD", "Сроки"},
        {"executors", "W-EVENT-NO-EXECUTOR", "Исполнители"},
        {"responsible", "W-EVENT-NO-EXECUTOR", "Ответственные"},
    };
    xmlNodePtr columns = tree_child(tree_child(body->parent, "meta"), "columns");
    for (xmlNodePtr col = columns ? columns->children : NULL; col; col = col->next) {
        xmlChar *field = xmlGetProp(col, BAD_CAST "field");
        for (size_t w = 0; field && w < sizeof wanted / sizeof *wanted; w++) {
            if (strcmp((const char *)field, wanted[w].field))
                continue;
            xmlChar *caption = xmlNodeGetContent(col);
            for (xmlNodePtr sec = body->children; sec; sec = sec->next)
                for (xmlNodePtr ev = sec->children; ev; ev = ev->next) {
                    if (!tree_is(ev, "event"))
                        continue;
                    /* An empty table cell makes an empty element. */
                    xmlChar *have = xmlNodeGetContent(tree_child(ev, wanted[w].field));
                    bool given = have && have[strspn((const char *)have, " \t\n")];
                    xmlFree(have);
                    if (given)
                        continue;
                    xmlChar *n = xmlGetProp(ev, BAD_CAST "n");
                    xmlChar *line = xmlGetProp(ev, BAD_CAST "line");
                    xmlChar *at = xmlGetProp(ev, BAD_CAST "col");
                    diag_report(c->diag, DIAG_WARNING, c->source->path,
                                line ? atoi((const char *)line) : 0,
                                at ? atoi((const char *)at) : 0, wanted[w].code,
                                "event %s has no %s: its cell in the column '%s' "
                                "stays empty", n ? (const char *)n : "?",
                                wanted[w].label, (const char *)caption);
                    xmlFree(n);
                    xmlFree(line);
                    xmlFree(at);
                }
            xmlFree(caption);
        }
        xmlFree(field);
    }
}

/* Roadmap: intro, then sections of events (lists or tables). */
static void build_roadmap(doc_ctx *c, cmark_node *doc, xmlNodePtr body)
{
    xmlNodePtr intro = NULL, section = NULL;
    section_watch watch = {0};
    int count = 0, errors_before = c->md.errors;
    for (cmark_node *b = cmark_node_first_child(doc); b; b = cmark_node_next(b)) {
        cmark_node_type t = cmark_node_get_type(b);
        if (t == CMARK_NODE_FOOTNOTE_DEFINITION)
            continue;
        bool events = (t == CMARK_NODE_LIST &&
                       cmark_node_get_list_type(b) == CMARK_ORDERED_LIST) ||
                      is_table(b);
        if (t == CMARK_NODE_HEADING) {
            close_section(c, &watch, b);
            if (cmark_node_get_heading_level(b) > 3)
                md_error(&c->md, b, "E-HEADING-DEPTH",
                         "heading level %d: use '##' for a roadmap section",
                         cmark_node_get_heading_level(b));
            section = md_elem(body, "section");
            md_pos(&c->md, section, b);
            set_int_prop(section, "level", cmark_node_get_heading_level(b));
            watch.heading = b;
            watch.section = section;
            watch.errors_at_start = c->md.errors;
            xmlNodePtr heading = md_elem(section, "heading");
            md_pos(&c->md, heading, b);
            typo_state_init(&c->md.typo);
            md_inlines(&c->md, b, heading, 0);
            continue;
        }
        if (events) {
            if (!section) {
                /* Events before any heading: a section without a title. */
                section = md_elem(body, "section");
                md_pos(&c->md, section, b);
                set_int_prop(section, "level", 2);
            }
            if (is_table(b)) {
                build_event_table(c, b, section, &count);
            } else {
                for (cmark_node *item = cmark_node_first_child(b); item;
                     item = cmark_node_next(item))
                    build_event(c, item, section, ++count);
            }
            continue;
        }
        if (section) {
            md_error(&c->md, b, "E-ROADMAP-BLOCK",
                     "a roadmap section holds a numbered list of events (or a "
                     "table of them); put other text in the introduction, "
                     "before the first '##' section");
            continue;
        }
        if (!intro) {
            intro = md_elem(body, "intro");
            md_pos(&c->md, intro, b);
            /* The intro comes before the sections. */
            if (body->children != intro)
                xmlAddPrevSibling(body->children, intro);
        }
        md_block(&c->md, b, intro);
    }
    close_section(c, &watch, NULL);
    for (size_t i = 0; count && i < watch.nempty; i++) {
        char *title = md_plain(watch.empty[i]);
        md_error(&c->md, watch.empty[i], "E-ROADMAP-SECTION-EMPTY",
                 "section '%s' has no events: write a numbered list "
                 "'1. Event' under it, or delete the heading", title);
        free(title);
    }
    free(watch.empty);
    /* With errors in its events, the missing ones are no news. */
    if (!count && c->md.errors == errors_before)
        diag_report(c->diag, DIAG_ERROR, c->source->path, c->source->body_line, 1,
                    "E-ROADMAP-EMPTY",
                    "a roadmap needs events: '## Section' then a numbered list "
                    "'1. Event' with '- Сроки: …' lines");
    warn_empty_cells(c, body);
}

/* A collection's parts: each item resolved to the documents it names. */
static void build_parts(doc_ctx *c, xmlNodePtr root)
{
    const fm_node *parts = fm_get(c->source->front, "parts");
    if (!parts || parts->type != FM_SEQ)
        return;
    xmlNodePtr el = add_el(c, root, "parts", parts);
    for (size_t i = 0; i < parts->n; i++) {
        const fm_node *part = parts->items[i];
        const fm_node *title = fm_get(part, "title");
        const fm_node *items = fm_get(part, "items");
        if (part->type != FM_MAP || !fm_str(title) || !items || items->type != FM_SEQ)
            continue;
        xmlNodePtr pe = add_el(c, el, "part", part);
        add_text_el(c, pe, "title", title, fm_str(title));
        for (size_t j = 0; j < items->n; j++) {
            const fm_node *item = items->items[j];
            const char *pattern = fm_str(item);
            if (!pattern)
                continue;
            sb_source **matches = NULL;
            const char *why = NULL;
            size_t n = refs_collection_item(c->project, pattern, &matches, &why);
            if (why) {
                node_error(c, item, "E-PATH-ESCAPE",
                           "item '%s' is refused: %s", pattern, why);
            } else if (!n) {
                node_error(c, item, "E-ITEM-NONE",
                           "item '%s' matches no document of the project (give "
                           "an id, a path such as docs/order.md, or a glob such "
                           "as docs/*.md)", pattern);
            }
            for (size_t k = 0; k < n; k++) {
                if (matches[k]->failed || !matches[k]->tree) {
                    /* Its own errors say why; the collection must not
                     * be published without it. */
                    node_error(c, item, "E-ITEM-BROKEN",
                               "item '%s' includes %s, which cannot be read "
                               "(see its errors)", pattern, matches[k]->path);
                    continue;
                }
                if (matches[k] == c->source || matches[k]->kind == KIND_COLLECTION) {
                    node_error(c, item, "E-ITEM-COLLECTION",
                               "item '%s' names a collection; a collection "
                               "binds documents, not other collections", pattern);
                    continue;
                }
                xmlNodePtr entry = add_el(c, pe, "entry", item);
                xmlSetProp(entry, BAD_CAST "ref", BAD_CAST matches[k]->id);
            }
            free(matches);
        }
    }
}

void document_build(sb_project *p, sb_source *s, diag_sink *diag)
{
    if (s->failed || !s->tree)
        return;
    doc_ctx c = {p, s, diag, {0}};
    md_ctx_init(&c.md, p, s, diag);
    xmlNodePtr root = xmlDocGetRootElement(s->tree);
    xmlNodePtr meta = root->children;

    add_stamp(&c, meta);

    cmark_node *doc = markdown_parse(s->text + s->body_offset,
                                     s->len - s->body_offset);
    md_collect_footnotes(&c.md, doc);
    xmlNodePtr body = md_elem(root, "body");
    md_pos_at(body, s->body_line, 1);
    switch (s->kind) {
    case KIND_ORDER:
        build_order(&c, doc, body);
        break;
    case KIND_ROADMAP:
        build_roadmap(&c, doc, body);
        break;
    default:
        build_sections(&c, doc, body);
        break;
    }
    md_footnotes(&c.md, root);
    if (s->kind == KIND_COLLECTION)
        build_parts(&c, root);
    cmark_node_free(doc);
    md_ctx_free(&c.md);
}

/* ------------------------------------------------------------ assembly */

static xmlNodePtr assemble_node(const sb_project *p, const sb_source *s,
                                xmlDocPtr into, int depth);

static void embed(const sb_project *p, xmlNodePtr slot, const sb_source *s,
                  xmlDocPtr into, int depth)
{
    xmlNodePtr copy = assemble_node(p, s, into, depth + 1);
    if (copy)
        xmlAddChild(slot, copy);
}

static xmlNodePtr assemble_node(const sb_project *p, const sb_source *s,
                                xmlDocPtr into, int depth)
{
    if (!s->tree || depth > 16)
        return NULL;
    xmlNodePtr root = xmlDocCopyNode(xmlDocGetRootElement(s->tree), into, 1);
    if (s->nannexes) {
        xmlNodePtr annexes = xmlNewChild(root, NULL, BAD_CAST "annexes", NULL);
        for (size_t i = 0; i < s->nannexes; i++) {
            const sb_source *a = s->annexes[i];
            xmlNodePtr annex = xmlNewChild(annexes, NULL, BAD_CAST "annex", NULL);
            set_int_prop(annex, "n", (long)i + 1);
            xmlSetProp(annex, BAD_CAST "mode",
                       BAD_CAST(a->annex_approved ? "approved" : "attached"));
            xmlSetProp(annex, BAD_CAST "ref", BAD_CAST a->id);
            embed(p, annex, a, into, depth);
        }
    }
    if (s->kind == KIND_COLLECTION) {
        xmlNodePtr parts = tree_child(root, "parts");
        for (xmlNodePtr part = parts ? parts->children : NULL; part; part = part->next)
            for (xmlNodePtr e = part->children; e; e = e->next) {
                if (!tree_is(e, "entry"))
                    continue;
                xmlChar *ref = xmlGetProp(e, BAD_CAST "ref");
                const sb_source *item = project_find_id(p, (const char *)ref);
                if (item)
                    embed(p, e, item, into, depth);
                xmlFree(ref);
            }
    }
    return root;
}

xmlDocPtr document_assemble(const sb_project *p, const sb_source *s)
{
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr root = assemble_node(p, s, doc, 0);
    if (root)
        xmlDocSetRootElement(doc, root);
    return doc;
}
