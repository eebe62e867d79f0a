/*
 * font.c: embedding Liberation Serif with libharu (see font.h).
 *
 * With HPDF_UseUTFEncodings, libharu sets text as CIDs equal to Unicode
 * code points but writes the UTF-8 *encoding* CMap as /ToUnicode
 * (`begincidrange <0000> <FFFF> 0`), which poppler warns about on every
 * page and other extractors reject (libharu issue #133).  Since CID = code
 * point, the right map is the identity: we rewrite the font's own CMap
 * stream (libharu keeps it in the font's attributes) with bfrange entries
 * mapping every CID drawn to itself, before the document is saved.
 *
 * libharu embeds a face keeping only the used glyphs' outlines but the
 * rest of the font whole (cmap, hmtx, loca, name, post), with a 128 KB
 * CIDToGIDMap and widths for all 65,536 CIDs: some 45 KB a face in the
 * PDF, deflated, where a subset takes 5-15 KB.  So we
 * note the characters drawn with each face (pdf_fonts_mark) and, when the
 * document is finished, embed in its place a HarfBuzz subset of just
 * their glyphs (renumbered), with the CIDToGIDMap, widths and /ToUnicode
 * cut down to those characters.  libharu builds a face's FontDescriptor
 * and FontFile2 when it writes the font, unless the font definition has a
 * descriptor already: pdf_fonts_subset gives it one.
 */
#include "pdf/font.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <hb-subset.h>
#include <hb.h>

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
    uint8_t *used[PDF_FACES];       /* a bit per BMP code point drawn */
};

/* CIDs are BMP code points (libharu writes any other as a space). */
#define CIDS 0x10000

/* The identity ToUnicode CMap of the n CIDs drawn (ascending): CID c is U+c. */
static void write_to_unicode(HPDF_Stream s, const uint16_t *cids, size_t n)
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
    /*
     * A bfrange per run of consecutive CIDs that differ only in the last
     * byte (as ranges must), at most 100 ranges per block (the CMap limit).
     */
    size_t runs = 0;
    for (size_t i = 0; i < n; i++)
        if (i == 0 || cids[i] != cids[i - 1] + 1 || (cids[i] & 0xFF) == 0)
            runs++;
    size_t i = 0;
    while (runs > 0) {
        size_t count = runs < 100 ? runs : 100;
        runs -= count;
        snprintf(line, sizeof line, "%zu beginbfrange\n", count);
        HPDF_Stream_WriteStr(s, line);
        for (size_t k = 0; k < count; k++) {
            size_t j = i + 1;
            while (j < n && cids[j] == cids[j - 1] + 1 && (cids[j] & 0xFF) != 0)
                j++;
            snprintf(line, sizeof line, "<%04X> <%04X> <%04X>\n",
                     cids[i], cids[j - 1], cids[i]);
            HPDF_Stream_WriteStr(s, line);
            i = j;
        }
        HPDF_Stream_WriteStr(s, "endbfrange\n");
    }
    HPDF_Stream_WriteStr(s,
        "endcmap\n"
        "CMapName currentdict /CMap defineresource pop\n"
        "end\nend\n");
}

/* The /ToUnicode stream libharu made for font, NULL if none (or not ours). */
static HPDF_Dict to_unicode(HPDF_Font font)
{
    HPDF_FontAttr attr = (HPDF_FontAttr)((HPDF_Dict)font)->attr;
    if (!attr || !attr->cmap_stream || !attr->cmap_stream->stream)
        return NULL;
    /* Only the map libharu made as /ToUnicode (not an /Encoding CMap). */
    if (HPDF_Dict_GetItem((HPDF_Dict)font, "ToUnicode", HPDF_OCLASS_DICT) !=
        attr->cmap_stream)
        return NULL;
    return attr->cmap_stream;
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
    /*
     * Creating the font maps all 65,536 CIDs to glyphs by a linear search
     * of the cmap each (CIDFontType2_New), a fifth of the PDF writer's
     * time, for a map and widths that pdf_fonts_subset replaces with
     * those of the characters drawn.  For that call the cmap is made to
     * look like an empty format 0 table, whose lookup is one array read
     * (glyph 0, no error; libharu 2.3.0 has no cheaper way out); width
     * lookups later see the real one again.
     */
    static HPDF_UINT16 no_glyphs[256];
    HPDF_FontDef def = name ? HPDF_GetFontDef(f->doc, name) : NULL;
    HPDF_TTFontDefAttr def_attr = def && def->type == HPDF_FONTDEF_TYPE_TRUETYPE
                                      ? (HPDF_TTFontDefAttr)def->attr : NULL;
    HPDF_UINT16 format = def_attr ? def_attr->cmap.format : 0;
    HPDF_UINT16 *glyph_ids = def_attr ? def_attr->cmap.glyph_id_array : NULL;
    if (def_attr) {
        def_attr->cmap.format = 0;
        def_attr->cmap.glyph_id_array = no_glyphs;
    }
    HPDF_Font font = name ? HPDF_GetFont(f->doc, name, "UTF-8") : NULL;
    if (def_attr) {
        def_attr->cmap.format = format;
        def_attr->cmap.glyph_id_array = glyph_ids;
    }
    /* The subset replaces what libharu embeds: it must be libharu's TrueType. */
    HPDF_FontAttr attr = font ? (HPDF_FontAttr)((HPDF_Dict)font)->attr : NULL;
    if (!font || !to_unicode(font) || !attr->map_stream || !attr->descendant_font ||
        attr->fontdef->type != HPDF_FONTDEF_TYPE_TRUETYPE) {
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
        f->widths[i] = xmalloc(CIDS * sizeof(int16_t));
        memset(f->widths[i], 0xFF, CIDS * sizeof(int16_t));
        f->used[i] = xcalloc(CIDS / 8, 1);
    }
    return f;
}

void pdf_fonts_free(pdf_fonts *f)
{
    if (!f)
        return;
    for (int i = 0; i < PDF_FACES; i++) {
        free(f->widths[i]);
        free(f->used[i]);
    }
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

void pdf_fonts_mark(pdf_fonts *f, pdf_face face, const char *s, size_t n)
{
    if (!load_face(f, face))
        face = PDF_REGULAR;         /* as pdf_font sets it */
    const char *p = s, *end = s + n;
    while (p < end) {
        uint32_t cp = utf8_next(&p, end);
        if (cp >= CIDS)
            cp = ' ';               /* what libharu's UTF-8 encoder writes */
        f->used[face][cp >> 3] |= (uint8_t)(1u << (cp & 7));
    }
}

/*
 * A subset tag of six capitals from the face's name and the characters
 * drawn, so that two different subsets never share a name (PDF 9.6.4),
 * not even in two documents (tools that merge PDFs go by the name).
 */
static void subset_tag(const char *face, const uint16_t *cids, size_t n, char tag[7])
{
    uint32_t h = 2166136261u;       /* FNV-1a */
    for (const char *c = face; *c; c++)
        h = (h ^ (unsigned char)*c) * 16777619u;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ (cids[i] & 0xFF)) * 16777619u;
        h = (h ^ (cids[i] >> 8)) * 16777619u;
    }
    for (int i = 0; i < 6; i++, h /= 26)
        tag[i] = (char)('A' + h % 26);
    tag[6] = '\0';
}

/*
 * The FontDescriptor of a face, its FontFile2 the subset font program
 * (deflated like the font itself), named TAG+PostScriptName.  libharu's
 * own name for an embedded face carries a Windows style suffix
 * (",Bold") that a subset's name must not have.
 */
static HPDF_Dict new_descriptor(HPDF_Font font, const char *tag,
                                const char *data, unsigned len)
{
    HPDF_FontAttr attr = (HPDF_FontAttr)((HPDF_Dict)font)->attr;
    HPDF_FontDef def = attr->fontdef;
    HPDF_TTFontDefAttr tt = (HPDF_TTFontDefAttr)def->attr;
    HPDF_MMgr mmgr = ((HPDF_Dict)font)->mmgr;
    const char *ps = strchr(tt->base_font, '+');
    ps = ps ? ps + 1 : tt->base_font;
    char name[HPDF_LIMIT_MAX_NAME_LEN + 1];
    snprintf(name, sizeof name, "%s+%.*s", tag, (int)strcspn(ps, ","), ps);
    memcpy(tt->base_font, name, sizeof name);  /* the /BaseFont libharu writes */

    HPDF_Dict file = HPDF_DictStream_New(mmgr, attr->xref);
    HPDF_Dict d = HPDF_Dict_New(mmgr);
    if (!file || !d || HPDF_Xref_Add(attr->xref, d) != HPDF_OK)
        return NULL;
    file->filter = ((HPDF_Dict)font)->filter;
    HPDF_STATUS ret = HPDF_Stream_Write(file->stream, (const HPDF_BYTE *)data, len);
    ret += HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)len);
    ret += HPDF_Dict_AddName(d, "Type", "FontDescriptor");
    ret += HPDF_Dict_AddName(d, "FontName", name);
    ret += HPDF_Dict_AddNumber(d, "Flags", (HPDF_INT32)def->flags);
    ret += HPDF_Dict_Add(d, "FontBBox", HPDF_Box_Array_New(mmgr, def->font_bbox));
    ret += HPDF_Dict_AddNumber(d, "ItalicAngle", def->italic_angle);
    ret += HPDF_Dict_AddNumber(d, "Ascent", def->ascent);
    ret += HPDF_Dict_AddNumber(d, "Descent", def->descent);
    ret += HPDF_Dict_AddNumber(d, "CapHeight", def->cap_height);
    ret += HPDF_Dict_AddNumber(d, "XHeight", def->x_height);
    ret += HPDF_Dict_AddNumber(d, "StemV", def->stemv);
    ret += HPDF_Dict_Add(d, "FontFile2", file);
    return ret == HPDF_OK ? d : NULL;
}

/*
 * The widths (/W) of the n CIDs drawn, one run per stretch of consecutive
 * CIDs, and the CIDToGIDMap from each CID to its glyph in the subset
 * (old_gid through new_gid, or old_gid itself when new_gid is NULL: the
 * whole face embedded); CIDs never drawn map to glyph 0.
 */
static bool rewrite_cid_font(HPDF_Font font, const uint16_t *cids,
                             const uint16_t *old_gid, size_t n,
                             const hb_map_t *new_gid)
{
    HPDF_FontAttr attr = (HPDF_FontAttr)((HPDF_Dict)font)->attr;
    HPDF_Dict cid_font = attr->descendant_font;
    HPDF_MMgr mmgr = cid_font->mmgr;
    HPDF_Array w = HPDF_Array_New(mmgr);
    if (!w || HPDF_Dict_Add(cid_font, "W", w) != HPDF_OK)
        return false;
    HPDF_STATUS ret = HPDF_OK;
    HPDF_Array run = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!run || cids[i] != cids[i - 1] + 1) {
            run = HPDF_Array_New(mmgr);
            ret += HPDF_Array_AddNumber(w, cids[i]);
            ret += HPDF_Array_Add(w, run);
        }
        ret += HPDF_Array_AddNumber(run, HPDF_TTFontDef_GetGidWidth(attr->fontdef, old_gid[i]));
    }
    size_t len = n ? 2 * ((size_t)cids[n - 1] + 1) : 2;
    HPDF_BYTE *map = xcalloc(len, 1);
    for (size_t i = 0; i < n; i++) {
        hb_codepoint_t g = new_gid ? hb_map_get(new_gid, old_gid[i]) : old_gid[i];
        if (g == HB_MAP_VALUE_INVALID)
            g = 0;
        map[2 * cids[i]] = (HPDF_BYTE)(g >> 8);
        map[2 * cids[i] + 1] = (HPDF_BYTE)g;
    }
    HPDF_MemStream_FreeData(attr->map_stream->stream);
    ret += HPDF_Stream_Write(attr->map_stream->stream, map, (HPDF_UINT)len);
    free(map);
    return ret == HPDF_OK;
}

/*
 * Embed the subset of a face: the glyphs of the n CIDs drawn (as libharu
 * maps them) and .notdef with its outline (drawn for a character the font
 * lacks).  Layout tables are left out: PDF text is positioned glyph by
 * glyph and never shaped, so GSUB/GPOS/GDEF would only add glyphs.
 * Hinting stays, so that glyphs rasterise as before.
 */
static bool embed_subset(pdf_fonts *f, int face, const uint16_t *cids, size_t n)
{
    HPDF_Font font = f->font[face];
    HPDF_FontDef def = ((HPDF_FontAttr)((HPDF_Dict)font)->attr)->fontdef;
    buf path = BUF_INIT;
    buf_addf(&path, "%s/%s", f->dir, FILES[face]);
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path.data);
    buf_free(&path);
    if (!blob)
        return false;
    hb_face_t *source = hb_face_create(blob, 0);
    hb_blob_destroy(blob);
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    uint16_t *gids = xmalloc((n ? n : 1) * sizeof *gids);
    bool ok = false;
    if (in) {
        hb_set_t *glyphs = hb_subset_input_glyph_set(in);
        hb_set_t *unicodes = hb_subset_input_unicode_set(in);
        hb_set_add(glyphs, 0);
        for (size_t i = 0; i < n; i++) {
            gids[i] = HPDF_TTFontDef_GetGlyphid(def, cids[i]);
            hb_set_add(glyphs, gids[i]);
            if (gids[i])
                hb_set_add(unicodes, cids[i]);
        }
        hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
        hb_set_add(drop, HB_TAG('G', 'S', 'U', 'B'));
        hb_set_add(drop, HB_TAG('G', 'P', 'O', 'S'));
        hb_set_add(drop, HB_TAG('G', 'D', 'E', 'F'));
        hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NOTDEF_OUTLINE);
    }
    hb_subset_plan_t *plan = in ? hb_subset_plan_create_or_fail(source, in) : NULL;
    hb_face_t *subset = plan ? hb_subset_plan_execute_or_fail(plan) : NULL;
    hb_blob_t *program = subset ? hb_face_reference_blob(subset) : NULL;
    unsigned len = 0;
    const char *data = program ? hb_blob_get_data(program, &len) : NULL;
    if (data && len) {
        char tag[7];
        subset_tag(FILES[face], cids, n, tag);
        HPDF_Dict descriptor = new_descriptor(font, tag, data, len);
        ok = descriptor &&
             rewrite_cid_font(font, cids, gids, n, hb_subset_plan_old_to_new_glyph_mapping(plan));
        if (ok)
            def->descriptor = descriptor;   /* libharu then makes none */
    }
    free(gids);
    hb_blob_destroy(program);
    hb_face_destroy(subset);
    hb_subset_plan_destroy(plan);
    hb_subset_input_destroy(in);
    hb_face_destroy(source);
    return ok;
}

void pdf_fonts_subset(pdf_fonts *f)
{
    uint16_t *cids = xmalloc(CIDS * sizeof *cids);
    for (int face = 0; face < PDF_FACES; face++) {
        HPDF_Font font = f->font[face];
        if (!font)
            continue;
        size_t n = 0;
        for (uint32_t c = 0; c < CIDS; c++)
            if (f->used[face][c >> 3] & (1u << (c & 7)))
                cids[n++] = (uint16_t)c;
        HPDF_Dict map = to_unicode(font);
        HPDF_MemStream_FreeData(map->stream);
        write_to_unicode(map->stream, cids, n);
        HPDF_FontDef def = ((HPDF_FontAttr)((HPDF_Dict)font)->attr)->fontdef;
        if (!def->descriptor && !embed_subset(f, face, cids, n)) {
            /* libharu embeds the whole face (glyph numbers kept): the map
               and widths load_face skipped, for the characters drawn. */
            uint16_t *gids = xmalloc((n ? n : 1) * sizeof *gids);
            for (size_t i = 0; i < n; i++)
                gids[i] = HPDF_TTFontDef_GetGlyphid(def, cids[i]);
            rewrite_cid_font(font, cids, gids, n, NULL);
            free(gids);
        }
    }
    free(cids);
}
