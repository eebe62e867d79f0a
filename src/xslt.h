/*
 * xslt.h: loading and running XSLT stylesheets safely (libxslt).
 *
 * Every writer that draws with a stylesheet (html.c, docx.c, calendar.c's
 * timeline) goes through here, so that one set of rules holds for all:
 *
 *   - a stylesheet is named inside <data_dir>/stylesheets/, and what it
 *     includes or imports must lie in that folder too (symbolic links
 *     resolved); nothing is fetched from the network;
 *   - a transformation may read no file, write no file, make no folder and
 *     touch no network: the first attempt stops it and fails it, so that a
 *     stylesheet trying one is an error, never a quietly different output;
 *   - any message during a transformation (xsl:message, a runtime error)
 *     fails it, and a partial result is never returned;
 *   - libxml2's and libxslt's messages are captured (never printed) and
 *     become the text of one diagnostic: E-STYLESHEET when loading, E-XSLT
 *     when running.
 *
 * Loading and running happen on one thread: libxslt's handlers are global.
 */
#ifndef SBORNIK_XSLT_H
#define SBORNIK_XSLT_H

#include <stdbool.h>
#include <libxml/tree.h>
#include <libxslt/xsltInternals.h>

#include "diag.h"

/* A compiled stylesheet and the security preferences it runs under. */
typedef struct xslt xslt;

/*
 * Load <data_dir>/stylesheets/<rel> with what it includes and imports.
 * NULL, after reporting E-STYLESHEET, when it is missing, unreadable,
 * broken or reaches outside stylesheets/.
 */
xslt *xslt_load(const char *data_dir, const char *rel, diag_sink *diag);
void xslt_free(xslt *x);

/*
 * Called with the transform context before the transformation starts, to
 * register extension functions (xsltRegisterExtFunction) and hang their
 * data on ctxt->_private; returning false makes the transformation fail.
 * Register the same functions on every run of one stylesheet: libxml2
 * keeps the function a compiled expression first resolved to.
 */
typedef bool (*xslt_setup_fn)(xsltTransformContextPtr ctxt, void *ud);

/*
 * Apply x to doc with string parameters (name, value, …, NULL; values are
 * literal strings, not XPath; params may be NULL) after setup(ctxt, ud)
 * when setup is not NULL.  Returns the result tree (free with xmlFreeDoc),
 * or NULL after reporting E-XSLT "cannot make <what>: …", what naming the
 * output, when the transformation fails, says anything or tries something
 * forbidden.
 */
xmlDocPtr xslt_apply(const xslt *x, xmlDocPtr doc, const char *const *params,
                     xslt_setup_fn setup, void *ud, const char *what,
                     diag_sink *diag);

/*
 * xslt_apply, then the result serialised as the stylesheet's xsl:output
 * says: the text (free with xmlFree) and its length in *len, or NULL after
 * reporting E-XSLT.
 */
xmlChar *xslt_run(const xslt *x, xmlDocPtr doc, const char *const *params,
                  int *len, const char *what, diag_sink *diag);

#endif
