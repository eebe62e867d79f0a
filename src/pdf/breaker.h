/*
 * breaker.h: breaking a paragraph into lines by total fit (Knuth–Plass).
 *
 * A paragraph is a list of boxes (words, pieces of words), glue (spaces
 * that stretch and shrink) and penalties (places to break at a cost:
 * hyphens, forbidden or forced breaks).  Among all ways to break it, the
 * breaker picks the one with the least total demerits, so that spacing is
 * even over the whole paragraph rather than line by line.
 */
#ifndef SBORNIK_PDF_BREAKER_H
#define SBORNIK_PDF_BREAKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { BRK_BOX, BRK_GLUE, BRK_PENALTY } brk_type;

enum { BRK_INF = 10000 };       /* penalty: >= forbids, <= -BRK_INF forces */

/* In this order, 32 bytes: a collection holds millions of items. */
typedef struct {
    double width;               /* box, glue, and a penalty's width when taken
                                   (the hyphen) */
    double stretch, shrink;     /* glue */
    uint32_t ink;               /* the caller's: what the item draws */
    int16_t penalty;            /* penalty, within ±BRK_INF */
    unsigned char type;         /* brk_type */
    bool flagged;               /* penalty: a hyphen (two in a row cost more) */
} brk_item;

static inline brk_item brk_make(brk_type type, double width, double stretch,
                                double shrink, int penalty, bool flagged)
{
    return (brk_item){width, stretch, shrink, 0, (int16_t)penalty,
                      (unsigned char)type, flagged};
}

typedef struct {
    size_t start;               /* first item of the line */
    size_t end;                 /* the break: the item after the line's last */
    double ratio;               /* adjustment: > 0 stretched, < 0 shrunk */
} brk_line;

/*
 * Break items[0..n) (ending with a forced break) into lines of the widths
 * given (line i is widths[i], the last width repeating).  A first pass
 * allows adjustment ratios up to tolerance; if no breaking fits, later
 * passes relax it, and a last one accepts overfull lines rather than fail.
 * Returns the number of lines and a malloc'd array in *lines.
 */
size_t brk_paragraph(const brk_item *items, size_t n, const double *widths,
                     size_t nwidths, double tolerance, brk_line **lines);

#endif
