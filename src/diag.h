/*
 * diag.h: diagnostics, gcc style.
 *
 *     input/2017/roadmap.md:14:12: error: unknown label 'Срок' (known: …)
 *
 * Every stage reports into one sink; nothing is printed until the CLI
 * flushes it, sorted by file, line and column, so that the output does not
 * depend on the order the stages ran in.  Lines and columns are 1-based;
 * columns count characters (code points), as editors do, not bytes.  Line
 * 0 means "the whole file" and prints as path: only.
 */
#ifndef SBORNIK_DIAG_H
#define SBORNIK_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum { DIAG_ERROR, DIAG_WARNING } diag_severity;

typedef struct diag_sink diag_sink;

diag_sink *diag_new(void);
void diag_free(diag_sink *d);

/*
 * Make the text of path known, so that the caret line can be shown.  The sink keeps the pointers: text must live
 * until diag_free.
 */
void diag_add_source(diag_sink *d, const char *path, const char *text,
                     size_t len);

/*
 * Report one diagnostic.  code is a stable identifier (E-YAML-SYNTAX,
 * W-REF-DATE …) kept for machine-readable output; col counts characters.
 */
void diag_report(diag_sink *d, diag_severity sev, const char *path, int line,
                 int col, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/* One diagnostic as reported; the strings belong to the sink. */
typedef struct {
    diag_severity sev;
    const char *path;
    int line, col;
    const char *code;
    const char *message;
} diag_entry;

/* How many diagnostics, and the i-th (in report order, sorted once
 * flushed); diag_get returns false past the end. */
size_t diag_total(const diag_sink *d);
bool diag_get(const diag_sink *d, size_t i, diag_entry *out);

size_t diag_count(const diag_sink *d, diag_severity sev);
size_t diag_errors_in(const diag_sink *d, const char *path);

/*
 * How diagnostics are printed.  TEXT is gcc's form (path:line:col:
 * error: message), with the source line and a caret under the column
 * when caret is set, and colours (gcc's: bold place, red errors, magenta
 * warnings, green caret) when colour is set; JSON is one object per line
 * for editors and scripts:
 *
 *   {"file":"a.md","line":3,"column":7,"severity":"error",
 *    "code":"E-REF-UNKNOWN","message":"…"}
 *
 * (line and column 0: the whole file); GITHUB is a GitHub Actions
 * workflow command (::error file=a.md,line=3,col=7,title=E-…::message),
 * so a CI job shows each diagnostic on the line it concerns.
 */
typedef enum { DIAG_FORMAT_TEXT, DIAG_FORMAT_JSON, DIAG_FORMAT_GITHUB } diag_format;

typedef struct {
    diag_format format;
    bool caret;
    bool colour;
} diag_style;

/* "text", "json" or "github" into *format; false for any other name. */
bool diag_format_parse(const char *name, diag_format *format);

/*
 * Print everything reported so far, sorted by file, line and column, in
 * style (NULL: plain text, no caret, no colour).  only_path, if not NULL,
 * limits the output to that file.
 */
void diag_flush(diag_sink *d, FILE *out, const diag_style *style,
                const char *only_path);

/* The same limited to the n files of paths. */
void diag_flush_only(diag_sink *d, FILE *out, const diag_style *style,
                     const char *const *paths, size_t n);

#endif
