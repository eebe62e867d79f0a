/*
 * docx.h: the DOCX writer.
 *
 * Every package part (content types, relationships, document, styles,
 * numbering, footnotes, settings, headers, properties) is produced by the
 * XSLT stylesheets of data_dir/stylesheets/docx/ from the assembled tree:
 * package.xsl returns one <pkg:package> listing the parts in their zip
 * order, each holding its XML (or, for an image, naming which one).  This
 * module runs that transform with file and network access forbidden,
 * serialises the parts, adds the images the tree names (read from the
 * project, confined to it) and zips everything with libzip so that the
 * same tree gives the same bytes: fixed entry order, fixed timestamps.
 *
 *   docs/<id>.docx         a document (an order with its annexes)
 *   <collection-id>.docx   a collection
 */
#ifndef SBORNIK_DOCX_H
#define SBORNIK_DOCX_H

#include <stdbool.h>
#include <stddef.h>
#include <libxml/tree.h>

#include "diag.h"
#include "output.h"

/* The "docx" entry of build.c's WRITERS. */
extern const output_writer docx_writer;

/* One zip entry: its name inside the package and its bytes. */
typedef struct {
    const char *name;
    const void *data;
    size_t len;
} docx_entry;

/*
 * The instant a package is dated by (zip entries, docProps/core.xml), in
 * seconds since 1970 UTC: source_date when it is set (>= 0, from
 * SOURCE_DATE_EPOCH), else the root's meta/date/@value at 00:00 UTC, else
 * 1 January of meta/year, else 1980-01-01 (the first instant a zip can
 * hold).  Never the clock, so two builds agree.
 */
long long docx_timestamp(xmlDocPtr tree, long long source_date);

/*
 * The DOS date and time a zip stores for `when`, computed in UTC (libzip's
 * own conversion goes through localtime(), which would make the bytes
 * depend on TZ); clamped to the range a zip can hold, 1980–2107.
 */
void docx_dos_time(long long when, unsigned *dos_date, unsigned *dos_time);

/*
 * Zip the n entries in this order, deflated, each dated `when`; the same
 * entries give the same bytes.  On success *out (free() it) holds *len
 * bytes; on failure false, after reporting to diag under `path`.
 */
bool docx_zip(const docx_entry *entries, size_t n, long long when,
              unsigned char **out, size_t *len, diag_sink *diag,
              const char *path);

#endif
