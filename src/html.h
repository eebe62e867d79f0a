/*
 * html.h: the HTML writer, and running XSLT stylesheets safely.
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
 * Stylesheets are read only from <data_dir>/stylesheets/ and run with
 * libxslt's security preferences forbidding every file write, folder
 * creation, network access and document() read: a stylesheet can only
 * turn the tree it is given into text, which the caller writes with
 * output_write.  The calendar module runs its timeline stylesheet with the
 * same functions.
 */
#ifndef SBORNIK_HTML_H
#define SBORNIK_HTML_H

#include <libxml/tree.h>

#include "diag.h"
#include "output.h"

/* Format "html": every page above. */
extern const output_writer html_writer;

/* A compiled stylesheet and the security preferences it runs under. */
typedef struct html_xslt html_xslt;

/*
 * Load <data_dir>/stylesheets/<rel> with what it includes and imports
 * (which must lie in the same stylesheets/ folder).  NULL, after reporting
 * E-STYLESHEET, when it is missing, unreadable, broken or reaches out.
 */
html_xslt *html_xslt_load(const char *data_dir, const char *rel, diag_sink *diag);
void html_xslt_free(html_xslt *x);

/*
 * Apply x to doc with string parameters (name, value, …, NULL; values
 * are literal strings, not XPath) and serialise the result as the
 * stylesheet's xsl:output says.  Returns the text (free with xmlFree) and
 * its length, or NULL after reporting E-XSLT with what (the output's
 * name) when the transformation fails or tries something forbidden.
 */
xmlChar *html_xslt_run(const html_xslt *x, xmlDocPtr doc,
                       const char *const *params, int *len, const char *what,
                       diag_sink *diag);

/*
 * The page of an assembled tree: "docs/<id>.html", or "<id>/index.html"
 * for a collection; the caller frees it.
 */
char *html_page_name(xmlDocPtr tree);

/* The way from a page up to DIR: "" for "index.html", "../" for
 * "docs/x.html", "../../" for "docs/a/x.html"; the caller frees it. */
char *html_root_of(const char *page);

#endif
