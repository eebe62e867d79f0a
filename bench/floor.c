/*
 * floor.c: the benchmark's floor for laying out text with libharu.
 *
 *   floor FONT.ttf IN.md OUT.pdf      prints the number of pages
 *
 * The least any PDF writer on libharu must do with the portfolio's text:
 * read all.md, set its plain text (Markdown syntax characters left as
 * they are) in one font, Liberation Serif 14 pt embedded with the UTF-8
 * encoding exactly as sbornik loads it (src/pdf/font.c), on A4 pages with
 * sbornik's margins (30/15/20/20 mm), lines filled greedily (no
 * hyphenation, no justification), leading 1.15 × size, each line of the
 * file a paragraph, and write the PDF compressed.  Widths are cached per
 * code point as sbornik does.  Not part of sbornik: make bench builds it
 * into build/bench/floor.
 */
#include <hpdf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MM(x) ((x) * 72.0 / 25.4)
#define PAGE_W MM(210.0)
#define PAGE_H MM(297.0)
#define LEFT MM(30.0)
#define RIGHT MM(15.0)
#define TOP MM(20.0)
#define BOTTOM MM(20.0)
#define SIZE 14.0
#define LEADING (1.15 * SIZE)
#define TEXT_W (PAGE_W - LEFT - RIGHT)

static void on_error(HPDF_STATUS err, HPDF_STATUS detail, void *data)
{
    fprintf(stderr, "floor: libharu error %04X (%u)\n", (unsigned)err, (unsigned)detail);
    exit(1);
}

typedef struct {
    HPDF_Doc doc;
    HPDF_Font font;
    HPDF_Page page;
    double y;                   /* next baseline */
    int pages;
    int16_t widths[0x10000];    /* 1/1000 em; -1 not asked yet */
} floor_state;

/* Decode one UTF-8 code point (a malformed sequence as what it gives). */
static uint32_t next_cp(const unsigned char **p, const unsigned char *end)
{
    const unsigned char *s = *p;
    uint32_t c = *s++;
    int more = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
    if (more)
        c &= 0x3F >> more;
    while (more-- && s < end && (*s & 0xC0) == 0x80)
        c = (c << 6) | (*s++ & 0x3F);
    *p = s;
    return c;
}

static double width(floor_state *f, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    long total = 0;
    while (p < end) {
        uint32_t cp = next_cp(&p, end);
        if (cp > 0xFFFF)
            cp = 0xFFFD;
        if (f->widths[cp] < 0)
            f->widths[cp] = (int16_t)HPDF_Font_GetUnicodeWidth(f->font, (HPDF_UNICODE)cp);
        total += f->widths[cp];
    }
    return total * SIZE / 1000.0;
}

static void new_page(floor_state *f)
{
    if (f->page)
        HPDF_Page_EndText(f->page);
    f->page = HPDF_AddPage(f->doc);
    HPDF_Page_SetWidth(f->page, PAGE_W);
    HPDF_Page_SetHeight(f->page, PAGE_H);
    HPDF_Page_BeginText(f->page);
    HPDF_Page_SetFontAndSize(f->page, f->font, SIZE);
    f->y = PAGE_H - TOP - SIZE;
    f->pages++;
}

static void put_line(floor_state *f, const char *s, size_t n)
{
    if (!f->page || f->y < BOTTOM)
        new_page(f);
    char *line = malloc(n + 1);
    memcpy(line, s, n);
    line[n] = '\0';
    HPDF_Page_TextOut(f->page, LEFT, f->y, line);
    free(line);
    f->y -= LEADING;
}

/* One paragraph, filled greedily: a word goes on the line if it fits. */
static void put_paragraph(floor_state *f, const char *text, size_t n)
{
    double space = width(f, " ", 1);
    size_t start = 0, end = 0;  /* the line so far: text[start, end) */
    double w = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r'))
            i++;
        size_t ws = i;
        while (i < n && text[i] != ' ' && text[i] != '\t' && text[i] != '\r')
            i++;
        if (ws == i)
            break;
        double ww = width(f, text + ws, i - ws);
        if (end > start && w + space + ww > TEXT_W) {
            put_line(f, text + start, end - start);
            start = end = ws;
        }
        if (end == start) {
            start = ws;
            w = ww;
        } else {
            w += space + ww;
        }
        end = i;
    }
    if (end > start)
        put_line(f, text + start, end - start);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: floor FONT.ttf IN.md OUT.pdf\n");
        return 2;
    }
    FILE *in = fopen(argv[2], "rb");
    if (!in) {
        perror(argv[2]);
        return 1;
    }
    fseek(in, 0, SEEK_END);
    long size = ftell(in);
    fseek(in, 0, SEEK_SET);
    char *text = malloc((size_t)size + 1);
    if (fread(text, 1, (size_t)size, in) != (size_t)size) {
        perror(argv[2]);
        return 1;
    }
    fclose(in);
    text[size] = '\0';

    floor_state *f = calloc(1, sizeof *f);
    memset(f->widths, 0xFF, sizeof f->widths);
    f->doc = HPDF_New(on_error, NULL);
    HPDF_SetCompressionMode(f->doc, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(f->doc);
    HPDF_SetCurrentEncoder(f->doc, "UTF-8");
    const char *name = HPDF_LoadTTFontFromFile(f->doc, argv[1], HPDF_TRUE);
    f->font = HPDF_GetFont(f->doc, name, "UTF-8");

    /* Every line of all.md is a paragraph (the corpus writes one line per
     * paragraph, list item or table row); a blank line adds half a line. */
    const char *p = text, *end = text + size;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        const char *q = p;
        while (q < eol && (*q == ' ' || *q == '\t' || *q == '\r'))
            q++;
        if (q == eol)
            f->y -= LEADING * 0.5;
        else
            put_paragraph(f, p, (size_t)(eol - p));
        p = nl ? nl + 1 : end;
    }
    if (!f->page)
        new_page(f);
    HPDF_Page_EndText(f->page);

    if (HPDF_SaveToFile(f->doc, argv[3]) != HPDF_OK)
        return 1;
    printf("%d\n", f->pages);
    HPDF_Free(f->doc);
    free(f);
    free(text);
    return 0;
}
