/*
 * pdf.c: the PDF writer (see pdf.h): one libharu document per output,
 * the fonts embedded, the tree composed, paginated and drawn, the Info
 * dictionary filled from the tree (dates from SOURCE_DATE_EPOCH or the
 * document, never the clock), saved to memory and written atomically.
 */
#include "pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <hpdf.h>

#include "buf.h"
#include "pdf/compose.h"
#include "pdf/font.h"
#include "pdf/hyph.h"
#include "pdf/layout.h"
#include "text.h"
#include "tree.h"

typedef struct {
    pdf_hyph *hyph;
    char *font_dir;
} pdf_state;

typedef struct {
    HPDF_STATUS error, detail;
} pdf_errors;

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *ud)
{
    pdf_errors *e = ud;
    if (!e->error) {
        e->error = error;
        e->detail = detail;
    }
}

static void pdf_close(void *w)
{
    pdf_state *s = w;
    if (!s)
        return;
    pdf_hyph_free(s->hyph);
    free(s->font_dir);
    free(s);
}

static void *pdf_open(const output_target *t)
{
    pdf_hyph *hyph = pdf_hyph_new(PDF_HYPHEN_DICT);
    if (!hyph) {
        diag_report(t->diag, DIAG_ERROR, PDF_HYPHEN_DICT, 0, 0, "E-PDF-HYPHEN",
                    "cannot read the Russian hyphenation patterns (Debian "
                    "package hyphen-ru; make deps installs it)");
        return NULL;
    }
    pdf_state *s = xcalloc(1, sizeof *s);
    s->hyph = hyph;
    buf dir = BUF_INIT;
    buf_addf(&dir, "%s/fonts", t->data_dir);
    s->font_dir = buf_detach(&dir);
    /* Said once here rather than once per document. */
    HPDF_Doc probe = HPDF_New(NULL, NULL);
    if (probe)
        HPDF_UseUTFEncodings(probe);
    pdf_fonts *fonts = probe ? pdf_fonts_new(probe, s->font_dir) : NULL;
    bool usable = fonts != NULL;
    pdf_fonts_free(fonts);
    if (probe)
        HPDF_Free(probe);
    if (!usable) {
        diag_report(t->diag, DIAG_ERROR, s->font_dir, 0, 0, "E-PDF-FONT",
                    "cannot load Liberation Serif from this folder");
        pdf_close(s);
        return NULL;
    }
    return s;
}


/* One Info entry, cut to what a PDF string holds. */
static void set_attr(HPDF_Doc doc, HPDF_InfoType type, const char *value)
{
    char *v = utf8_prefix(value, PDF_STRING_MAX);
    HPDF_SetInfoAttr(doc, type, v);
    free(v);
}

/* The Info dictionary: title, author, subject, keywords, dates. */
static void set_info(HPDF_Doc doc, xmlNodePtr root, long long source_date)
{
    xmlNodePtr meta = tree_child(root, "meta");
    char *title = tree_text(tree_child(meta, "title"));
    set_attr(doc, HPDF_INFO_TITLE, title);
    free(title);
    buf author = BUF_INIT;
    xmlNodePtr authors = tree_child(meta, "authors");
    for (xmlNodePtr a = authors ? authors->children : NULL; a; a = a->next) {
        if (a->type != XML_ELEMENT_NODE)
            continue;
        char *name = tree_text(tree_child(a, "name"));
        buf_addf(&author, "%s%s", author.len ? ", " : "", name);
        free(name);
    }
    if (!author.len && tree_child(meta, "signatory")) {
        char *name = tree_text(tree_child(tree_child(meta, "signatory"), "name"));
        buf_adds(&author, name);
        free(name);
    }
    if (!author.len && tree_child(meta, "issuer")) {
        char *name = tree_text(tree_child(tree_child(meta, "issuer"), "name"));
        buf_adds(&author, name);
        free(name);
    }
    if (author.len)
        set_attr(doc, HPDF_INFO_AUTHOR, author.data);
    buf_free(&author);
    char *genre = tree_text(tree_child(meta, "genre"));
    if (*genre)
        set_attr(doc, HPDF_INFO_SUBJECT, genre);
    free(genre);
    buf kw = BUF_INIT;
    xmlNodePtr keywords = tree_child(meta, "keywords");
    for (xmlNodePtr k = keywords ? keywords->children : NULL; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        char *word = tree_text(k);
        buf_addf(&kw, "%s%s", kw.len ? ", " : "", word);
        free(word);
    }
    if (kw.len)
        set_attr(doc, HPDF_INFO_KEYWORDS, kw.data);
    buf_free(&kw);
    HPDF_SetInfoAttr(doc, HPDF_INFO_CREATOR, "sbornik");

    /* The date: SOURCE_DATE_EPOCH, else the document's own, else none. */
    HPDF_Date d;
    memset(&d, 0, sizeof d);
    bool have = false;
    if (source_date >= 0) {
        time_t t = (time_t)source_date;
        struct tm tm;
        gmtime_r(&t, &tm);
        d.year = tm.tm_year + 1900;
        d.month = tm.tm_mon + 1;
        d.day = tm.tm_mday;
        d.hour = tm.tm_hour;
        d.minutes = tm.tm_min;
        d.seconds = tm.tm_sec;
        d.ind = 'Z';
        have = true;
    } else {
        xmlChar *v = tree_child(meta, "date") ? xmlGetProp(tree_child(meta, "date"), BAD_CAST "value")
                                         : NULL;
        if (v && sscanf((const char *)v, "%d-%d-%d", &d.year, &d.month, &d.day) == 3) {
            d.ind = 'Z';
            have = true;
        }
        xmlFree(v);
    }
    if (have) {
        HPDF_SetInfoDateAttr(doc, HPDF_INFO_CREATION_DATE, d);
        HPDF_SetInfoDateAttr(doc, HPDF_INFO_MOD_DATE, d);
    }
}

/* Page numbers of a collection's anchors, from the pass before. */
typedef struct {
    char **anchors;
    int *pages;
    size_t n;
} page_map;

static int page_of(void *ud, const char *anchor)
{
    const page_map *m = ud;
    for (size_t i = 0; m && i < m->n; i++)
        if (!strcmp(m->anchors[i], anchor))
            return m->pages[i];
    return 0;
}

static void map_free(page_map *m)
{
    for (size_t i = 0; i < m->n; i++)
        free(m->anchors[i]);
    free(m->anchors);
    free(m->pages);
    memset(m, 0, sizeof *m);
}

static void map_add(page_map *m, const pdf_layout *l, const char *anchor)
{
    m->anchors = xrealloc(m->anchors, (m->n + 1) * sizeof(char *));
    m->pages = xrealloc(m->pages, (m->n + 1) * sizeof(int));
    m->anchors[m->n] = xstrdup(anchor);
    m->pages[m->n++] = layout_anchor_page(l, anchor);
}

typedef struct {
    page_map *m;
    const pdf_layout *l;
} map_walk;

static void map_visit(void *ud, int part, xmlNodePtr part_el, xmlNodePtr doc)
{
    map_walk *w = ud;
    (void)part_el;
    char anchor[32];
    xmlChar *id = doc ? xmlGetProp(doc, BAD_CAST "id") : NULL;
    compose_part_anchor(part, anchor, sizeof anchor);
    map_add(w->m, w->l, doc ? (id ? (const char *)id : "") : anchor);
    xmlFree(id);
}

/* The collection's anchors (preface, parts, documents) and their pages. */
static void map_fill(page_map *m, const pdf_layout *l, xmlNodePtr root)
{
    map_free(m);
    map_add(m, l, "preface");
    map_walk w = {m, l};
    compose_each_document(root, map_visit, &w);
}

static bool map_equal(const page_map *a, const page_map *b)
{
    if (a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++)
        if (a->pages[i] != b->pages[i])
            return false;
    return true;
}

/* One attempt at a PDF: a fresh libharu document laid out and paginated. */
typedef struct {
    HPDF_Doc doc;
    pdf_fonts *fonts;
    pdf_layout *l;
    pdf_errors errors;
} attempt;

static void attempt_free(attempt *a)
{
    layout_free(a->l);
    pdf_fonts_free(a->fonts);
    if (a->doc)
        HPDF_Free(a->doc);
    a->l = NULL;
    a->fonts = NULL;
    a->doc = NULL;
}

static bool attempt_start(attempt *a, pdf_state *s, const output_target *t)
{
    memset(&a->errors, 0, sizeof a->errors);
    a->doc = HPDF_New(on_error, &a->errors);
    if (!a->doc)
        return false;
    HPDF_SetCompressionMode(a->doc, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(a->doc);
    HPDF_SetCurrentEncoder(a->doc, "UTF-8");
    a->fonts = pdf_fonts_new(a->doc, s->font_dir);
    if (!a->fonts) {
        diag_report(t->diag, DIAG_ERROR, s->font_dir, 0, 0, "E-PDF-FONT",
                    "cannot load Liberation Serif from this folder");
        return false;
    }
    a->l = layout_new(a->fonts, s->hyph, a->doc);
    return true;
}

static bool pdf_write(void *w, const output_target *t, xmlDocPtr tree)
{
    pdf_state *s = w;
    xmlNodePtr root = xmlDocGetRootElement(tree);
    if (!root)
        return true;
    char *name = output_name(tree, "pdf");
    bool collection = !strcmp((const char *)root->name, "collection");
    attempt a;
    memset(&a, 0, sizeof a);
    bool ok = false;
    page_map known = {0}, found = {0};
    int pages = 0;
    /*
     * A collection's contents and record print page numbers and the page
     * count: lay out, read them, lay out again with them (a third time if
     * the contents changed length), until they stand.
     */
    for (int pass = 0; pass < (collection ? 4 : 1); pass++) {
        attempt_free(&a);
        if (!attempt_start(&a, s, t))
            goto done;
        if (collection)
            compose_collection(a.l, root, t->project_dir, page_of, &known, pages);
        else
            compose_document(a.l, root, t->project_dir);
        int count = (int)layout_paginate(a.l);
        if (!collection)
            break;
        map_fill(&found, a.l, root);
        if (pass > 0 && count == pages && map_equal(&found, &known))
            break;
        pages = count;
        page_map tmp = known;
        known = found;
        found = tmp;
    }
    layout_render(a.l);
    /* Everything is drawn: embed only the glyphs used (libharu writes the
     * fonts when it saves). */
    pdf_fonts_subset(a.fonts);
    HPDF_SetPageMode(a.doc, HPDF_PAGE_MODE_USE_OUTLINE);
    set_info(a.doc, root, t->source_date);
    if (a.errors.error) {
        diag_report(t->diag, DIAG_ERROR, name, 0, 0, "E-PDF",
                    "libharu failed (error 0x%04X, detail %u)",
                    (unsigned)a.errors.error, (unsigned)a.errors.detail);
        goto done;
    }
    if (HPDF_SaveToStream(a.doc) != HPDF_OK) {
        diag_report(t->diag, DIAG_ERROR, name, 0, 0, "E-PDF", "libharu cannot save the PDF");
        goto done;
    }
    HPDF_UINT32 size = HPDF_GetStreamSize(a.doc);
    unsigned char *data = xmalloc(size ? size : 1);
    HPDF_UINT32 got = size;
    HPDF_ReadFromStream(a.doc, data, &got);
    if (got == size)
        ok = output_write(t->out_dir, name, data, size, t->diag);
    else
        diag_report(t->diag, DIAG_ERROR, name, 0, 0, "E-PDF",
                    "libharu returned %u of %u bytes", (unsigned)got, (unsigned)size);
    free(data);
done:
    attempt_free(&a);
    map_free(&known);
    map_free(&found);
    free(name);
    return ok;
}

const output_writer pdf_writer = {
    "pdf", true, pdf_open, pdf_write, NULL, pdf_close,
};
