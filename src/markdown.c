/*
 * markdown.c: cmark-gfm tree → elements of the intermediate XML tree
 * (see markdown.h).
 *
 * cmark-gfm keeps the line and byte column of blocks and of most inline
 * nodes; for tokens found inside text nodes ([[ref]], {{field}}, an
 * undefined [^note]) we map the offset in the text back to the source line,
 * and check the mapping against the source, because escapes and entities
 * make a text node's literal differ from what was typed.
 */
#include "markdown.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include "buf.h"
#include "refs.h"
#include "text.h"

/* ------------------------------------------------------------ parsing */

cmark_node *markdown_parse(const char *text, size_t len)
{
    static const char *const extensions[] = {"table", "strikethrough",
                                             "autolink"};
    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser *parser = cmark_parser_new(CMARK_OPT_FOOTNOTES |
                                            CMARK_OPT_SOURCEPOS);
    for (size_t i = 0; i < sizeof extensions / sizeof *extensions; i++) {
        cmark_syntax_extension *ext = cmark_find_syntax_extension(extensions[i]);
        if (ext)
            cmark_parser_attach_syntax_extension(parser, ext);
    }
    cmark_parser_feed(parser, text, len);
    cmark_node *doc = cmark_parser_finish(parser);
    cmark_parser_free(parser);
    return doc;
}

/* ------------------------------------------------------------ context */

void md_ctx_init(md_ctx *ctx, sb_project *p, sb_source *s, diag_sink *d)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->project = p;
    ctx->source = s;
    ctx->diag = d;
    ctx->fields_allowed = s->info.model;
    typo_state_init(&ctx->typo);
}

void md_ctx_free(md_ctx *ctx)
{
    free(ctx->line_starts);
    ctx->line_starts = NULL;
    ctx->nlines = 0;
    free(ctx->notes);
    ctx->notes = NULL;
    ctx->nnotes = 0;
}

static bool is_type(cmark_node *n, const char *type)
{
    return strcmp(cmark_node_get_type_string(n), type) == 0;
}

/* ------------------------------------------------------------ positions */

int md_line(md_ctx *ctx, cmark_node *n)
{
    /* Inline nodes made by extensions may have no position: use the block's. */
    while (n && cmark_node_get_start_line(n) == 0)
        n = cmark_node_parent(n);
    if (!n || cmark_node_get_type(n) == CMARK_NODE_DOCUMENT)
        return ctx->source->body_line;
    return cmark_node_get_start_line(n) + ctx->source->body_line - 1;
}

/* Start of 1-based line of the source, or NULL when the text is shorter
   (text_line, through the index). */
static const char *source_line(md_ctx *ctx, int line)
{
    const sb_source *s = ctx->source;
    if (!ctx->line_starts) {
        size_t cap = 256, n = 0;
        size_t *starts = xmalloc(cap * sizeof *starts);
        starts[n++] = 0;
        const char *end = s->text + s->len;
        for (const char *p = s->text; p < end && (p = memchr(p, '\n', (size_t)(end - p))); p++) {
            if (n == cap)
                starts = xrealloc(starts, (cap *= 2) * sizeof *starts);
            starts[n++] = (size_t)(p + 1 - s->text);
        }
        ctx->line_starts = starts;
        ctx->nlines = (int)n;
    }
    if (line < 1 || line > ctx->nlines)
        return NULL;
    return s->text + ctx->line_starts[line - 1];
}

/* Characters before byte column bytecol of a file line, plus one. */
static int char_col(md_ctx *ctx, int line, int bytecol)
{
    const sb_source *s = ctx->source;
    const char *start = source_line(ctx, line);
    if (!start || bytecol <= 1)
        return bytecol < 1 ? 1 : bytecol;
    const char *end = s->text + s->len;
    size_t n = (size_t)bytecol - 1;
    if (start + n > end)
        n = (size_t)(end - start);
    return (int)utf8_count(start, n) + 1;
}

int md_col(md_ctx *ctx, cmark_node *n)
{
    while (n && cmark_node_get_start_line(n) == 0)
        n = cmark_node_parent(n);
    if (!n || cmark_node_get_type(n) == CMARK_NODE_DOCUMENT)
        return 1;
    return char_col(ctx, md_line(ctx, n), cmark_node_get_start_column(n));
}

xmlNodePtr md_elem(xmlNodePtr parent, const char *name)
{
    return xmlNewChild(parent, NULL, BAD_CAST name, NULL);
}

void md_pos_at(xmlNodePtr el, int line, int col)
{
    char num[16];
    snprintf(num, sizeof num, "%d", line);
    xmlSetProp(el, BAD_CAST "line", BAD_CAST num);
    snprintf(num, sizeof num, "%d", col);
    xmlSetProp(el, BAD_CAST "col", BAD_CAST num);
}

void md_pos(md_ctx *ctx, xmlNodePtr el, cmark_node *n)
{
    md_pos_at(el, md_line(ctx, n), md_col(ctx, n));
}

static void report_at(md_ctx *ctx, diag_severity sev, int line, int col,
                      const char *code, const char *fmt, va_list ap)
{
    buf msg = BUF_INIT;
    buf_vaddf(&msg, fmt, ap);
    diag_report(ctx->diag, sev, ctx->source->path, line, col, code, "%s",
                buf_str(&msg));
    buf_free(&msg);
    if (sev == DIAG_ERROR)
        ctx->errors++;
}

void md_error(md_ctx *ctx, cmark_node *n, const char *code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report_at(ctx, DIAG_ERROR, md_line(ctx, n), md_col(ctx, n), code, fmt, ap);
    va_end(ap);
}

static void error_at(md_ctx *ctx, int line, int col, const char *code,
                     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void error_at(md_ctx *ctx, int line, int col, const char *code,
                     const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report_at(ctx, DIAG_ERROR, line, col, code, fmt, ap);
    va_end(ap);
}

static void warning_at(md_ctx *ctx, int line, int col, const char *code,
                       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void warning_at(md_ctx *ctx, int line, int col, const char *code,
                       const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report_at(ctx, DIAG_WARNING, line, col, code, fmt, ap);
    va_end(ap);
}

/* ------------------------------------------------------------ text runs */

/*
 * Consecutive text nodes and soft breaks of a block, joined, with where
 * each piece stands in the file.  Tokens and literal references are looked
 * for in the joined text, so that a line break inside «от 29.03.2017 г.
 * № 01/970» does not hide it.
 */
typedef struct {
    size_t off;         /* offset of the piece in the run */
    int line;           /* file line, 0 for a soft break */
    int bytecol;        /* byte column of the piece's first byte */
} run_piece;

typedef struct {
    buf text;
    run_piece *pieces;
    size_t n, cap;
} text_run;

static void run_add(text_run *r, const char *s, int line, int bytecol)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 8;
        r->pieces = xrealloc(r->pieces, r->cap * sizeof(run_piece));
    }
    r->pieces[r->n++] = (run_piece){r->text.len, line, bytecol};
    buf_adds(&r->text, s);
}

static void run_reset(text_run *r)
{
    buf_clear(&r->text);
    r->n = 0;
}

static void run_free(text_run *r)
{
    buf_free(&r->text);
    free(r->pieces);
}

/* Occurrences of tok[0..n) in s[0..len) that start before len. */
static size_t count_occurrences(const char *s, size_t len, const char *tok, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < len; i++)   /* the run goes on past len */
        if (!memcmp(s + i, tok, n))
            k++;
    return k;
}

/*
 * Where byte off of the run (the start of a token of tlen bytes) stands in
 * the file.  The piece's column plus the offset is right when the source
 * reads exactly like the text; when escapes, entities or YAML quoting make
 * them differ, the token is looked for in the source from the piece on:
 * the same occurrence (the k-th of its kind in the piece), so that a token
 * repeated on a line is not always put at its first place.
 */
static void run_position(md_ctx *ctx, const text_run *r, size_t off,
                         size_t tlen, int *line, int *col)
{
    const run_piece *pc = NULL;
    for (size_t i = 0; i < r->n; i++) {
        if (r->pieces[i].off > off)
            break;
        if (r->pieces[i].line > 0)
            pc = &r->pieces[i];
    }
    if (!pc) {
        *line = ctx->source->body_line;
        *col = 1;
        return;
    }
    *line = pc->line;
    *col = char_col(ctx, pc->line, pc->bytecol);
    const sb_source *s = ctx->source;
    const char *lstart = source_line(ctx, pc->line);
    if (!lstart)
        return;
    const char *end = s->text + s->len;
    const char *tok = r->text.data + off;
    if (tlen > 64)
        tlen = 64;
    const char *guess = lstart + (pc->bytecol - 1) + (off - pc->off);
    if (guess + tlen <= end && !memcmp(guess, tok, tlen) &&
        !memchr(lstart + (pc->bytecol - 1), '\n', (size_t)(guess - lstart) - (size_t)(pc->bytecol - 1))) {
        *col = char_col(ctx, pc->line, (int)(guess - lstart) + 1);
        return;
    }
    size_t k = count_occurrences(r->text.data + pc->off, off - pc->off, tok, tlen);
    const char *from = lstart + (pc->bytecol - 1);
    int l = pc->line;
    const char *linestart = lstart;
    for (const char *p = from; p + tlen <= end && l < pc->line + 200; p++) {
        if (*p == '\n') {
            l++;
            linestart = p + 1;
            continue;
        }
        if (memcmp(p, tok, tlen) != 0)
            continue;
        if (k-- == 0) {
            *line = l;
            *col = char_col(ctx, l, (int)(p - linestart) + 1);
            return;
        }
    }
}

/* ------------------------------------------------------------ inline text */

static void add_text(xmlNodePtr out, const char *s, size_t n)
{
    if (n)
        xmlNodeAddContentLen(out, BAD_CAST s, (int)n);
}

/* Plain text with typography (when on) appended to out. */
static void add_typeset(md_ctx *ctx, xmlNodePtr out, const char *s, size_t n)
{
    if (!n)
        return;
    if (!ctx->project->typography) {
        add_text(out, s, n);
        return;
    }
    char *piece = xstrndup(s, n);
    char *done = typo_apply(&ctx->typo, piece);
    add_text(out, done, strlen(done));
    free(done);
    free(piece);
}

typedef struct {
    md_ctx *ctx;
    const text_run *run;
} literal_report;

static void report_literal(void *ud, size_t offset, const char *msg)
{
    literal_report *lr = ud;
    int line, col;
    run_position(lr->ctx, lr->run, offset, 2, &line, &col);
    warning_at(lr->ctx, line, col, "W-REF-DATE", "%s", msg);
}

/* {{caption}} or {{=key}} at text[0..len). */
static void add_field(md_ctx *ctx, xmlNodePtr out, const char *inner,
                      size_t n, int line, int col)
{
    char *raw = xstrndup(inner, n);
    char *caption = str_trim(raw);
    free(raw);
    if (caption[0] == '=') {
        /* {{=key}}: a front-matter value, as text. */
        char *key = str_trim(caption + 1);
        const fm_node *v = fm_get(ctx->source->front, key);
        if (!fm_str(v) || !*fm_str(v)) {
            error_at(ctx, line, col, "E-FIELD-KEY",
                     "{{=%s}} names no front-matter value; give '%s' in the "
                     "front matter or write the text", key, key);
        } else {
            add_typeset(ctx, out, fm_str(v), strlen(fm_str(v)));
        }
        free(key);
    } else if (!*caption) {
        error_at(ctx, line, col, "E-FIELD-EMPTY",
                 "empty fill-in field {{}}: write what is to be filled in, "
                 "e.g. {{наименование организации}}");
    } else if (!ctx->fields_allowed) {
        error_at(ctx, line, col, "E-FIELD-NOT-MODEL",
                 "fill-in field {{%s}} in a document that is not a model; "
                 "add 'status: model' to the front matter or write the text",
                 caption);
    } else {
        xmlNodePtr f = xmlNewTextChild(out, NULL, BAD_CAST "field",
                                       BAD_CAST caption);
        md_pos_at(f, line, col);
    }
    free(caption);
}

/* [[id]] or [[id|short]]. */
static void add_reference(md_ctx *ctx, xmlNodePtr out, const char *inner,
                          size_t n, int line, int col)
{
    char *raw = xstrndup(inner, n);
    char *bar = strchr(raw, '|');
    bool short_form = false;
    if (bar) {
        *bar = '\0';
        char *mode = str_trim(bar + 1);
        short_form = strcmp(mode, "short") == 0;
        if (!short_form)
            error_at(ctx, line, col, "E-REF-FORM",
                     "unknown reference form '|%s'; write [[id]] for the full "
                     "reference or [[id|short]] for the short one", mode);
        free(mode);
    }
    char *id = str_trim(raw);
    free(raw);
    sb_source *target = project_find_id(ctx->project, id);
    if (!*id) {
        error_at(ctx, line, col, "E-REF-EMPTY", "empty reference [[]]");
    } else if (!target) {
        error_at(ctx, line, col, "E-REF-UNKNOWN",
                 "unknown reference [[%s]]: no document of the project has "
                 "id '%s'", id, id);
    } else {
        buf text = BUF_INIT;
        refs_text(target, short_form, &text);
        xmlNodePtr ref = xmlNewChild(out, NULL, BAD_CAST "ref", NULL);
        xmlSetProp(ref, BAD_CAST "target", BAD_CAST id);
        xmlSetProp(ref, BAD_CAST "form", BAD_CAST(short_form ? "short" : "full"));
        md_pos_at(ref, line, col);
        /* The reference text gets typography of its own: it is a unit. */
        typo_state saved = ctx->typo;
        typo_state_init(&ctx->typo);
        add_typeset(ctx, ref, text.data, text.len);
        ctx->typo = saved;
        buf_free(&text);
    }
    free(id);
}

/*
 * Emit a text run: plain stretches with typography, tokens as elements.
 * Literal references are checked on the whole run first.
 */
static void emit_run(md_ctx *ctx, text_run *r, xmlNodePtr out)
{
    if (!r->text.len)
        return;
    literal_report lr = {ctx, r};
    refs_check_literals(ctx->project, ctx->source, r->text.data, report_literal, &lr);

    const char *s = r->text.data, *plain = s, *end = s + r->text.len;
    const char *p = s;
    bool fields_unclosed = false, refs_unclosed = false;
    /* The next "]]" and line end found, kept while still ahead: searching
       again at each "[[" of "[[[[…" made a long run quadratic. */
    const char *next_close = NULL, *next_nl = NULL;
    while (p < end) {
        const char *close = NULL;
        int line, col;
        if (p[0] == '{' && p[1] == '{') {
            /* Once no }} follows, none follows any later {{ either. */
            close = fields_unclosed ? NULL : strstr(p + 2, "}}");
            fields_unclosed = !close;
            run_position(ctx, r, (size_t)(p - s),
                         close ? (size_t)(close + 2 - p) : 2, &line, &col);
            if (!close) {
                error_at(ctx, line, col, "E-FIELD-UNCLOSED",
                         "fill-in field opened with {{ but not closed with }} "
                         "on the same paragraph");
                p += 2;
                continue;
            }
            add_typeset(ctx, out, plain, (size_t)(p - plain));
            add_field(ctx, out, p + 2, (size_t)(close - p - 2), line, col);
            p = plain = close + 2;
            continue;
        }
        if (p[0] == '[' && p[1] == '[') {
            if (!refs_unclosed && (!next_close || next_close < p + 2)) {
                next_close = strstr(p + 2, "]]");
                refs_unclosed = !next_close;
            }
            close = refs_unclosed ? NULL : next_close;
            if (!next_nl || next_nl < p + 2) {
                next_nl = memchr(p + 2, '\n', (size_t)(end - p - 2));
                if (!next_nl)
                    next_nl = end;
            }
            const char *nl = next_nl < end ? next_nl : NULL;
            if (close && (!nl || nl > close) && close - p < 300) {
                run_position(ctx, r, (size_t)(p - s), (size_t)(close + 2 - p),
                             &line, &col);
                add_typeset(ctx, out, plain, (size_t)(p - plain));
                add_reference(ctx, out, p + 2, (size_t)(close - p - 2), line, col);
                p = plain = close + 2;
                continue;
            }
        }
        if (p[0] == '[' && p[1] == '^') {
            /* A defined note became a node; one left in the text is not. */
            const char *q = p + 2;
            while (q < end && *q != ']' && *q != ' ' && *q != '[')
                q++;
            if (q < end && *q == ']' && q > p + 2) {
                run_position(ctx, r, (size_t)(p - s), (size_t)(q - p + 1), &line, &col);
                error_at(ctx, line, col, "E-FOOTNOTE-UNDEFINED",
                         "footnote [^%.*s] is not defined; add a line "
                         "'[^%.*s]: text of the note' to the document",
                         (int)(q - p - 2), p + 2, (int)(q - p - 2), p + 2);
                p = q + 1;
                continue;
            }
        }
        p++;
    }
    add_typeset(ctx, out, plain, (size_t)(end - plain));
    run_reset(r);
}

/* ------------------------------------------------------------ raw HTML */

static const char *html_advice(const char *html)
{
    static const struct {
        const char *tags;       /* space-separated, with spaces around */
        const char *advice;
    } table[] = {
        {" b strong ", "**bold**"},
        {" i em ", "*italic*"},
        {" u ins ", "*italic* (official documents do not underline)"},
        {" s strike del ", "~~strikethrough~~"},
        {" sup ", "a footnote: text[^1] and a line '[^1]: note'"},
        {" sub small big span font ", "plain text (the look comes from the layout)"},
        {" a ", "a link: [text](https://example.org)"},
        {" img ", "an image: ![caption](images/file.png)"},
        {" br ", "a new paragraph (a blank line), or a backslash at the end of "
                 "the line (<br> is allowed only inside table cells)"},
        {" p div ", "a blank line between paragraphs"},
        {" table tr td th thead tbody ", "a table: '| a | b |' then '|---|---|'"},
        {" ul ol li ", "a list: '- item' or '1. item'"},
        {" h1 h2 h3 h4 h5 h6 ", "a heading: '#', '##' or '###'"},
        {" code pre tt ", "`code` or a fenced block between ``` lines"},
        {" blockquote ", "a quote: lines starting with '> '"},
        {" hr ", "a line of three dashes '---' between blank lines"},
        {" center ", "plain text (alignment comes from the layout)"},
    };
    const char *p = html;
    while (*p == '<' || *p == '/' || *p == ' ')
        p++;
    char tag[16];
    size_t n = 0;
    while (n < sizeof tag - 1 && isalnum((unsigned char)p[n])) {
        tag[n] = (char)tolower((unsigned char)p[n]);
        n++;
    }
    tag[n] = '\0';
    char key[20];
    snprintf(key, sizeof key, " %s ", tag);
    for (size_t i = 0; n && i < sizeof table / sizeof *table; i++)
        if (strstr(table[i].tags, key))
            return table[i].advice;
    return "Markdown";
}

/* The first tag of an HTML chunk, for the message. */
static char *html_first_tag(const char *html)
{
    while (*html == ' ' || *html == '\t' || *html == '\n')
        html++;
    /* Up to the '>' if it is on the first line: a message is one line. */
    size_t n = strcspn(html, "\r\n");
    const char *gt = memchr(html, '>', n);
    if (gt)
        n = (size_t)(gt - html + 1);
    if (n > 40) {
        n = 40;
        while (n && ((unsigned char)html[n] & 0xC0) == 0x80)
            n--;    /* never half a letter */
    }
    return xstrndup(html, n);
}

static bool is_br(const char *html)
{
    if (strncasecmp(html, "<br", 3) != 0)
        return false;
    const char *p = html + 3;
    while (*p == ' ' || *p == '/')
        p++;
    return *p == '>' && p[1] == '\0';
}

static void refuse_html(md_ctx *ctx, cmark_node *n)
{
    ctx->html_line = md_line(ctx, n);
    const char *lit = cmark_node_get_literal(n);
    char *tag = html_first_tag(lit ? lit : "");
    if (starts_with(tag, "<!--"))
        md_error(ctx, n, "E-HTML",
                 "HTML comment '%s' is not allowed: comments are not kept in "
                 "any output; delete it (keep drafts in files whose names "
                 "start with '_')", tag);
    else
        md_error(ctx, n, "E-HTML",
                 "raw HTML '%s' is not allowed; write %s instead", tag,
                 html_advice(tag));
    free(tag);
}

/* ------------------------------------------------------------ inlines */

static void convert_inline(md_ctx *ctx, cmark_node *n, xmlNodePtr out);

static void convert_children(md_ctx *ctx, cmark_node *parent, xmlNodePtr out,
                             size_t skip)
{
    text_run run = {BUF_INIT, NULL, 0, 0};
    for (cmark_node *c = cmark_node_first_child(parent); c; c = cmark_node_next(c)) {
        cmark_node_type t = cmark_node_get_type(c);
        if (t == CMARK_NODE_TEXT) {
            const char *lit = cmark_node_get_literal(c);
            int line = md_line(ctx, c);
            int bytecol = cmark_node_get_start_line(c) ? cmark_node_get_start_column(c) : 1;
            size_t len = strlen(lit);
            if (skip) {
                size_t k = skip < len ? skip : len;
                lit += k;
                bytecol += (int)k;
                skip -= k;
            }
            run_add(&run, lit, line, bytecol);
        } else if (t == CMARK_NODE_SOFTBREAK) {
            run_add(&run, " ", 0, 0);
        } else {
            emit_run(ctx, &run, out);
            convert_inline(ctx, c, out);
        }
    }
    emit_run(ctx, &run, out);
    run_free(&run);
}

void md_inlines(md_ctx *ctx, cmark_node *block, xmlNodePtr out, size_t skip)
{
    convert_children(ctx, block, out, skip);
}

/*
 * The autolink extension makes links without a position: look for the
 * link's text in the source after the node before it.
 */
static void autolink_pos(md_ctx *ctx, xmlNodePtr el, cmark_node *link)
{
    cmark_node *prev = cmark_node_previous(link);
    cmark_node *child = cmark_node_first_child(link);
    const char *text = child ? cmark_node_get_literal(child) : NULL;
    int line = md_line(ctx, link), bytecol = 1;
    /* The text before it keeps the end it had before the extension split
     * it, so go by its start and its length. */
    if (prev && cmark_node_get_start_line(prev) &&
        cmark_node_get_type(prev) == CMARK_NODE_TEXT) {
        line = cmark_node_get_start_line(prev) + ctx->source->body_line - 1;
        bytecol = cmark_node_get_start_column(prev) +
                  (int)strlen(cmark_node_get_literal(prev));
    } else if (prev && cmark_node_get_end_line(prev)) {
        line = cmark_node_get_end_line(prev) + ctx->source->body_line - 1;
        bytecol = cmark_node_get_end_column(prev) + 1;
    } else if (cmark_node_get_start_line(cmark_node_parent(link))) {
        bytecol = cmark_node_get_start_column(cmark_node_parent(link));
    }
    const sb_source *s = ctx->source;
    const char *lstart = source_line(ctx, line);
    /*
     * The column is a guess from the node before, and the line may not be
     * the one cmark meant: cmark ends a line at a CR alone, source_line
     * only at '\n', so in "\r/ftp://i" the link's line 2 is past the end of
     * the text and the guessed column past the end of the buffer (found
     * by fuzzing: memchr read beyond it).  Search only from a column
     * inside the line found.
     */
    const char *end = s->text + s->len;
    const char *lend = lstart ? memchr(lstart, '\n', (size_t)(end - lstart)) : NULL;
    if (lstart && !lend)
        lend = end;
    if (text && *text && lstart && bytecol >= 1 && bytecol - 1 <= lend - lstart) {
        const char *from = lstart + bytecol - 1;
        const char *nl = memchr(from, '\n', (size_t)(end - from));
        const char *hit = NULL;
        size_t n = strlen(text);
        for (const char *p = from; p + n <= (nl ? nl : end); p++)
            if (!memcmp(p, text, n)) {
                hit = p;
                break;
            }
        if (hit) {
            md_pos_at(el, line, char_col(ctx, line, (int)(hit - lstart) + 1));
            return;
        }
    }
    md_pos(ctx, el, link);
}

/* Whether a link is an autolink: its text is its URL. */
static bool is_autolink(cmark_node *link)
{
    cmark_node *c = cmark_node_first_child(link);
    if (!c || cmark_node_next(c) || cmark_node_get_type(c) != CMARK_NODE_TEXT)
        return false;
    const char *url = cmark_node_get_url(link), *text = cmark_node_get_literal(c);
    if (!url || !text)
        return false;
    if (starts_with(url, "mailto:"))
        url += 7;
    return strcmp(url, text) == 0 || (starts_with(url, "http://") &&
                                       strcmp(url + 7, text) == 0);
}

/* Normalise dir/rel ('.' and '..' resolved); NULL if it climbs out. */
static char *normalise_path(const char *dir, const char *rel)
{
    buf joined = BUF_INIT;
    if (*dir && rel[0] != '/') {
        buf_adds(&joined, dir);
        buf_addc(&joined, '/');
    }
    buf_adds(&joined, rel);
    char **segs = xcalloc(joined.len + 1, sizeof(char *));
    size_t n = 0;
    char *save = NULL;
    bool climbed = false;
    for (char *seg = strtok_r(joined.data, "/", &save); seg;
         seg = strtok_r(NULL, "/", &save)) {
        if (!strcmp(seg, "."))
            continue;
        if (!strcmp(seg, "..")) {
            if (n == 0)
                climbed = true;
            else
                n--;
            continue;
        }
        segs[n++] = seg;
    }
    char *result = NULL;
    if (!climbed && n) {
        buf out = BUF_INIT;
        for (size_t i = 0; i < n; i++) {
            if (i)
                buf_addc(&out, '/');
            buf_adds(&out, segs[i]);
        }
        result = buf_detach(&out);
    }
    free(segs);
    buf_free(&joined);
    return result;
}

/*
 * The pixel size of the PNG open in f, from its IHDR; false when it cannot
 * be read (the writers say so then).
 */
static bool png_pixels(FILE *f, unsigned long *w, unsigned long *h)
{
    unsigned char d[24];
    if (fseek(f, 0, SEEK_SET) != 0 || fread(d, 1, 24, f) != 24 ||
        memcmp(d + 12, "IHDR", 4) != 0)
        return false;
    *w = (unsigned long)d[16] << 24 | (unsigned long)d[17] << 16 | (unsigned long)d[18] << 8 | d[19];
    *h = (unsigned long)d[20] << 24 | (unsigned long)d[21] << 16 | (unsigned long)d[22] << 8 | d[23];
    return true;
}

static void convert_image(md_ctx *ctx, cmark_node *n, xmlNodePtr out)
{
    const char *url = cmark_node_get_url(n);
    const char *why;
    char *dir = xstrdup(ctx->source->rel);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    else
        dir[0] = '\0';
    if (!url || !*url) {
        md_error(ctx, n, "E-IMAGE", "image without a path: write ![caption](images/file.png)");
    } else if (url[0] == '/' || strstr(url, "://")) {
        md_error(ctx, n, "E-PATH-ESCAPE",
                 "image '%s' is outside the project: images must be files "
                 "inside the project, given relative to the source", url);
    } else {
        char *rel = normalise_path(dir, url);
        if (!rel) {
            md_error(ctx, n, "E-PATH-ESCAPE",
                     "image '%s' is outside the project ('..' leaves it); "
                     "copy the image into the project", url);
        } else if ((why = project_path_escape(ctx->project, rel)) != NULL) {
            md_error(ctx, n, "E-PATH-ESCAPE",
                     "image '%s' is refused: %s", url, why);
        } else {
            buf fs = BUF_INIT;
            buf_addf(&fs, "%s/%s", ctx->project->root_real, rel);
            FILE *f = fopen(fs.data, "rb");
            unsigned char magic[8] = {0};
            size_t got = f ? fread(magic, 1, sizeof magic, f) : 0;
            bool png = got == 8 && !memcmp(magic, "\x89PNG\r\n\x1a\n", 8);
            bool jpeg = got >= 3 && magic[0] == 0xFF && magic[1] == 0xD8 &&
                        magic[2] == 0xFF;
            /* A few kilobytes of PNG may say a billion pixels, which the
               PDF writer would unpack (a JPEG goes into it as it is). */
            unsigned long w = 0, h = 0;
            bool huge = png && png_pixels(f, &w, &h) &&
                        (double)w * (double)h > MD_MAX_IMAGE_PIXELS;
            if (f)
                fclose(f);
            if (!f) {
                md_error(ctx, n, "E-IMAGE-MISSING", "image '%s' not found", url);
            } else if (!png && !jpeg) {
                md_error(ctx, n, "E-IMAGE-FORMAT",
                         "image '%s' is neither PNG nor JPEG", url);
            } else if (huge) {
                md_error(ctx, n, "E-IMAGE-SIZE",
                         "image '%s' is %lu×%lu pixels, more than %d million "
                         "(an A4 page at 600 dpi is 35 million): scale it down",
                         url, w, h, MD_MAX_IMAGE_PIXELS / 1000000);
            } else {
                xmlNodePtr img = md_elem(out, "image");
                xmlSetProp(img, BAD_CAST "src", BAD_CAST rel);
                xmlSetProp(img, BAD_CAST "format", BAD_CAST(png ? "png" : "jpeg"));
                md_pos(ctx, img, n);
                typo_state saved = ctx->typo;
                typo_state_init(&ctx->typo);
                convert_children(ctx, n, img, 0);
                ctx->typo = saved;
            }
            buf_free(&fs);
        }
        free(rel);
    }
    free(dir);
}

/*
 * Whether n may open one more level of nesting (depth is the counter to
 * raise): false, once said, past max.  The caller lowers the counter
 * after converting n's children when this returned true.
 */
static bool nest(md_ctx *ctx, cmark_node *n, int *depth, int max, const char *what)
{
    if (*depth >= max) {
        if (!ctx->too_deep)
            md_error(ctx, n, "E-NESTING",
                     "%s nested more than %d levels deep; the outputs have "
                     "room for %d: flatten this part", what, max, max);
        ctx->too_deep = true;
        return false;
    }
    (*depth)++;
    return true;
}

/* An inline element's children, one level deeper (see nest). */
static void convert_nested(md_ctx *ctx, cmark_node *n, xmlNodePtr el)
{
    if (!nest(ctx, n, &ctx->inline_depth, MD_MAX_INLINE_NESTING,
              "emphasis, strikethrough and links"))
        return;
    convert_children(ctx, n, el, 0);
    ctx->inline_depth--;
}

static void convert_inline(md_ctx *ctx, cmark_node *n, xmlNodePtr out)
{
    xmlNodePtr el;
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_LINEBREAK:
        md_elem(out, "br");
        return;
    case CMARK_NODE_CODE:
        el = xmlNewTextChild(out, NULL, BAD_CAST "code",
                             BAD_CAST cmark_node_get_literal(n));
        md_pos(ctx, el, n);
        return;
    case CMARK_NODE_HTML_INLINE: {
        const char *lit = cmark_node_get_literal(n);
        if (ctx->in_table && lit && is_br(lit))
            md_elem(out, "br");
        else if (!(lit && lit[0] == '<' && lit[1] == '/' &&
                   ctx->html_line == md_line(ctx, n)))
            refuse_html(ctx, n);    /* a closing tag after its opening one: said */
        return;
    }
    case CMARK_NODE_EMPH:
        el = md_elem(out, "i");
        convert_nested(ctx, n, el);
        return;
    case CMARK_NODE_STRONG:
        el = md_elem(out, "b");
        convert_nested(ctx, n, el);
        return;
    case CMARK_NODE_LINK: {
        el = md_elem(out, "link");
        xmlSetProp(el, BAD_CAST "href", BAD_CAST cmark_node_get_url(n));
        if (cmark_node_get_start_line(n))
            md_pos(ctx, el, n);
        else
            autolink_pos(ctx, el, n);
        if (is_autolink(n)) {
            /* A URL or e-mail stays exactly as written. */
            xmlSetProp(el, BAD_CAST "auto", BAD_CAST "true");
            xmlNodeAddContent(el, BAD_CAST cmark_node_get_literal(
                                      cmark_node_first_child(n)));
        } else {
            convert_nested(ctx, n, el);
        }
        return;
    }
    case CMARK_NODE_IMAGE:
        convert_image(ctx, n, out);
        return;
    case CMARK_NODE_FOOTNOTE_REFERENCE: {
        const char *lit = cmark_node_get_literal(n);
        el = md_elem(out, "fnref");
        xmlSetProp(el, BAD_CAST "n", BAD_CAST(lit ? lit : "0"));
        md_pos(ctx, el, n);
        return;
    }
    default:
        if (is_type(n, "strikethrough")) {
            el = md_elem(out, "s");
            convert_nested(ctx, n, el);
            return;
        }
        /* Any other inline: keep its text. */
        convert_nested(ctx, n, out);
        return;
    }
}

char *md_plain(cmark_node *block)
{
    buf out = BUF_INIT;
    cmark_iter *it = cmark_iter_new(block);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
            buf_adds(&out, cmark_node_get_literal(n));
            break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            buf_addc(&out, ' ');
            break;
        default:
            break;
        }
    }
    cmark_iter_free(it);
    return buf_detach(&out);
}

void md_plain_text(md_ctx *ctx, const char *text, int line, int col,
                   xmlNodePtr out)
{
    /*
     * Front-matter text has no Markdown: one run whose column is already
     * in characters.  Map back to a byte column so run_position can check
     * the source; a YAML quote or escape only shifts the guess.
     */
    const sb_source *s = ctx->source;
    int bytecol = col;
    if (line <= 0) {
        /* Text from another file (sbornik.yaml): report at the top. */
        line = 1;
        col = bytecol = 1;
    }
    const char *lstart = source_line(ctx, line);
    if (lstart) {
        const char *p = lstart, *end = s->text + s->len;
        for (int c = 1; c < col && p < end && *p != '\n'; c++)
            utf8_next(&p, end);
        bytecol = (int)(p - lstart) + 1;
    }
    text_run run = {BUF_INIT, NULL, 0, 0};
    typo_state_init(&ctx->typo);
    run_add(&run, text, line, bytecol);
    emit_run(ctx, &run, out);
    run_free(&run);
}

/* ------------------------------------------------------------ blocks */

static void convert_blocks(md_ctx *ctx, cmark_node *parent, xmlNodePtr out)
{
    for (cmark_node *c = cmark_node_first_child(parent); c; c = cmark_node_next(c))
        md_block(ctx, c, out);
}

cmark_node *md_cell_text(cmark_node *cell)
{
    cmark_node *first = cmark_node_first_child(cell);
    return first && cmark_node_get_start_line(first) ? first : cell;
}

static void convert_table(md_ctx *ctx, cmark_node *n, xmlNodePtr out)
{
    xmlNodePtr table = md_elem(out, "table");
    md_pos(ctx, table, n);
    uint16_t ncols = cmark_gfm_extensions_get_table_columns(n);
    uint8_t *align = cmark_gfm_extensions_get_table_alignments(n);
    char num[24];
    snprintf(num, sizeof num, "%u", ncols);
    xmlSetProp(table, BAD_CAST "cols", BAD_CAST num);
    for (cmark_node *row = cmark_node_first_child(n); row; row = cmark_node_next(row)) {
        xmlNodePtr r = md_elem(table, "row");
        md_pos(ctx, r, row);
        if (cmark_gfm_extensions_get_table_row_is_header(row))
            xmlSetProp(r, BAD_CAST "header", BAD_CAST "true");
        int i = 0;
        for (cmark_node *cell = cmark_node_first_child(row); cell;
             cell = cmark_node_next(cell), i++) {
            xmlNodePtr c = md_elem(r, "cell");
            md_pos(ctx, c, md_cell_text(cell));
            if (align && i < ncols) {
                const char *a = align[i] == 'l' ? "left" : align[i] == 'c' ? "center"
                              : align[i] == 'r' ? "right" : NULL;
                if (a)
                    xmlSetProp(c, BAD_CAST "align", BAD_CAST a);
            }
            typo_state_init(&ctx->typo);
            ctx->in_table = true;
            convert_children(ctx, cell, c, 0);
            ctx->in_table = false;
        }
    }
}

void md_block(md_ctx *ctx, cmark_node *n, xmlNodePtr out)
{
    xmlNodePtr el;
    char num[16];
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_PARAGRAPH:
        el = md_elem(out, "p");
        md_pos(ctx, el, n);
        typo_state_init(&ctx->typo);
        convert_children(ctx, n, el, 0);
        return;
    case CMARK_NODE_HEADING: {
        /* A heading inside a list or quote: kept as a bold paragraph. */
        el = md_elem(out, "p");
        md_pos(ctx, el, n);
        xmlNodePtr b = md_elem(el, "b");
        typo_state_init(&ctx->typo);
        convert_children(ctx, n, b, 0);
        return;
    }
    case CMARK_NODE_LIST: {
        if (!nest(ctx, n, &ctx->depth, MD_MAX_NESTING, "lists and block quotes"))
            return;
        bool ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
        el = md_elem(out, "list");
        md_pos(ctx, el, n);
        xmlSetProp(el, BAD_CAST "type", BAD_CAST(ordered ? "ordered" : "bullet"));
        if (ordered) {
            snprintf(num, sizeof num, "%d", cmark_node_get_list_start(n));
            xmlSetProp(el, BAD_CAST "start", BAD_CAST num);
            xmlSetProp(el, BAD_CAST "delim",
                       BAD_CAST(cmark_node_get_list_delim(n) == CMARK_PAREN_DELIM
                                    ? "paren" : "period"));
        }
        for (cmark_node *item = cmark_node_first_child(n); item;
             item = cmark_node_next(item)) {
            xmlNodePtr it = md_elem(el, "item");
            md_pos(ctx, it, item);
            convert_blocks(ctx, item, it);
        }
        ctx->depth--;
        return;
    }
    case CMARK_NODE_BLOCK_QUOTE:
        if (!nest(ctx, n, &ctx->depth, MD_MAX_NESTING, "lists and block quotes"))
            return;
        el = md_elem(out, "quote");
        md_pos(ctx, el, n);
        convert_blocks(ctx, n, el);
        ctx->depth--;
        return;
    case CMARK_NODE_CODE_BLOCK: {
        el = xmlNewTextChild(out, NULL, BAD_CAST "codeblock",
                             BAD_CAST cmark_node_get_literal(n));
        md_pos(ctx, el, n);
        const char *info = cmark_node_get_fence_info(n);
        if (info && *info)
            xmlSetProp(el, BAD_CAST "lang", BAD_CAST info);
        return;
    }
    case CMARK_NODE_THEMATIC_BREAK:
        el = md_elem(out, "hr");
        md_pos(ctx, el, n);
        return;
    case CMARK_NODE_HTML_BLOCK:
        refuse_html(ctx, n);
        return;
    case CMARK_NODE_FOOTNOTE_DEFINITION:
        return;     /* emitted by md_footnotes */
    default:
        if (is_type(n, "table")) {
            convert_table(ctx, n, out);
            return;
        }
        convert_blocks(ctx, n, out);
        return;
    }
}

/* ------------------------------------------------------------ footnotes */

/* The label of a definition line "   [^label]: text" at p, or NULL. */
static char *definition_label(const char *p, const char *end)
{
    int spaces = 0;
    while (p < end && *p == ' ' && spaces < 4)
        p++, spaces++;
    if (spaces > 3 || end - p < 4 || p[0] != '[' || p[1] != '^')
        return NULL;
    const char *q = p + 2;
    while (q < end && *q != ']' && *q != '\n' && *q != ' ' && *q != '\t')
        q++;
    if (q >= end || *q != ']' || q == p + 2 || q + 1 >= end || q[1] != ':')
        return NULL;
    return xstrndup(p + 2, (size_t)(q - p - 2));
}

typedef struct {
    char *label;
    int line, col;
    bool used;
} note_def;

void md_collect_footnotes(md_ctx *ctx, cmark_node *doc)
{
    const sb_source *s = ctx->source;
    for (cmark_node *c = cmark_node_first_child(doc); c; c = cmark_node_next(c)) {
        if (cmark_node_get_type(c) != CMARK_NODE_FOOTNOTE_DEFINITION)
            continue;
        ctx->notes = xrealloc(ctx->notes, (ctx->nnotes + 1) * sizeof(cmark_node *));
        ctx->notes[ctx->nnotes++] = c;
    }

    /* Every definition line of the source, outside fenced code. */
    note_def *defs = NULL;
    size_t ndefs = 0;
    const char *p = s->text + s->body_offset, *end = s->text + s->len;
    int line = s->body_line;
    bool fenced = false;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        const char *t = p;
        while (t < eol && *t == ' ')
            t++;
        if (eol - t >= 3 && (!strncmp(t, "```", 3) || !strncmp(t, "~~~", 3)))
            fenced = !fenced;
        char *label = fenced ? NULL : definition_label(p, eol);
        if (label) {
            defs = xrealloc(defs, (ndefs + 1) * sizeof(note_def));
            defs[ndefs++] = (note_def){label, line, (int)(t - p) + 1, false};
        }
        p = eol + (nl != NULL);
        line++;
    }

    /* The definitions cmark-gfm kept are the used ones; match by line. */
    for (size_t i = 0; i < ctx->nnotes; i++) {
        int dline = md_line(ctx, ctx->notes[i]);
        for (size_t j = 0; j < ndefs; j++)
            if (defs[j].line == dline)
                defs[j].used = true;
    }
    for (size_t j = 0; j < ndefs; j++) {
        size_t first = j;
        for (size_t k = 0; k < j; k++) {
            if (!strcmp(defs[k].label, defs[j].label)) {
                first = k;
                break;
            }
        }
        if (first != j) {
            error_at(ctx, defs[j].line, defs[j].col, "E-FOOTNOTE-DUPLICATE",
                     "footnote [^%s] is defined twice (first on line %d)",
                     defs[j].label, defs[first].line);
        } else if (!defs[j].used) {
            error_at(ctx, defs[j].line, defs[j].col, "E-FOOTNOTE-UNUSED",
                     "footnote [^%s] is defined but never used; refer to it "
                     "with [^%s] in the text or delete it",
                     defs[j].label, defs[j].label);
        }
    }
    for (size_t j = 0; j < ndefs; j++)
        free(defs[j].label);
    free(defs);
}

void md_footnotes(md_ctx *ctx, xmlNodePtr parent)
{
    if (!ctx->nnotes)
        return;
    xmlNodePtr notes = md_elem(parent, "footnotes");
    for (size_t i = 0; i < ctx->nnotes; i++) {
        xmlNodePtr note = md_elem(notes, "footnote");
        char num[24];
        snprintf(num, sizeof num, "%zu", i + 1);
        xmlSetProp(note, BAD_CAST "n", BAD_CAST num);
        md_pos(ctx, note, ctx->notes[i]);
        convert_blocks(ctx, ctx->notes[i], note);
    }
}
