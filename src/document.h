/*
 * document.h: per-kind structure of a source → its intermediate tree.
 *
 * Two passes over all sources, with refs_link() between them:
 *
 *   document_prepare()  front matter → <meta> and the sb_info other
 *                       documents need for references and stamps;
 *   document_build()    the Markdown body → <body> shaped by the kind
 *                       (an order's preamble and points, a roadmap's
 *                       sections and events, a collection's parts …),
 *                       footnotes, and the approval stamp.
 *
 * document_assemble() then makes what a writer reads: an order with its
 * annexes inside, a collection with its documents inside.
 */
#ifndef SBORNIK_DOCUMENT_H
#define SBORNIK_DOCUMENT_H

#include <stdbool.h>
#include <libxml/tree.h>

#include "diag.h"
#include "project.h"

/* Report keys of sbornik.yaml's defaults that are no front-matter key. */
void document_check_defaults(const sb_project *p, diag_sink *diag);

void document_prepare(sb_project *p, sb_source *s, diag_sink *diag);
void document_build(sb_project *p, sb_source *s, diag_sink *diag);

/* A new tree: s with its annexes (an order) or items (a collection). */
xmlDocPtr document_assemble(const sb_project *p, const sb_source *s);

/* The stamp word agreeing with a genre: УТВЕРЖДЕНА, УТВЕРЖДЕНО … */
const char *document_stamp_word(const char *genre);

/* An order form (ПРИКАЗ …) in lower case and in the instrumental case:
 * «приказ», «приказом». */
const char *document_form_lower(const char *form);
const char *document_form_instrumental(const char *form);

#endif
