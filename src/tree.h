/*
 * tree.h: reading the intermediate tree, for every module that walks it
 * (document.c, build.c and the writers).
 */
#ifndef SBORNIK_TREE_H
#define SBORNIK_TREE_H

#include <stdbool.h>
#include <libxml/tree.h>

/* Whether n is an element called name (false for NULL). */
bool tree_is(xmlNodePtr n, const char *name);

/* The first child element of parent called name, or NULL. */
xmlNodePtr tree_child(xmlNodePtr parent, const char *name);

/* The text of an element (fields as their caption), trimmed, malloc'd;
 * "" for NULL. */
char *tree_text(xmlNodePtr n);

#endif
