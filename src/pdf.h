/*
 * pdf.h: the PDF writer: every document (an order with its annexes) as
 * DIR/docs/<id>.pdf, typeset by our own engine (src/pdf/) on libharu.
 */
#ifndef SBORNIK_PDF_H
#define SBORNIK_PDF_H

#include "output.h"

extern const output_writer pdf_writer;

/* Where Debian's hyphen-ru puts the Russian patterns. */
#define PDF_HYPHEN_DICT "/usr/share/hyphen/hyph_ru_RU.dic"

#endif
