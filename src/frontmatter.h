/*
 * frontmatter.h: YAML front matter (and sbornik.yaml) read with libyaml
 * into a small tree that remembers where every key and value stood.
 *
 * Only what the format needs: mappings with string keys, sequences and
 * scalars.  Aliases are expanded while the tree is built, with a bound on
 * the number of nodes (a "billion laughs" document is an error, not a
 * hang); duplicate keys, tags and non-string keys are errors.
 */
#ifndef SBORNIK_FRONTMATTER_H
#define SBORNIK_FRONTMATTER_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

typedef enum { FM_SCALAR, FM_SEQ, FM_MAP } fm_type;

typedef struct fm_node fm_node;

typedef struct {
    char *key;
    int line, col;          /* of the key */
    fm_node *value;
} fm_pair;

struct fm_node {
    fm_type type;
    const char *path;       /* the file it was read from (not owned) */
    int line, col;          /* 1-based, col in characters */
    char *value;            /* FM_SCALAR: the text */
    bool plain;             /* FM_SCALAR: written without quotes */
    size_t n;               /* FM_SEQ: items; FM_MAP: pairs */
    fm_node **items;
    fm_pair *pairs;
};

/* Most nodes one front matter may expand to (aliases included). */
enum { FM_MAX_NODES = 20000 };

/*
 * Parse len bytes of YAML that begin on line first_line of path.  Returns
 * the root (a mapping; an empty text gives an empty mapping) or NULL after
 * reporting the errors.  path must outlive the tree.
 */
fm_node *fm_parse(const char *text, size_t len, const char *path,
                  int first_line, diag_sink *diag);

void fm_free(fm_node *n);
fm_node *fm_copy(const fm_node *n);

/* The value of key in map, or NULL (also when map is not a mapping). */
fm_node *fm_get(const fm_node *map, const char *key);
const fm_pair *fm_get_pair(const fm_node *map, const char *key);

/* Add or replace key in map; the map takes value. */
void fm_set(fm_node *map, const char *key, int line, int col, fm_node *value);

/* A scalar's text, or NULL for anything else. */
const char *fm_str(const fm_node *n);

#endif
