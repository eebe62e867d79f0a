/*
 * page.c: cutting the flow into pages, and drawing them with libharu
 * (layout_paginate and layout_render of layout.h).
 *
 * Pages are filled first-fit, item by item; where an item does not fit,
 * the page ends after the last item that may end a page (keep_next says
 * which may not: orphans, widows, headings, table headers), and what
 * follows moves on.  Footnotes are reserved on the page of their mark: at
 * least the first line must fit there, the rest may run on to the next
 * page, above that page's own notes.
 */
#include "pdf/flow.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "text.h"

#define NOTE_GAP 8.0        /* between text and the rule */
#define NOTE_RULE_GAP 4.0   /* between the rule and the notes */
#define NOTE_RULE_W PDF_MM(50)

/* ------------------------------------------------------------ pagination */

typedef struct {
    pdf_layout *l;
    pdf_page *page;         /* the page being filled */
    double text_h;          /* its text height */
    bool landscape;         /* the orientation of new pages */
    double used;            /* height of its items */
    int doc_page;           /* pages of the current document so far */
    placed_note *carry;     /* note lines waiting from the page before */
    size_t ncarry;
} pager;

static double line_h(const pdf_para *p, size_t k)
{
    return p->lines[k].height + p->lines[k].depth;
}

static double note_full_h(const pdf_note *n)
{
    double h = 0;
    for (size_t i = 0; i < n->nparas; i++)
        for (size_t k = 0; k < n->paras[i]->nlines; k++)
            h += line_h(n->paras[i], k);
    return h;
}

static double note_first_h(const pdf_note *n)
{
    return n->nparas && n->paras[0]->nlines ? line_h(n->paras[0], 0) : 0;
}

/* The notes marked by the items on the page, in order. */
static double page_notes_h(const pager *pg)
{
    double h = 0;
    for (size_t i = 0; i < pg->ncarry; i++)
        h += line_h(pg->carry[i].para, pg->carry[i].line);
    const pdf_page *pp = pg->page;
    for (size_t i = 0; i < pp->n; i++) {
        const vitem *v = &pg->l->items[pp->items[i].item];
        if (pp->items[i].repeat_header)
            continue;
        for (size_t k = 0; k < v->nnotes; k++)
            h += note_full_h(&pg->l->notes[v->notes[k]]);
    }
    return h;
}

static void start_page(pager *pg, bool new_document)
{
    pdf_layout *l = pg->l;
    l->pages = xrealloc(l->pages, (l->npages + 1) * sizeof(pdf_page));
    pg->page = &l->pages[l->npages++];
    memset(pg->page, 0, sizeof *pg->page);
    pg->page->landscape = pg->landscape;
    pdf_geom g = pdf_geometry(pg->landscape);
    pg->text_h = g.h - g.top - g.bottom;
    if (new_document && !l->continuous)
        pg->doc_page = 0;
    pg->doc_page++;
    /* From the second page of each document, top centre (LAYOUT.md). */
    pg->page->number = pg->doc_page >= l->number_from ? pg->doc_page : 0;
    pg->used = 0;
}

static void place(pager *pg, size_t item, bool repeat)
{
    pdf_page *pp = pg->page;
    if (pp->n == pp->cap) {
        pp->cap = pp->cap ? 2 * pp->cap : 64;
        pp->items = xrealloc(pp->items, pp->cap * sizeof(placed));
    }
    const vitem *v = &pg->l->items[item];
    pp->items[pp->n++] = (placed){item, pg->used, repeat};
    pg->used += v->height + v->depth;
}

static void add_note_line(pdf_page *pp, pdf_note *note, pdf_para *para, size_t line)
{
    if (pp->nnotes == pp->capnotes) {
        pp->capnotes = pp->capnotes ? 2 * pp->capnotes : 16;
        pp->notes = xrealloc(pp->notes, pp->capnotes * sizeof(placed_note));
    }
    pp->notes[pp->nnotes++] = (placed_note){0, note, para, line};
}

/*
 * End the page: its notes (those carried, then those its items mark) go
 * at the foot as far as they fit; the rest is carried to the next page.
 */
static void finish_page(pager *pg)
{
    pdf_layout *l = pg->l;
    pdf_page *pp = pg->page;
    /* The queue: carried lines, then every line of the page's notes. */
    placed_note *queue = NULL;
    size_t nq = 0;
    for (size_t i = 0; i < pg->ncarry; i++) {
        queue = xrealloc(queue, (nq + 1) * sizeof(placed_note));
        queue[nq++] = pg->carry[i];
    }
    for (size_t i = 0; i < pp->n; i++) {
        const vitem *v = &l->items[pp->items[i].item];
        if (pp->items[i].repeat_header)
            continue;
        for (size_t k = 0; k < v->nnotes; k++) {
            pdf_note *note = &l->notes[v->notes[k]];
            for (size_t a = 0; a < note->nparas; a++)
                for (size_t b = 0; b < note->paras[a]->nlines; b++) {
                    queue = xrealloc(queue, (nq + 1) * sizeof(placed_note));
                    queue[nq++] = (placed_note){0, note, note->paras[a], b};
                }
        }
    }
    double room = pg->text_h - pg->used - (nq ? NOTE_GAP + NOTE_RULE_GAP : 0);
    size_t k = 0;
    double h = 0;
    while (k < nq && h + line_h(queue[k].para, queue[k].line) <= room + 0.01) {
        h += line_h(queue[k].para, queue[k].line);
        add_note_line(pp, queue[k].note, queue[k].para, queue[k].line);
        k++;
    }
    if (k == 0 && nq && pp->n == 0) {
        /* An empty page that cannot take a line of notes: take one anyway. */
        add_note_line(pp, queue[0].note, queue[0].para, queue[0].line);
        k = 1;
    }
    free(pg->carry);
    pg->ncarry = nq - k;
    pg->carry = pg->ncarry ? xcalloc(pg->ncarry, sizeof(placed_note)) : NULL;
    for (size_t i = k; i < nq; i++)
        pg->carry[i - k] = queue[i];
    free(queue);
}

/* Whether item (height h, new notes) fits on the page as it stands. */
static bool fits(const pager *pg, const vitem *v)
{
    double h = v->height + v->depth;
    double notes = page_notes_h(pg);
    double need_new = 0;
    for (size_t k = 0; k < v->nnotes; k++) {
        const pdf_note *n = &pg->l->notes[v->notes[k]];
        /* Earlier new notes must fit whole, the last at least one line. */
        need_new += k + 1 < v->nnotes ? note_full_h(n) : note_first_h(n);
    }
    double sep = (notes > 0 || need_new > 0) ? NOTE_GAP + NOTE_RULE_GAP : 0;
    return pg->used + h + sep + notes + need_new <= pg->text_h + 0.01;
}

/* Header rows of a table, to repeat on a page its body continues on. */
static void repeat_headers(pager *pg, const vitem *v)
{
    if (v->kind != V_ROW || v->row->header)
        return;
    const pdf_table *t = v->row->table;
    for (size_t r = 0; r < t->nrows && t->rows[r]->header; r++)
        place(pg, t->rows[r]->item, true);
}

/* The height of the items from i to the next page break. */
static double rest_height(const pdf_layout *l, size_t i)
{
    double h = 0;
    for (; i < l->nitems && l->items[i].kind != V_PAGE; i++)
        h += l->items[i].height + l->items[i].depth;
    return h;
}

size_t layout_paginate(pdf_layout *l)
{
    pager pg = {l, NULL, 0, false, 0, 0, NULL, 0};
    /* A page break before anything sets the first page's orientation. */
    for (size_t i = 0; i < l->nitems && l->items[i].kind == V_PAGE; i++)
        pg.landscape = l->items[i].landscape;
    start_page(&pg, true);
    for (size_t i = 0; i < l->nitems; i++) {
        vitem *v = &l->items[i];
        switch (v->kind) {
        case V_PAGE:
            if (pg.page->n || pg.ncarry) {
                finish_page(&pg);
                while (pg.ncarry) {     /* notes still running on */
                    start_page(&pg, false);
                    finish_page(&pg);
                }
                pg.landscape = v->landscape;
                start_page(&pg, v->new_document);
            } else {
                /* Nothing on this page yet: it takes the new settings. */
                pg.landscape = v->landscape;
                pdf_geom g = pdf_geometry(v->landscape);
                pg.page->landscape = v->landscape;
                pg.text_h = g.h - g.top - g.bottom;
                if (v->new_document && !l->continuous) {
                    pg.doc_page = 1;
                    pg.page->number = 0;
                }
            }
            continue;
        case V_SPACE:
            if (!pg.page->n)
                continue;       /* never at the top of a page */
            /* A space that does not fit is dropped: the page ends there. */
            if (pg.used + v->height + page_notes_h(&pg) <= pg.text_h)
                pg.used += v->height;
            continue;
        case V_FOOT: {
            double rest = rest_height(l, i + 1);
            double room = pg.text_h - page_notes_h(&pg) - (pg.ncarry ? NOTE_GAP : 0);
            if (pg.used + rest > room) {
                finish_page(&pg);
                start_page(&pg, false);
                room = pg.text_h - page_notes_h(&pg);
            }
            if (rest < room)
                pg.used = room - rest;
            continue;
        }
        default:
            break;
        }
        if (!pg.page->n)
            repeat_headers(&pg, v);
        /* On a page with nothing of its own yet, an item goes in anyway:
         * taller than a page, it could go nowhere else. */
        bool fresh = true;
        for (size_t k = 0; k < pg.page->n; k++)
            fresh &= pg.page->items[k].repeat_header;
        if (fresh || fits(&pg, v)) {
            place(&pg, i, false);
            continue;
        }
        /* The last place on this page where a page may end. */
        pdf_page *pp = pg.page;
        long j = (long)pp->n - 1;
        while (j >= 0 && (pp->items[j].repeat_header ||
                          l->items[pp->items[j].item].keep_next))
            j--;
        /* A page does not end with a hyphenated word if it can end a line
         * earlier (TeX's \\brokenpenalty): the word would be cut by notes
         * and a page turn. */
        if (j > 0) {
            const vitem *end = &l->items[pp->items[j].item];
            long k = j - 1;
            if (end->kind == V_LINE && end->para->lines[end->line].hyphen &&
                !pp->items[k].repeat_header && !l->items[pp->items[k].item].keep_next)
                j = k;
        }
        if (j < 0) {
            /* All chained: rather than leave a table's header (and section
             * row) alone at the foot, end the page before the header. */
            for (long k = (long)pp->n - 1; k > 0; k--) {
                const vitem *x = &l->items[pp->items[k].item];
                if (x->kind == V_ROW && x->row->header && !pp->items[k].repeat_header) {
                    j = k - 1;
                    break;
                }
            }
        }
        size_t resume = i;
        if (j >= 0 && j < (long)pp->n - 1) {
            /* Move what is chained to the current item to the next page. */
            resume = pp->items[j + 1].item;
            pp->n = (size_t)j + 1;
            /* The height used is that of what stays. */
            pg.used = 0;
            for (size_t k = 0; k < pp->n; k++)
                pg.used += l->items[pp->items[k].item].height +
                           l->items[pp->items[k].item].depth;
        }
        finish_page(&pg);
        start_page(&pg, false);
        i = resume - 1;     /* the loop's i++ comes back to resume */
        /* Spaces between are not carried to the top of the page. */
    }
    finish_page(&pg);
    while (pg.ncarry) {
        start_page(&pg, false);
        finish_page(&pg);
    }
    free(pg.carry);
    /* A last page with nothing on it (a trailing page break) goes. */
    if (l->npages > 1 && !l->pages[l->npages - 1].n && !l->pages[l->npages - 1].nnotes) {
        free(l->pages[l->npages - 1].items);
        free(l->pages[l->npages - 1].notes);
        l->npages--;
    }
    return l->npages;
}

int layout_anchor_page(const pdf_layout *l, const char *id)
{
    for (size_t pg = 0; pg < l->npages; pg++)
        for (size_t i = 0; i < l->pages[pg].n; i++) {
            const vitem *v = &l->items[l->pages[pg].items[i].item];
            if (!l->pages[pg].items[i].repeat_header && v->anchor && !strcmp(v->anchor, id))
                return (int)pg + 1;
        }
    return 0;
}

/* ------------------------------------------------------------ drawing */

typedef struct {
    pdf_layout *l;
    HPDF_Page page;
    pdf_geom g;             /* of the page being drawn */
    size_t page_index;
    struct rect { double x0, y0, x1, y1; int link; } *rects;
    size_t nrects;
    struct deco { double x0, x1, y; } *underlines;
    size_t nunder;
} painter;

static void add_rect(painter *pt, double x0, double y0, double x1, double y1, int link)
{
    /* Extend the previous box of the same link on the same line. */
    if (pt->nrects) {
        struct rect *r = &pt->rects[pt->nrects - 1];
        if (r->link == link && fabs(r->y0 - y0) < 0.5 && x0 - r->x1 < 8) {
            r->x1 = x1;
            return;
        }
    }
    pt->rects = xrealloc(pt->rects, (pt->nrects + 1) * sizeof(struct rect));
    pt->rects[pt->nrects++] = (struct rect){x0, y0, x1, y1, link};
}

static void text_out(painter *pt, pdf_face face, double size, double x, double y,
                     const char *s, size_t n)
{
    char tmp[512];
    char *str = n < sizeof tmp ? tmp : xmalloc(n + 1);
    memcpy(str, s, n);
    str[n] = '\0';
    /* The font is graphics state: say it again only when it changes. */
    HPDF_Font font = pdf_font(pt->l->fonts, face);
    if (HPDF_Page_GetCurrentFont(pt->page) != font ||
        HPDF_Page_GetCurrentFontSize(pt->page) != (HPDF_REAL)size)
        HPDF_Page_SetFontAndSize(pt->page, font, (HPDF_REAL)size);
    HPDF_Page_TextOut(pt->page, (HPDF_REAL)x, (HPDF_REAL)y, str);
    pdf_fonts_mark(pt->l->fonts, face, s, n);
    if (str != tmp)
        free(str);
}

/* A field's caption, small, wrapped to the blank's width, under it. */
static void draw_caption(painter *pt, const char *cap, size_t n, double x, double w,
                         double y)
{
    pdf_fonts *f = pt->l->fonts;
    const double size = 7.0;
    const char *p = cap, *end = cap + n;
    while (p < end) {
        /* As many words as fit. */
        const char *line_end = p, *q = p;
        while (q < end) {
            const char *word_end = q;
            while (word_end < end && *word_end != ' ')
                word_end++;
            if (pdf_text_width(f, PDF_ITALIC, size, p, (size_t)(word_end - p)) > w &&
                line_end > p)
                break;
            line_end = word_end;
            q = word_end < end ? word_end + 1 : end;
        }
        if (line_end == p)
            line_end = q;
        double lw = pdf_text_width(f, PDF_ITALIC, size, p, (size_t)(line_end - p));
        y -= size * 1.1;
        text_out(pt, PDF_ITALIC, size, x + (w - lw) / 2, y + 1, p, (size_t)(line_end - p));
        p = line_end;
        while (p < end && *p == ' ')
            p++;
    }
}

/* The natural width of a line's content (for centred or right text). */
static double natural_width(const pdf_para *p, const pdf_line *ln)
{
    double w = 0;
    size_t last_box = ln->start;
    for (size_t k = ln->start; k < ln->end; k++)
        if (p->items[k].type == BRK_BOX)
            last_box = k;
    for (size_t k = ln->start; k <= last_box && k < ln->end; k++)
        if (p->items[k].type != BRK_PENALTY)
            w += p->items[k].width;
    if (ln->hyphen)
        w += p->items[ln->end].width;
    return w;
}

static void draw_line(painter *pt, const pdf_para *p, size_t li, double x0,
                      double y)
{
    const pdf_line *ln = &p->lines[li];
    double x = x0 + ln->x;
    bool justify = p->style.align == ALIGN_JUSTIFY;
    double ratio = ln->ratio > PDF_MAX_STRETCH ? PDF_MAX_STRETCH : ln->ratio;
    if (!justify) {
        double nat = natural_width(p, ln);
        if (p->style.align == ALIGN_CENTER)
            x += (ln->width - nat) / 2;
        else if (p->style.align == ALIGN_RIGHT)
            x += ln->width - nat;
    }
    HPDF_Page_BeginText(pt->page);
    pdf_face last_face = p->style.face;
    double last_size = p->style.size;
    for (size_t k = ln->start; k < ln->end; k++) {
        const brk_item *it = &p->items[k];
        const pdf_ink *ink = para_ink(p, k);
        if (it->type == BRK_GLUE) {
            double w = it->width;
            if (justify && it->stretch < 1000)
                w += ratio >= 0 ? ratio * it->stretch : ratio * it->shrink;
            x += w;
            continue;
        }
        if (it->type != BRK_BOX)
            continue;
        if (ink->kind == INK_FIELD) {
            pt->underlines = xrealloc(pt->underlines, (pt->nunder + 1) * sizeof(struct deco));
            pt->underlines[pt->nunder++] = (struct deco){x, x + ink->field_w, y - 1.5};
            draw_caption(pt, p->text + ink->cap_off, ink->cap_len, x, ink->field_w, y - 2);
        } else if (ink->len) {
            text_out(pt, ink->face, ink->size, x, y + ink->rise, p->text + ink->off, ink->len);
            last_face = ink->face;
            last_size = ink->size;
        }
        if (ink->link >= 0)
            add_rect(pt, x, y - ink->size * PDF_DESCENT, x + it->width,
                     y + ink->size * PDF_ASCENT, ink->link);
        x += it->width;
    }
    if (ln->hyphen)
        text_out(pt, last_face, last_size, x, y, "-", 1);
    if (li + 1 == p->nlines && p->right) {
        double w = pdf_text_width(pt->l->fonts, p->right_face, p->style.size,
                                  p->right, strlen(p->right));
        double rx = x0 + p->frame - w;
        if (p->leader) {
            /* Dots on a grid, so that the leaders of all entries line up. */
            double step = p->style.size * 0.45;
            double from = ceil((x + 3) / step) * step;
            for (double dx = from; dx + step < rx - 2; dx += step)
                text_out(pt, PDF_REGULAR, p->style.size, dx, y, ".", 1);
        }
        if (p->right_link >= 0)
            add_rect(pt, rx, y - p->style.size * PDF_DESCENT, rx + w,
                     y + p->style.size * PDF_ASCENT, p->right_link);
        /* At the frame's right edge: the right margin only narrows the
         * text on the left (a signatory's position). */
        text_out(pt, p->right_face, p->style.size, x0 + p->frame - w, y, p->right,
                 strlen(p->right));
    }
    HPDF_Page_EndText(pt->page);
}

static void stroke_rect(HPDF_Page page, double x, double y, double w, double h)
{
    HPDF_Page_Rectangle(page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
    HPDF_Page_Stroke(page);
}

static void draw_row(painter *pt, const pdf_row *row, double top)
{
    const pdf_table *t = row->table;
    double x = pt->g.left;
    HPDF_Page_SetLineWidth(pt->page, 0.5);
    size_t ncols = row->span ? 1 : t->ncols;
    for (size_t c = 0; c < ncols; c++) {
        double w = row->span ? t->frame : t->widths[c];
        if (!t->borderless)
            stroke_rect(pt->page, x, top - row->height, w, row->height);
        double y = top - 2;     /* CELL_PAD_Y */
        size_t line = 0;
        for (size_t k = 0; k < row->ncells[c]; k++) {
            const pdf_para *p = row->cells[c][k];
            for (size_t j = 0; j < p->nlines; j++, line++) {
                if (row->from && (line < row->from[c] || line >= row->to[c]))
                    continue;       /* another slice's line */
                y -= p->lines[j].height;
                draw_line(pt, p, j, x, y);
                y -= p->lines[j].depth;
            }
        }
        x += w;
    }
}

static void draw_page_number(painter *pt, int number)
{
    char num[16];
    snprintf(num, sizeof num, "%d", number);
    double size = PDF_SMALL_SIZE;
    double w = pdf_text_width(pt->l->fonts, PDF_REGULAR, size, num, strlen(num));
    HPDF_Page_BeginText(pt->page);
    const pdf_geom *g = &pt->g;
    text_out(pt, PDF_REGULAR, size, g->left + (g->w - g->left - g->right - w) / 2,
             g->h - g->top / 2 - size / 3, num, strlen(num));
    HPDF_Page_EndText(pt->page);
}

/* Where each anchor landed: page and top. */
typedef struct {
    const char *id;
    size_t page;
    double y;
} anchor_at;

static void draw_page(painter *pt, pdf_page *pp, anchor_at *anchors, size_t nanchors)
{
    pdf_layout *l = pt->l;
    const pdf_geom *g = &pt->g;
    double top = g->h - g->top;
    for (size_t i = 0; i < pp->n; i++) {
        const vitem *v = &l->items[pp->items[i].item];
        double y = top - pp->items[i].y;
        switch (v->kind) {
        case V_LINE:
            draw_line(pt, v->para, v->line, g->left, y - v->height);
            break;
        case V_ROW:
            draw_row(pt, v->row, y);
            break;
        case V_IMAGE:
            HPDF_Page_DrawImage(pt->page, v->image, (HPDF_REAL)(g->left + v->x),
                                (HPDF_REAL)(y - v->height), (HPDF_REAL)v->image_w,
                                (HPDF_REAL)v->height);
            break;
        default:
            break;
        }
    }
    /* Footnotes at the foot, under a 50 mm rule. */
    if (pp->nnotes) {
        double h = 0;
        for (size_t i = 0; i < pp->nnotes; i++)
            h += line_h(pp->notes[i].para, pp->notes[i].line);
        double y = g->bottom + h;
        HPDF_Page_SetLineWidth(pt->page, 0.5);
        HPDF_Page_MoveTo(pt->page, (HPDF_REAL)g->left, (HPDF_REAL)(y + NOTE_RULE_GAP));
        HPDF_Page_LineTo(pt->page, (HPDF_REAL)(g->left + NOTE_RULE_W),
                         (HPDF_REAL)(y + NOTE_RULE_GAP));
        HPDF_Page_Stroke(pt->page);
        for (size_t i = 0; i < pp->nnotes; i++) {
            const placed_note *pn = &pp->notes[i];
            const pdf_line *ln = &pn->para->lines[pn->line];
            y -= ln->height;
            draw_line(pt, pn->para, pn->line, g->left, y);
            y -= ln->depth;
        }
    }
    /* Underlines of fields (graphics, outside the text objects). */
    HPDF_Page_SetLineWidth(pt->page, 0.5);
    for (size_t i = 0; i < pt->nunder; i++) {
        HPDF_Page_MoveTo(pt->page, (HPDF_REAL)pt->underlines[i].x0, (HPDF_REAL)pt->underlines[i].y);
        HPDF_Page_LineTo(pt->page, (HPDF_REAL)pt->underlines[i].x1, (HPDF_REAL)pt->underlines[i].y);
        HPDF_Page_Stroke(pt->page);
    }
    if (pp->number)
        draw_page_number(pt, pp->number);
    /* Links: to an anchor in this PDF, or out. */
    for (size_t i = 0; i < pt->nrects; i++) {
        const struct rect *r = &pt->rects[i];
        const pdf_link *link = &l->links[r->link];
        HPDF_Rect rect = {(HPDF_REAL)r->x0, (HPDF_REAL)r->y0, (HPDF_REAL)r->x1,
                          (HPDF_REAL)r->y1};
        HPDF_Annotation annot = NULL;
        if (link->internal) {
            for (size_t a = 0; a < nanchors; a++) {
                if (strcmp(anchors[a].id, link->target))
                    continue;
                HPDF_Destination dest =
                    HPDF_Page_CreateDestination(l->pages[anchors[a].page].page);
                HPDF_Destination_SetFitH(dest, (HPDF_REAL)anchors[a].y);
                annot = HPDF_Page_CreateLinkAnnot(pt->page, rect, dest);
                break;
            }
        } else {
            annot = HPDF_Page_CreateURILinkAnnot(pt->page, rect, link->target);
        }
        if (annot)
            HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0);
    }
    free(pt->rects);
    pt->rects = NULL;
    pt->nrects = 0;
    free(pt->underlines);
    pt->underlines = NULL;
    pt->nunder = 0;
}

void layout_render(pdf_layout *l)
{
    /* Every page first, so that links can point forward. */
    for (size_t i = 0; i < l->npages; i++) {
        pdf_geom g = pdf_geometry(l->pages[i].landscape);
        l->pages[i].page = HPDF_AddPage(l->doc);
        HPDF_Page_SetWidth(l->pages[i].page, (HPDF_REAL)g.w);
        HPDF_Page_SetHeight(l->pages[i].page, (HPDF_REAL)g.h);
    }
    anchor_at *anchors = NULL;
    size_t nanchors = 0;
    HPDF_Outline stack[8] = {0};
    HPDF_Encoder utf8 = HPDF_GetEncoder(l->doc, "UTF-8");
    for (size_t pgi = 0; pgi < l->npages; pgi++) {
        pdf_page *pp = &l->pages[pgi];
        pdf_geom g = pdf_geometry(pp->landscape);
        double top = g.h - g.top;
        for (size_t i = 0; i < pp->n; i++) {
            const vitem *v = &l->items[pp->items[i].item];
            if (pp->items[i].repeat_header)
                continue;
            double y = top - pp->items[i].y;
            if (v->anchor) {
                anchors = xrealloc(anchors, (nanchors + 1) * sizeof(anchor_at));
                anchors[nanchors++] = (anchor_at){v->anchor, pgi, y};
            }
            if (v->bookmark && v->bookmark_level >= 0 && v->bookmark_level < 8) {
                int lv = v->bookmark_level;
                HPDF_Outline parent = NULL;
                for (int k = lv - 1; k >= 0 && !parent; k--)
                    parent = stack[k];
                HPDF_Outline o = HPDF_CreateOutline(l->doc, parent, v->bookmark, utf8);
                HPDF_Destination dest = HPDF_Page_CreateDestination(pp->page);
                HPDF_Destination_SetFitH(dest, (HPDF_REAL)y);
                HPDF_Outline_SetDestination(o, dest);
                HPDF_Outline_SetOpened(o, lv < 1 ? HPDF_TRUE : HPDF_FALSE);
                stack[lv] = o;
                for (int k = lv + 1; k < 8; k++)
                    stack[k] = NULL;
            }
        }
    }
    painter pt = {l, NULL, pdf_geometry(false), 0, NULL, 0, NULL, 0};
    for (size_t i = 0; i < l->npages; i++) {
        pt.page = l->pages[i].page;
        pt.g = pdf_geometry(l->pages[i].landscape);
        pt.page_index = i;
        draw_page(&pt, &l->pages[i], anchors, nanchors);
    }
    free(anchors);
}
