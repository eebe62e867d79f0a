/*
 * watch.h: `sbornik build --watch`: build, then build again whenever a
 * file of the project changes, until interrupted.
 *
 * Changes are seen with inotify on every folder of the project (not on
 * files: an editor that saves by writing a new file and renaming it over
 * the old one is seen the same way), the output folder excepted.  A burst
 * of changes (a save, a git checkout) makes one rebuild, and the build
 * cache makes it rewrite only what the change touched.
 */
#ifndef SBORNIK_WATCH_H
#define SBORNIK_WATCH_H

#include "build.h"

/* One build; fills stats and returns its exit code. */
typedef int (*watch_build_fn)(build_stats *stats, void *ud);

/*
 * Watch project (a folder), calling build once at the start and after
 * every change, and printing one line per build on stderr:
 *
 *   12:04:31 built 2 of 106 documents in 0.21 s: 0 errors, 1 warning
 *
 * Returns when SIGINT or SIGTERM arrives (EXIT_BUILT), or EXIT_ENVIRONMENT
 * when the project cannot be watched.
 */
int watch_run(const char *project, const char *out_dir, watch_build_fn build,
              void *ud);

#endif
