/*
 * text.h: small UTF-8 and source-position helpers shared by the readers.
 */
#ifndef SBORNIK_TEXT_H
#define SBORNIK_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Check that len bytes are well-formed UTF-8 (no overlong forms, no
 * surrogates, nothing above U+10FFFF, no NUL).  Returns true, or false
 * with the offset of the first bad byte in *bad.
 */
bool utf8_valid(const char *s, size_t len, size_t *bad);

/* Decode one code point at *p (advancing it); U+FFFD for a bad byte. */
uint32_t utf8_next(const char **p, const char *end);

/* Encode cp into out (4 bytes room); returns the byte count. */
int utf8_put(uint32_t cp, char *out);

/* Number of code points in n bytes. */
size_t utf8_count(const char *s, size_t n);

/* 1-based line and character column of byte offset off in text. */
void text_position(const char *text, size_t off, int *line, int *col);

/* Start of 1-based line in text, or NULL when the text is shorter. */
const char *text_line(const char *text, size_t len, int line);

/*
 * Copy of s cut to at most max bytes (max >= 4) at a code point, with "…"
 * in the last three when it is cut: for strings with a size limit (a PDF
 * string holds 65535 bytes at most).
 */
char *utf8_prefix(const char *s, size_t max);

/* Whether s starts with prefix. */
bool starts_with(const char *s, const char *prefix);

/* Copy of s with leading and trailing ASCII whitespace removed. */
char *str_trim(const char *s);

#endif
