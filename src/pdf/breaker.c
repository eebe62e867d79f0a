/*
 * breaker.c: the Knuth–Plass total-fit line breaker (see breaker.h).
 *
 * D. E. Knuth and M. F. Plass, "Breaking paragraphs into lines" (1981):
 * active breakpoints are kept in a list; at each legal break, every active
 * node that can reach it with an adjustment ratio within the tolerance
 * yields a candidate; the best per fitness class becomes a new active
 * node, and nodes that can no longer reach (overfull) are dropped.
 */
#include "pdf/breaker.h"

#include <math.h>
#include <stdlib.h>

#include "buf.h"

enum { LINE_PENALTY = 10, FLAGGED_DEMERITS = 3000, FITNESS_DEMERITS = 3000 };

typedef struct {
    size_t position;            /* the break item */
    size_t line;                /* lines so far */
    int fitness;                /* 0 tight … 3 very loose */
    double width, stretch, shrink;  /* totals after the break (line start) */
    double demerits;
    double ratio;
    long prev;                  /* node index, -1 for the start */
    bool active;
} node;

typedef struct {
    node *nodes;
    size_t n, cap;
} pool;

static long add_node(pool *p, node nd)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 64;
        p->nodes = xrealloc(p->nodes, p->cap * sizeof(node));
    }
    p->nodes[p->n] = nd;
    return (long)p->n++;
}

static double line_width(const double *widths, size_t nwidths, size_t line)
{
    return widths[line < nwidths ? line : nwidths - 1];
}

static int fitness_of(double r)
{
    return r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1.0 ? 2 : 3;
}

/* Sums of items[0..i) (width of boxes and glue, stretch, shrink of glue). */
typedef struct {
    double *w, *y, *z;
} sums;

/* Totals after a break at b: the glue and penalties that vanish there. */
static void after_break(const brk_item *items, size_t n, const sums *s,
                        size_t b, double *w, double *y, double *z)
{
    *w = s->w[b];
    *y = s->y[b];
    *z = s->z[b];
    for (size_t i = b; i < n; i++) {
        if (items[i].type == BRK_BOX)
            break;
        if (items[i].type == BRK_GLUE) {
            *w += items[i].width;
            *y += items[i].stretch;
            *z += items[i].shrink;
        } else if (items[i].penalty <= -BRK_INF && i > b) {
            break;
        }
    }
}

/* Remove the nodes no longer active from act (keeping the order). */
static void drop_inactive(const pool *p, long *act, size_t *n)
{
    size_t k = 0;
    for (size_t i = 0; i < *n; i++)
        if (p->nodes[act[i]].active)
            act[k++] = act[i];
    *n = k;
}

/*
 * One pass.  With emergency set, a node that can no longer reach a break
 * without overfull lines still yields one, so the pass always succeeds.
 */
static size_t run(const brk_item *items, size_t n, const sums *s,
                  const double *widths, size_t nwidths, double tolerance,
                  bool emergency, brk_line **out)
{
    pool p = {NULL, 0, 0};
    add_node(&p, (node){0, 0, 1, 0, 0, 0, 0, 0, -1, true});
    /* The active nodes, in the order they were made: only they are
       visited at each break (the pool keeps every node for the way back,
       and scanning it all made a long paragraph quadratic). */
    size_t nactive = 1, actcap = 64;
    long *act = xmalloc(actcap * sizeof(long));
    act[0] = 0;

    for (size_t b = 0; b < n && nactive; b++) {
        const brk_item *it = &items[b];
        bool legal = (it->type == BRK_GLUE && b > 0 && items[b - 1].type == BRK_BOX) ||
                     (it->type == BRK_PENALTY && it->penalty < BRK_INF);
        if (!legal)
            continue;
        bool forced = it->type == BRK_PENALTY && it->penalty <= -BRK_INF;
        double pen_w = it->type == BRK_PENALTY ? it->width : 0;

        /* Best candidate per fitness class. */
        double best_d[4] = {INFINITY, INFINITY, INFINITY, INFINITY};
        long best_from[4] = {-1, -1, -1, -1};
        double best_r[4] = {0};
        long last_dropped = -1;
        double last_dropped_r = 0;

        size_t nact = nactive;
        for (size_t k = 0; k < nact; k++) {
            size_t a = (size_t)act[k];
            node *nd = &p.nodes[a];
            double L = s->w[b] - nd->width + pen_w;
            double goal = line_width(widths, nwidths, nd->line);
            double r;
            if (L < goal) {
                double y = s->y[b] - nd->stretch;
                r = y > 0 ? (goal - L) / y : INFINITY;
            } else if (L > goal) {
                double z = s->z[b] - nd->shrink;
                r = z > 0 ? (goal - L) / z : -INFINITY;
            } else {
                r = 0;
            }
            if (r < -1 || forced) {
                /* Overfull from here on (or the paragraph ends): retire it. */
                nd->active = false;
                nactive--;
                if (r < -1) {
                    last_dropped = (long)a;
                    last_dropped_r = r;
                }
            }
            if (r >= -1 && r <= tolerance) {
                /* Badness grows with the ratio without bound, so that even
                 * the last, lenient pass prefers the less loose of two bad
                 * lines; a line with nothing to stretch is the worst. */
                double bad = isinf(r) ? 1e15 : 100 * pow(fabs(r), 3);
                double d = pow(LINE_PENALTY + bad, 2);
                if (it->type == BRK_PENALTY) {
                    if (it->penalty >= 0)
                        d += (double)it->penalty * it->penalty;
                    else if (it->penalty > -BRK_INF)
                        d -= (double)it->penalty * it->penalty;
                    if (it->flagged && nd->position < n &&
                        items[nd->position].type == BRK_PENALTY &&
                        items[nd->position].flagged && nd->prev >= 0)
                        d += FLAGGED_DEMERITS;
                }
                int fit = fitness_of(r);
                if (abs(fit - nd->fitness) > 1)
                    d += FITNESS_DEMERITS;
                d += nd->demerits;
                if (d < best_d[fit]) {
                    best_d[fit] = d;
                    best_from[fit] = (long)a;
                    best_r[fit] = r;
                }
            }
        }
        drop_inactive(&p, act, &nact);
        bool any = false;
        for (int f = 0; f < 4; f++)
            any |= best_from[f] >= 0;
        if (!any && emergency && !nactive && last_dropped >= 0) {
            /* Nothing fits: an overfull line is better than no output. */
            best_from[0] = last_dropped;
            best_d[0] = p.nodes[last_dropped].demerits + 1e9;
            best_r[0] = last_dropped_r < -1 ? -1 : last_dropped_r;
            any = true;
        }
        if (!any)
            continue;
        double w, y, z;
        after_break(items, n, s, b, &w, &y, &z);
        for (int f = 0; f < 4; f++) {
            if (best_from[f] < 0)
                continue;
            node nd = {b, p.nodes[best_from[f]].line + 1, f, w, y, z,
                       best_d[f], best_r[f], best_from[f], true};
            if (nactive == actcap)
                act = xrealloc(act, (actcap *= 2) * sizeof(long));
            act[nactive++] = add_node(&p, nd);
        }
        if (forced) {
            /* Only the nodes at this break survive. */
            for (size_t k = 0; k < nactive; k++)
                if (p.nodes[act[k]].position != b)
                    p.nodes[act[k]].active = false;
            drop_inactive(&p, act, &nactive);
        }
    }
    free(act);

    /* The best node at the final forced break. */
    long best = -1;
    for (size_t a = 0; a < p.n; a++) {
        if (!p.nodes[a].active || p.nodes[a].position != n - 1)
            continue;
        if (best < 0 || p.nodes[a].demerits < p.nodes[best].demerits)
            best = (long)a;
    }
    size_t count = 0;
    if (best >= 0) {
        count = p.nodes[best].line;
        brk_line *lines = xcalloc(count ? count : 1, sizeof(brk_line));
        size_t k = count;
        for (long a = best; a >= 0 && p.nodes[a].prev >= 0; a = p.nodes[a].prev) {
            const node *nd = &p.nodes[a];
            const node *from = &p.nodes[nd->prev];
            /* The line starts at the first box after the previous break. */
            size_t start = from->prev < 0 ? 0 : from->position;
            while (start < nd->position && from->prev >= 0 &&
                   (items[start].type != BRK_BOX))
                start++;
            lines[--k] = (brk_line){start, nd->position, nd->ratio};
        }
        *out = lines;
    }
    free(p.nodes);
    return count;
}

size_t brk_paragraph(const brk_item *items, size_t n, const double *widths,
                     size_t nwidths, double tolerance, brk_line **lines)
{
    *lines = NULL;
    if (n == 0)
        return 0;
    sums s;
    s.w = xcalloc(n + 1, sizeof(double));
    s.y = xcalloc(n + 1, sizeof(double));
    s.z = xcalloc(n + 1, sizeof(double));
    for (size_t i = 0; i < n; i++) {
        s.w[i + 1] = s.w[i];
        s.y[i + 1] = s.y[i];
        s.z[i + 1] = s.z[i];
        if (items[i].type == BRK_BOX) {
            s.w[i + 1] += items[i].width;
        } else if (items[i].type == BRK_GLUE) {
            s.w[i + 1] += items[i].width;
            s.y[i + 1] += items[i].stretch;
            s.z[i + 1] += items[i].shrink;
        }
    }
    size_t count = run(items, n, &s, widths, nwidths, tolerance, false, lines);
    if (!count)
        count = run(items, n, &s, widths, nwidths, tolerance * 2.5, false, lines);
    if (!count)
        count = run(items, n, &s, widths, nwidths, INFINITY, true, lines);
    free(s.w);
    free(s.y);
    free(s.z);
    return count;
}
