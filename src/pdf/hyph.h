/*
 * hyph.h: where a Russian (or any) word may be hyphenated, by libhyphen
 * and the hyphen-ru patterns.
 */
#ifndef SBORNIK_PDF_HYPH_H
#define SBORNIK_PDF_HYPH_H

#include <stdbool.h>
#include <stddef.h>

typedef struct pdf_hyph pdf_hyph;

/* Load a libhyphen dictionary (its first line names its charset); NULL
 * when it cannot be read. */
pdf_hyph *pdf_hyph_new(const char *dic_path);
void pdf_hyph_free(pdf_hyph *h);

/*
 * Mark in points[0..len) the byte offsets of word (UTF-8, len bytes)
 * before which a hyphen may go: points[i] = 1 means «word[0..i)-» can end
 * a line.  Only words of lower-case letters are hyphenated (a capital
 * marks a name or an abbreviation, a digit a number or a date), at least
 * two letters on each side.  Returns the number of points.
 */
int pdf_hyph_points(pdf_hyph *h, const char *word, size_t len,
                    unsigned char *points);

#endif
