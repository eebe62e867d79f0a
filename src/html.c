/*
 * html.c: the HTML writer and safe XSLT (see html.h).
 *
 * All layout lives in the stylesheets (stylesheets/html/, sbornik.css);
 * this file loads them once, runs them over each tree under security
 * preferences that leave a stylesheet nothing to do but produce text,
 * and writes what comes out with output_write (atomic, confined).  What C
 * does itself is what a stylesheet must not: reading the CSS and the
 * images and copying them into DIR.
 */
#include "html.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <libxml/parser.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <libexslt/exslt.h>

#include "buf.h"

/* ------------------------------------------------------------ errors */

/*
 * libxml2 and libxslt print their errors through global handlers.  While
 * we load or run a stylesheet, they go into a buf instead, so that the
 * first of them becomes the message of one diagnostic; the previous
 * handlers come back afterwards.
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

/*
 * Restore the handlers; returns the first line of what was collected (or
 * fallback), which stays valid until the capture's buf is freed.
 */
static const char *capture_end(error_capture *c, const char *fallback)
{
    xmlSetGenericErrorFunc(c->xml_ctx, c->xml_func);
    xsltSetGenericErrorFunc(c->xslt_ctx, c->xslt_func);
    xmlSetStructuredErrorFunc(c->structured_ctx, c->structured);
    if (!c->text.len)
        return fallback;
    char *nl = strchr(c->text.data, '\n');
    if (nl)
        *nl = '\0';
    return c->text.data;
}

/* ------------------------------------------------------------ security */

/*
 * While a stylesheet loads, xsl:include and xsl:import are checked with
 * libxslt's default preferences (there is no transformation yet), whose
 * callbacks get no user data: the one folder they may read from is kept
 * here, set only for the duration of html_xslt_load.
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

/* A transformation may do nothing but build its result tree. */
static xsltSecurityPrefsPtr run_prefs_new(void)
{
    xsltSecurityPrefsPtr p = xsltNewSecurityPrefs();
    if (!p)
        return NULL;
    static const xsltSecurityOption forbidden[] = {
        XSLT_SECPREF_READ_FILE, XSLT_SECPREF_WRITE_FILE,
        XSLT_SECPREF_CREATE_DIRECTORY, XSLT_SECPREF_READ_NETWORK,
        XSLT_SECPREF_WRITE_NETWORK,
    };
    for (size_t i = 0; i < sizeof forbidden / sizeof *forbidden; i++)
        if (xsltSetSecurityPrefs(p, forbidden[i], xsltSecurityForbid) != 0) {
            xsltFreeSecurityPrefs(p);
            return NULL;
        }
    return p;
}

/* ------------------------------------------------------------ stylesheets */

struct html_xslt {
    xsltStylesheetPtr style;
    xsltSecurityPrefsPtr prefs;
    char *path;                 /* for diagnostics */
};

void html_xslt_free(html_xslt *x)
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

/* A relative path with no empty, "." or ".." segment. */
static bool plain_relative(const char *rel)
{
    if (!rel || !*rel || rel[0] == '/')
        return false;
    for (const char *seg = rel; *seg;) {
        size_t n = strcspn(seg, "/");
        if (n == 0 || (n == 1 && seg[0] == '.') ||
            (n == 2 && seg[0] == '.' && seg[1] == '.'))
            return false;
        seg += n;
        if (*seg == '/')
            seg++;
    }
    return true;
}

html_xslt *html_xslt_load(const char *data_dir, const char *rel, diag_sink *diag)
{
    static bool exslt_ready;
    if (!exslt_ready) {
        exsltRegisterAll();     /* str:encode-uri and friends */
        exslt_ready = true;
    }
    html_xslt *x = xcalloc(1, sizeof *x);
    buf path = BUF_INIT, dir = BUF_INIT;
    buf_addf(&dir, "%s/stylesheets", data_dir);
    buf_addf(&path, "%s/%s", dir.data, rel);
    x->path = buf_detach(&path);
    if (!plain_relative(rel)) {
        diag_report(diag, DIAG_ERROR, x->path, 0, 0, "E-STYLESHEET",
                    "a stylesheet must be named inside stylesheets/");
        goto fail;
    }
    if (!realpath(dir.data, load_root)) {
        diag_report(diag, DIAG_ERROR, dir.data, 0, 0, "E-STYLESHEET",
                    "cannot find the stylesheets: %s (set SBORNIK_DATA to the "
                    "folder holding stylesheets/)", strerror(errno));
        goto fail;
    }
    /* Checked here as well as for includes: a symbolic link could lead out. */
    char real[PATH_MAX];
    bool found = realpath(x->path, real) != NULL;
    int err = errno;
    if (!found || !below(real, load_root)) {
        diag_report(diag, DIAG_ERROR, x->path, 0, 0, "E-STYLESHEET",
                    "cannot read the stylesheet: %s",
                    found ? "it lies outside stylesheets/" : strerror(err));
        goto fail;
    }
    x->prefs = run_prefs_new();
    xsltSecurityPrefsPtr load_prefs = xsltNewSecurityPrefs();
    if (!x->prefs || !load_prefs) {
        if (load_prefs)
            xsltFreeSecurityPrefs(load_prefs);
        diag_report(diag, DIAG_ERROR, x->path, 0, 0, "E-STYLESHEET",
                    "cannot set up XSLT security preferences");
        goto fail;
    }
    xsltSetSecurityPrefs(load_prefs, XSLT_SECPREF_READ_FILE, load_read_check);
    xsltSetSecurityPrefs(load_prefs, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
    xsltSetSecurityPrefs(load_prefs, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
    xsltSetSecurityPrefs(load_prefs, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
    xsltSetSecurityPrefs(load_prefs, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
    xsltSecurityPrefsPtr saved = xsltGetDefaultSecurityPrefs();
    xsltSetDefaultSecurityPrefs(load_prefs);

    error_capture cap;
    capture_start(&cap);
    /* Our own files: no network, no entity expansion into the stylesheet. */
    xmlDocPtr doc = xmlReadFile(x->path, NULL, XML_PARSE_NONET);
    if (doc) {
        x->style = xsltParseStylesheetDoc(doc);
        if (!x->style)
            xmlFreeDoc(doc);    /* not taken over on failure */
        else if (x->style->errors) {
            xsltFreeStylesheet(x->style);
            x->style = NULL;
        }
    }
    const char *why = capture_end(&cap, "not a usable XSLT stylesheet");
    xsltSetDefaultSecurityPrefs(saved);
    xsltFreeSecurityPrefs(load_prefs);
    load_root[0] = '\0';
    if (!x->style)
        diag_report(diag, DIAG_ERROR, x->path, 0, 0, "E-STYLESHEET",
                    "cannot load the stylesheet: %s", why);
    buf_free(&cap.text);
    if (!x->style)
        goto fail;
    buf_free(&dir);
    return x;
fail:
    load_root[0] = '\0';
    buf_free(&dir);
    html_xslt_free(x);
    return NULL;
}

xmlChar *html_xslt_run(const html_xslt *x, xmlDocPtr doc,
                       const char *const *params, int *len, const char *what,
                       diag_sink *diag)
{
    xmlChar *out = NULL;
    *len = 0;
    error_capture cap;
    capture_start(&cap);
    xsltTransformContextPtr ctxt = xsltNewTransformContext(x->style, doc);
    xmlDocPtr res = NULL;
    bool ok = false;
    if (ctxt && xsltSetCtxtSecurityPrefs(x->prefs, ctxt) == 0 &&
        xsltQuoteUserParams(ctxt, (const char **)params) == 0) {
        res = xsltApplyStylesheetUser(x->style, doc, NULL, NULL, NULL, ctxt);
        /* A forbidden operation or xsl:message terminate="yes" may still
         * leave a partial result: never write that. */
        ok = res && ctxt->state == XSLT_STATE_OK;
    }
    if (ok && (xsltSaveResultToString(&out, len, res, x->style) != 0 || !out)) {
        ok = false;
        xmlFree(out);
        out = NULL;
    }
    const char *why = capture_end(&cap, "the transformation failed");
    if (!ok)
        diag_report(diag, DIAG_ERROR, x->path, 0, 0, "E-XSLT",
                    "cannot make %s: %s", what, why);
    buf_free(&cap.text);
    if (res)
        xmlFreeDoc(res);
    if (ctxt)
        xsltFreeTransformContext(ctxt);
    return ok ? out : NULL;
}

/* ------------------------------------------------------------ pages */

char *html_page_name(xmlDocPtr tree)
{
    xmlNodePtr root = xmlDocGetRootElement(tree);
    if (root && !strcmp((const char *)root->name, "collection")) {
        xmlChar *id = xmlGetProp(root, BAD_CAST "id");
        buf name = BUF_INIT;
        buf_addf(&name, "%s/index.html", id ? (const char *)id : "unnamed");
        xmlFree(id);
        return buf_detach(&name);
    }
    return output_name(tree, "html");
}

char *html_root_of(const char *page)
{
    buf up = BUF_INIT;
    buf_adds(&up, "");
    for (const char *c = page; *c; c++)
        if (*c == '/')
            buf_adds(&up, "../");
    return buf_detach(&up);
}

/*
 * libxslt's HTML output (through libxml2 2.9's htmlSetMetaEncoding) adds
 * <meta http-equiv="Content-Type" …> to every head, not knowing that the
 * HTML5 <meta charset="utf-8"> the stylesheet wrote says the same; two
 * declarations are an error for the HTML checker, so the added one goes.
 */
static void drop_added_meta(xmlChar *html, int *len)
{
    static const char added[] =
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\">";
    char *s = (char *)html;
    if (!strstr(s, "<meta charset="))
        return;
    char *at = strstr(s, added);
    if (!at)
        return;
    size_t n = sizeof added - 1;
    memmove(at, at + n, (size_t)*len - (size_t)(at - s) - n + 1);
    *len -= (int)n;
}

/* ------------------------------------------------------------ files */

enum { MAX_COPIED = 64 * 1024 * 1024 };    /* a CSS or an image */

/* The bytes of path (a regular file, at most max bytes); NULL with errno. */
static char *read_file(const char *path, size_t max, size_t *len)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return NULL;
    if (!S_ISREG(st.st_mode) || (size_t)st.st_size > max) {
        errno = S_ISREG(st.st_mode) ? EFBIG : EINVAL;
        return NULL;
    }
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *data = xmalloc((size_t)st.st_size + 1);
    size_t n = fread(data, 1, (size_t)st.st_size, f);
    bool bad = ferror(f);
    fclose(f);
    if (bad) {
        free(data);
        errno = EIO;
        return NULL;
    }
    data[n] = '\0';
    *len = n;
    return data;
}

typedef struct {
    html_xslt *xsl;
    char *css;
    size_t css_len;
    char build_date[16];        /* SOURCE_DATE_EPOCH as YYYY-MM-DD, or "" */
    char **media;               /* images already copied in this run */
    size_t nmedia;
} html_state;

static bool media_copied(html_state *st, const char *src)
{
    for (size_t i = 0; i < st->nmedia; i++)
        if (!strcmp(st->media[i], src))
            return true;
    return false;
}

/*
 * Copy one image of the tree to DIR/media/<src>.  The reader already
 * refused paths leaving the project; this checks again on the real path
 * (a link could have changed since) and never reads outside the project.
 */
static bool copy_image(html_state *st, const output_target *t, const char *src)
{
    if (media_copied(st, src))
        return true;
    buf path = BUF_INIT, rel = BUF_INIT;
    char real[PATH_MAX];
    bool ok = false;
    buf_addf(&path, "%s/%s", t->project_dir, src);
    if (!plain_relative(src) || !realpath(path.data, real) ||
        !below(real, t->project_dir)) {
        diag_report(t->diag, DIAG_ERROR, path.data, 0, 0, "E-IMAGE",
                    "cannot copy the image: it is missing or lies outside the project");
        goto done;
    }
    size_t len = 0;
    char *data = read_file(real, MAX_COPIED, &len);
    if (!data) {
        diag_report(t->diag, DIAG_ERROR, path.data, 0, 0, "E-IMAGE",
                    "cannot copy the image: %s", strerror(errno));
        goto done;
    }
    buf_addf(&rel, "media/%s", src);
    ok = output_write(t->out_dir, rel.data, data, len, t->diag);
    free(data);
    if (ok) {
        st->media = xrealloc(st->media, (st->nmedia + 1) * sizeof(char *));
        st->media[st->nmedia++] = xstrdup(src);
    }
done:
    buf_free(&path);
    buf_free(&rel);
    return ok;
}

static bool copy_images(html_state *st, const output_target *t, xmlNodePtr n)
{
    bool ok = true;
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (!strcmp((const char *)n->name, "image")) {
            xmlChar *src = xmlGetProp(n, BAD_CAST "src");
            if (src)
                ok &= copy_image(st, t, (const char *)src);
            xmlFree(src);
        }
        ok &= copy_images(st, t, n->children);
    }
    return ok;
}

/* ------------------------------------------------------------ the writer */

static void html_close(void *w)
{
    html_state *st = w;
    if (!st)
        return;
    html_xslt_free(st->xsl);
    free(st->css);
    for (size_t i = 0; i < st->nmedia; i++)
        free(st->media[i]);
    free(st->media);
    free(st);
}

static void *html_open(const output_target *t)
{
    html_state *st = xcalloc(1, sizeof *st);
    st->xsl = html_xslt_load(t->data_dir, "html/html.xsl", t->diag);
    if (!st->xsl) {
        html_close(st);
        return NULL;
    }
    buf css = BUF_INIT;
    buf_addf(&css, "%s/stylesheets/sbornik.css", t->data_dir);
    st->css = read_file(css.data, MAX_COPIED, &st->css_len);
    if (!st->css) {
        diag_report(t->diag, DIAG_ERROR, css.data, 0, 0, "E-STYLESHEET",
                    "cannot read the CSS: %s", strerror(errno));
        buf_free(&css);
        html_close(st);
        return NULL;
    }
    buf_free(&css);
    /* The date of the build for pages with no date of their own. */
    if (t->source_date >= 0) {
        time_t when = (time_t)t->source_date;
        struct tm tm;
        if (gmtime_r(&when, &tm))
            strftime(st->build_date, sizeof st->build_date, "%Y-%m-%d", &tm);
    }
    return st;
}

/* Transform tree into the page named page and write it. */
static bool write_page(html_state *st, const output_target *t, xmlDocPtr tree,
                       const char *page)
{
    char *root = html_root_of(page);
    const char *params[] = {"root", root, "build-date", st->build_date, NULL};
    int len = 0;
    xmlChar *html = html_xslt_run(st->xsl, tree, params, &len, page, t->diag);
    bool ok = html != NULL;
    if (ok) {
        drop_added_meta(html, &len);
        ok = output_write(t->out_dir, page, html, (size_t)len, t->diag);
    }
    xmlFree(html);
    free(root);
    return ok;
}

static bool html_write(void *w, const output_target *t, xmlDocPtr tree)
{
    html_state *st = w;
    char *page = html_page_name(tree);
    bool ok = copy_images(st, t, xmlDocGetRootElement(tree));
    ok &= write_page(st, t, tree, page);
    free(page);
    return ok;
}

static bool html_finish(void *w, const output_target *t, xmlDocPtr summary)
{
    html_state *st = w;
    bool ok = output_write(t->out_dir, "sbornik.css", st->css, st->css_len, t->diag);
    if (summary)
        ok &= write_page(st, t, summary, "index.html");
    return ok;
}

const output_writer html_writer = {
    "html", true, html_open, html_write, html_finish, html_close,
};
