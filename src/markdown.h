/*
 * markdown.h: a Markdown body (cmark-gfm with tables, footnotes,
 * strikethrough, autolinks) turned into elements of the intermediate tree.
 *
 * Block and inline conversion is the same for every kind; document.c
 * decides where the blocks go (an order's points, a roadmap's events …).
 * On the way, text nodes get Russian typography, [[references]] are
 * resolved, {{fields}} marked, raw HTML refused and footnotes numbered;
 * every element carries the line and column it came from.
 */
#ifndef SBORNIK_MARKDOWN_H
#define SBORNIK_MARKDOWN_H

#include <stdbool.h>
#include <cmark-gfm.h>
#include <libxml/tree.h>

#include "diag.h"
#include "project.h"
#include "typo.h"

typedef struct {
    sb_project *project;
    sb_source *source;
    diag_sink *diag;
    bool fields_allowed;        /* status: model */
    typo_state typo;
    bool in_table;              /* <br> is allowed in table cells only */
    int errors;                 /* errors reported by this conversion */
    int html_line;              /* line of the last raw HTML refused */
    /* Footnotes in order of first use (cmark-gfm numbers them so). */
    cmark_node **notes;
    size_t nnotes;
    /* Where each line of the source starts, made on first use: a position
       then costs no scan from the top (10,000 table rows would be
       quadratic). */
    size_t *line_starts;
    int nlines;
    /* Nesting of lists and block quotes, and of emphasis, strikethrough
       and links, now; whether going too deep was said (once a document). */
    int depth, inline_depth;
    bool too_deep;
} md_ctx;

/*
 * How deep blocks and inlines may nest.  Word numbers nine list levels
 * (w:ilvl 0–8) and the PDF page has room for about as many indents;
 * deeper is an error at the first element past the limit, and what lies
 * below it is not converted (so no stage recurses deeper either).
 */
enum { MD_MAX_NESTING = 9, MD_MAX_INLINE_NESTING = 16 };

/* Pixels a PNG may have (width × height): a small file can announce
   billions, which the PDF writer would unpack. */
enum { MD_MAX_IMAGE_PIXELS = 40000000 };

/* Parse a body with the GFM extensions; the caller frees with cmark_node_free. */
cmark_node *markdown_parse(const char *text, size_t len);

void md_ctx_init(md_ctx *ctx, sb_project *p, sb_source *s, diag_sink *d);
void md_ctx_free(md_ctx *ctx);

/*
 * Collect the footnote definitions of a parsed body and report unused ones
 * (cmark-gfm drops them from the tree, so they are found in the source).
 */
void md_collect_footnotes(md_ctx *ctx, cmark_node *doc);

/* Append the conversion of one block to parent. */
void md_block(md_ctx *ctx, cmark_node *block, xmlNodePtr parent);

/* Append the inline content of a block to out, skipping the first skip
 * bytes of its text (the «Label:» of a roadmap field). */
void md_inlines(md_ctx *ctx, cmark_node *block, xmlNodePtr out, size_t skip);

/*
 * Append a text from the front matter (or any text without Markdown) to
 * out: fields, references and typography as in the body.  line and col
 * (characters) are where it stands in the source.
 */
void md_plain_text(md_ctx *ctx, const char *text, int line, int col,
                   xmlNodePtr out);

/* <footnotes> with the notes used, or nothing when there are none. */
void md_footnotes(md_ctx *ctx, xmlNodePtr parent);

/* The plain text of a block's inlines (no markup), for labels and periods. */
char *md_plain(cmark_node *block);

/* A table cell's text, for its position: cmark-gfm starts the cell at
 * the space after the '|'.  The cell itself when it is empty. */
cmark_node *md_cell_text(cmark_node *cell);

/* Element helpers shared with document.c. */
xmlNodePtr md_elem(xmlNodePtr parent, const char *name);
void md_pos(md_ctx *ctx, xmlNodePtr el, cmark_node *n);
void md_pos_at(xmlNodePtr el, int line, int col);
int md_line(md_ctx *ctx, cmark_node *n);        /* line in the file */
int md_col(md_ctx *ctx, cmark_node *n);         /* column in characters */
void md_error(md_ctx *ctx, cmark_node *n, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
