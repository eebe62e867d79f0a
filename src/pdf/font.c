/*
 * font.c: embedding Liberation Serif with libharu (see font.h).
 *
 * With HPDF_UseUTFEncodings, libharu sets text as CIDs equal to Unicode
 * code points but writes the UTF-8 *encoding* CMap as /ToUnicode
 * (`begincidrange <0000> <FFFF> 0`), which poppler warns about on every
 * page and other extractors reject (libharu issue #133).  Since CID = code
 * point, the right map is the identity: we rewrite the font's own CMap
 * stream (libharu keeps it in the font's attributes) with bfrange entries
 * mapping every CID to itself, before the document is saved.
 */
#include "pdf/font.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <hpdf_font.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include "buf.h"
#include "text.h"

static const char *const FILES[PDF_FACES] = {
    "LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf",
};

struct pdf_fonts {
    HPDF_Doc doc;
    char *dir;
    HPDF_Font font[PDF_FACES];      /* loaded on first use */
    bool failed[PDF_FACES];
    int16_t *widths[PDF_FACES];     /* per BMP code point, 1/1000 em; -1 unknown */
};

/* The identity ToUnicode CMap: CID n is U+n, in bfranges of 256. */
static void write_identity_cmap(HPDF_Stream s)
{
    HPDF_Stream_WriteStr(s,
        "/CIDInit /ProcSet findresource begin\n"
        "12 dict begin\n"
        "begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n"
        "/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    char line[64];
    /* 256 ranges, at most 100 per block (the CMap limit); surrogates out. */
    int blocks[256], n = 0;
    for (int hi = 0; hi < 256; hi++)
        if (hi < 0xD8 || hi > 0xDF)
            blocks[n++] = hi;
    for (int i = 0; i < n; i += 100) {
        int count = n - i < 100 ? n - i : 100;
        snprintf(line, sizeof line, "%d beginbfrange\n", count);
        HPDF_Stream_WriteStr(s, line);
        for (int k = i; k < i + count; k++) {
            snprintf(line, sizeof line, "<%02X00> <%02XFF> <%02X00>\n",
                     blocks[k], blocks[k], blocks[k]);
            HPDF_Stream_WriteStr(s, line);
        }
        HPDF_Stream_WriteStr(s, "endbfrange\n");
    }
    HPDF_Stream_WriteStr(s,
        "endcmap\n"
        "CMapName currentdict /CMap defineresource pop\n"
        "end\nend\n");
}

static bool fix_to_unicode(HPDF_Font font)
{
    HPDF_FontAttr attr = (HPDF_FontAttr)((HPDF_Dict)font)->attr;
    if (!attr || !attr->cmap_stream || !attr->cmap_stream->stream)
        return false;
    /* Only the map libharu made as /ToUnicode (not an /Encoding CMap). */
    if (HPDF_Dict_GetItem((HPDF_Dict)font, "ToUnicode", HPDF_OCLASS_DICT) !=
        attr->cmap_stream)
        return false;
    HPDF_MemStream_FreeData(attr->cmap_stream->stream);
    write_identity_cmap(attr->cmap_stream->stream);
    return true;
}

/*
 * A face is loaded when first used: creating a libharu font maps all
 * 65,536 code points to glyphs, the most expensive step of a small PDF,
 * and most documents never set bold italic.
 */
static HPDF_Font load_face(pdf_fonts *f, pdf_face face)
{
    if (f->font[face] || f->failed[face])
        return f->font[face];
    buf path = BUF_INIT;
    buf_addf(&path, "%s/%s", f->dir, FILES[face]);
    FILE *probe = fopen(path.data, "rb");
    const char *name = NULL;
    if (probe) {
        fclose(probe);
        name = HPDF_LoadTTFontFromFile(f->doc, path.data, HPDF_TRUE);
    }
    buf_free(&path);
    HPDF_Font font = name ? HPDF_GetFont(f->doc, name, "UTF-8") : NULL;
    if (!font || !fix_to_unicode(font)) {
        f->failed[face] = true;
        return NULL;
    }
    f->font[face] = font;
    return font;
}

pdf_fonts *pdf_fonts_new(HPDF_Doc doc, const char *font_dir)
{
    pdf_fonts *f = xcalloc(1, sizeof *f);
    f->doc = doc;
    f->dir = xstrdup(font_dir);
    /* The regular face tells whether the folder is usable at all. */
    if (!load_face(f, PDF_REGULAR)) {
        pdf_fonts_free(f);
        return NULL;
    }
    for (int i = 0; i < PDF_FACES; i++) {
        f->widths[i] = xmalloc(0x10000 * sizeof(int16_t));
        memset(f->widths[i], 0xFF, 0x10000 * sizeof(int16_t));
    }
    return f;
}

void pdf_fonts_free(pdf_fonts *f)
{
    if (!f)
        return;
    for (int i = 0; i < PDF_FACES; i++)
        free(f->widths[i]);
    free(f->dir);
    free(f);
}

HPDF_Font pdf_font(const pdf_fonts *f, pdf_face face)
{
    HPDF_Font font = load_face((pdf_fonts *)f, face);
    /* A face that cannot load is set in the regular one. */
    return font ? font : f->font[PDF_REGULAR];
}

double pdf_text_width(pdf_fonts *f, pdf_face face, double size,
                      const char *s, size_t n)
{
    const char *p = s, *end = s + n;
    long total = 0;
    int16_t *w = f->widths[face];
    HPDF_Font font = pdf_font(f, face);
    while (p < end) {
        uint32_t cp = utf8_next(&p, end);
        if (cp > 0xFFFF) {
            total += HPDF_Font_GetUnicodeWidth(font, 0xFFFD);
            continue;
        }
        if (w[cp] < 0)
            w[cp] = (int16_t)HPDF_Font_GetUnicodeWidth(font, (HPDF_UNICODE)cp);
        total += w[cp];
    }
    return (double)total * size / 1000.0;
}
