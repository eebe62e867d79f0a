/*
 * html.h: the HTML writer.
 *
 * The writer turns each assembled tree into one page with
 * stylesheets/html/html.xsl (libxslt):
 *
 *     DIR/docs/<id>.html          a document (an order with its annexes)
 *     DIR/<collection>/index.html a collection: title page, verso, contents
 *     DIR/index.html              every collection and document, by kind
 *     DIR/sbornik.css             one copy of stylesheets/sbornik.css
 *     DIR/media/<src>             the images the pages show
 *
 * The stylesheets are loaded and run by xslt.h, which leaves them nothing
 * to do but turn the tree they are given into text; this module writes
 * that text with output_write and copies the CSS and images itself.
 */
#ifndef SBORNIK_HTML_H
#define SBORNIK_HTML_H

#include <libxml/tree.h>

#include "diag.h"
#include "output.h"

/* Format "html": every page above. */
extern const output_writer html_writer;

/*
 * The page of an assembled tree: "docs/<id>.html", or "<id>/index.html"
 * for a collection; the caller frees it.
 */
char *html_page_name(xmlDocPtr tree);

/* The way from a page up to DIR: "" for "index.html", "../" for
 * "docs/x.html", "../../" for "docs/a/x.html"; the caller frees it. */
char *html_root_of(const char *page);

#endif
