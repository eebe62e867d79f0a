/*
 * layout.h: the typesetting model of one PDF, between the tree and the
 * page.
 *
 * compose.c turns the intermediate XML into paragraphs (inline text broken
 * into lines by the total-fit breaker) and tables, stacked in a vertical
 * list with the constraints of an official document: no widows or orphans,
 * headings kept with what follows, footnotes on the page of their mark,
 * annexes from a new page.  layout_paginate() cuts the list into pages;
 * render.c draws them with libharu.
 */
#ifndef SBORNIK_PDF_LAYOUT_H
#define SBORNIK_PDF_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <hpdf.h>
#include <libxml/tree.h>

#include "pdf/breaker.h"
#include "pdf/font.h"
#include "pdf/hyph.h"

/* Millimetres to points. */
#define PDF_MM(x) ((x) * 72.0 / 25.4)

/* The page of LAYOUT.md: A4, margins 30/15/20/20 mm (portrait; see
 * pdf_geometry for landscape pages). */
#define PDF_PAGE_W PDF_MM(210.0)
#define PDF_PAGE_H PDF_MM(297.0)
#define PDF_MARGIN_LEFT PDF_MM(30.0)
#define PDF_MARGIN_RIGHT PDF_MM(15.0)
#define PDF_MARGIN_TOP PDF_MM(20.0)
#define PDF_MARGIN_BOTTOM PDF_MM(20.0)
#define PDF_TEXT_W (PDF_PAGE_W - PDF_MARGIN_LEFT - PDF_MARGIN_RIGHT)
#define PDF_INDENT PDF_MM(12.5)     /* first-line indent 1.25 cm */
#define PDF_BODY_SIZE 14.0
/* Bytes of UTF-8 kept of a bookmark or an Info entry: a PDF string holds
   65535 bytes (libharu refuses more), a UTF-16 one half as many letters. */
#define PDF_STRING_MAX 4000
/* Adjustment ratios: the breaker's first bound, and the most a line is
 * ever stretched when drawn (a looser line is set short of the margin
 * rather than with gaps: spaces stay under three times their width). */
#define PDF_TOLERANCE 1.0
#define PDF_MAX_STRETCH 2.0
#define PDF_SMALL_SIZE 12.0         /* tables, footnotes, stamps, executor */

typedef enum { ALIGN_JUSTIFY, ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } pdf_align;

/* A page's size and margins, in points. */
typedef struct {
    double w, h, left, right, top, bottom;
} pdf_geom;

/*
 * Portrait A4 with LAYOUT.md's margins, or landscape A4 for wide tables:
 * turned a quarter, the binding margin (30 mm) is at the top.
 */
pdf_geom pdf_geometry(bool landscape);

/* How a paragraph is set. */
typedef struct {
    pdf_face face;
    double size;
    pdf_align align;
    double indent;          /* first line, added to left */
    double left, right;     /* margins inside the frame */
    double hang;            /* lines after the first start this much further */
    bool hyphenate;
    bool upper;             /* set in capitals */
    double leading;         /* baseline to baseline; 0: 1.15 × size */
    bool cell;              /* in a table cell: no-break spaces may break */
} pdf_pstyle;

/* What an ink (a piece of a paragraph) is. */
enum {
    INK_TEXT,               /* text in a face and size */
    INK_NOTE,               /* a footnote mark (superscript) */
    INK_FIELD,              /* a fill-in field: blank with a caption */
};

/*
 * Laid out in this order, with 32-bit offsets (a paragraph's text is far
 * below 4 GB), so that it takes 56 bytes, not 88: a 1,000-page collection
 * holds millions of inks at once.
 */
typedef struct {
    double size, rise;
    double field_w;         /* INK_FIELD: width of the blank */
    uint32_t off, len;      /* the text, in the paragraph's buffer */
    uint32_t cap_off, cap_len;  /* INK_FIELD: the caption */
    int link;               /* index in the layout's links, or -1 */
    int note;               /* INK_NOTE: the layout's note index */
    pdf_face face;
    unsigned char kind;
} pdf_ink;

/* One line of a broken paragraph. */
typedef struct {
    size_t start, end;      /* items [start, end) */
    double ratio;
    bool hyphen;            /* ends at a hyphenation point: draw '-' */
    double width;           /* frame width for this line */
    double x;               /* offset of the line from the frame's left */
    double height, depth;   /* above and below the baseline */
} pdf_line;

typedef struct pdf_para pdf_para;
struct pdf_para {
    pdf_pstyle style;
    double frame;           /* frame width (text or cell width) */
    brk_item *items;
    size_t n, cap;
    /*
     * What the boxes and hyphens draw, by items[k].ink; inks[0] is the
     * empty ink every glue and plain penalty shares (half the items of a
     * text: a parallel array would hold an ink for each).
     */
    pdf_ink *inks;
    size_t ninks, capinks;
    char *text;             /* all text of the inks */
    size_t text_len, text_cap;
    pdf_line *lines;
    size_t nlines;
    char *right;            /* text set flush right on the last line's
                               baseline (signature name, «№ …»), or NULL */
    pdf_face right_face;
    bool leader;            /* dots lead from the text to the right text */
    int right_link;         /* the right text is a link (or -1) */
};

/* The ink of item k of p. */
static inline const pdf_ink *para_ink(const pdf_para *p, size_t k)
{
    return &p->inks[p->items[k].ink];
}

typedef struct pdf_layout pdf_layout;
typedef struct pdf_table pdf_table;

/*
 * A new layout measuring with fonts and hyphenating with hyph (may be
 * NULL).  Links and notes are numbered per layout.
 */
pdf_layout *layout_new(pdf_fonts *fonts, pdf_hyph *hyph, HPDF_Doc doc);
void layout_free(pdf_layout *l);

/* ------------------------------------------------------------ paragraphs */

pdf_para *layout_para(pdf_layout *l, const pdf_pstyle *style);

/* Append text (UTF-8) in face; at size 0 the paragraph's size. */
void para_text(pdf_layout *l, pdf_para *p, const char *s, pdf_face face);

/*
 * Append the inline content of an element of the tree (text, i, b, s,
 * code, link, ref, fnref, field, br): faces follow the markup, notes and
 * links are recorded.  doc_id scopes the footnote numbers (n of <fnref>
 * is per document).
 */
void para_inlines(pdf_layout *l, pdf_para *p, xmlNodePtr el, const char *doc_id);

/* Text set flush right on the last line (date … № line, signature). */
void para_right(pdf_para *p, const char *text, pdf_face face);

/* Text that is a link (a contents entry). */
void para_text_link(pdf_layout *l, pdf_para *p, const char *s, pdf_face face,
                    int link);

/* Drop a full stop ending the paragraph (headings have none). */
void para_drop_final_stop(pdf_layout *l, pdf_para *p);

/* Whether the paragraph has anything to print. */
bool para_empty(const pdf_para *p);

/* Break into lines for a frame of width w (the text width, a cell …). */
void para_break(pdf_layout *l, pdf_para *p, double w);

/* Natural widths: the widest unbreakable piece, and the whole on one line. */
void para_widths(const pdf_para *p, double *min_w, double *max_w);

/* ------------------------------------------------------------ the flow */

/*
 * Add a paragraph (broken at the text width) to the flow.  Its lines keep
 * together where a widow or orphan would result; keep_next keeps its last
 * line with what follows (headings).
 */
void layout_add(pdf_layout *l, pdf_para *p, bool keep_next);

/* Vertical space (dropped at the top of a page). */
void layout_space(pdf_layout *l, double pt);

/*
 * Start a new page; new_document restarts the page numbers; landscape
 * turns this page and the following ones until the next new page.
 */
void layout_new_page(pdf_layout *l, bool new_document, bool landscape);

/* The text width of the pages being filled, and whether they are turned. */
double layout_width(const pdf_layout *l);
bool layout_landscape(const pdf_layout *l);

/* Push what follows to the foot of the page (a letter's executor). */
void layout_to_foot(pdf_layout *l);

/* The next item is where a [[reference]] or a bookmark to id lands. */
void layout_anchor(pdf_layout *l, const char *id);

/* A bookmark at the next item, level 0 for a document. */
void layout_bookmark(pdf_layout *l, int level, const char *title);

/* An image (a file of the project) scaled to the text width. */
bool layout_image(pdf_layout *l, const char *path, bool png);

/* A footnote of a document: its number n and its paragraphs, 12 pt. */
void layout_note(pdf_layout *l, const char *doc_id, int n, xmlNodePtr footnote);

/* A link: an internal target id or an external URI; returns its index. */
int layout_link(pdf_layout *l, const char *target, bool internal);

/* ------------------------------------------------------------ tables */

pdf_table *layout_table(pdf_layout *l, size_t ncols, double size);
/* Start a row; header rows repeat at the top of every page. */
void table_row(pdf_table *t, bool header);
/* A paragraph in column col of the current row (several stack). */
pdf_para *table_cell(pdf_layout *l, pdf_table *t, size_t col, pdf_align align,
                     pdf_face face);
/* A row with one cell spanning all columns (a roadmap's section). */
pdf_para *table_span(pdf_layout *l, pdf_table *t, pdf_align align, pdf_face face);
/* Columns of the given widths and no rules: a layout grid (a letter's
 * sender and addressee side by side). */
void table_grid(pdf_table *t, const double *widths);
/* The narrowest the table can be: each column its widest word. */
double table_min_width(const pdf_table *t);
/* Size the columns to their content, break the cells, add the rows. */
void layout_add_table(pdf_layout *l, pdf_table *t);

/* ------------------------------------------------------------ pages */

/*
 * Page numbers shown from page `from` of each document (2, the default:
 * LAYOUT.md), or, with continuous, counted through the whole layout and
 * shown from page `from` on (a collection: all but the title pages).
 */
void layout_numbering(pdf_layout *l, int from, bool continuous);

/* Cut the flow into pages; returns the number of pages. */
size_t layout_paginate(pdf_layout *l);

/* The page (1-based) an anchor landed on, 0 if none (after paginate). */
int layout_anchor_page(const pdf_layout *l, const char *id);

/* Draw every page into the document (after layout_paginate). */
void layout_render(pdf_layout *l);

/* The largest adjustment ratio of a justified line (for tests). */
double layout_max_ratio(const pdf_layout *l);

#endif
