/*
 * build.c: run the stages over a project (see build.h).
 */
#include "build.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "cache.h"
#include "calendar.h"
#include "datadir.h"
#include "docx.h"
#include "document.h"
#include "html.h"
#include "jobs.h"
#include "output.h"
#include "pdf.h"
#include "refs.h"
#include "validate.h"
#include "tree.h"

const char *build_data_dir(void)
{
    return datadir_path(NULL);
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
    xmlNodePtr parts = tree_child(xmlDocGetRootElement(s->tree), "parts");
    for (xmlNodePtr part = parts ? parts->children : NULL; part; part = part->next)
        for (xmlNodePtr e = part->children; e; e = e->next) {
            if (!tree_is(e, "entry"))
                continue;
            xmlChar *ref = xmlGetProp(e, BAD_CAST "ref");
            const sb_source *item = project_find_id(p, (const char *)ref);
            xmlFree(ref);
            if (!walk(p, item, depth + 1, visit, ud))
                return false;
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

/* ------------------------------------------------------------ writing */

/* The output formats, in the order they are written. */
static const output_writer *const WRITERS[] = {
    &output_xml_writer,
    &pdf_writer,
    &docx_writer,
    &html_writer,
    &calendar_ics_writer,
    &calendar_csv_writer,
    &calendar_svg_writer,
};
enum { NWRITERS = sizeof WRITERS / sizeof *WRITERS };

const char *build_formats(void)
{
    static char list[256];
    if (!list[0])
        for (size_t i = 0; i < NWRITERS; i++)
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
                     i ? "," : "", WRITERS[i]->format);
    return list;
}

bool build_format_known(const char *name)
{
    for (size_t i = 0; i < NWRITERS; i++)
        if (!strcmp(WRITERS[i]->format, name))
            return true;
    return false;
}

static bool wanted(const output_writer *w, const char *const *formats, size_t n)
{
    if (!formats)
        return w->by_default;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(formats[i], w->format))
            return true;
    return false;
}

/* SOURCE_DATE_EPOCH as seconds, -1 when unset; a malformed one is said. */
static long long source_date(diag_sink *diag)
{
    const char *env = getenv("SOURCE_DATE_EPOCH");
    if (!env || !*env)
        return -1;
    char *end;
    long long v = strtoll(env, &end, 10);
    if (*end || v < 0) {
        diag_report(diag, DIAG_WARNING, "SOURCE_DATE_EPOCH", 0, 0,
                    "W-SOURCE-DATE", "'%s' is not a number of seconds; ignored",
                    env);
        return -1;
    }
    return v;
}

/* A copy of the named child of meta, if any, into parent. */
static void copy_meta(xmlNodePtr meta, const char *name, xmlNodePtr parent)
{
    xmlNodePtr c = tree_child(meta, name);
    if (c)
        xmlAddChild(parent, xmlDocCopyNode(c, parent->doc, 1));
}

/*
 * The project summary writers get for index pages: the formats written
 * (formats="xml,html"), and every document that was written, with its
 * kind, status, title, date and number, and whether it is an annex.  Built
 * from the trees, so writers still read only XML:
 *
 *   <project formats="html,ics">
 *     <item ref="order-2017-970" kind="order" status="final" src="…">
 *       <title>…</title><date value="2017-03-29">29.03.2017</date>
 *       <number>01/970</number>
 *     </item>
 *     <item ref="concept-2017" kind="concept" annex-of="order-2017-970" …>
 */
static xmlDocPtr summary_tree(const sb_project *p, const bool *clean,
                              const char *formats)
{
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "project", NULL);
    xmlDocSetRootElement(doc, root);
    /* What this run writes, so an index links only files that exist. */
    xmlSetProp(root, BAD_CAST "formats", BAD_CAST formats);
    for (size_t i = 0; i < p->nsources; i++) {
        const sb_source *s = p->sources[i];
        if (!clean[i])
            continue;
        xmlNodePtr src_root = xmlDocGetRootElement(s->tree);
        xmlNodePtr meta = src_root->children;
        xmlNodePtr e = xmlNewChild(root, NULL, BAD_CAST "item", NULL);
        xmlSetProp(e, BAD_CAST "ref", BAD_CAST s->id);
        xmlSetProp(e, BAD_CAST "kind", BAD_CAST kind_name(s->kind));
        xmlChar *status = xmlGetProp(src_root, BAD_CAST "status");
        xmlSetProp(e, BAD_CAST "status", status);
        xmlFree(status);
        xmlSetProp(e, BAD_CAST "src", BAD_CAST s->rel);
        if (s->annex_of)
            xmlSetProp(e, BAD_CAST "annex-of", BAD_CAST s->annex_of->id);
        copy_meta(meta, "title", e);
        copy_meta(meta, "genre", e);
        copy_meta(meta, "date", e);
        copy_meta(meta, "number", e);
        copy_meta(meta, "year", e);
    }
    return doc;
}

/*
 * One job: a document in every wanted format, or one format of a
 * collection (a collection is the long job of a build: its formats run
 * on different workers).
 */
typedef struct {
    const sb_source *s;
    size_t source;                  /* s's index in the project's sources */
    int writer;                     /* index in WRITERS, or -1: all */
    size_t cost;                    /* for the order: the longest first */
} write_item;

/* One build_write: what every job reads (forked workers share it). */
typedef struct {
    const sb_project *p;
    const write_item *order;        /* the jobs, longest first */
    const output_target *target;
    void **state;                   /* per writer: open, or NULL */
    const cache *cache;
    bool use_cache;
    const char *current;            /* progress: the file last shown */
} write_run;

/* What a job did: rewrote at least one file, found all up to date, failed. */
enum { JOB_WRITTEN = 0, JOB_UNCHANGED = 1, JOB_FAILED = 2 };

/* Write one job's document in its formats that are not up to date. */
static int write_job(size_t k, diag_sink *diag, void *ud)
{
    write_run *r = ud;
    const sb_source *s = r->order[k].s;
    int only = r->order[k].writer;
    output_target t = *r->target;
    t.diag = diag;
    xmlDocPtr tree = document_assemble(r->p, s);
    cache_key own;
    cache_hash_tree(tree, t.project_dir, &own);
    int result = JOB_UNCHANGED;
    for (size_t w = 0; w < NWRITERS; w++) {
        if (!r->state[w] || (only >= 0 && (size_t)only != w))
            continue;
        cache_key key;
        cache_key_of(r->cache, WRITERS[w]->format, &own, &key);
        if (r->use_cache && cache_fresh(r->cache, WRITERS[w]->format, s->id, &key))
            continue;
        output_journal_begin();
        bool ok = WRITERS[w]->write(r->state[w], &t, tree);
        output_file *files = NULL;
        size_t n = output_journal_end(&files);
        /* A failed write is never taken as up to date next time. */
        if (ok)
            cache_store(r->cache, WRITERS[w]->format, s->id, &key, files, n, diag);
        else
            cache_forget(r->cache, WRITERS[w]->format, s->id);
        for (size_t i = 0; i < n; i++)
            free(files[i].rel);
        free(files);
        if (!ok)
            result = JOB_FAILED;
        else if (n && result != JOB_FAILED)
            result = JOB_WRITTEN;
    }
    xmlFreeDoc(tree);
    return result;
}

/* "[12/106] input/2017/order.md" on one line of a terminal, redrawn. */
static void show_progress(size_t done, size_t total, size_t current, void *ud)
{
    write_run *r = ud;
    const char *path = current < total ? r->order[current].s->path : "";
    if (done == total) {
        if (r->current)
            fputs("\r\033[K", stderr);
        r->current = NULL;
        return;
    }
    r->current = path;
    fprintf(stderr, "\r\033[K[%zu/%zu] %s", done, total, path);
    fflush(stderr);
}

/* The longest job first; then by file, for a stable order. */
static int compare_cost(const void *a, const void *b)
{
    const write_item *x = a, *y = b;
    if (x->cost != y->cost)
        return x->cost > y->cost ? -1 : 1;
    int c = strcmp(x->s->rel, y->s->rel);
    return c ? c : (x->writer > y->writer) - (x->writer < y->writer);
}

/*
 * The jobs of the clean documents: a collection's formats apart, costed
 * by how much it holds and how slow the format is (PDF and DOCX lay out
 * or transform the whole volume), before every document.
 */
static size_t plan_jobs(const sb_project *p, const bool *clean,
                        void *const *state, write_item *jobs)
{
    size_t n = 0;
    for (size_t i = 0; i < p->nsources; i++) {
        const sb_source *s = p->sources[i];
        if (!clean[i])
            continue;
        if (s->kind != KIND_COLLECTION) {
            jobs[n++] = (write_item){s, i, -1, s->len};
            continue;
        }
        for (size_t w = 0; w < NWRITERS; w++) {
            if (!state[w])
                continue;
            bool heavy = WRITERS[w] == &pdf_writer || WRITERS[w] == &docx_writer;
            jobs[n++] = (write_item){s, i, (int)w, ((size_t)1 << 40) * (heavy ? 2 : 1)};
        }
    }
    if (n)
        qsort(jobs, n, sizeof *jobs, compare_cost);
    return n;
}

int build_write(const sb_project *p, const char *out_dir,
                const build_options *o, diag_sink *diag, build_stats *stats)
{
    build_stats none;
    if (!stats)
        stats = &none;
    *stats = (build_stats){0, 0, 0, 0, 0};
    /* One clear error for an output folder that cannot be, not one per file. */
    struct stat st;
    if (stat(out_dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
        diag_report(diag, DIAG_ERROR, out_dir, 0, 0, "E-OUTPUT",
                    "the output folder is a file; give another with -o");
        return EXIT_ENVIRONMENT;
    }
    /* One build at a time in DIR; what a killed one left is then stale. */
    int lock = output_lock(out_dir, diag);
    if (lock < 0)
        return EXIT_ENVIRONMENT;
    output_clean_stale(out_dir, diag);
    output_target t = {out_dir, p->root_real, build_data_dir(),
                       source_date(diag), diag};
    void *state[NWRITERS] = {0};
    bool failed = false;
    buf written = BUF_INIT;
    for (size_t w = 0; w < NWRITERS; w++) {
        if (!wanted(WRITERS[w], o->formats, o->nformats))
            continue;
        buf_addf(&written, "%s%s", written.len ? "," : "", WRITERS[w]->format);
        state[w] = WRITERS[w]->open(&t);
        failed |= !state[w];
    }
    /* Which documents are written: once, for the writers and the summary. */
    bool *clean = xcalloc(p->nsources + 1, sizeof(bool));
    for (size_t i = 0; i < p->nsources; i++) {
        clean[i] = build_source_clean(p, p->sources[i], diag);
        stats->documents += clean[i];
    }
    write_item *order = xcalloc(p->nsources * NWRITERS + 1, sizeof(write_item));
    size_t njobs = plan_jobs(p, clean, state, order);
    cache *c = cache_new(out_dir, t.data_dir, t.source_date);
    write_run run = {p, order, &t, state, c, o->use_cache, NULL};
    int *status = xcalloc(njobs + 1, sizeof(int));
    int jobs = o->jobs >= 1 ? o->jobs : jobs_cores();
    failed |= !jobs_run(njobs, jobs, write_job, o->progress ? show_progress : NULL,
                        &run, status, diag);
    /* Per document: rewritten if any of its jobs wrote, unchanged if all
       found their outputs up to date. */
    bool *wrote = xcalloc(p->nsources + 1, sizeof(bool));
    bool *stale = xcalloc(p->nsources + 1, sizeof(bool));
    for (size_t k = 0; k < njobs; k++) {
        failed |= status[k] < 0 || status[k] == JOB_FAILED;
        wrote[order[k].source] |= status[k] == JOB_WRITTEN;
        stale[order[k].source] |= status[k] != JOB_UNCHANGED;
    }
    for (size_t i = 0; i < p->nsources; i++) {
        stats->written += wrote[i];
        stats->unchanged += clean[i] && !stale[i];
    }
    free(wrote);
    free(stale);
    free(status);
    free(order);
    cache_free(c);

    xmlDocPtr summary = summary_tree(p, clean, buf_str(&written));
    free(clean);
    buf_free(&written);
    for (size_t w = 0; w < NWRITERS; w++) {
        if (!state[w])
            continue;
        if (WRITERS[w]->finish && !WRITERS[w]->finish(state[w], &t, summary))
            failed = true;
        WRITERS[w]->close(state[w]);
    }
    xmlFreeDoc(summary);
    output_unlock(out_dir, lock);
    return failed ? EXIT_ENVIRONMENT : EXIT_BUILT;
}
