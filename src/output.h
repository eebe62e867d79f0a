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

/* Write len bytes to dir/rel; false (after reporting) on failure. */
bool output_write(const char *dir, const char *rel, const void *data,
                  size_t len, diag_sink *diag);

/*
 * An XML tree as UTF-8 text, indented where indenting adds no text (never
 * inside paragraphs or other text); the caller frees it with xmlFree.
 */
xmlChar *output_xml_text(xmlDocPtr doc, int *size);

/* The same written to dir/rel. */
bool output_write_xml(const char *dir, const char *rel, xmlDocPtr doc,
                      diag_sink *diag);

#endif
