/*
 * docx.c: the DOCX writer (see docx.h).
 *
 * The division of labour: the stylesheets know WordprocessingML and decide
 * every part and every byte of XML; this file knows files and zips.  It
 * loads stylesheets/docx/package.xsl once and runs it over each assembled
 * tree with xslt.c (includes from stylesheets/ only; a transform that may
 * read and write nothing), and turns the returned
 *
 *   <pkg:package xmlns:pkg="urn:sbornik:docx:package">
 *     <pkg:part name="[Content_Types].xml"><Types …/></pkg:part>
 *     …
 *     <pkg:part name="word/media/image1.png" image="images/chart.png"/>
 *   </pkg:package>
 *
 * into a zip.  Images are the one thing a stylesheet cannot do: their
 * bytes and pixel sizes come from here, read before the transform from the
 * project folder (and nowhere else) and offered to the stylesheet through
 * extension functions (docx:image-index, docx:image-cx, docx:image-cy).
 */
#include "docx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxslt/extensions.h>
#include <zip.h>

#include "buf.h"
#include "xslt.h"
#include "tree.h"

#define DOCX_NS "urn:sbornik:docx"             /* extension functions */
#define PKG_NS "urn:sbornik:docx:package"      /* the manifest */

/* An image larger than this is not a picture in an official document. */
#define DOCX_IMAGE_MAX (64L * 1024 * 1024)

/* ------------------------------------------------------------ dates */

/*
 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil): mktime() would go through the time zone, and timegm()
 * is not C11.
 */
static long long days_from_civil(long long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

/* 1980-01-01T00:00:00Z: zip dates start there. */
#define DOS_EPOCH 315532800LL

long long docx_timestamp(xmlDocPtr tree, long long source_date)
{
    if (source_date >= 0)
        return source_date;
    xmlNodePtr meta = tree_child(tree ? xmlDocGetRootElement(tree) : NULL,
                                  "meta");
    xmlNodePtr date = tree_child(meta, "date");
    xmlChar *value = date ? xmlGetProp(date, BAD_CAST "value") : NULL;
    long long when = -1;
    int y, m, d;
    char tail;
    /* The schema makes value an xs:date; a time zone suffix is ignored. */
    if (value && sscanf((const char *)value, "%d-%d-%d%c", &y, &m, &d, &tail) >= 3 &&
        m >= 1 && m <= 12 && d >= 1 && d <= 31)
        when = days_from_civil(y, (unsigned)m, (unsigned)d) * 86400;
    xmlFree(value);
    if (when < 0) {
        xmlNodePtr year = tree_child(meta, "year");
        xmlChar *text = year ? xmlNodeGetContent(year) : NULL;
        if (text && sscanf((const char *)text, "%d", &y) == 1 && y > 0 && y < 10000)
            when = days_from_civil(y, 1, 1) * 86400;
        xmlFree(text);
    }
    return when < DOS_EPOCH ? DOS_EPOCH : when;
}

/* The inverse of days_from_civil (H. Hinnant's civil_from_days). */
static void civil_from_days(long long days, long long *y, unsigned *m, unsigned *d)
{
    long long z = days + 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (long long)yoe + era * 400 + (*m <= 2);
}

void docx_dos_time(long long when, unsigned *dos_date, unsigned *dos_time)
{
    /* 2107-12-31T23:59:58Z is the last instant a DOS date holds. */
    const long long last = days_from_civil(2107, 12, 31) * 86400 + 86398;
    if (when < DOS_EPOCH)
        when = DOS_EPOCH;
    if (when > last)
        when = last;
    long long y, secs = when % 86400;
    unsigned m, d;
    civil_from_days(when / 86400, &y, &m, &d);
    *dos_date = (unsigned)((y - 1980) << 9 | m << 5 | d);
    *dos_time = (unsigned)((secs / 3600) << 11 | (secs / 60 % 60) << 5 |
                           (secs % 60) / 2);
}

/* ------------------------------------------------------------ zip */

bool docx_zip(const docx_entry *entries, size_t n, long long when,
              unsigned char **out, size_t *len, diag_sink *diag,
              const char *path)
{
    zip_error_t zerr;
    zip_error_init(&zerr);
    *out = NULL;
    *len = 0;
    unsigned dos_date, dos_time;
    docx_dos_time(when, &dos_date, &dos_time);

    /* The archive is built in memory and written by output_write, so the
       file on disk appears atomically or not at all. */
    zip_source_t *mem = zip_source_buffer_create(NULL, 0, 0, &zerr);
    zip_t *za = mem ? zip_open_from_source(mem, ZIP_TRUNCATE, &zerr) : NULL;
    if (!za) {
        diag_report(diag, DIAG_ERROR, path, 0, 0, "E-DOCX-ZIP",
                    "cannot start the package: %s", zip_error_strerror(&zerr));
        if (mem)
            zip_source_free(mem);
        zip_error_fini(&zerr);
        return false;
    }
    zip_source_keep(mem);       /* its bytes are the result: keep past close */
    for (size_t i = 0; i < n; i++) {
        zip_source_t *s = zip_source_buffer(za, entries[i].data, entries[i].len, 0);
        zip_int64_t idx = s ? zip_file_add(za, entries[i].name, s, ZIP_FL_ENC_UTF_8)
                            : -1;
        if (idx < 0) {
            if (s)
                zip_source_free(s);
            diag_report(diag, DIAG_ERROR, path, 0, 0, "E-DOCX-ZIP",
                        "cannot add %s to the package: %s", entries[i].name,
                        zip_strerror(za));
            goto fail;
        }
        /* Maximum deflate: the parts are text, the size is what a reader
           downloads; the dates are the same for every entry. */
        if (zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 9) < 0 ||
            zip_file_set_dostime(za, (zip_uint64_t)idx, (zip_uint16_t)dos_time,
                                 (zip_uint16_t)dos_date, 0) < 0) {
            diag_report(diag, DIAG_ERROR, path, 0, 0, "E-DOCX-ZIP",
                        "cannot set up %s in the package: %s", entries[i].name,
                        zip_strerror(za));
            goto fail;
        }
    }
    if (zip_close(za) < 0) {
        diag_report(diag, DIAG_ERROR, path, 0, 0, "E-DOCX-ZIP",
                    "cannot finish the package: %s", zip_strerror(za));
        zip_discard(za);
        zip_source_free(mem);
        zip_error_fini(&zerr);
        return false;
    }
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_source_stat(mem, &st) < 0 || !(st.valid & ZIP_STAT_SIZE) ||
        zip_source_open(mem) < 0) {
        diag_report(diag, DIAG_ERROR, path, 0, 0, "E-DOCX-ZIP",
                    "cannot read the package back from memory");
        zip_source_free(mem);
        zip_error_fini(&zerr);
        return false;
    }
    unsigned char *data = xmalloc(st.size ? st.size : 1);
    zip_int64_t got = zip_source_read(mem, data, st.size);
    zip_source_close(mem);
    zip_source_free(mem);
    zip_error_fini(&zerr);
    if (got < 0 || (zip_uint64_t)got != st.size) {
        free(data);
        diag_report(diag, DIAG_ERROR, path, 0, 0, "E-DOCX-ZIP",
                    "cannot read the package back from memory");
        return false;
    }
    *out = data;
    *len = (size_t)st.size;
    return true;
fail:
    zip_discard(za);
    zip_source_free(mem);
    zip_error_fini(&zerr);
    return false;
}

/* ------------------------------------------------------------ images */

typedef struct {
    char *src;              /* as the tree names it, project-relative */
    unsigned char *data;
    size_t len;
    long long cx, cy;       /* natural size in EMU (914400 per inch) */
} docx_image;

typedef struct {
    docx_image *items;
    size_t n;
} docx_images;

static void images_free(docx_images *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->items[i].src);
        free(l->items[i].data);
    }
    free(l->items);
    l->items = NULL;
    l->n = 0;
}

static unsigned long be32(const unsigned char *p)
{
    return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
           (unsigned long)p[2] << 8 | p[3];
}

static unsigned be16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

/*
 * Pixel size and resolution of a PNG (IHDR, pHYs) or JPEG (SOFn, JFIF
 * density); 96 dpi when the file does not say, as Word assumes.
 */
static bool image_size(const unsigned char *d, size_t n, unsigned long *w,
                       unsigned long *h, double *dpi_x, double *dpi_y)
{
    *dpi_x = *dpi_y = 96;
    if (n >= 24 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8) && !memcmp(d + 12, "IHDR", 4)) {
        *w = be32(d + 16);
        *h = be32(d + 20);
        for (size_t at = 8; at + 12 <= n;) {
            unsigned long clen = be32(d + at);
            if (clen > n - at - 12)
                break;
            if (!memcmp(d + at + 4, "pHYs", 4) && clen >= 9 && d[at + 16] == 1) {
                unsigned long px = be32(d + at + 8), py = be32(d + at + 12);
                if (px && py) {
                    *dpi_x = px * 0.0254;
                    *dpi_y = py * 0.0254;
                }
            }
            if (!memcmp(d + at + 4, "IDAT", 4))
                break;
            at += clen + 12;
        }
        return *w && *h;
    }
    if (n >= 4 && d[0] == 0xFF && d[1] == 0xD8) {
        for (size_t at = 2; at + 4 <= n;) {
            if (d[at] != 0xFF)
                return false;
            unsigned marker = d[at + 1];
            if (marker == 0xFF) {       /* fill byte */
                at++;
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                at += 2;
                continue;
            }
            unsigned seg = be16(d + at + 2);
            if (seg < 2 || at + 2 + seg > n)
                return false;
            const unsigned char *p = d + at + 4;
            if (marker == 0xE0 && seg >= 16 && !memcmp(p, "JFIF", 5)) {
                unsigned units = p[7], xd = be16(p + 8), yd = be16(p + 10);
                if (xd && yd && (units == 1 || units == 2)) {
                    *dpi_x = units == 1 ? xd : xd * 2.54;
                    *dpi_y = units == 1 ? yd : yd * 2.54;
                }
            }
            /* SOF0–SOF15 but DHT (C4), JPG (C8) and DAC (CC). */
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 &&
                marker != 0xC8 && marker != 0xCC && seg >= 7) {
                *h = be16(p + 1);
                *w = be16(p + 3);
                return *w && *h;
            }
            if (marker == 0xDA)         /* scan data: no size before it */
                return false;
            at += 2 + seg;
        }
    }
    return false;
}

/* Read rel below the project folder, refusing anything that leaves it. */
static bool image_load(const char *project_dir, docx_image *img,
                       diag_sink *diag)
{
    buf path = BUF_INIT;
    buf_addf(&path, "%s/%s", project_dir, img->src);
    char *real = realpath(path.data, NULL);
    char *root = realpath(project_dir, NULL);
    size_t rootlen = root ? strlen(root) : 0;
    bool ok = false;
    FILE *f = NULL;
    if (!real || !root) {
        diag_report(diag, DIAG_ERROR, path.data, 0, 0, "E-DOCX-IMAGE",
                    "cannot read the image: %s", strerror(errno));
        goto done;
    }
    if (strncmp(real, root, rootlen) || real[rootlen] != '/') {
        diag_report(diag, DIAG_ERROR, path.data, 0, 0, "E-DOCX-IMAGE",
                    "refusing an image outside the project");
        goto done;
    }
    struct stat st;
    f = fopen(real, "rb");
    if (!f || fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        diag_report(diag, DIAG_ERROR, path.data, 0, 0, "E-DOCX-IMAGE",
                    "cannot read the image: %s", f ? "not a file" : strerror(errno));
        goto done;
    }
    if (st.st_size > DOCX_IMAGE_MAX) {
        diag_report(diag, DIAG_ERROR, path.data, 0, 0, "E-DOCX-IMAGE",
                    "image of %lld bytes is larger than %ld", (long long)st.st_size,
                    DOCX_IMAGE_MAX);
        goto done;
    }
    img->len = (size_t)st.st_size;
    img->data = xmalloc(img->len ? img->len : 1);
    if (fread(img->data, 1, img->len, f) != img->len) {
        diag_report(diag, DIAG_ERROR, path.data, 0, 0, "E-DOCX-IMAGE",
                    "cannot read the image: %s", strerror(errno));
        goto done;
    }
    unsigned long w = 0, h = 0;
    double dx, dy;
    if (!image_size(img->data, img->len, &w, &h, &dx, &dy)) {
        diag_report(diag, DIAG_ERROR, path.data, 0, 0, "E-DOCX-IMAGE",
                    "cannot read the size of the image (not a PNG or JPEG?)");
        goto done;
    }
    img->cx = (long long)(w * 914400.0 / dx + 0.5);
    img->cy = (long long)(h * 914400.0 / dy + 0.5);
    ok = true;
done:
    if (f)
        fclose(f);
    free(real);
    free(root);
    buf_free(&path);
    return ok;
}

static const docx_image *image_find(const docx_images *l, const char *src,
                                    size_t *index)
{
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->items[i].src, src)) {
            if (index)
                *index = i + 1;
            return &l->items[i];
        }
    return NULL;
}

/* What collect_image needs: the list it adds to, where images are. */
typedef struct {
    docx_images *list;
    const char *project_dir;
    diag_sink *diag;
} image_visit;

/* output_each_image's fn: the first time src is seen, load it. */
static bool collect_image(const char *src, void *ud)
{
    image_visit *v = ud;
    docx_images *l = v->list;
    if (image_find(l, src, NULL))
        return true;
    l->items = xrealloc(l->items, (l->n + 1) * sizeof *l->items);
    docx_image *img = &l->items[l->n++];
    memset(img, 0, sizeof *img);
    img->src = xstrdup(src);
    return image_load(v->project_dir, img, v->diag);
}

/* ------------------------------------------------------------ positions */

/*
 * Numbers the stylesheets give in document order: the w:num of each list
 * that starts a numbering, the bookmark of each document, the w:id of
 * each footnote mark, the relationship of each link, the id of each field
 * and image.  In XPath each is
 * count(preceding::x) + count(ancestor-or-self::x), a walk of the whole
 * tree per call: quadratic, and most of the DOCX time of a 700-page
 * collection.  One walk in document order numbers every element instead;
 * docx:position(kind) looks the context node up.
 */
enum { POS_NUM, POS_DOC, POS_FNREF, POS_LINK, POS_FIELD, POS_IMAGE, POS_KINDS };

typedef struct {
    const xmlNode *node;
    unsigned count[POS_KINDS];  /* kind elements up to and including node */
} docx_position;

typedef struct {
    docx_position *items;       /* sorted by node address */
    size_t n;
} docx_positions;

static bool named(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* Whether two elements both have attr and the same value of it. */
static bool same_attr(xmlNodePtr a, xmlNodePtr b, const char *attr)
{
    xmlChar *x = xmlGetProp(a, BAD_CAST attr), *y = xmlGetProp(b, BAD_CAST attr);
    bool same = x && y && xmlStrEqual(x, y);
    xmlFree(x);
    xmlFree(y);
    return same;
}

/*
 * A list that starts a numbering of its own (numbering.xsl): the points
 * of an order, the basis of a roadmap, its table, an article's references,
 * and a list that neither continues its parent list of the same type one
 * level down nor is an ordered list inside a point (which continues the
 * points).
 */
static bool starts_numbering(xmlNodePtr n)
{
    if (named(n, "points") || named(n, "basis") || named(n, "references") ||
        named(n, "roadmap"))
        return true;
    if (!named(n, "list"))
        return false;
    xmlNodePtr up = n->parent ? n->parent->parent : NULL;
    if (named(up, "list") && same_attr(up, n, "type"))
        return false;
    xmlChar *type = xmlGetProp(n, BAD_CAST "type");
    bool in_point = type && xmlStrEqual(type, BAD_CAST "ordered") && named(n->parent, "point");
    xmlFree(type);
    return !in_point;
}

static bool is_document(const xmlNode *n)
{
    return named(n, "order") || named(n, "letter") || named(n, "document") ||
           named(n, "concept") || named(n, "roadmap") || named(n, "article");
}

static int compare_positions(const void *a, const void *b)
{
    const xmlNode *x = ((const docx_position *)a)->node;
    const xmlNode *y = ((const docx_position *)b)->node;
    return x < y ? -1 : x > y;
}

static void positions_fill(docx_positions *p, xmlNodePtr root)
{
    unsigned count[POS_KINDS] = {0};
    size_t cap = 0;
    /* Pre-order walk without recursion: lists may nest very deep. */
    for (xmlNodePtr n = root; n;) {
        if (n->type == XML_ELEMENT_NODE) {
            count[POS_NUM] += starts_numbering(n);
            count[POS_DOC] += is_document(n);
            count[POS_FNREF] += named(n, "fnref");
            count[POS_LINK] += named(n, "link");
            count[POS_FIELD] += named(n, "field");
            count[POS_IMAGE] += named(n, "image");
            if (p->n == cap) {
                cap = cap ? 2 * cap : 1024;
                p->items = xrealloc(p->items, cap * sizeof *p->items);
            }
            docx_position *e = &p->items[p->n++];
            e->node = n;
            memcpy(e->count, count, sizeof count);
            if (n->children) {
                n = n->children;
                continue;
            }
        }
        while (n != root && !n->next)
            n = n->parent;
        n = n == root ? NULL : n->next;
    }
    if (p->n)
        qsort(p->items, p->n, sizeof *p->items, compare_positions);
}

/* What the extension functions read, through the transform context. */
typedef struct {
    const docx_images *images;
    docx_positions positions;
} docx_data;

/* docx:position('num'|'doc'|'fnref'|'link'|'field'|'image') of the context
   node; 0 if unknown. */
static void fn_position(xmlXPathParserContextPtr ctxt, int nargs)
{
    static const char *const kinds[POS_KINDS] = {"num", "doc", "fnref", "link",
                                                 "field", "image"};
    if (nargs != 1) {
        xmlXPathSetArityError(ctxt);
        return;
    }
    xmlChar *kind = xmlXPathPopString(ctxt);
    xsltTransformContextPtr t = xsltXPathGetTransformContext(ctxt);
    const docx_data *data = t ? t->_private : NULL;
    const xmlNode *node = ctxt->context ? ctxt->context->node : NULL;
    double v = 0;
    for (int k = 0; k < POS_KINDS && data && node && kind; k++) {
        if (strcmp((const char *)kind, kinds[k]))
            continue;
        docx_position key = {node, {0}};
        const docx_position *e = bsearch(&key, data->positions.items,
                                         data->positions.n, sizeof key,
                                         compare_positions);
        v = e ? e->count[k] : 0;
    }
    xmlFree(kind);
    valuePush(ctxt, xmlXPathNewFloat(v));
}

/*
 * docx:image-index(src), docx:image-cx(src), docx:image-cy(src): the
 * 1-based number of the image's media part and its natural size in EMU;
 * 0 for an image that was not loaded (the write has failed by then).
 */
static void image_function(xmlXPathParserContextPtr ctxt, int nargs, int what)
{
    if (nargs != 1) {
        xmlXPathSetArityError(ctxt);
        return;
    }
    xmlChar *src = xmlXPathPopString(ctxt);
    xsltTransformContextPtr t = xsltXPathGetTransformContext(ctxt);
    const docx_data *data = t ? t->_private : NULL;
    const docx_images *l = data ? data->images : NULL;
    size_t index = 0;
    const docx_image *img = l && src ? image_find(l, (const char *)src, &index) : NULL;
    double v = 0;
    if (img)
        v = what == 0 ? (double)index : what == 1 ? (double)img->cx : (double)img->cy;
    xmlFree(src);
    valuePush(ctxt, xmlXPathNewFloat(v));
}

static void fn_image_index(xmlXPathParserContextPtr c, int n) { image_function(c, n, 0); }
static void fn_image_cx(xmlXPathParserContextPtr c, int n) { image_function(c, n, 1); }
static void fn_image_cy(xmlXPathParserContextPtr c, int n) { image_function(c, n, 2); }

/* ------------------------------------------------------------ the transform */

/* package.xsl, loaded once by xslt.c (its includes from stylesheets/ only). */
static void *docx_open(const output_target *t)
{
    return xslt_load(t->data_dir, "docx/package.xsl", t->diag);
}

static void docx_close(void *w)
{
    xslt_free(w);
}

/* xslt_apply's setup: the functions, over the images and positions of
   one tree. */
static bool add_functions(xsltTransformContextPtr ctxt, void *data)
{
    ctxt->_private = data;
    return xsltRegisterExtFunction(ctxt, BAD_CAST "position", BAD_CAST DOCX_NS,
                                   fn_position) == 0 &&
           xsltRegisterExtFunction(ctxt, BAD_CAST "image-index", BAD_CAST DOCX_NS,
                                   fn_image_index) == 0 &&
           xsltRegisterExtFunction(ctxt, BAD_CAST "image-cx", BAD_CAST DOCX_NS,
                                   fn_image_cx) == 0 &&
           xsltRegisterExtFunction(ctxt, BAD_CAST "image-cy", BAD_CAST DOCX_NS,
                                   fn_image_cy) == 0;
}

/* A part name the zip may hold: relative, no empty, '.' or '..' segment. */
static bool part_name_ok(const char *name)
{
    if (!*name || name[0] == '/')
        return false;
    const char *seg = name;
    for (const char *c = name;; c++) {
        if (*c == '/' || !*c) {
            size_t n = (size_t)(c - seg);
            if (!n || (n == 1 && *seg == '.') || (n == 2 && !strncmp(seg, "..", 2)))
                return false;
            if (!*c)
                return true;
            seg = c + 1;
        }
    }
}

/* The parts of a package, serialised; names and XML owned here. */
typedef struct {
    docx_entry *items;
    xmlChar **names;
    xmlChar **xml;          /* NULL for an image, whose bytes are borrowed */
    size_t n;
} part_list;

static void parts_free(part_list *p)
{
    for (size_t i = 0; i < p->n; i++) {
        xmlFree(p->names[i]);
        xmlFree(p->xml[i]);
    }
    free(p->items);
    free(p->names);
    free(p->xml);
    memset(p, 0, sizeof *p);
}

/* The one element child of a part, or NULL. */
static xmlNodePtr part_element(xmlNodePtr part)
{
    xmlNodePtr found = NULL;
    for (xmlNodePtr c = part->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            if (found)
                return NULL;
            found = c;
        } else if (c->type == XML_TEXT_NODE && !xmlIsBlankNode(c)) {
            return NULL;
        }
    }
    return found;
}

/*
 * The manifest the stylesheet returned, checked and serialised: every
 * part named once, with a name a zip may hold, and holding either one XML
 * element or a reference to a loaded image.  [Content_Types].xml goes
 * first (readers sniffing the package look there); the others keep the
 * stylesheet's order.
 */
static bool package_parts(xmlDocPtr result, const docx_images *images,
                          part_list *out, const char *path, diag_sink *diag)
{
    xmlNodePtr root = xmlDocGetRootElement(result);
    if (!root || strcmp((const char *)root->name, "package") || !root->ns ||
        strcmp((const char *)root->ns->href, PKG_NS)) {
        diag_report(diag, DIAG_ERROR, path, 0, 0, "E-DOCX-PACKAGE",
                    "the DOCX stylesheet did not return a <pkg:package>");
        return false;
    }
    bool types = false;
    for (xmlNodePtr part = root->children; part; part = part->next) {
        if (part->type != XML_ELEMENT_NODE)
            continue;
        xmlChar *name = xmlGetProp(part, BAD_CAST "name");
        xmlChar *image = xmlGetProp(part, BAD_CAST "image");
        const char *why = NULL;
        if (strcmp((const char *)part->name, "part"))
            why = "an element other than <pkg:part>";
        else if (!name || !part_name_ok((const char *)name))
            why = "a part without a valid name";
        for (size_t i = 0; !why && i < out->n; i++)
            if (!strcmp((const char *)out->names[i], (const char *)name))
                why = "a part named twice";
        const docx_image *img = NULL;
        xmlNodePtr el = NULL;
        if (!why && image) {
            img = image_find(images, (const char *)image, NULL);
            if (!img)
                why = "a part naming an image the tree does not have";
        } else if (!why) {
            el = part_element(part);
            if (!el)
                why = "a part without exactly one XML element";
        }
        if (why) {
            diag_report(diag, DIAG_ERROR, path, 0, 0, "E-DOCX-PACKAGE",
                        "the DOCX stylesheet returned %s (%s)", why,
                        name ? (const char *)name : "unnamed");
            xmlFree(name);
            xmlFree(image);
            return false;
        }
        xmlFree(image);
        xmlChar *xml = NULL;
        int size = 0;
        if (el) {
            /* Its own document, so that its namespaces are declared on
               its root and it gets an XML declaration, standalone as Word
               writes it. */
            xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
            doc->standalone = 1;
            xmlDocSetRootElement(doc, xmlDocCopyNode(el, doc, 1));
            xmlDocDumpMemoryEnc(doc, &xml, &size, "UTF-8");
            xmlFreeDoc(doc);
        }
        size_t at = out->n++;
        out->items = xrealloc(out->items, out->n * sizeof *out->items);
        out->names = xrealloc(out->names, out->n * sizeof *out->names);
        out->xml = xrealloc(out->xml, out->n * sizeof *out->xml);
        bool first = !strcmp((const char *)name, "[Content_Types].xml");
        if (first && at) {
            memmove(out->items + 1, out->items, at * sizeof *out->items);
            memmove(out->names + 1, out->names, at * sizeof *out->names);
            memmove(out->xml + 1, out->xml, at * sizeof *out->xml);
            at = 0;
        }
        types |= first;
        out->names[at] = name;
        out->xml[at] = xml;
        out->items[at].name = (const char *)name;
        out->items[at].data = el ? (const void *)xml : img->data;
        out->items[at].len = el ? (size_t)size : img->len;
    }
    if (!types) {
        diag_report(diag, DIAG_ERROR, path, 0, 0, "E-DOCX-PACKAGE",
                    "the DOCX stylesheet returned no [Content_Types].xml");
        return false;
    }
    return true;
}

/* "2017-03-29T00:00:00Z" for the docProps, from the same instant as the
   zip (never before 1980: docx_timestamp clamps). */
static void w3cdtf(long long when, char out[32])
{
    long long y, secs = when % 86400;
    unsigned m, d;
    civil_from_days(when / 86400, &y, &m, &d);
    snprintf(out, 32, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ", y, m, d,
             secs / 3600, secs / 60 % 60, secs % 60);
}

static bool docx_write(void *w, const output_target *t, xmlDocPtr tree)
{
    char *name = output_name(tree, "docx");
    buf path = BUF_INIT;
    buf_addf(&path, "%s/%s", t->out_dir, name);
    docx_images images = {NULL, 0};
    part_list parts = {NULL, NULL, NULL, 0};
    xmlDocPtr result = NULL;
    unsigned char *zip = NULL;
    size_t len = 0;
    bool ok = false;

    /* Every distinct image of the tree, in document order, loaded. */
    image_visit visit = {&images, t->project_dir, t->diag};
    if (!output_each_image(xmlDocGetRootElement(tree), collect_image, &visit))
        goto done;
    long long when = docx_timestamp(tree, t->source_date);
    char created[32];
    w3cdtf(when, created);
    /* Everything a stylesheet needs is the tree, this parameter and the
       functions: xslt_apply lets it read and write nothing. */
    const char *params[] = {"created", created, NULL};
    docx_data data = {&images, {NULL, 0}};
    positions_fill(&data.positions, xmlDocGetRootElement(tree));
    result = xslt_apply(w, tree, params, add_functions, &data, name, t->diag);
    free(data.positions.items);
    if (!result || !package_parts(result, &images, &parts, path.data, t->diag))
        goto done;
    if (!docx_zip(parts.items, parts.n, when, &zip, &len, t->diag, path.data))
        goto done;
    ok = output_write(t->out_dir, name, zip, len, t->diag);
done:
    free(zip);
    parts_free(&parts);
    xmlFreeDoc(result);
    images_free(&images);
    buf_free(&path);
    free(name);
    return ok;
}

const output_writer docx_writer = {
    "docx", true, docx_open, docx_write, NULL, docx_close,
};
