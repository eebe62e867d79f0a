/*
 * diag.c: collect, sort and print diagnostics (see diag.h).
 */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "text.h"

typedef struct {
    diag_severity sev;
    const char *path;   /* interned in the sink */
    int line, col;
    const char *code;   /* static string */
    char *message;
    size_t seq;         /* report order, to keep the sort stable */
} diag_item;

typedef struct {
    const char *path;   /* not owned */
    const char *text;   /* not owned */
    size_t len;
} diag_source;

struct diag_sink {
    diag_item *items;
    size_t n, cap, seq;
    diag_source *sources;
    size_t nsources, capsources;
    char **paths;       /* interned copies of reported paths */
    size_t npaths, cappaths;
};

diag_sink *diag_new(void)
{
    return xcalloc(1, sizeof(diag_sink));
}

void diag_free(diag_sink *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++)
        free(d->items[i].message);
    for (size_t i = 0; i < d->npaths; i++)
        free(d->paths[i]);
    free(d->items);
    free(d->sources);
    free(d->paths);
    free(d);
}

void diag_add_source(diag_sink *d, const char *path, const char *text,
                     size_t len)
{
    if (d->nsources == d->capsources) {
        d->capsources = d->capsources ? 2 * d->capsources : 64;
        d->sources = xrealloc(d->sources, d->capsources * sizeof(diag_source));
    }
    d->sources[d->nsources++] = (diag_source){path, text, len};
}

static const diag_source *find_source(const diag_sink *d, const char *path)
{
    /* Searched from the end: the most recent source is the usual one. */
    for (size_t i = d->nsources; i-- > 0;)
        if (strcmp(d->sources[i].path, path) == 0)
            return &d->sources[i];
    return NULL;
}

static const char *intern_path(diag_sink *d, const char *path)
{
    for (size_t i = 0; i < d->npaths; i++)
        if (strcmp(d->paths[i], path) == 0)
            return d->paths[i];
    if (d->npaths == d->cappaths) {
        d->cappaths = d->cappaths ? 2 * d->cappaths : 16;
        d->paths = xrealloc(d->paths, d->cappaths * sizeof(char *));
    }
    d->paths[d->npaths] = xstrdup(path);
    return d->paths[d->npaths++];
}

static void add_item(diag_sink *d, diag_severity sev, const char *path,
                     int line, int col, const char *code, char *message)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 32;
        d->items = xrealloc(d->items, d->cap * sizeof(diag_item));
    }
    d->items[d->n++] = (diag_item){sev, intern_path(d, path), line, col,
                                   code, message, d->seq++};
}

void diag_report(diag_sink *d, diag_severity sev, const char *path, int line,
                 int col, const char *code, const char *fmt, ...)
{
    buf msg = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vaddf(&msg, fmt, ap);
    va_end(ap);
    add_item(d, sev, path, line, col, code, buf_detach(&msg));
}

size_t diag_total(const diag_sink *d)
{
    return d->n;
}

bool diag_get(const diag_sink *d, size_t i, diag_entry *out)
{
    if (i >= d->n)
        return false;
    const diag_item *it = &d->items[i];
    *out = (diag_entry){it->sev, it->path, it->line, it->col, it->code,
                        it->message};
    return true;
}

size_t diag_count(const diag_sink *d, diag_severity sev)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++)
        n += d->items[i].sev == sev;
    return n;
}

size_t diag_errors_in(const diag_sink *d, const char *path)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++)
        n += d->items[i].sev == DIAG_ERROR &&
             strcmp(d->items[i].path, path) == 0;
    return n;
}

static int compare_items(const void *a, const void *b)
{
    const diag_item *x = a, *y = b;
    int c = strcmp(x->path, y->path);
    if (c)
        return c;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The source line and a caret under col, tabs kept so the caret aligns. */
static void print_caret(const diag_sink *d, const diag_item *it, FILE *out)
{
    const diag_source *src = find_source(d, it->path);
    if (!src || it->line <= 0)
        return;
    const char *start = text_line(src->text, src->len, it->line);
    if (!start)
        return;
    const char *end = src->text + src->len;
    const char *nl = memchr(start, '\n', (size_t)(end - start));
    size_t n = (size_t)((nl ? nl : end) - start);
    if (n && start[n - 1] == '\r')
        n--;
    fprintf(out, " %.*s\n ", (int)n, start);
    int col = 1;
    for (const char *p = start; p < start + n && col < it->col; p++) {
        if (((unsigned char)*p & 0xC0) == 0x80)
            continue;
        fputc(*p == '\t' ? '\t' : ' ', out);
        col++;
    }
    fputs("^\n", out);
}

static bool listed(const char *path, const char *const *paths, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (paths[i] && strcmp(paths[i], path) == 0)
            return true;
    return false;
}

void diag_flush_only(diag_sink *d, FILE *out, bool caret,
                     const char *const *paths, size_t n)
{
    if (d->n)
        qsort(d->items, d->n, sizeof(diag_item), compare_items);
    for (size_t i = 0; i < d->n; i++) {
        const diag_item *it = &d->items[i];
        if (paths && !listed(it->path, paths, n))
            continue;
        const char *sev = it->sev == DIAG_ERROR ? "error" : "warning";
        if (it->line > 0)
            fprintf(out, "%s:%d:%d: %s: %s\n", it->path, it->line,
                    it->col > 0 ? it->col : 1, sev, it->message);
        else
            fprintf(out, "%s: %s: %s\n", it->path, sev, it->message);
        if (caret)
            print_caret(d, it, out);
    }
}

void diag_flush(diag_sink *d, FILE *out, bool caret, const char *only_path)
{
    diag_flush_only(d, out, caret, only_path ? &only_path : NULL,
                    only_path ? 1 : 0);
}
