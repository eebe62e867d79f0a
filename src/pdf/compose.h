/*
 * compose.h: the intermediate tree of a document, laid out as an official
 * document of its kind (LAYOUT.md): the order with its requisites and its
 * annexes under their stamps, the letter, the roadmap table, the article.
 */
#ifndef SBORNIK_PDF_COMPOSE_H
#define SBORNIK_PDF_COMPOSE_H

#include <libxml/tree.h>

#include "pdf/layout.h"

/*
 * Lay out the assembled tree whose root is root (a document of any kind
 * but collection) into l.  Images are read from project_dir.
 */
void compose_document(pdf_layout *l, xmlNodePtr root, const char *project_dir);

/*
 * Lay out a collection (LAYOUT.md «Collection»): title page, verso with
 * the bibliographic record, contents, preface, the parts and their
 * documents, each from a new page, numbered through.  The contents and
 * the record need the page numbers and the page count, known only once
 * laid out: page(ud, anchor) gives them from an earlier pass (0 while
 * unknown), pages the count.  Anchors are "preface", "part-1" … and the
 * documents' ids.
 */
/*
 * Visit a collection's parts and their documents in order: once per part
 * with doc NULL, then once per document of it.  part is 1-based; its
 * anchor is "part-<part>".
 */
typedef void (*compose_visit)(void *ud, int part, xmlNodePtr part_el, xmlNodePtr doc);
void compose_each_document(xmlNodePtr collection, compose_visit visit, void *ud);

/* The anchor of part n: "part-n". */
void compose_part_anchor(int part, char *out, size_t cap);

void compose_collection(pdf_layout *l, xmlNodePtr root, const char *project_dir,
                        int (*page)(void *ud, const char *anchor), void *ud,
                        int pages);

#endif
