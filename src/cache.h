/*
 * cache.h: the build cache, so that a rebuild writes only what changed.
 *
 * For every document and format written, DIR/.sbornik-cache/<format>/<id>
 * keeps the hash of everything that output was made of and the files the
 * writer wrote, with their sizes:
 *
 *   sbornik-cache 1
 *   key 5f0c…(32 hex digits)
 *   file docs/order-2017-970.pdf 28434
 *
 * "Everything" is the assembled tree (it holds the annexes, a collection's
 * items and the titles and dates of the documents it references, so an
 * edit of any of them changes it), the images it names, the data files
 * (schemas, stylesheets, fonts), the hyphenation patterns, the sbornik
 * binary itself, SOURCE_DATE_EPOCH and the format.  An output is fresh
 * when the key matches and every file listed is there with its size; a
 * stale or unreadable entry only means the output is written again.
 */
#ifndef SBORNIK_CACHE_H
#define SBORNIK_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <libxml/tree.h>

#include "diag.h"
#include "output.h"

/* The folder below DIR that holds the entries. */
#define CACHE_DIR ".sbornik-cache"

typedef struct {
    unsigned char bytes[16];
} cache_key;

typedef struct cache cache;

/* The cache of out_dir, with the fingerprint of what every output shares. */
cache *cache_new(const char *out_dir, const char *data_dir,
                 long long source_date);
void cache_free(cache *c);

/*
 * The hash of a document's own inputs: the tree and the images it names
 * (paths relative to project_dir; an unreadable image hashes as missing,
 * the writer will say so).
 */
void cache_hash_tree(xmlDocPtr tree, const char *project_dir, cache_key *out);

/* The key of one output: the shared fingerprint, the format, the tree's. */
void cache_key_of(const cache *c, const char *format, const cache_key *tree,
                  cache_key *out);

/* Whether the output of format for document id is up to date for key. */
bool cache_fresh(const cache *c, const char *format, const char *id,
                 const cache_key *key);

/*
 * Remember that the n files were written for id in format from key (false,
 * after reporting, when the entry cannot be written); cache_forget drops
 * the entry (a failed write must be retried next time).
 */
bool cache_store(const cache *c, const char *format, const char *id,
                 const cache_key *key, const output_file *files, size_t n,
                 diag_sink *diag);
void cache_forget(const cache *c, const char *format, const char *id);

#endif
