/*
 * build.h: the pipeline from a project folder to checked trees and outputs.
 *
 *   project_load → document_prepare (all) → refs_link → document_build
 *   (all) → validate_tree (all) → writers, for the documents without errors
 */
#ifndef SBORNIK_BUILD_H
#define SBORNIK_BUILD_H

#include <stdbool.h>

#include "diag.h"
#include "project.h"

/* Exit codes of FORMAT.md §5. */
enum { EXIT_BUILT = 0, EXIT_SOURCE_ERRORS = 1, EXIT_USAGE = 2, EXIT_ENVIRONMENT = 3 };

/* Where schemas/, stylesheets/, fonts/ and templates/ are (datadir.h). */
const char *build_data_dir(void);

/*
 * Load and check the project at root.  Returns the project (NULL when the
 * folder cannot be read; *exit_code then says why).
 */
sb_project *build_check(const char *root, diag_sink *diag, int *exit_code);

/* Whether s, and all it embeds (annexes, collection items), is error-free. */
bool build_source_clean(const sb_project *p, const sb_source *s,
                        const diag_sink *diag);

/*
 * The files whose diagnostics concern s: its own, its annexes' and
 * collection items' (recursively) and sbornik.yaml.  Returns a malloc'd
 * array of n borrowed paths.
 */
const char **build_source_paths(const sb_project *p, const sb_source *s,
                                size_t *n);

/*
 * The output formats, as a comma-separated list for messages ("xml,html"),
 * and whether name is one of them.
 */
const char *build_formats(void);
bool build_format_known(const char *name);

/* How build_write runs. */
typedef struct {
    const char *const *formats;     /* the formats to write; NULL: the
                                       default ones */
    size_t nformats;
    int jobs;                       /* documents at once (processes);
                                       < 1: one per processor */
    bool use_cache;                 /* skip outputs the build cache finds
                                       up to date (cache.h); the cache is
                                       written either way */
    bool progress;                  /* "[done/total] file" redrawn on
                                       stderr (a terminal) */
} build_options;

/* What build_write did, for a summary line (watch mode). */
typedef struct {
    size_t documents;               /* clean documents, each a job */
    size_t written;                 /* of which some output was rewritten */
    size_t unchanged;               /* all outputs found up to date */
    size_t errors, warnings;        /* diagnostics of the run (build_once) */
} build_stats;

/*
 * Write the outputs of every clean document into out_dir, then each
 * writer's index pages; stats (may be NULL) says how many were rewritten.
 * The outputs do not depend on o->jobs or on the cache.  Returns
 * EXIT_BUILT or EXIT_ENVIRONMENT.
 */
int build_write(const sb_project *p, const char *out_dir,
                const build_options *o, diag_sink *diag, build_stats *stats);

#endif
