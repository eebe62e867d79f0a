/*
 * font.h: the four faces of Liberation Serif embedded in a PDF, and text
 * widths for the line breaker.  Each face is embedded as a subset of the
 * characters drawn with it (pdf_fonts_mark), made by HarfBuzz when the
 * document is finished (pdf_fonts_subset).
 */
#ifndef SBORNIK_PDF_FONT_H
#define SBORNIK_PDF_FONT_H

#include <stddef.h>
#include <hpdf.h>

typedef enum {
    PDF_REGULAR,
    PDF_BOLD,
    PDF_ITALIC,
    PDF_BOLD_ITALIC,
    PDF_FACES,
} pdf_face;

typedef struct pdf_fonts pdf_fonts;

/*
 * Load the faces from font_dir into doc (embedded, UTF-8, with a correct
 * /ToUnicode map so that text extracts); NULL when a file cannot be read.
 */
pdf_fonts *pdf_fonts_new(HPDF_Doc doc, const char *font_dir);
void pdf_fonts_free(pdf_fonts *f);

HPDF_Font pdf_font(const pdf_fonts *f, pdf_face face);

/*
 * Note that n bytes of UTF-8 text are drawn in face: only the characters
 * marked are embedded and mapped back to Unicode.
 */
void pdf_fonts_mark(pdf_fonts *f, pdf_face face, const char *s, size_t n);

/*
 * Once everything is drawn, before the document is saved: embed each face
 * as a HarfBuzz subset of the glyphs of its marked characters, and cut its
 * widths, CIDToGIDMap and /ToUnicode map down to those characters.  A face
 * HarfBuzz cannot subset stays embedded the way libharu does it (bigger,
 * still right).
 */
void pdf_fonts_subset(pdf_fonts *f);

/* Width in points of n bytes of UTF-8 text set in face at size. */
double pdf_text_width(pdf_fonts *f, pdf_face face, double size,
                      const char *s, size_t n);

/* Vertical metrics of Liberation Serif, in em (from its hhea table). */
#define PDF_ASCENT 0.891
#define PDF_DESCENT 0.216

#endif
