/*
 * buf.h: growable byte strings and checked allocation.
 *
 * Every module builds text with a buf: it is always NUL-terminated, so
 * buf.data can be handed to C string functions at any time.  Allocation
 * failure is not an error a stage can recover from in a batch compiler:
 * the x* allocators print one line and exit with status 3 (environment
 * failure), the same policy as cmark's default allocator.
 */
#ifndef SBORNIK_BUF_H
#define SBORNIK_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct {
    char *data;     /* NUL-terminated; NULL until the first append */
    size_t len;     /* bytes before the terminating NUL */
    size_t cap;
} buf;

#define BUF_INIT {NULL, 0, 0}

void buf_add(buf *b, const char *s, size_t n);
void buf_adds(buf *b, const char *s);
void buf_addc(buf *b, char c);
void buf_addf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vaddf(buf *b, const char *fmt, va_list ap);
void buf_clear(buf *b);                 /* len = 0, keeps the memory */
const char *buf_str(const buf *b);      /* "" for an empty buf */
char *buf_detach(buf *b);               /* caller frees; b is reset */
void buf_free(buf *b);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
