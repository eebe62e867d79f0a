/*
 * layout.c: paragraphs, footnotes, tables and the vertical flow of a PDF
 * (see layout.h; page.c cuts the flow into pages and draws it).
 *
 * A paragraph is built as the breaker's items: a box per word (or per
 * syllable run between hyphenation points), glue per space, penalties
 * where a hyphen may go; a parallel array of inks says what each box
 * shows.  Justified text uses glue that stretches by half a space and
 * shrinks by a third; ragged text uses the Knuth–Plass trick of glue
 * that stretches only at a line's end.
 */
#include "pdf/flow.h"

#include <math.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "text.h"
#include "tree.h"

enum { FILL = 100000 };                 /* "infinite" stretch */
enum { HYPHEN_PENALTY = 50, EXPLICIT_PENALTY = 50 };

#define FIELD_CAPTION_SIZE 7.0

/* ------------------------------------------------------------ layout */

pdf_geom pdf_geometry(bool landscape)
{
    if (landscape)
        return (pdf_geom){PDF_PAGE_H, PDF_PAGE_W, PDF_MM(20), PDF_MM(20), PDF_MM(30),
                          PDF_MM(15)};
    return (pdf_geom){PDF_PAGE_W, PDF_PAGE_H, PDF_MARGIN_LEFT, PDF_MARGIN_RIGHT,
                      PDF_MARGIN_TOP, PDF_MARGIN_BOTTOM};
}

bool layout_landscape(const pdf_layout *l)
{
    return l->landscape;
}

double layout_width(const pdf_layout *l)
{
    pdf_geom g = pdf_geometry(l->landscape);
    return g.w - g.left - g.right;
}

pdf_layout *layout_new(pdf_fonts *fonts, pdf_hyph *hyph, HPDF_Doc doc)
{
    pdf_layout *l = xcalloc(1, sizeof *l);
    l->fonts = fonts;
    l->hyph = hyph;
    l->doc = doc;
    l->pending_level = -1;
    l->number_from = 2;
    return l;
}

void layout_numbering(pdf_layout *l, int from, bool continuous)
{
    l->number_from = from;
    l->continuous = continuous;
}

static void para_free(pdf_para *p)
{
    free(p->items);
    free(p->inks);
    free(p->text);
    free(p->lines);
    free(p->right);
    free(p);
}

void layout_free(pdf_layout *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->nparas; i++)
        para_free(l->paras[i]);
    free(l->paras);
    for (size_t i = 0; i < l->nitems; i++) {
        free(l->items[i].notes);
        free(l->items[i].anchor);
        free(l->items[i].bookmark);
    }
    free(l->items);
    for (size_t i = 0; i < l->nnotes; i++) {
        free(l->notes[i].paras);
        free(l->notes[i].doc_id);
    }
    free(l->notes);
    for (size_t i = 0; i < l->nlinks; i++)
        free(l->links[i].target);
    free(l->links);
    for (size_t i = 0; i < l->ntables; i++) {
        pdf_table *t = l->tables[i];
        for (size_t r = 0; r < t->nrows; r++) {
            pdf_row *row = t->rows[r];
            for (size_t c = 0; c < t->ncols; c++)
                free(row->cells[c]);
            free(row->cells);
            free(row->ncells);
            free(row);
        }
        free(t->rows);
        for (size_t k = 0; k < t->nslices; k++) {
            free(t->slices[k]->from);
            free(t->slices[k]->to);
            free(t->slices[k]);
        }
        free(t->slices);
        free(t->widths);
        free(t);
    }
    free(l->tables);
    for (size_t i = 0; i < l->npages; i++) {
        free(l->pages[i].items);
        free(l->pages[i].notes);
    }
    free(l->pages);
    free(l->pending_anchor);
    free(l->pending_bookmark);
    free(l->marked);
    free(l);
}

int layout_link(pdf_layout *l, const char *target, bool internal)
{
    for (size_t i = 0; i < l->nlinks; i++)
        if (l->links[i].internal == internal && !strcmp(l->links[i].target, target))
            return (int)i;
    if (l->nlinks == l->caplinks) {
        l->caplinks = l->caplinks ? 2 * l->caplinks : 16;
        l->links = xrealloc(l->links, l->caplinks * sizeof(pdf_link));
    }
    l->links[l->nlinks] = (pdf_link){xstrdup(target), internal};
    return (int)l->nlinks++;
}

/* ------------------------------------------------------------ paragraphs */

static pdf_ink no_ink(void)
{
    pdf_ink ink;
    memset(&ink, 0, sizeof ink);
    ink.link = -1;
    return ink;
}


pdf_para *layout_para(pdf_layout *l, const pdf_pstyle *style)
{
    pdf_para *p = xcalloc(1, sizeof *p);
    p->style = *style;
    p->right_link = -1;
    p->inks = xmalloc(16 * sizeof(pdf_ink));
    p->capinks = 16;
    p->inks[p->ninks++] = no_ink();
    if (p->style.size <= 0)
        p->style.size = PDF_BODY_SIZE;
    if (l->nparas == l->capparas) {
        l->capparas = l->capparas ? 2 * l->capparas : 64;
        l->paras = xrealloc(l->paras, l->capparas * sizeof(pdf_para *));
    }
    l->paras[l->nparas++] = p;
    return p;
}

/* An item that draws nothing (glue, a penalty without a hyphen). */
static size_t add_item(pdf_para *p, brk_item it)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 32;
        p->items = xrealloc(p->items, p->cap * sizeof(brk_item));
    }
    it.ink = 0;
    p->items[p->n] = it;
    return p->n++;
}

/* An item with its ink (a box, a hyphenation point). */
static size_t add_inked(pdf_para *p, brk_item it, pdf_ink ink)
{
    if (p->ninks == p->capinks) {
        p->capinks = p->capinks ? 2 * p->capinks : 16;
        p->inks = xrealloc(p->inks, p->capinks * sizeof(pdf_ink));
    }
    p->inks[p->ninks] = ink;
    size_t k = add_item(p, it);
    p->items[k].ink = (uint32_t)p->ninks++;
    return k;
}

static size_t add_text_bytes(pdf_para *p, const char *s, size_t n)
{
    if (p->text_len + n + 1 > p->text_cap) {
        while (p->text_len + n + 1 > p->text_cap)
            p->text_cap = p->text_cap ? 2 * p->text_cap : 256;
        p->text = xrealloc(p->text, p->text_cap);
    }
    size_t off = p->text_len;
    memcpy(p->text + off, s, n);
    p->text_len += n;
    p->text[p->text_len] = '\0';
    return off;
}

static bool last_is_glue(const pdf_para *p)
{
    return p->n && p->items[p->n - 1].type == BRK_GLUE;
}

static double space_width(pdf_layout *l, pdf_face face, double size)
{
    return pdf_text_width(l->fonts, face, size, " ", 1);
}

/* A breakable space. */
static void add_space(pdf_layout *l, pdf_para *p, pdf_face face, double size)
{
    if (!p->n || last_is_glue(p))
        return;     /* no space at the start, none doubled */
    double w = space_width(l, face, size);
    if (p->style.align == ALIGN_JUSTIFY) {
        /*
         * A quarter-em space (Times) may grow to twice its width at a ratio
         * of 1 and shrink to half: Russian words are long and hyphen-ru's
         * patterns miss many points, so spaces need that much room.
         */
        add_item(p, brk_make(BRK_GLUE, w, w, w / 2, 0, false));
    } else {
        /*
         * Ragged: stretch only where the line ends (Knuth–Plass §4).  The
         * stretch is large, a third of the text width, so that every line
         * is feasible and the breaker evens out the line lengths.
         */
        double s = layout_width(l) / 3;
        add_item(p, brk_make(BRK_GLUE, 0, s, 0, 0, false));
        add_item(p, brk_make(BRK_PENALTY, 0, 0, 0, 0, false));
        add_item(p, brk_make(BRK_GLUE, w, -s, 0, 0, false));
    }
}

/*
 * A space that never breaks (U+00A0), but stretches like the others.  In
 * a table cell it may break at a cost: «21 ноября / 2019 года» on two
 * lines is better than a column as wide as the whole date.
 */
static void add_fixed_space(pdf_layout *l, pdf_para *p, pdf_face face, double size)
{
    double w = space_width(l, face, size);
    add_item(p, brk_make(BRK_PENALTY, 0, 0, 0, p->style.cell ? 500 : BRK_INF, false));
    if (p->style.align == ALIGN_JUSTIFY)
        add_item(p, brk_make(BRK_GLUE, w, w, w / 2, 0, false));
    else
        add_item(p, brk_make(BRK_GLUE, w, 0, 0, 0, false));
}

/* Capitals of the Cyrillic and Latin letters, for headers set upper case. */
static uint32_t upper(uint32_t cp)
{
    if ((cp >= 'a' && cp <= 'z') || (cp >= 0x430 && cp <= 0x44F))
        return cp - 0x20;
    if (cp >= 0x450 && cp <= 0x45F)
        return cp - 0x50;
    return cp;
}

static bool is_letter(uint32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= 0x400 && cp <= 0x4FF);
}

/* Whether a word is a month's name in any case: dates are not hyphenated. */
static bool month_name(const char *w, size_t n)
{
    static const char *const stems[] = {"январ", "феврал", "март", "апрел", "ма",
                                        "июн", "июл", "август", "сентябр",
                                        "октябр", "ноябр", "декабр"};
    for (size_t i = 0; i < sizeof stems / sizeof *stems; i++) {
        size_t k = strlen(stems[i]);
        if (n >= k && !strncasecmp(w, stems[i], k) && n <= k + 6)
            return strcmp(stems[i], "ма") != 0 || n <= 6;     /* «мая», «май» */
    }
    return false;
}

static void add_box(pdf_layout *l, pdf_para *p, const char *s, size_t n,
                    pdf_face face, double size, double rise, int link, int kind,
                    int note)
{
    pdf_ink ink = no_ink();
    ink.kind = kind;
    ink.off = add_text_bytes(p, s, n);
    ink.len = n;
    ink.face = face;
    ink.size = size;
    ink.rise = rise;
    ink.link = link;
    ink.note = note;
    double w = pdf_text_width(l->fonts, face, size, s, n);
    add_inked(p, brk_make(BRK_BOX, w, 0, 0, 0, false), ink);
}

/*
 * One word: boxes between the places it may break (hyphenation points of
 * its letters, after an explicit hyphen), with the penalties there.
 */
static void add_word(pdf_layout *l, pdf_para *p, const char *w, size_t n,
                     pdf_face face, double size, double rise, int link)
{
    unsigned char pts[256];
    memset(pts, 0, sizeof pts);
    if (n < sizeof pts) {
        /* Explicit hyphens between letters: a break after them. */
        const char *q = w, *end = w + n;
        uint32_t prev = 0;
        while (q < end) {
            const char *at = q;
            uint32_t cp = utf8_next(&q, end);
            if (cp == '-' && is_letter(prev) && q < end) {
                const char *peek = q;
                if (is_letter(utf8_next(&peek, end)))
                    pts[q - w] = 2;
            }
            prev = cp;
            (void)at;
        }
        /* Hyphenation of the letters between punctuation and hyphens;
         * never in a date («10 апреля»): month names stay whole. */
        if (p->style.hyphenate && l->hyph && !month_name(w, n)) {
            size_t i = 0;
            while (i < n) {
                /* A run of letters. */
                const char *s0 = w + i;
                const char *q2 = s0;
                size_t start = i;
                while (q2 < end) {
                    const char *before = q2;
                    if (!is_letter(utf8_next(&q2, end))) {
                        q2 = before;
                        break;
                    }
                }
                size_t len = (size_t)(q2 - s0);
                if (len) {
                    unsigned char sub[256];
                    if (pdf_hyph_points(l->hyph, s0, len, sub))
                        for (size_t k = 1; k < len; k++)
                            if (sub[k])
                                pts[start + k] = 1;
                    i += len;
                } else {
                    const char *skip = w + i;
                    utf8_next(&skip, end);
                    i = (size_t)(skip - w);
                }
            }
        }
    }
    size_t from = 0;
    double hyph_w = pdf_text_width(l->fonts, face, size, "-", 1);
    for (size_t i = 1; i <= n; i++) {
        if (i < n && !pts[i])
            continue;
        add_box(l, p, w + from, i - from, face, size, rise, link, INK_TEXT, 0);
        if (i < n) {
            pdf_ink ink = no_ink();
            ink.face = face;
            ink.size = size;
            bool explicit = pts[i] == 2;
            add_inked(p, brk_make(BRK_PENALTY, explicit ? 0 : hyph_w, 0, 0,
                                   explicit ? EXPLICIT_PENALTY : HYPHEN_PENALTY, true), ink);
        }
        from = i;
    }
}

static void add_chunk(pdf_layout *l, pdf_para *p, const char *s, size_t n,
                      pdf_face face, double size, double rise, int link)
{
    const char *q = s, *end = s + n;
    buf word = BUF_INIT;
    while (q < end) {
        uint32_t cp = utf8_next(&q, end);
        bool space = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r';
        bool fixed = cp == 0xA0 || cp == 0x202F;
        if (space || fixed) {
            if (word.len)
                add_word(l, p, word.data, word.len, face, size, rise, link);
            buf_clear(&word);
            if (space)
                add_space(l, p, face, size);
            else
                add_fixed_space(l, p, face, size);
            continue;
        }
        char tmp[4];
        int k = utf8_put(p->style.upper ? upper(cp) : cp, tmp);
        buf_add(&word, tmp, (size_t)k);
    }
    if (word.len)
        add_word(l, p, word.data, word.len, face, size, rise, link);
    buf_free(&word);
}

void para_text(pdf_layout *l, pdf_para *p, const char *s, pdf_face face)
{
    add_chunk(l, p, s, strlen(s), face, p->style.size, 0, -1);
}

void para_text_link(pdf_layout *l, pdf_para *p, const char *s, pdf_face face,
                    int link)
{
    add_chunk(l, p, s, strlen(s), face, p->style.size, 0, link);
}

void para_right(pdf_para *p, const char *text, pdf_face face)
{
    free(p->right);
    p->right = xstrdup(text);
    p->right_face = face;
}

void para_drop_final_stop(pdf_layout *l, pdf_para *p)
{
    for (size_t i = p->n; i-- > 0;) {
        if (p->items[i].type != BRK_BOX)
            continue;
        pdf_ink *ink = &p->inks[p->items[i].ink];
        if (ink->kind == INK_TEXT && ink->len && p->text[ink->off + ink->len - 1] == '.') {
            ink->len--;
            p->items[i].width = pdf_text_width(l->fonts, ink->face, ink->size,
                                               p->text + ink->off, ink->len);
        }
        return;
    }
}

bool para_empty(const pdf_para *p)
{
    for (size_t i = 0; i < p->n; i++)
        if (p->items[i].type == BRK_BOX)
            return false;
    return !p->right;
}

static pdf_face with_bold(pdf_face f)
{
    return f == PDF_ITALIC || f == PDF_BOLD_ITALIC ? PDF_BOLD_ITALIC : PDF_BOLD;
}

static pdf_face with_italic(pdf_face f)
{
    return f == PDF_BOLD || f == PDF_BOLD_ITALIC ? PDF_BOLD_ITALIC : PDF_ITALIC;
}

static int find_note(pdf_layout *l, const char *doc_id, int n)
{
    for (size_t i = 0; i < l->nnotes; i++)
        if (l->notes[i].n == n && !strcmp(l->notes[i].doc_id, doc_id))
            return (int)i;
    return -1;
}

/* A fill-in field: an underlined blank, its caption small below. */
static void add_field(pdf_layout *l, pdf_para *p, const char *caption)
{
    double size = p->style.size;
    double cap_w = pdf_text_width(l->fonts, PDF_ITALIC, FIELD_CAPTION_SIZE,
                                  caption, strlen(caption));
    /* Wide enough to write in, never so wide it wrecks the line: a long
     * caption wraps under the blank instead. */
    double frame = layout_width(l) - p->style.left - p->style.right;
    double w = cap_w + 8;
    double widest = frame * 0.35 > PDF_MM(30) ? frame * 0.35 : PDF_MM(30);
    if (w > widest)
        w = widest;
    if (w < PDF_MM(30))
        w = PDF_MM(30);
    pdf_ink ink = no_ink();
    ink.kind = INK_FIELD;
    ink.face = PDF_REGULAR;
    ink.size = size;
    ink.field_w = w;
    ink.cap_off = add_text_bytes(p, caption, strlen(caption));
    ink.cap_len = strlen(caption);
    add_inked(p, brk_make(BRK_BOX, w, 0, 0, 0, false), ink);
}

static void walk_inlines(pdf_layout *l, pdf_para *p, xmlNodePtr el,
                         const char *doc_id, pdf_face face, int link)
{
    for (xmlNodePtr c = el->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE) {
            add_chunk(l, p, (const char *)c->content, strlen((const char *)c->content),
                      face, p->style.size, 0, link);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (tree_is(c, "b")) {
            walk_inlines(l, p, c, doc_id, with_bold(face), link);
        } else if (tree_is(c, "i")) {
            walk_inlines(l, p, c, doc_id, with_italic(face), link);
        } else if (tree_is(c, "link")) {
            xmlChar *href = xmlGetProp(c, BAD_CAST "href");
            int k = href ? layout_link(l, (const char *)href, false) : link;
            xmlFree(href);
            walk_inlines(l, p, c, doc_id, face, k);
        } else if (tree_is(c, "ref")) {
            xmlChar *target = xmlGetProp(c, BAD_CAST "target");
            int k = target ? layout_link(l, (const char *)target, true) : link;
            xmlFree(target);
            walk_inlines(l, p, c, doc_id, face, k);
        } else if (tree_is(c, "fnref")) {
            xmlChar *num = xmlGetProp(c, BAD_CAST "n");
            int n = num ? atoi((const char *)num) : 0;
            int note = find_note(l, doc_id, n);
            double size = p->style.size;
            if (num && note >= 0)
                add_box(l, p, (const char *)num, strlen((const char *)num), face,
                        size * 0.6, size * 0.35, -1, INK_NOTE, note);
            xmlFree(num);
        } else if (tree_is(c, "field")) {
            xmlChar *caption = xmlNodeGetContent(c);
            add_field(l, p, (const char *)caption);
            xmlFree(caption);
        } else if (tree_is(c, "br")) {
            /* A line break inside the paragraph. */
            add_item(p, brk_make(BRK_GLUE, 0, FILL, 0, 0, false));
            add_item(p, brk_make(BRK_PENALTY, 0, 0, 0, -BRK_INF, false));
        } else if (tree_is(c, "image")) {
            continue;   /* images are blocks: compose.c places them */
        } else {
            walk_inlines(l, p, c, doc_id, face, link);
        }
    }
}

void para_inlines(pdf_layout *l, pdf_para *p, xmlNodePtr el, const char *doc_id)
{
    walk_inlines(l, p, el, doc_id, p->style.face, -1);
}

/* The widths lines get: the first after its indent, the rest after the hang. */
static void line_widths(const pdf_para *p, double frame, double w[2])
{
    double inner = frame - p->style.left - p->style.right;
    w[0] = inner - p->style.indent;
    w[1] = inner - p->style.hang;
    if (w[0] < 10)
        w[0] = 10;
    if (w[1] < 10)
        w[1] = 10;
}

void para_break(pdf_layout *l, pdf_para *p, double frame)
{
    (void)l;
    free(p->lines);
    p->lines = NULL;
    p->nlines = 0;
    p->frame = frame;
    /* Trailing spaces go; the end is a fill and a forced break. */
    while (p->n && p->items[p->n - 1].type != BRK_BOX)
        p->n--;
    add_item(p, brk_make(BRK_PENALTY, 0, 0, 0, BRK_INF, false));
    add_item(p, brk_make(BRK_GLUE, 0, FILL, 0, 0, false));
    add_item(p, brk_make(BRK_PENALTY, 0, 0, 0, -BRK_INF, false));

    /*
     * The paragraph is whole now: give back what doubling reserved (a
     * one-word table cell would otherwise hold room for 32 items, and a
     * collection holds hundreds of thousands of paragraphs at once).
     */
    if (p->cap > p->n) {
        p->items = xrealloc(p->items, p->n * sizeof(brk_item));
        p->cap = p->n;
    }
    if (p->capinks > p->ninks) {
        p->inks = xrealloc(p->inks, p->ninks * sizeof(pdf_ink));
        p->capinks = p->ninks;
    }
    if (p->text && p->text_cap > p->text_len + 1) {
        p->text = xrealloc(p->text, p->text_len + 1);
        p->text_cap = p->text_len + 1;
    }
    double w[2];
    line_widths(p, frame, w);
    brk_line *bl = NULL;
    /* First try lines whose spaces at most double (PDF_TOLERANCE). */
    size_t count = brk_paragraph(p->items, p->n, w, 2, PDF_TOLERANCE, &bl);
    p->lines = xcalloc(count ? count : 1, sizeof(pdf_line));
    double size = p->style.size;
    double leading = p->style.leading > 0 ? p->style.leading : 1.15 * size;
    for (size_t i = 0; i < count; i++) {
        pdf_line *ln = &p->lines[i];
        ln->start = bl[i].start;
        ln->end = bl[i].end;
        ln->ratio = bl[i].ratio;
        const brk_item *e = &p->items[bl[i].end];
        ln->hyphen = e->type == BRK_PENALTY && e->flagged && e->width > 0;
        ln->width = i == 0 ? w[0] : w[1];
        ln->x = p->style.left + (i == 0 ? p->style.indent : p->style.hang);
        double asc = leading - size * PDF_DESCENT, desc = size * PDF_DESCENT;
        for (size_t k = ln->start; k < ln->end; k++) {
            if (p->items[k].type != BRK_BOX)
                continue;
            const pdf_ink *ink = para_ink(p, k);
            double a = ink->size * PDF_ASCENT + ink->rise;
            double d = ink->size * PDF_DESCENT;
            if (ink->kind == INK_FIELD) {
                /* The caption under the blank, wrapped to its width. */
                double cw = pdf_text_width(l->fonts, PDF_ITALIC, FIELD_CAPTION_SIZE,
                                           p->text + ink->cap_off, ink->cap_len);
                int rows = (int)ceil(cw / (ink->field_w > 1 ? ink->field_w : 1));
                if (rows < 1)
                    rows = 1;
                d = 2 + rows * FIELD_CAPTION_SIZE * 1.1 + 1;
            }
            if (a > asc)
                asc = a;
            if (d > desc)
                desc = d;
        }
        ln->height = asc;
        ln->depth = desc;
    }
    p->nlines = count;
    free(bl);
}

void para_widths(const pdf_para *p, double *min_w, double *max_w)
{
    double run = 0, widest = 0, total = 0;
    for (size_t i = 0; i < p->n; i++) {
        const brk_item *it = &p->items[i];
        if (it->type == BRK_BOX) {
            run += it->width;
            total += it->width;
        } else if (it->type == BRK_GLUE) {
            bool fixed = i > 0 && p->items[i - 1].type == BRK_PENALTY &&
                         p->items[i - 1].penalty >= BRK_INF;
            if (it->stretch < FILL)
                total += it->width;
            if (fixed) {
                run += it->width;
            } else {
                if (run > widest)
                    widest = run;
                run = 0;
            }
        } else if (it->penalty < BRK_INF) {
            /* A hyphenation point: the piece before it ends with '-'. */
            if (run + it->width > widest)
                widest = run + it->width;
            run = 0;
        }
    }
    if (run > widest)
        widest = run;
    double extra = p->style.left + p->style.right +
                   (p->style.indent > p->style.hang ? p->style.indent : p->style.hang);
    *min_w = widest + extra;
    *max_w = total + extra + (p->right ? 40 : 0);
}

/* ------------------------------------------------------------ the flow */

static vitem *new_item(pdf_layout *l, vkind kind)
{
    if (l->nitems == l->capitems) {
        l->capitems = l->capitems ? 2 * l->capitems : 256;
        l->items = xrealloc(l->items, l->capitems * sizeof(vitem));
    }
    vitem *v = &l->items[l->nitems++];
    memset(v, 0, sizeof *v);
    v->kind = kind;
    v->bookmark_level = -1;
    if (kind != V_SPACE && kind != V_PAGE && kind != V_FOOT) {
        v->anchor = l->pending_anchor;
        l->pending_anchor = NULL;
        v->bookmark = l->pending_bookmark;
        v->bookmark_level = l->pending_bookmark ? l->pending_level : -1;
        l->pending_bookmark = NULL;
    }
    return v;
}

vitem *flow_last(pdf_layout *l)
{
    return l->nitems ? &l->items[l->nitems - 1] : NULL;
}

/* The notes first marked in items [start, end) of p, added to v. */
static void collect_notes(pdf_layout *l, vitem *v, const pdf_para *p,
                          size_t start, size_t end, bool *seen)
{
    for (size_t k = start; k < end; k++) {
        if (p->items[k].type != BRK_BOX || para_ink(p, k)->kind != INK_NOTE)
            continue;
        int note = para_ink(p, k)->note;
        if (note < 0 || seen[note])
            continue;
        seen[note] = true;
        v->notes = xrealloc(v->notes, (v->nnotes + 1) * sizeof(int));
        v->notes[v->nnotes++] = note;
    }
    (void)l;
}

/* Which notes already have their first mark in the flow (grown with the
 * notes, so that adding a line never rescans the flow). */
static bool *notes_seen(pdf_layout *l)
{
    if (l->nmarked < l->nnotes) {
        l->marked = xrealloc(l->marked, l->nnotes * sizeof(bool));
        memset(l->marked + l->nmarked, 0, (l->nnotes - l->nmarked) * sizeof(bool));
        l->nmarked = l->nnotes;
    }
    return l->marked;
}

void layout_add(pdf_layout *l, pdf_para *p, bool keep_next)
{
    double frame = layout_width(l);
    if (!p->lines || p->frame != frame)
        para_break(l, p, frame);
    bool *seen = notes_seen(l);
    size_t n = p->nlines;
    for (size_t i = 0; i < n; i++) {
        vitem *v = new_item(l, V_LINE);
        v->para = p;
        v->line = i;
        v->height = p->lines[i].height;
        v->depth = p->lines[i].depth;
        /* No orphan (first line alone at a page's foot) and no widow
         * (last line alone at a page's head). */
        v->keep_next = (i == 0 && n > 1) || (i + 2 == n) || (i + 1 == n && keep_next);
        collect_notes(l, v, p, p->lines[i].start, p->lines[i].end, seen);
    }
}

void layout_space(pdf_layout *l, double pt)
{
    vitem *v = new_item(l, V_SPACE);
    v->height = pt;
}

void layout_new_page(pdf_layout *l, bool new_document, bool landscape)
{
    vitem *v = new_item(l, V_PAGE);
    v->new_document = new_document;
    v->landscape = landscape;
    l->landscape = landscape;
}

void layout_to_foot(pdf_layout *l)
{
    new_item(l, V_FOOT);
}

void layout_anchor(pdf_layout *l, const char *id)
{
    free(l->pending_anchor);
    l->pending_anchor = xstrdup(id);
}

void layout_bookmark(pdf_layout *l, int level, const char *title)
{
    free(l->pending_bookmark);
    /* A bookmark is a PDF string (libharu: 65535 bytes, in UTF-16). */
    l->pending_bookmark = utf8_prefix(title, PDF_STRING_MAX);
    l->pending_level = level;
}

static void quiet_error(HPDF_STATUS e, HPDF_STATUS d, void *ud)
{
    (void)e;
    (void)d;
    (void)ud;
}

bool layout_image(pdf_layout *l, const char *path, bool png)
{
    /* A bad image must not abort the document: errors are checked here. */
    HPDF_SetErrorHandler(l->doc, quiet_error);
    HPDF_Image img = png ? HPDF_LoadPngImageFromFile(l->doc, path)
                         : HPDF_LoadJpegImageFromFile(l->doc, path);
    HPDF_ResetError(l->doc);
    if (!img)
        return false;
    double w = HPDF_Image_GetWidth(img) * 0.75;     /* 96 dpi pixels */
    double h = HPDF_Image_GetHeight(img) * 0.75;
    if (w <= 0 || h <= 0)
        return false;
    pdf_geom g = pdf_geometry(l->landscape);
    double frame = g.w - g.left - g.right;
    double scale = frame / w;                       /* to the text width */
    double max_h = (g.h - g.top - g.bottom) * 0.6;
    if (h * scale > max_h)
        scale = max_h / h;
    vitem *v = new_item(l, V_IMAGE);
    v->image = img;
    v->image_w = w * scale;
    v->height = h * scale;
    v->x = (frame - v->image_w) / 2;
    return true;
}

void layout_note(pdf_layout *l, const char *doc_id, int n, xmlNodePtr footnote)
{
    if (l->nnotes == l->capnotes) {
        l->capnotes = l->capnotes ? 2 * l->capnotes : 16;
        l->notes = xrealloc(l->notes, l->capnotes * sizeof(pdf_note));
    }
    pdf_note *note = &l->notes[l->nnotes++];
    memset(note, 0, sizeof *note);
    note->doc_id = xstrdup(doc_id);
    note->n = n;
    pdf_pstyle st = {PDF_REGULAR, PDF_SMALL_SIZE, ALIGN_JUSTIFY, PDF_INDENT, 0, 0,
                     0, true, false, 0, false};
    bool first = true;
    char num[16];
    snprintf(num, sizeof num, "%d", n);
    for (xmlNodePtr c = footnote->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        pdf_para *p = layout_para(l, &st);
        if (first) {
            add_box(l, p, num, strlen(num), PDF_REGULAR, PDF_SMALL_SIZE * 0.6,
                    PDF_SMALL_SIZE * 0.35, -1, INK_TEXT, 0);
            add_item(p, brk_make(BRK_PENALTY, 0, 0, 0, BRK_INF, false));
            double w = space_width(l, PDF_REGULAR, PDF_SMALL_SIZE) / 2;
            add_item(p, brk_make(BRK_GLUE, w, 0, 0, 0, false));
            note->para = p;
            first = false;
        }
        /* A note is text: lists and tables inside read as their text. */
        para_inlines(l, p, c, doc_id);
        para_break(l, p, layout_width(l));
        note->paras = xrealloc(note->paras, (note->nparas + 1) * sizeof(pdf_para *));
        note->paras[note->nparas++] = p;
    }
}

/* ------------------------------------------------------------ tables */

enum { CELL_PAD_X = 3, CELL_PAD_Y = 2 };

pdf_table *layout_table(pdf_layout *l, size_t ncols, double size)
{
    pdf_table *t = xcalloc(1, sizeof *t);
    t->ncols = ncols ? ncols : 1;
    t->size = size;
    if (l->ntables == l->captables) {
        l->captables = l->captables ? 2 * l->captables : 8;
        l->tables = xrealloc(l->tables, l->captables * sizeof(pdf_table *));
    }
    l->tables[l->ntables++] = t;
    return t;
}

void table_row(pdf_table *t, bool header)
{
    pdf_row *row = xcalloc(1, sizeof *row);
    row->table = t;
    row->header = header;
    row->cells = xcalloc(t->ncols, sizeof(pdf_para **));
    row->ncells = xcalloc(t->ncols, sizeof(size_t));
    t->rows = xrealloc(t->rows, (t->nrows + 1) * sizeof(pdf_row *));
    t->rows[t->nrows++] = row;
}

static pdf_para *cell_para(pdf_layout *l, pdf_table *t, pdf_row *row, size_t col,
                           pdf_align align, pdf_face face)
{
    pdf_pstyle st = {face, t->size, align, 0, CELL_PAD_X, CELL_PAD_X, 0, true,
                     false, 0, !t->borderless};
    pdf_para *p = layout_para(l, &st);
    row->cells[col] = xrealloc(row->cells[col], (row->ncells[col] + 1) * sizeof(pdf_para *));
    row->cells[col][row->ncells[col]++] = p;
    return p;
}

pdf_para *table_cell(pdf_layout *l, pdf_table *t, size_t col, pdf_align align,
                     pdf_face face)
{
    if (!t->nrows)
        table_row(t, false);
    if (col >= t->ncols)
        col = t->ncols - 1;
    return cell_para(l, t, t->rows[t->nrows - 1], col, align, face);
}

pdf_para *table_span(pdf_layout *l, pdf_table *t, pdf_align align, pdf_face face)
{
    table_row(t, false);
    pdf_row *row = t->rows[t->nrows - 1];
    row->span = true;
    return cell_para(l, t, row, 0, align, face);
}

static double para_height(const pdf_para *p)
{
    double h = 0;
    for (size_t i = 0; i < p->nlines; i++)
        h += p->lines[i].height + p->lines[i].depth;
    return h;
}

/*
 * Column widths from content (CSS's automatic table layout in spirit):
 * every column at least its widest word, the room left shared by how much
 * more each column's longest cell wants; a table whose words cannot fit
 * is set smaller, down to 10 pt.
 */
static void size_columns(pdf_layout *l, pdf_table *t)
{
    size_t nc = t->ncols;
    double *minw = xcalloc(nc, sizeof(double)), *maxw = xcalloc(nc, sizeof(double));
    /* A cell's demand is all its text on one line: several paragraphs of
     * a cell (a roadmap's results) stack, so they add up. */
    for (size_t r = 0; r < t->nrows; r++) {
        pdf_row *row = t->rows[r];
        if (row->span)
            continue;
        for (size_t c = 0; c < nc; c++) {
            double demand = 0;
            for (size_t k = 0; k < row->ncells[c]; k++) {
                double mn, mx;
                para_widths(row->cells[c][k], &mn, &mx);
                if (mn > minw[c])
                    minw[c] = mn;
                demand += mx;
            }
            if (demand > maxw[c])
                maxw[c] = demand;
        }
    }
    double avail = layout_width(l);
    for (size_t c = 0; c < nc; c++) {
        if (maxw[c] < minw[c])
            maxw[c] = minw[c];
        if (minw[c] < 12)
            minw[c] = maxw[c] = minw[c] < 12 ? 12 : minw[c];
    }
    t->widths = xcalloc(nc, sizeof(double));
    /* Columns whose whole text fits in a fair share get it («Сроки»,
     * «№»): they are never starved by the wide ones. */
    bool *done = xcalloc(nc, sizeof(bool));
    size_t left = nc;
    for (bool changed = true; changed && left;) {
        changed = false;
        double share = avail / (double)left;
        for (size_t c = 0; c < nc; c++) {
            if (done[c] || maxw[c] > share)
                continue;
            t->widths[c] = maxw[c];
            avail -= maxw[c];
            done[c] = true;
            left--;
            changed = true;
        }
    }
    double smin = 0, smax = 0;
    for (size_t c = 0; c < nc; c++)
        if (!done[c]) {
            smin += minw[c];
            smax += maxw[c];
        }
    for (size_t c = 0; c < nc; c++) {
        if (done[c])
            continue;
        if (smax <= avail)
            t->widths[c] = maxw[c] + (avail - smax) * maxw[c] / smax;
        else if (smin <= avail)
            t->widths[c] = minw[c] + (avail - smin) *
                           (smax > smin ? (maxw[c] - minw[c]) / (smax - smin) : 1.0 / left);
        else
            t->widths[c] = avail * minw[c] / smin;
    }
    /* All narrow: the table still spans the text width. */
    if (!left) {
        double total = 0;
        for (size_t c = 0; c < nc; c++)
            total += t->widths[c];
        for (size_t c = 0; c < nc; c++)
            t->widths[c] *= layout_width(l) / total;
    }
    free(done);
    free(minw);
    free(maxw);
    (void)l;
}

double table_min_width(const pdf_table *t)
{
    double total = 0;
    for (size_t c = 0; c < t->ncols; c++) {
        double widest = 0;
        for (size_t r = 0; r < t->nrows; r++) {
            const pdf_row *row = t->rows[r];
            if (row->span)
                continue;
            for (size_t k = 0; k < row->ncells[c]; k++) {
                double mn, mx;
                para_widths(row->cells[c][k], &mn, &mx);
                if (mn > widest)
                    widest = mn;
            }
        }
        total += widest;
    }
    return total;
}

void table_grid(pdf_table *t, const double *widths)
{
    t->widths = xcalloc(t->ncols, sizeof(double));
    memcpy(t->widths, widths, t->ncols * sizeof(double));
    t->fixed = true;
    t->borderless = true;
}

/* Set a paragraph at another size (before breaking it). */
static void para_resize(pdf_para *p, double to)
{
    double f = to / p->style.size;
    p->style.size = to;
    for (size_t i = 0; i < p->n; i++) {
        p->items[i].width *= f;
        p->items[i].stretch *= f;
        p->items[i].shrink *= f;
    }
    for (size_t i = 0; i < p->ninks; i++) {
        p->inks[i].size *= f;
        p->inks[i].rise *= f;
        p->inks[i].field_w *= f;
    }
}

/* Notes first marked in a table are set at 10 pt (LAYOUT.md). */
static void table_notes_small(pdf_layout *l, const vitem *v, size_t before)
{
    for (size_t k = before; k < v->nnotes; k++) {
        pdf_note *note = &l->notes[v->notes[k]];
        for (size_t i = 0; i < note->nparas; i++) {
            pdf_para *p = note->paras[i];
            if (p->style.size <= 10)
                continue;
            para_resize(p, 10);
            para_break(l, p, p->frame);     /* drops its old end first */
        }
    }
}

static void add_row_item(pdf_layout *l, pdf_row *row)
{
    row->item = l->nitems;
    vitem *v = new_item(l, V_ROW);
    v->row = row;
    v->height = row->height;
    /* Headers and section rows never end a page; a grid is one block. */
    v->keep_next = row->header || row->span || row->table->borderless;
}

/* The height of lines [from, to) of a cell's paragraphs. */
static double cell_lines_h(pdf_para *const *paras, size_t n, size_t from, size_t to)
{
    double h = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < paras[i]->nlines; j++, k++)
            if (k >= from && k < to)
                h += paras[i]->lines[j].height + paras[i]->lines[j].depth;
    return h;
}

static size_t cell_nlines(pdf_para *const *paras, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += paras[i]->nlines;
    return k;
}

/*
 * Cut a row into slices no taller than room: each column gives as many of
 * its lines as fit, the rest goes to the next slice (on the next page,
 * under the repeated header).
 */
static void slice_row(pdf_layout *l, pdf_table *t, pdf_row *row, double room)
{
    size_t nc = t->ncols;
    size_t *at = xcalloc(nc, sizeof(size_t));
    for (;;) {
        bool more = false;
        for (size_t c = 0; c < nc; c++)
            more |= at[c] < cell_nlines(row->cells[c], row->ncells[c]);
        if (!more)
            break;
        pdf_row *sl = xcalloc(1, sizeof *sl);
        *sl = *row;
        sl->whole = row;
        sl->from = xcalloc(nc, sizeof(size_t));
        sl->to = xcalloc(nc, sizeof(size_t));
        double h = 0;
        for (size_t c = 0; c < nc; c++) {
            size_t total = cell_nlines(row->cells[c], row->ncells[c]);
            size_t to = at[c];
            while (to < total &&
                   (to == at[c] ||
                    cell_lines_h(row->cells[c], row->ncells[c], at[c], to + 1) <= room))
                to++;
            sl->from[c] = at[c];
            sl->to[c] = to;
            double ch = cell_lines_h(row->cells[c], row->ncells[c], at[c], to);
            if (ch > h)
                h = ch;
            at[c] = to;
        }
        sl->height = h + 2 * CELL_PAD_Y;
        t->slices = xrealloc(t->slices, (t->nslices + 1) * sizeof(pdf_row *));
        t->slices[t->nslices++] = sl;
        add_row_item(l, sl);
    }
    free(at);
}

void layout_add_table(pdf_layout *l, pdf_table *t)
{
    if (t->fixed)
        goto sized;
size_column_retry:
    size_columns(l, t);
    /* Words wider than their column: a smaller size, once or twice. */
    double over = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        pdf_row *row = t->rows[r];
        for (size_t c = 0; c < t->ncols && !row->span; c++)
            for (size_t k = 0; k < row->ncells[c]; k++) {
                double mn, mx;
                para_widths(row->cells[c][k], &mn, &mx);
                if (mn > t->widths[c] + 0.5)
                    over += mn - t->widths[c];
            }
    }
    if (over > 0 && t->size > 10.5) {
        double to = t->size - 1;
        for (size_t r = 0; r < t->nrows; r++) {
            pdf_row *row = t->rows[r];
            for (size_t c = 0; c < t->ncols; c++)
                for (size_t k = 0; k < row->ncells[c]; k++)
                    para_resize(row->cells[c][k], to);
        }
        t->size = to;
        free(t->widths);
        goto size_column_retry;
    }
sized:;
    t->frame = layout_width(l);
    bool *seen = notes_seen(l);
    double head_h = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        pdf_row *row = t->rows[r];
        double h = 0;
        for (size_t c = 0; c < (row->span ? 1 : t->ncols); c++) {
            double w = row->span ? layout_width(l) : t->widths[c], ch = 0;
            for (size_t k = 0; k < row->ncells[c]; k++) {
                para_break(l, row->cells[c][k], w);
                ch += para_height(row->cells[c][k]);
            }
            if (ch > h)
                h = ch;
        }
        row->height = h + 2 * CELL_PAD_Y;
        if (row->header)
            head_h += row->height;
        /* A row taller than a page is cut into slices between lines. */
        pdf_geom g = pdf_geometry(l->landscape);
        double room = g.h - g.top - g.bottom - head_h - 2 * CELL_PAD_Y - 24;
        size_t first_item = l->nitems;
        if (!row->span && !row->header && h > room && room > 50)
            slice_row(l, t, row, room);
        else
            add_row_item(l, row);
        vitem *v = &l->items[first_item];
        size_t before = v->nnotes;
        for (size_t c = 0; c < (row->span ? 1 : t->ncols); c++)
            for (size_t k = 0; k < row->ncells[c]; k++) {
                pdf_para *p = row->cells[c][k];
                collect_notes(l, v, p, 0, p->n, seen);
            }
        if (!t->borderless)
            table_notes_small(l, v, before);
    }
}

double layout_max_ratio(const pdf_layout *l)
{
    double worst = 0;
    for (size_t i = 0; i < l->nparas; i++) {
        const pdf_para *p = l->paras[i];
        if (p->style.align != ALIGN_JUSTIFY)
            continue;
        for (size_t k = 0; k + 1 < p->nlines; k++)     /* the last line is free */
            if (fabs(p->lines[k].ratio) > worst)
                worst = fabs(p->lines[k].ratio);
    }
    return worst;
}
