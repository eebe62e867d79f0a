/*
 * hyph.c: hyphenation points with libhyphen (see hyph.h).
 *
 * hyph_ru_RU.dic is written in KOI8-R, one byte a letter; words are
 * converted from UTF-8 with iconv to the dictionary's charset (named on
 * its first line), hyphenated, and the points mapped back to UTF-8 byte
 * offsets.
 */
#include "pdf/hyph.h"

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <hyphen.h>

#include "buf.h"
#include "text.h"

enum { MAX_WORD = 64 };     /* longer "words" are not hyphenated */

struct pdf_hyph {
    HyphenDict *dict;
    iconv_t to_dict;        /* UTF-8 → the dictionary's charset */
    bool one_byte;          /* that charset has one byte per letter */
};

pdf_hyph *pdf_hyph_new(const char *dic_path)
{
    FILE *f = fopen(dic_path, "r");
    if (!f)
        return NULL;
    char charset[64] = "";
    if (!fgets(charset, sizeof charset, f))
        charset[0] = '\0';
    fclose(f);
    charset[strcspn(charset, " \r\n")] = '\0';
    HyphenDict *dict = hnj_hyphen_load(dic_path);
    if (!dict)
        return NULL;
    pdf_hyph *h = xcalloc(1, sizeof *h);
    h->dict = dict;
    h->one_byte = strcmp(charset, "UTF-8") != 0;
    h->to_dict = h->one_byte ? iconv_open(charset, "UTF-8") : (iconv_t)-1;
    if (h->one_byte && h->to_dict == (iconv_t)-1) {
        pdf_hyph_free(h);
        return NULL;
    }
    return h;
}

void pdf_hyph_free(pdf_hyph *h)
{
    if (!h)
        return;
    if (h->to_dict != (iconv_t)-1)
        iconv_close(h->to_dict);
    hnj_hyphen_free(h->dict);
    free(h);
}

/* Lower-case Cyrillic or Latin letter (the words we hyphenate). */
static bool lower_letter(uint32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 0x430 && cp <= 0x44F) || cp == 0x451;
}

int pdf_hyph_points(pdf_hyph *h, const char *word, size_t len,
                    unsigned char *points)
{
    memset(points, 0, len);
    if (!h || len == 0)
        return 0;
    /* Letters only, all lower case: offsets of each letter. */
    size_t offs[MAX_WORD + 1];
    size_t n = 0;
    const char *p = word, *end = word + len;
    while (p < end) {
        if (n == MAX_WORD)
            return 0;
        offs[n] = (size_t)(p - word);
        if (!lower_letter(utf8_next(&p, end)))
            return 0;
        n++;
    }
    offs[n] = len;
    if (n < 5)
        return 0;   /* two letters each side and one to spare */

    char conv[4 * MAX_WORD + 8];
    size_t clen;
    if (h->one_byte) {
        char *in = (char *)word, *out = conv;
        size_t inleft = len, outleft = sizeof conv;
        iconv(h->to_dict, NULL, NULL, NULL, NULL);
        if (iconv(h->to_dict, &in, &inleft, &out, &outleft) == (size_t)-1)
            return 0;
        clen = (size_t)(out - conv);
        if (clen != n)
            return 0;
    } else {
        memcpy(conv, word, len);
        clen = len;
    }
    conv[clen] = '\0';

    char hyphens[4 * MAX_WORD + 8];
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    int rc = hnj_hyphen_hyphenate3(h->dict, conv, (int)clen, hyphens, NULL,
                                   &rep, &pos, &cut, 2, 2, 2, 2);
    int count = 0;
    if (rc == 0) {
        /* hyphens[i] odd: a hyphen may follow character i. */
        for (size_t i = 0; i + 1 < n; i++) {
            size_t ci = h->one_byte ? i : offs[i + 1] - 1;
            if (hyphens[ci] & 1) {
                points[offs[i + 1]] = 1;
                count++;
            }
        }
    }
    if (rep) {
        for (size_t i = 0; i < clen; i++)
            free(rep[i]);
        free(rep);
    }
    free(pos);
    free(cut);
    return count;
}
