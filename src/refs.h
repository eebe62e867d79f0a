/*
 * refs.h: references between documents (FORMAT.md §4) and the checks that
 * keep a project consistent: annexes and approved_by both ways, cycles of
 * annexes, collection items, [[id]] texts, and literal «от … № …» dates
 * that disagree with the project.
 */
#ifndef SBORNIK_REFS_H
#define SBORNIK_REFS_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "project.h"

/*
 * Link every order to its annexes (after document_prepare has filled the
 * sources' info): each annex exists, is listed by one order only, names
 * that order back in approved_by (approved) or not at all (attached); a
 * document's approved_by names an order listing it; no cycles.
 */
void refs_link(sb_project *p, diag_sink *diag);

/*
 * The sources an item of a collection's parts names: an id, a path
 * relative to the project root (with or without .md) or a glob; matches
 * sorted by path.  Returns the count (0: nothing matched); *why is set
 * when the item is refused (it leaves the project).
 */
size_t refs_collection_item(const sb_project *p, const char *item,
                            sb_source ***matches, const char **why);

/* The text [[id]] stands for: full, or short with [[id|short]]. */
void refs_text(const sb_source *target, bool short_form, buf *out);

/*
 * Find literal references «от 29.03.2019 г. № 01/970» (or «от 29 марта
 * 2019 г. № …») in text whose number belongs to a dated document of the
 * project with another date; report(ud, offset, message) for each.
 */
void refs_check_literals(const sb_project *p, const sb_source *self,
                         const char *text,
                         void (*report)(void *ud, size_t offset, const char *msg),
                         void *ud);

/* «29.03.2017» from «2017-03-29» into out (11 bytes). */
void refs_date_text(const char *iso, char *out);

#endif
