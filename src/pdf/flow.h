/*
 * flow.h: the inside of a pdf_layout, shared by layout.c (which builds
 * the flow) and page.c (which cuts it into pages and draws them).  Not for
 * other modules: they use layout.h.
 */
#ifndef SBORNIK_PDF_FLOW_H
#define SBORNIK_PDF_FLOW_H

#include "pdf/layout.h"

typedef enum {
    V_LINE,         /* one line of a paragraph */
    V_SPACE,        /* vertical space */
    V_PAGE,         /* a new page */
    V_FOOT,         /* push the rest to the foot of the page */
    V_IMAGE,        /* an image */
    V_ROW,          /* a table row */
} vkind;

typedef struct pdf_row pdf_row;

typedef struct {
    vkind kind;
    double height, depth;       /* above / below the baseline (a space: height) */
    bool keep_next;             /* no page break between this and the next */
    pdf_para *para;             /* V_LINE */
    size_t line;
    double x;                   /* V_LINE, V_IMAGE: from the left margin */
    bool new_document;          /* V_PAGE */
    bool landscape;             /* V_PAGE: this page and the next ones */
    HPDF_Image image;           /* V_IMAGE */
    double image_w;
    pdf_row *row;               /* V_ROW */
    int *notes;                 /* notes first marked in this item */
    size_t nnotes;
    char *anchor;               /* a link target lands here */
    int bookmark_level;         /* -1: none */
    char *bookmark;
} vitem;

/* A footnote: its lines, 12 pt, at the text width. */
typedef struct {
    pdf_para *para;             /* first paragraph carries the number */
    pdf_para **paras;
    size_t nparas;
    char *doc_id;
    int n;
} pdf_note;

typedef struct {
    char *target;               /* an anchor id, or a URI */
    bool internal;
} pdf_link;

struct pdf_row {
    pdf_table *table;
    bool header;
    bool span;                  /* one cell over all columns */
    pdf_para ***cells;          /* cells[col][k], NULL-terminated lists */
    size_t *ncells;
    double height;              /* set by layout_add_table */
    /* A slice of a row taller than a page: per column, the lines
     * [from, to) counted over the cell's paragraphs; NULL: all of them. */
    size_t *from, *to;
    pdf_row *whole;             /* a slice: the row it cuts (owns cells) */
    size_t item;                /* its item in the flow */
};

struct pdf_table {
    size_t ncols;
    double size;
    double *widths;             /* set by layout_add_table, or given */
    double frame;               /* the text width it was set in */
    bool fixed;                 /* widths given: not sized to content */
    bool borderless;            /* a layout grid, not a ruled table */
    pdf_row **rows;
    size_t nrows;
    pdf_row **slices;           /* slices of rows taller than a page */
    size_t nslices;
};

/* Where an item was placed. */
typedef struct {
    size_t item;
    double y;                   /* baseline (lines) or top (rows, images), from
                                   the page's bottom, PDF style */
    bool repeat_header;         /* a header row repeated on this page */
} placed;

typedef struct {
    double y;                   /* baseline */
    pdf_note *note;
    pdf_para *para;
    size_t line;
} placed_note;

typedef struct {
    placed *items;
    size_t n, cap;
    placed_note *notes;
    size_t nnotes, capnotes;
    int number;                 /* the page number shown, 0 for none */
    bool landscape;
    HPDF_Page page;
} pdf_page;

struct pdf_layout {
    pdf_fonts *fonts;
    pdf_hyph *hyph;
    HPDF_Doc doc;
    pdf_para **paras;           /* every paragraph, owned */
    size_t nparas, capparas;
    vitem *items;
    size_t nitems, capitems;
    pdf_note *notes;
    size_t nnotes, capnotes;
    bool *marked;               /* notes whose first mark is in the flow */
    size_t nmarked;
    pdf_link *links;
    size_t nlinks, caplinks;
    pdf_table **tables;
    size_t ntables, captables;
    bool landscape;             /* the pages being filled */
    int number_from;            /* first page shown with its number */
    bool continuous;            /* numbers run through documents */
    char *pending_anchor;       /* for the next item */
    int pending_level;
    char *pending_bookmark;
    pdf_page *pages;
    size_t npages;
};

/* The item added last, or NULL. */
vitem *flow_last(pdf_layout *l);

#endif
