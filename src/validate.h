/*
 * validate.h: check an intermediate tree against schemas/sbornik.xsd and
 * report what does not match at the source line the element came from.
 */
#ifndef SBORNIK_VALIDATE_H
#define SBORNIK_VALIDATE_H

#include <stdbool.h>
#include <libxml/tree.h>

#include "diag.h"

typedef struct validator validator;

/* Load the schema; NULL (after reporting) when it cannot be read. */
validator *validate_new(const char *schema_path, diag_sink *diag);
void validate_free(validator *v);

/* Whether doc is valid; errors go to diag under path (the source). */
bool validate_tree(validator *v, xmlDocPtr doc, const char *path,
                   diag_sink *diag);

#endif
