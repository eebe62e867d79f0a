/*
 * output.h: writing results, atomically and only inside the output folder.
 *
 * A file is written to a temporary file in its own folder, flushed to disk
 * and renamed over the old one, so that a reader (or a failed build) never
 * sees half a file; a path that would leave the output folder is refused.
 */
#ifndef SBORNIK_OUTPUT_H
#define SBORNIK_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <libxml/tree.h>

#include "diag.h"

/*
 * Whether rel is a relative path with no empty, "." or ".." segment: one
 * that cannot climb out of the folder it is taken in (a symbolic link
 * still can: check the real path too when reading).
 */
bool output_confined(const char *rel);

/* Write len bytes to dir/rel; false (after reporting) on failure. */
bool output_write(const char *dir, const char *rel, const void *data,
                  size_t len, diag_sink *diag);

/*
 * Record what output_write writes (the build cache lists each document's
 * files): begin, write, end.  output_journal_end returns how many files
 * were written and, if files is not NULL, gives them (the caller frees
 * each rel and the array); with files NULL it forgets them.
 */
typedef struct {
    char *rel;          /* relative to the output folder */
    size_t size;
} output_file;

void output_journal_begin(void);
size_t output_journal_end(output_file **files);

/*
 * The output folder, for the duration of one build.  output_lock creates
 * DIR if needed and takes an exclusive lock (flock) on DIR/.sbornik-lock;
 * it returns the lock (a file descriptor, inherited by forked workers) or
 * -1 after reporting: E-OUTPUT-LOCKED when another build holds it (no
 * waiting).  output_unlock removes the file and releases the lock (a
 * killed build leaves the file, never the lock).
 */
#define OUTPUT_LOCK ".sbornik-lock"
int output_lock(const char *out_dir, diag_sink *diag);
void output_unlock(const char *out_dir, int fd);

/*
 * Remove the temporaries an interrupted build left (output_write's
 * ".<name>.sbornik-tmp-XXXXXX", regular files only) anywhere below
 * out_dir, never following a symbolic link and touching nothing else;
 * how many were removed.  Only with the lock held: a running build's
 * temporaries look the same.
 */
size_t output_clean_stale(const char *out_dir, diag_sink *diag);

/*
 * An XML tree as UTF-8 text, indented where indenting adds no text (never
 * inside paragraphs or other text); the caller frees it with xmlFree.
 */
xmlChar *output_xml_text(xmlDocPtr doc, int *size);

/* The same written to dir/rel. */
bool output_write_xml(const char *dir, const char *rel, xmlDocPtr doc,
                      diag_sink *diag);

/* Where writers write and what they may read besides the tree. */
typedef struct {
    const char *out_dir;        /* DIR: every output goes below it */
    const char *project_dir;    /* the project's folder (canonical): image
                                   paths in the tree are relative to it */
    const char *data_dir;       /* holds stylesheets/, fonts/, schemas/ */
    long long source_date;      /* SOURCE_DATE_EPOCH, or -1 when unset:
                                   then dates come from the documents,
                                   never from the clock */
    diag_sink *diag;
} output_target;

/*
 * One output format.  build.c lists the writers; each reads only the
 * assembled tree (what `sbornik xml` prints) and writes below out_dir with
 * output_write, so every file is atomic and confined.
 *
 *   open     load stylesheets, fonts …; NULL (after reporting) on failure
 *   write    one document (root order, letter, document, concept, roadmap,
 *            article) or one collection; named from the root's id
 *   finish   after all documents, with the project summary (may be NULL):
 *            <project> listing every document written, for index pages
 *   close    free what open made
 */
typedef struct {
    const char *format;         /* the name -f takes */
    bool by_default;            /* written when -f is not given */
    void *(*open)(const output_target *t);
    bool (*write)(void *w, const output_target *t, xmlDocPtr tree);
    bool (*finish)(void *w, const output_target *t, xmlDocPtr summary);
    void (*close)(void *w);
} output_writer;

/* The intermediate XML itself: docs/<id>.xml, <collection-id>.xml. */
extern const output_writer output_xml_writer;

/*
 * Call fn(src, ud) for the src of every <image> at n, its following
 * siblings and everything below them, in document order (an image named
 * twice is visited twice); true when every call returned true.  Every
 * image is visited whatever fn returns, so that each bad one is reported.
 */
bool output_each_image(xmlNodePtr n, bool (*fn)(const char *src, void *ud),
                       void *ud);

/*
 * "docs/<id>.<ext>" for a document, "<id>.<ext>" for a collection, from
 * the root of an assembled tree; the caller frees it.
 */
char *output_name(xmlDocPtr tree, const char *ext);

#endif
