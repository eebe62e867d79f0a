/*
 * validate.c: XSD validation with libxml2 (see validate.h).
 *
 * Every element of the tree carries line and col attributes; libxml2 hands
 * the failing node to the structured error handler, and the nearest
 * element with a position names the place in the source.
 */
#include "validate.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/xmlschemas.h>

#include "buf.h"

struct validator {
    xmlSchemaPtr schema;
    xmlSchemaValidCtxtPtr ctxt;
};

typedef struct {
    diag_sink *diag;
    const char *path;
    int errors;
} report_target;

static void schema_parse_error(void *ud, xmlErrorPtr err)
{
    report_target *t = ud;
    buf msg = BUF_INIT;
    buf_adds(&msg, err->message ? err->message : "invalid schema");
    while (msg.len && (msg.data[msg.len - 1] == '\n' || msg.data[msg.len - 1] == ' '))
        msg.data[--msg.len] = '\0';
    diag_report(t->diag, DIAG_ERROR, err->file ? err->file : t->path, err->line,
                1, "E-SCHEMA-FILE", "%s", msg.data);
    buf_free(&msg);
    t->errors++;
}

validator *validate_new(const char *schema_path, diag_sink *diag)
{
    report_target t = {diag, schema_path, 0};
    /* libxml2 would print its own I/O warning for a missing file. */
    FILE *probe = fopen(schema_path, "rb");
    if (!probe) {
        diag_report(diag, DIAG_ERROR, schema_path, 0, 0, "E-SCHEMA-FILE",
                    "cannot read the schema: %s (set SBORNIK_DATA to the "
                    "folder holding schemas/)", strerror(errno));
        return NULL;
    }
    fclose(probe);
    xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(schema_path);
    if (!pc)
        return NULL;
    xmlSchemaSetParserStructuredErrors(pc, schema_parse_error, &t);
    xmlSchemaPtr schema = xmlSchemaParse(pc);
    xmlSchemaFreeParserCtxt(pc);
    if (!schema) {
        if (!t.errors)
            diag_report(diag, DIAG_ERROR, schema_path, 0, 0, "E-SCHEMA-FILE",
                        "cannot read the schema");
        return NULL;
    }
    validator *v = xcalloc(1, sizeof(validator));
    v->schema = schema;
    v->ctxt = xmlSchemaNewValidCtxt(schema);
    return v;
}

void validate_free(validator *v)
{
    if (!v)
        return;
    xmlSchemaFreeValidCtxt(v->ctxt);
    xmlSchemaFree(v->schema);
    free(v);
}

/* The position of the nearest element carrying one. */
static void node_position(xmlNodePtr n, int *line, int *col)
{
    *line = 0;
    *col = 0;
    for (; n && n->type != XML_DOCUMENT_NODE; n = n->parent) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        xmlChar *l = xmlGetProp(n, BAD_CAST "line");
        xmlChar *c = xmlGetProp(n, BAD_CAST "col");
        if (l) {
            *line = atoi((const char *)l);
            *col = c ? atoi((const char *)c) : 1;
        }
        xmlFree(l);
        xmlFree(c);
        if (*line)
            return;
    }
}

static void tree_error(void *ud, xmlErrorPtr err)
{
    report_target *t = ud;
    int line, col;
    node_position(err->node, &line, &col);
    buf msg = BUF_INIT;
    buf_adds(&msg, err->message ? err->message : "invalid");
    while (msg.len && (msg.data[msg.len - 1] == '\n' || msg.data[msg.len - 1] == ' '))
        msg.data[--msg.len] = '\0';
    diag_report(t->diag, DIAG_ERROR, t->path, line, col, "E-SCHEMA",
                "the document does not match the schema: %s", msg.data);
    buf_free(&msg);
    t->errors++;
}

bool validate_tree(validator *v, xmlDocPtr doc, const char *path,
                   diag_sink *diag)
{
    report_target t = {diag, path, 0};
    xmlSchemaSetValidStructuredErrors(v->ctxt, tree_error, &t);
    int rc = xmlSchemaValidateDoc(v->ctxt, doc);
    if (rc != 0 && !t.errors)
        diag_report(diag, DIAG_ERROR, path, 0, 0, "E-SCHEMA",
                    "the document does not match the schema");
    return rc == 0;
}
