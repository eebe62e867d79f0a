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

    document_check_defaults(p, diag);
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
    /*
     * A tree built from a source with errors, or with a broken
     * sbornik.yaml, is incomplete by design: validating it would only
     * repeat those errors in the schema's words.
     */
    bool config_ok = !p->config_path || !diag_errors_in(diag, p->config_path);
    for (size_t i = 0; i < p->nsources; i++) {
        sb_source *s = p->sources[i];
        if (config_ok && s->tree && !diag_errors_in(diag, s->path))
            validate_tree(v, s->tree, s->path, diag);
    }
    validate_free(v);
    if (*exit_code == EXIT_BUILT && diag_count(diag, DIAG_ERROR))
        *exit_code = EXIT_SOURCE_ERRORS;
    return p;
}

/*
 * Everything a document's output is made of: itself, its annexes and, for
 * a collection, the documents of its parts, each with theirs.  visit()
 * returns false to stop.
 */
typedef bool (*source_visit)(const sb_source *s, void *ud);

static bool walk_parts(const sb_project *p, const sb_source *s, int depth,
                       source_visit visit, void *ud);

static bool walk(const sb_project *p, const sb_source *s, int depth,
                 source_visit visit, void *ud)
{
    if (!s || depth > 16 || !visit(s, ud))
        return false;
    for (size_t i = 0; i < s->nannexes; i++)
        if (!walk(p, s->annexes[i], depth + 1, visit, ud))
            return false;
    return walk_parts(p, s, depth, visit, ud);
}

static bool walk_parts(const sb_project *p, const sb_source *s, int depth,
                       source_visit visit, void *ud)
{
    if (s->kind != KIND_COLLECTION || !s->tree)
        return true;
    xmlNodePtr root = xmlDocGetRootElement(s->tree);
    for (xmlNodePtr parts = root->children; parts; parts = parts->next) {
        if (strcmp((const char *)parts->name, "parts"))
            continue;
        for (xmlNodePtr part = parts->children; part; part = part->next)
            for (xmlNodePtr e = part->children; e; e = e->next) {
                if (strcmp((const char *)e->name, "entry"))
                    continue;
                xmlChar *ref = xmlGetProp(e, BAD_CAST "ref");
                const sb_source *item = project_find_id(p, (const char *)ref);
                xmlFree(ref);
                if (!walk(p, item, depth + 1, visit, ud))
                    return false;
            }
    }
    return true;
}

static bool is_clean(const sb_source *s, void *ud)
{
    const diag_sink *diag = ud;
    return !s->failed && s->tree && !diag_errors_in(diag, s->path);
}

bool build_source_clean(const sb_project *p, const sb_source *s,
                        const diag_sink *diag)
{
    if (p->config_path && diag_errors_in(diag, p->config_path))
        return false;
    return walk(p, s, 0, is_clean, (void *)diag);
}

typedef struct {
    const char **paths;
    size_t n;
} path_list;

static bool add_path(const sb_source *s, void *ud)
{
    path_list *l = ud;
    for (size_t i = 0; i < l->n; i++)
        if (l->paths[i] == s->path)
            return true;
    l->paths = xrealloc(l->paths, (l->n + 2) * sizeof(char *));
    l->paths[l->n++] = s->path;
    return true;
}

const char **build_source_paths(const sb_project *p, const sb_source *s,
                                size_t *n)
{
    path_list l = {NULL, 0};
    walk(p, s, 0, add_path, &l);
    l.paths = xrealloc(l.paths, (l.n + 2) * sizeof(char *));
    if (p->config_path)
        l.paths[l.n++] = p->config_path;
    *n = l.n;
    return l.paths;
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
