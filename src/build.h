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

/* Where schemas/, stylesheets/ and fonts/ are: $SBORNIK_DATA or built in. */
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

/*
 * Write the outputs of every clean document into out_dir in the formats
 * named (NULL: the default ones), then each writer's index pages.
 * Returns EXIT_BUILT or EXIT_ENVIRONMENT.
 */
int build_write(const sb_project *p, const char *out_dir,
                const char *const *formats, size_t nformats, diag_sink *diag);

#endif
