/*
 * xslt.c: loading and running XSLT stylesheets safely (see xslt.h).
 *
 * libxslt checks every file and network access against "security
 * preferences": one set while a stylesheet loads (its includes may come
 * from stylesheets/ only), another for each transformation (nothing at
 * all).  When a check refuses, libxslt itself only carries on without the
 * resource (document() returns nothing, exsl:document writes nothing); our
 * check stops the transformation as well, so that the refusal cannot go
 * unnoticed.  Errors are printed by libxml2 and libxslt through global
 * handlers, which are pointed at a buffer for the duration of each call.
 */
#include "xslt.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltutils.h>
#include <libexslt/exslt.h>

#include "buf.h"
#include "output.h"

/* ------------------------------------------------------------ errors */

/* Enough for the lines a diagnostic shows, bounded whatever a stylesheet
   prints (xsl:message in a loop). */
#define CAPTURE_MAX 2000

/*
 * While we load or run a stylesheet, the messages of libxml2 and libxslt
 * go into a buf instead of stderr; the previous handlers come back
 * afterwards.
 */
typedef struct {
    buf text;
    xmlGenericErrorFunc xml_func, xslt_func;
    void *xml_ctx, *xslt_ctx;
    xmlStructuredErrorFunc structured;
    void *structured_ctx;
} error_capture;

static void collect_error(void *ctx, const char *fmt, ...)
{
    error_capture *c = ctx;
    va_list ap;
    va_start(ap, fmt);
    if (c->text.len < CAPTURE_MAX)
        buf_vaddf(&c->text, fmt, ap);
    va_end(ap);
}

static void capture_start(error_capture *c)
{
    memset(c, 0, sizeof *c);
    c->xml_func = xmlGenericError;
    c->xml_ctx = xmlGenericErrorContext;
    c->xslt_func = xsltGenericError;
    c->xslt_ctx = xsltGenericErrorContext;
    c->structured = xmlStructuredError;
    c->structured_ctx = xmlStructuredErrorContext;
    xmlSetStructuredErrorFunc(NULL, NULL);
    xmlSetGenericErrorFunc(c, collect_error);
    xsltSetGenericErrorFunc(c, collect_error);
}

/* Whether line (up to its end) is only libxslt's "where" of an error:
   "runtime error: file … line … element …", "compilation error: …", or
   "error" alone (a refused include). */
static bool where_only(const char *line)
{
    static const char *const kinds[] = {"runtime error", "compilation error", "error"};
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        size_t n = strlen(kinds[i]);
        if (!strncmp(line, kinds[i], n) && (line[n] == ':' || line[n] == '\n'))
            return true;
    }
    return false;
}

/*
 * Restore the handlers; returns what was collected as one line (or
 * fallback), valid until the capture's buf is freed.  The first line says
 * it, except after libxslt's "where" line, which is joined to the next
 * with "; ".
 */
static const char *capture_end(error_capture *c, const char *fallback)
{
    xmlSetGenericErrorFunc(c->xml_ctx, c->xml_func);
    xsltSetGenericErrorFunc(c->xslt_ctx, c->xslt_func);
    xmlSetStructuredErrorFunc(c->structured_ctx, c->structured);
    if (!c->text.len)
        return fallback;
    char *s = c->text.data;
    char *nl = strchr(s, '\n');
    if (nl && where_only(s) && nl[1]) {
        char *next = strchr(nl + 1, '\n');
        if (next)
            *next = '\0';
        buf joined = BUF_INIT;
        buf_add(&joined, s, (size_t)(nl - s));
        buf_addf(&joined, "; %s", nl + 1);
        buf_free(&c->text);
        c->text = joined;
        return c->text.data;
    }
    if (nl)
        *nl = '\0';
    return s;
}

/* ------------------------------------------------------------ security */

/*
 * While a stylesheet loads, xsl:include and xsl:import are checked with
 * libxslt's default preferences (there is no transformation yet), whose
 * callbacks get no user data: the one folder they may read from is kept
 * here, set only for the duration of xslt_load.
 */
static char load_root[PATH_MAX];

/* Whether a canonical path lies below the canonical folder root. */
static bool below(const char *real, const char *root)
{
    size_t n = strlen(root);
    return n && strncmp(real, root, n) == 0 && real[n] == '/';
}

/* Whether path is a file below load_root (symbolic links resolved). */
static int load_read_check(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt,
                           const char *path)
{
    (void)sec;
    (void)ctxt;
    char real[PATH_MAX];
    return path && realpath(path, real) && below(real, load_root);
}

/*
 * Every access a transformation attempts: refused, and the transformation
 * stopped with a message saying what it tried.
 */
static int forbid_and_stop(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt,
                           const char *value)
{
    (void)sec;
    if (ctxt) {
        xsltTransformError(ctxt, NULL, NULL, "access to %s refused\n",
                           value ? value : "a resource");
        ctxt->state = XSLT_STATE_STOPPED;
    }
    return 0;
}

/* Preferences with every access checked by check; NULL when out of memory. */
static xsltSecurityPrefsPtr prefs_new(xsltSecurityCheck read_file,
                                      xsltSecurityCheck others)
{
    xsltSecurityPrefsPtr p = xsltNewSecurityPrefs();
    if (!p)
        return NULL;
    if (xsltSetSecurityPrefs(p, XSLT_SECPREF_READ_FILE, read_file) != 0 ||
        xsltSetSecurityPrefs(p, XSLT_SECPREF_WRITE_FILE, others) != 0 ||
        xsltSetSecurityPrefs(p, XSLT_SECPREF_CREATE_DIRECTORY, others) != 0 ||
        xsltSetSecurityPrefs(p, XSLT_SECPREF_READ_NETWORK, others) != 0 ||
        xsltSetSecurityPrefs(p, XSLT_SECPREF_WRITE_NETWORK, others) != 0) {
        xsltFreeSecurityPrefs(p);
        return NULL;
    }
    return p;
}

/* ------------------------------------------------------------ loading */

struct xslt {
    xsltStylesheetPtr style;
    xsltSecurityPrefsPtr prefs;     /* for every transformation */
    char *path;                     /* for diagnostics */
};

void xslt_free(xslt *x)
{
    if (!x)
        return;
    if (x->style)
        xsltFreeStylesheet(x->style);   /* frees its document too */
    if (x->prefs)
        xsltFreeSecurityPrefs(x->prefs);
    free(x->path);
    free(x);
}

/* Parse x->path under load preferences; false after reporting. */
static bool parse(xslt *x, diag_sink *diag)
{
    xsltSecurityPrefsPtr load_prefs = prefs_new(load_read_check, xsltSecurityForbid);
    if (!load_prefs) {
        diag_report(diag, DIAG_ERROR, x->path, 0, 0, "E-STYLESHEET",
                    "cannot set up XSLT security preferences");
        return false;
    }
    xsltSecurityPrefsPtr saved = xsltGetDefaultSecurityPrefs();
    xsltSetDefaultSecurityPrefs(load_prefs);
    error_capture cap;
    capture_start(&cap);
    /* Our own files: no network, no entity expansion into the stylesheet. */
    xmlDocPtr doc = xmlReadFile(x->path, NULL, XML_PARSE_NONET);
    if (doc) {
        x->style = xsltParseStylesheetDoc(doc);
        if (!x->style) {
            xmlFreeDoc(doc);    /* not taken over on failure */
        } else if (x->style->errors) {
            /* Some mistakes (an unknown XSLT element, a bad XPath) are
               counted on a returned stylesheet rather than refused. */
            xsltFreeStylesheet(x->style);
            x->style = NULL;
        }
    }
    const char *why = capture_end(&cap, "not a usable XSLT stylesheet");
    xsltSetDefaultSecurityPrefs(saved);
    xsltFreeSecurityPrefs(load_prefs);
    if (!x->style)
        diag_report(diag, DIAG_ERROR, x->path, 0, 0, "E-STYLESHEET",
                    "cannot load the stylesheet: %s", why);
    buf_free(&cap.text);
    return x->style != NULL;
}

xslt *xslt_load(const char *data_dir, const char *rel, diag_sink *diag)
{
    static bool exslt_ready;
    if (!exslt_ready) {
        exsltRegisterAll();     /* exsl:node-set, str:encode-uri … */
        exslt_ready = true;
    }
    xslt *x = xcalloc(1, sizeof *x);
    buf path = BUF_INIT, dir = BUF_INIT;
    buf_addf(&dir, "%s/stylesheets", data_dir);
    buf_addf(&path, "%s/%s", dir.data, rel);
    x->path = buf_detach(&path);
    bool ok = false;
    if (!output_confined(rel)) {
        diag_report(diag, DIAG_ERROR, x->path, 0, 0, "E-STYLESHEET",
                    "a stylesheet must be named inside stylesheets/");
        goto done;
    }
    if (!realpath(dir.data, load_root)) {
        diag_report(diag, DIAG_ERROR, dir.data, 0, 0, "E-STYLESHEET",
                    "cannot find the stylesheets: %s (set SBORNIK_DATA to the "
                    "folder holding stylesheets/)", strerror(errno));
        goto done;
    }
    /* Checked here as well as for includes: a symbolic link could lead out. */
    char real[PATH_MAX];
    bool found = realpath(x->path, real) != NULL;
    int err = errno;
    if (!found || !below(real, load_root)) {
        diag_report(diag, DIAG_ERROR, x->path, 0, 0, "E-STYLESHEET",
                    "cannot read the stylesheet: %s",
                    found ? "it lies outside stylesheets/" : strerror(err));
        goto done;
    }
    x->prefs = prefs_new(forbid_and_stop, forbid_and_stop);
    if (!x->prefs) {
        diag_report(diag, DIAG_ERROR, x->path, 0, 0, "E-STYLESHEET",
                    "cannot set up XSLT security preferences");
        goto done;
    }
    ok = parse(x, diag);
done:
    load_root[0] = '\0';
    buf_free(&dir);
    if (!ok) {
        xslt_free(x);
        return NULL;
    }
    return x;
}

/* ------------------------------------------------------------ running */

/*
 * Apply x to doc; then either hand the result tree over in *result, or,
 * when out is not NULL, serialise it into *out and *len and free it.  One
 * capture and one diagnostic for both steps: false after reporting E-XSLT,
 * with nothing handed over.
 */
static bool transform(const xslt *x, xmlDocPtr doc, const char *const *params,
                      xslt_setup_fn setup, void *ud, xmlDocPtr *result,
                      xmlChar **out, int *len, const char *what, diag_sink *diag)
{
    error_capture cap;
    capture_start(&cap);
    xsltTransformContextPtr ctxt = xsltNewTransformContext(x->style, doc);
    xmlDocPtr res = NULL;
    bool ok = false;
    if (ctxt && xsltSetCtxtSecurityPrefs(x->prefs, ctxt) == 0 &&
        (!setup || setup(ctxt, ud)) &&
        xsltQuoteUserParams(ctxt, (const char **)params) == 0) {
        res = xsltApplyStylesheetUser(x->style, doc, NULL, NULL, NULL, ctxt);
        /* A refused access or xsl:message terminate="yes" may still leave
           a partial result; our stylesheets say nothing when all is well,
           so any message (xsl:message, a runtime error) fails too. */
        ok = res && ctxt->state == XSLT_STATE_OK && !cap.text.len;
    }
    if (ok && out && (xsltSaveResultToString(out, len, res, x->style) != 0 || !*out)) {
        ok = false;
        xmlFree(*out);
        *out = NULL;
    }
    const char *why = capture_end(&cap, "the transformation failed");
    if (!ok)
        diag_report(diag, DIAG_ERROR, x->path, 0, 0, "E-XSLT",
                    "cannot make %s: %s", what, why);
    buf_free(&cap.text);
    if (ok && result)
        *result = res;
    else
        xmlFreeDoc(res);
    if (ctxt)
        xsltFreeTransformContext(ctxt);
    return ok;
}

xmlDocPtr xslt_apply(const xslt *x, xmlDocPtr doc, const char *const *params,
                     xslt_setup_fn setup, void *ud, const char *what,
                     diag_sink *diag)
{
    xmlDocPtr res = NULL;
    transform(x, doc, params, setup, ud, &res, NULL, NULL, what, diag);
    return res;
}

xmlChar *xslt_run(const xslt *x, xmlDocPtr doc, const char *const *params,
                  int *len, const char *what, diag_sink *diag)
{
    xmlChar *out = NULL;
    *len = 0;
    if (!transform(x, doc, params, NULL, NULL, NULL, &out, len, what, diag))
        *len = 0;
    return out;
}
