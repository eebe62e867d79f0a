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
    const char *code;   /* interned in the sink, like path */
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
    char **paths;       /* interned copies of reported paths and codes */
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
                                   code ? intern_path(d, code) : NULL,
                                   message, d->seq++};
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

/* gcc's colours: bold place, bold red error, bold magenta warning,
   bold green caret. */
#define COLOUR_PLACE "\033[1m"
#define COLOUR_ERROR "\033[1;31m"
#define COLOUR_WARNING "\033[1;35m"
#define COLOUR_CARET "\033[1;32m"
#define COLOUR_OFF "\033[0m"

/*
 * Where the last caret's line started: diagnostics come sorted by line, so
 * the next line is found from there, not from the top of the file (a big
 * source with thousands of warnings would otherwise print in quadratic
 * time).
 */
typedef struct {
    const diag_source *src;
    int line;
    const char *start;
} line_cursor;

static const char *find_line(line_cursor *c, const diag_source *src, int line)
{
    if (c->src != src || !c->start || line < c->line) {
        c->src = src;
        c->line = 1;
        c->start = src->text;
    }
    const char *end = src->text + src->len;
    while (c->line < line) {
        const char *nl = memchr(c->start, '\n', (size_t)(end - c->start));
        if (!nl)
            return NULL;
        c->start = nl + 1;
        c->line++;
    }
    return c->start;
}

/* The source line and a caret under col, tabs kept so the caret aligns. */
static void print_caret(const diag_sink *d, const diag_item *it, FILE *out,
                        bool colour, line_cursor *cursor)
{
    const diag_source *src = find_source(d, it->path);
    if (!src || it->line <= 0)
        return;
    const char *start = find_line(cursor, src, it->line);
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
    fputs(colour ? COLOUR_CARET "^" COLOUR_OFF "\n" : "^\n", out);
}

static void print_text(const diag_sink *d, const diag_item *it, FILE *out,
                       const diag_style *style, line_cursor *cursor)
{
    bool colour = style && style->colour;
    const char *sev = it->sev == DIAG_ERROR ? "error" : "warning";
    const char *on = !colour ? "" : it->sev == DIAG_ERROR ? COLOUR_ERROR : COLOUR_WARNING;
    const char *off = colour ? COLOUR_OFF : "";
    fprintf(out, "%s%s", colour ? COLOUR_PLACE : "", it->path);
    if (it->line > 0)
        fprintf(out, ":%d:%d", it->line, it->col > 0 ? it->col : 1);
    fprintf(out, ":%s %s%s:%s %s\n", off, on, sev, off, it->message);
    if (style && style->caret)
        print_caret(d, it, out, colour, cursor);
}

/* s as the inside of a JSON string. */
static void print_json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", out);
        else if (*p == '\t')
            fputs("\\t", out);
        else if (*p < 0x20 || *p == 0x7F)
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

static void print_json(const diag_item *it, FILE *out)
{
    fputs("{\"file\":", out);
    print_json_string(out, it->path);
    fprintf(out, ",\"line\":%d,\"column\":%d,\"severity\":\"%s\",\"code\":",
            it->line > 0 ? it->line : 0,
            it->line > 0 ? (it->col > 0 ? it->col : 1) : 0,
            it->sev == DIAG_ERROR ? "error" : "warning");
    print_json_string(out, it->code ? it->code : "");
    fputs(",\"message\":", out);
    print_json_string(out, it->message);
    fputs("}\n", out);
}

/*
 * s escaped for a workflow command: '%', CR and LF always (they would end
 * the command), and in a property also ':' and ',' (they separate them).
 */
static void print_github_escaped(FILE *out, const char *s, bool property)
{
    for (const char *p = s; *p; p++) {
        if (*p == '%')
            fputs("%25", out);
        else if (*p == '\r')
            fputs("%0D", out);
        else if (*p == '\n')
            fputs("%0A", out);
        else if (property && *p == ':')
            fputs("%3A", out);
        else if (property && *p == ',')
            fputs("%2C", out);
        else
            fputc(*p, out);
    }
}

static void print_github(const diag_item *it, FILE *out)
{
    fprintf(out, "::%s file=", it->sev == DIAG_ERROR ? "error" : "warning");
    print_github_escaped(out, it->path, true);
    if (it->line > 0)
        fprintf(out, ",line=%d,col=%d", it->line, it->col > 0 ? it->col : 1);
    if (it->code) {
        fputs(",title=", out);
        print_github_escaped(out, it->code, true);
    }
    fputs("::", out);
    print_github_escaped(out, it->message, false);
    fputc('\n', out);
}

bool diag_format_parse(const char *name, diag_format *format)
{
    static const struct {
        const char *name;
        diag_format format;
    } names[] = {
        {"text", DIAG_FORMAT_TEXT},
        {"json", DIAG_FORMAT_JSON},
        {"github", DIAG_FORMAT_GITHUB},
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (!strcmp(name, names[i].name)) {
            *format = names[i].format;
            return true;
        }
    return false;
}

static bool listed(const char *path, const char *const *paths, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (paths[i] && strcmp(paths[i], path) == 0)
            return true;
    return false;
}

void diag_flush_only(diag_sink *d, FILE *out, const diag_style *style,
                     const char *const *paths, size_t n)
{
    if (d->n)
        qsort(d->items, d->n, sizeof(diag_item), compare_items);
    diag_format format = style ? style->format : DIAG_FORMAT_TEXT;
    line_cursor cursor = {NULL, 0, NULL};
    for (size_t i = 0; i < d->n; i++) {
        const diag_item *it = &d->items[i];
        if (paths && !listed(it->path, paths, n))
            continue;
        if (format == DIAG_FORMAT_JSON)
            print_json(it, out);
        else if (format == DIAG_FORMAT_GITHUB)
            print_github(it, out);
        else
            print_text(d, it, out, style, &cursor);
    }
}

void diag_flush(diag_sink *d, FILE *out, const diag_style *style,
                const char *only_path)
{
    diag_flush_only(d, out, style, only_path ? &only_path : NULL,
                    only_path ? 1 : 0);
}
