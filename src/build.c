/*
 * build.c: run the stages over a project (see build.h).
 */
#include "build.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "document.h"
#include "output.h"
#include "refs.h"
#include "validate.h"

#ifndef SBORNIK_DATA_DIR
#define SBORNIK_DATA_DIR "."
#endif

const char *build_data_dir(void)
{
    const char *env = getenv("SBORNIK_DATA");
    return env && *env ? env : SBORNIK_DATA_DIR;
}

sb_project *build_check(const char *root, diag_sink *diag, int *exit_code)
{
    project_status status;
    sb_project *p = project_load(root, diag, &status);
    if (!p) {
        *exit_code = status == PROJECT_NOT_FOUND ? EXIT_USAGE : EXIT_ENVIRONMENT;
        return NULL;
    }
    *exit_code = status == PROJECT_IO_ERROR ? EXIT_ENVIRONMENT : EXIT_BUILT;

    /* Meta of all first: references and stamps read each other's. */
    for (size_t i = 0; i < p->nsources; i++)
        document_prepare(p, p->sources[i], diag);
    refs_link(p, diag);
    for (size_t i = 0; i < p->nsources; i++)
        document_build(p, p->sources[i], diag);

    buf schema = BUF_INIT;
    buf_addf(&schema, "%s/schemas/sbornik.xsd", build_data_dir());
    validator *v = validate_new(schema.data, diag);
    buf_free(&schema);
    if (!v) {
        *exit_code = EXIT_ENVIRONMENT;
        return p;
    }
    for (size_t i = 0; i < p->nsources; i++) {
        sb_source *s = p->sources[i];
        /* A tree built from a source with errors is incomplete by design. */
        if (s->tree && !diag_errors_in(diag, s->path))
            validate_tree(v, s->tree, s->path, diag);
    }
    validate_free(v);
    if (*exit_code == EXIT_BUILT && diag_count(diag, DIAG_ERROR))
        *exit_code = EXIT_SOURCE_ERRORS;
    return p;
}

static bool clean_at(const sb_project *p, const sb_source *s,
                     const diag_sink *diag, int depth)
{
    if (!s || s->failed || !s->tree || depth > 16 || diag_errors_in(diag, s->path))
        return false;
    for (size_t i = 0; i < s->nannexes; i++)
        if (!clean_at(p, s->annexes[i], diag, depth + 1))
            return false;
    if (s->kind == KIND_COLLECTION) {
        xmlNodePtr root = xmlDocGetRootElement(s->tree);
        for (xmlNodePtr parts = root->children; parts; parts = parts->next) {
            if (strcmp((const char *)parts->name, "parts"))
                continue;
            for (xmlNodePtr part = parts->children; part; part = part->next)
                for (xmlNodePtr e = part->children; e; e = e->next) {
                    if (strcmp((const char *)e->name, "entry"))
                        continue;
                    xmlChar *ref = xmlGetProp(e, BAD_CAST "ref");
                    bool ok = clean_at(p, project_find_id(p, (const char *)ref),
                                       diag, depth + 1);
                    xmlFree(ref);
                    if (!ok)
                        return false;
                }
        }
    }
    return true;
}

bool build_source_clean(const sb_project *p, const sb_source *s,
                        const diag_sink *diag)
{
    if (p->config_path && diag_errors_in(diag, p->config_path))
        return false;
    return clean_at(p, s, diag, 0);
}

int build_write(const sb_project *p, const char *out_dir, unsigned formats,
                diag_sink *diag)
{
    int failures = 0;
    for (size_t i = 0; i < p->nsources; i++) {
        const sb_source *s = p->sources[i];
        if (!build_source_clean(p, s, diag))
            continue;
        if (formats & FORMAT_XML) {
            buf rel = BUF_INIT;
            if (s->kind == KIND_COLLECTION)
                buf_addf(&rel, "%s.xml", s->id);
            else
                buf_addf(&rel, "docs/%s.xml", s->id);
            xmlDocPtr doc = document_assemble(p, s);
            if (!output_write_xml(out_dir, rel.data, doc, diag))
                failures++;
            xmlFreeDoc(doc);
            buf_free(&rel);
        }
    }
    return failures ? EXIT_ENVIRONMENT : EXIT_BUILT;
}
