/*
 * tree.c: reading the intermediate tree (see tree.h).
 */
#include "tree.h"

#include <string.h>

#include "buf.h"
#include "text.h"

bool tree_is(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

xmlNodePtr tree_child(xmlNodePtr parent, const char *name)
{
    for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next)
        if (tree_is(c, name))
            return c;
    return NULL;
}

char *tree_text(xmlNodePtr n)
{
    if (!n)
        return xstrdup("");
    xmlChar *t = xmlNodeGetContent(n);
    char *s = str_trim(t ? (const char *)t : "");
    xmlFree(t);
    return s;
}
