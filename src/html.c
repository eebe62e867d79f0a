/*
 * html.c: the HTML writer (see html.h).
 *
 * All layout lives in the stylesheets (stylesheets/html/, sbornik.css);
 * this file loads them once, runs them over each tree with xslt.c (which
 * leaves a stylesheet nothing to do but produce text), and writes what
 * comes out with output_write (atomic, confined).  What C
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

#include "buf.h"
#include "xslt.h"

/* Whether a canonical path lies below the canonical folder root. */
static bool below(const char *real, const char *root)
{
    size_t n = strlen(root);
    return n && strncmp(real, root, n) == 0 && real[n] == '/';
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
    xslt *xsl;
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

/* What copy_image needs: the writer and where it writes. */
typedef struct {
    html_state *st;
    const output_target *t;
} image_visit;

/*
 * Copy one image of the tree to DIR/media/<src> (output_each_image's fn,
 * ud an image_visit).  The reader already refused paths leaving the
 * project; this checks again on the real path (a link could have changed
 * since) and never reads outside the project.
 */
static bool copy_image(const char *src, void *ud)
{
    html_state *st = ((image_visit *)ud)->st;
    const output_target *t = ((image_visit *)ud)->t;
    if (media_copied(st, src))
        return true;
    buf path = BUF_INIT, rel = BUF_INIT;
    char real[PATH_MAX];
    bool ok = false;
    buf_addf(&path, "%s/%s", t->project_dir, src);
    if (!output_confined(src) || !realpath(path.data, real) ||
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

/* ------------------------------------------------------------ the writer */

static void html_close(void *w)
{
    html_state *st = w;
    if (!st)
        return;
    xslt_free(st->xsl);
    free(st->css);
    for (size_t i = 0; i < st->nmedia; i++)
        free(st->media[i]);
    free(st->media);
    free(st);
}

static void *html_open(const output_target *t)
{
    html_state *st = xcalloc(1, sizeof *st);
    st->xsl = xslt_load(t->data_dir, "html/html.xsl", t->diag);
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
    xmlChar *html = xslt_run(st->xsl, tree, params, &len, page, t->diag);
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
    image_visit visit = {st, t};
    bool ok = output_each_image(xmlDocGetRootElement(tree), copy_image, &visit);
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
