/*
 * refs.c: references between documents and the project-wide consistency
 * checks (see refs.h).
 */
#include "refs.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "text.h"

/* ------------------------------------------------------------ dates */

void refs_date_text(const char *iso, char *out)
{
    int y = 0, m = 0, d = 0;
    if (!iso || sscanf(iso, "%d-%d-%d", &y, &m, &d) != 3) {
        out[0] = '\0';
        return;
    }
    if (y < 0 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) {
        out[0] = '\0';
        return;
    }
    snprintf(out, 11, "%02d.%02d.%04d", d, m, y);
}

/* ------------------------------------------------------------ annexes */

/* An annex item: an id, else a path from the project root (.md optional). */
static sb_source *resolve_doc(const sb_project *p, const char *item)
{
    sb_source *s = project_find_id(p, item);
    if (s)
        return s;
    s = project_find_rel(p, item);
    if (s)
        return s;
    buf with = BUF_INIT;
    buf_addf(&with, "%s.md", item);
    s = project_find_rel(p, with.data);
    buf_free(&with);
    return s;
}

static void link_order(sb_project *p, sb_source *order, diag_sink *diag)
{
    const fm_node *list = fm_get(order->front, "annexes");
    if (!list || list->type != FM_SEQ)
        return;
    order->annexes = xcalloc(list->n + 1, sizeof(sb_source *));
    for (size_t i = 0; i < list->n; i++) {
        const fm_node *item = list->items[i];
        const char *name = fm_str(item);
        if (!name)
            continue;
        const char *why = project_path_escape(p, name);
        if (!why) {     /* the same file named without its .md */
            buf with = BUF_INIT;
            buf_addf(&with, "%s.md", name);
            why = project_path_escape(p, with.data);
            buf_free(&with);
        }
        if (why && (strchr(name, '/') || name[0] == '.')) {
            diag_report(diag, DIAG_ERROR, order->path, item->line, item->col,
                        "E-PATH-ESCAPE", "annex '%s' is refused: %s", name, why);
            continue;
        }
        sb_source *a = resolve_doc(p, name);
        if (!a) {
            diag_report(diag, DIAG_ERROR, order->path, item->line, item->col,
                        "E-ANNEX-MISSING",
                        "annex '%s' does not exist: no document has this id "
                        "or path", name);
            continue;
        }
        if (a == order) {
            diag_report(diag, DIAG_ERROR, order->path, item->line, item->col,
                        "E-ANNEX-CYCLE", "a document cannot be its own annex");
            continue;
        }
        if (a->kind == KIND_COLLECTION) {
            diag_report(diag, DIAG_ERROR, order->path, item->line, item->col,
                        "E-ANNEX-KIND", "annex '%s' is a collection", name);
            continue;
        }
        if (a->annex_of) {
            diag_report(diag, DIAG_ERROR, order->path, item->line, item->col,
                        "E-ANNEX-TWICE",
                        "'%s' is already an annex of %s; a document belongs to "
                        "one order only", name, a->annex_of->id);
            continue;
        }
        /* approved_by names this order (approved), nothing (attached) … */
        const char *back = a->info.approved_by;
        if (back && strcmp(back, order->id) != 0) {
            diag_report(diag, DIAG_ERROR, order->path, item->line, item->col,
                        "E-ANNEX-APPROVED-BY",
                        "annex '%s' says approved_by: %s, not %s", name, back,
                        order->id);
            continue;
        }
        if (!back && fm_get(a->front, "approved_by")) {
            diag_report(diag, DIAG_ERROR, order->path, item->line, item->col,
                        "E-ANNEX-APPROVED-BY",
                        "annex '%s' is approved by an order outside the project; "
                        "it cannot be an annex of %s too", name, order->id);
            continue;
        }
        a->annex_of = order;
        a->annex_approved = back != NULL;
        order->annexes[order->nannexes++] = a;
        a->annex_number = (int)order->nannexes;
    }
}

/*
 * A cycle: following annex_of from s comes back to s.  With one order per
 * annex, the annex graph is a set of chains, so walking up is enough.
 */
static bool in_cycle(const sb_source *s, size_t limit)
{
    const sb_source *cur = s->annex_of;
    for (size_t i = 0; cur && i <= limit; i++, cur = cur->annex_of)
        if (cur == s)
            return true;
    return false;
}

void refs_link(sb_project *p, diag_sink *diag)
{
    for (size_t i = 0; i < p->nsources; i++) {
        sb_source *s = p->sources[i];
        if (!s->failed && s->tree && fm_get(s->front, "annexes"))
            link_order(p, s, diag);
    }
    for (size_t i = 0; i < p->nsources; i++) {
        sb_source *s = p->sources[i];
        if (s->failed || !s->tree)
            continue;
        if (s->annex_of && in_cycle(s, p->nsources)) {
            const fm_node *list = fm_get(s->annex_of->front, "annexes");
            int line = list ? list->line : 1, col = list ? list->col : 1;
            diag_report(diag, DIAG_ERROR, s->annex_of->path, line, col,
                        "E-ANNEX-CYCLE",
                        "annexes form a cycle: %s is, through its annexes, an "
                        "annex of itself", s->id);
        }
        const char *ap = s->info.approved_by;
        if (!ap)
            continue;
        sb_source *o = project_find_id(p, ap);
        if (!o) {
            diag_report(diag, DIAG_ERROR, s->path, s->info.approved_line,
                        s->info.approved_col, "E-APPROVED-BY",
                        "approved_by names '%s', but no document has this id",
                        ap);
        } else if (o->kind != KIND_ORDER) {
            diag_report(diag, DIAG_ERROR, s->path, s->info.approved_line,
                        s->info.approved_col, "E-APPROVED-BY",
                        "approved_by names '%s', which is a %s, not an order", ap,
                        kind_name(o->kind));
        } else if (s->annex_of != o) {
            diag_report(diag, DIAG_ERROR, s->path, s->info.approved_line,
                        s->info.approved_col, "E-APPROVED-BY",
                        "approved_by names '%s', but that order does not list "
                        "'%s' in its annexes", ap, s->id);
        }
    }
}

/* ------------------------------------------------------------ collections */

static bool has_glob(const char *s)
{
    return strpbrk(s, "*?[") != NULL;
}

size_t refs_collection_item(const sb_project *p, const char *item,
                            sb_source ***matches, const char **why)
{
    *matches = NULL;
    *why = NULL;
    if (item[0] == '/' || strstr(item, "../") || !strcmp(item, "..") ||
        strstr(item, "://")) {
        *why = project_path_escape(p, item);
        if (!*why)
            *why = "a path that leaves the project";
        return 0;
    }
    if (!has_glob(item)) {
        if ((*why = project_path_escape(p, item)) != NULL)
            return 0;
        sb_source *s = resolve_doc(p, item);
        if (!s)
            return 0;
        *matches = xcalloc(1, sizeof(sb_source *));
        (*matches)[0] = s;
        return 1;
    }
    /* Sources are sorted by path, so the matches are too. */
    size_t n = 0;
    *matches = xcalloc(p->nsources + 1, sizeof(sb_source *));
    for (size_t i = 0; i < p->nsources; i++)
        if (project_glob_match(item, p->sources[i]->rel))
            (*matches)[n++] = p->sources[i];
    return n;
}

/* ------------------------------------------------------------ reference texts */

/* «от 29.03.2017 № 01/970», what there is of it. */
static void add_requisites(const sb_info *in, buf *out)
{
    if (in->date_text)
        buf_addf(out, " от %s", in->date_text);
    if (in->number)
        buf_addf(out, " № %s", in->number);
}

void refs_text(const sb_source *t, bool short_form, buf *out)
{
    const sb_info *in = &t->info;
    const char *title = in->title ? in->title : t->id;
    switch (t->kind) {
    case KIND_ORDER:
    case KIND_LETTER:
        buf_adds(out, document_form_lower(in->form));
        if (!short_form && in->issuer_genitive)
            buf_addf(out, " %s", in->issuer_genitive);
        add_requisites(in, out);
        if (!short_form)
            buf_addf(out, " «%s»", title);
        return;
    case KIND_ARTICLE:
        if (!short_form && in->authors)
            buf_addf(out, "%s. ", in->authors);
        buf_adds(out, title);
        return;
    default:
        buf_adds(out, title);
        if (short_form)
            return;
        if (t->annex_of && t->annex_approved) {
            /* «(утверждена приказом … от … № …)» */
            static const char *const lower[][2] = {
                {"УТВЕРЖДЕНА", "утверждена"}, {"УТВЕРЖДЕНО", "утверждено"},
                {"УТВЕРЖДЕНЫ", "утверждены"}, {"УТВЕРЖДЕН", "утвержден"}};
            const sb_info *o = &t->annex_of->info;
            const char *word = "утверждено";
            for (size_t i = 0; i < 4; i++)
                if (in->stamp_word && !strcmp(in->stamp_word, lower[i][0]))
                    word = lower[i][1];
            buf_addf(out, " (%s %s", word, document_form_instrumental(o->form));
            if (o->issuer_genitive)
                buf_addf(out, " %s", o->issuer_genitive);
            add_requisites(o, out);
            buf_addc(out, ')');
        }
        return;
    }
}

/* ------------------------------------------------------------ literal references */

static const char *const MONTHS_GEN[] = {
    "января", "февраля", "марта", "апреля", "мая", "июня", "июля",
    "августа", "сентября", "октября", "ноября", "декабря"};

/* Skip spaces (ASCII, no-break, thin). */
static const char *skip_spaces(const char *p)
{
    for (;;) {
        if (*p == ' ' || *p == '\t' || *p == '\n')
            p++;
        else if (!strncmp(p, "\xC2\xA0", 2) || !strncmp(p, "\xE2\x80\xAF", 3) ||
                 !strncmp(p, "\xE2\x80\x89", 3))
            p += (unsigned char)*p == 0xC2 ? 2 : 3;
        else
            return p;
    }
}

static const char *read_int(const char *p, int maxdigits, int *v)
{
    int n = 0, d = 0;
    while (isdigit((unsigned char)*p) && d < maxdigits) {
        n = n * 10 + (*p - '0');
        p++;
        d++;
    }
    if (!d || isdigit((unsigned char)*p))
        return NULL;
    *v = n;
    return p;
}

/*
 * After «от»: a date «29.03.2019» or «29 марта 2019», then «г.» or «года»,
 * then «№ N».  Fills iso and number; returns false when the text there is
 * not such a reference.
 */
static bool read_literal(const char *p, char iso[16], char *number, size_t cap)
{
    int d, m = 0, y;
    p = skip_spaces(p);
    if (!(p = read_int(p, 2, &d)))
        return false;
    if (*p == '.') {
        if (!(p = read_int(p + 1, 2, &m)) || *p != '.' || !(p = read_int(p + 1, 4, &y)))
            return false;
    } else {
        p = skip_spaces(p);
        for (int i = 0; i < 12; i++) {
            if (starts_with(p, MONTHS_GEN[i])) {
                m = i + 1;
                p += strlen(MONTHS_GEN[i]);
                break;
            }
        }
        if (!m || !(p = read_int(skip_spaces(p), 4, &y)))
            return false;
    }
    if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
        return false;
    p = skip_spaces(p);
    if (starts_with(p, "года"))
        p += strlen("года");
    else if (starts_with(p, "г."))
        p += strlen("г.");
    else if (starts_with(p, "г"))
        p += strlen("г");
    p = skip_spaces(p);
    if (!starts_with(p, "№"))
        return false;
    p = skip_spaces(p + strlen("№"));
    size_t n = 0;
    while (*p && *p != ' ' && *p != '\n' && *p != ',' && *p != ';' &&
           *p != ')' && !starts_with(p, "»") && !starts_with(p, "\xC2\xA0") &&
           n + 1 < cap)
        number[n++] = *p++;
    while (n && (number[n - 1] == '.' || number[n - 1] == ':'))
        n--;
    number[n] = '\0';
    snprintf(iso, 16, "%04d-%02d-%02d", y, m, d);
    return n > 0;
}

void refs_check_literals(const sb_project *p, const sb_source *self,
                         const char *text,
                         void (*report)(void *ud, size_t offset, const char *msg),
                         void *ud)
{
    /* «от» or «От» («о» and «О» differ in the second byte only). */
    for (const char *at = text; (at = strstr(at, "т")) != NULL; at += 2) {
        if (at - text < 2 || (strncmp(at - 2, "о", 2) && strncmp(at - 2, "О", 2)))
            continue;
        const char *word = at - 2;
        /* A word of its own: not inside «работ», «отчёт». */
        if (word > text && !(word[-1] == ' ' || word[-1] == '(' ||
                             word[-1] == '\n' || (unsigned char)word[-1] == 0xA0))
            continue;
        char iso[16], number[64];
        if (!read_literal(at + strlen("т"), iso, number, sizeof number))
            continue;
        const sb_source *match = NULL;
        bool agrees = false;
        for (size_t i = 0; i < p->nsources; i++) {
            const sb_source *s = p->sources[i];
            if (s == self || !s->info.number || !s->info.date_iso ||
                strcmp(s->info.number, number) != 0)
                continue;
            if (!strcmp(s->info.date_iso, iso))
                agrees = true;
            else if (!match)
                match = s;
        }
        if (match && !agrees) {
            char written[11], actual[11];
            refs_date_text(iso, written);
            refs_date_text(match->info.date_iso, actual);
            buf msg = BUF_INIT;
            buf_addf(&msg, "№ %s is cited as of %s, but %s (%s) is dated %s",
                     number, written, match->id, match->path, actual);
            report(ud, (size_t)(word - text), msg.data);
            buf_free(&msg);
        }
    }
}
