/*
 * jobs.h: run independent jobs (the documents of a build) on several
 * processes at once.
 *
 * The workers are forked from the calling process once everything the
 * jobs read is loaded (the checked project, the writers' stylesheets and
 * fonts): they share it copy-on-write, so no job can change what another
 * sees and none of the libraries needs to be thread-safe.  Each worker
 * takes the next job from a counter in shared memory, so one long job (a
 * collection) does not hold the short ones back.  What the jobs report
 * into their sink comes back to the caller's, job by job in job order, so
 * the diagnostics do not depend on which worker ran what.
 */
#ifndef SBORNIK_JOBS_H
#define SBORNIK_JOBS_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

/* One job: returns its status (0..127), kept in status[i]. */
typedef int (*jobs_fn)(size_t i, diag_sink *diag, void *ud);

/* Called in the caller's process as jobs finish: done of total, and the
   job most recently started. */
typedef void (*jobs_progress_fn)(size_t done, size_t total, size_t current,
                                 void *ud);

/*
 * Run jobs 0..n-1 on up to workers processes (1: in this process, one
 * after another), filling status[i] with what job i returned, or -1 if its
 * worker died (then also reported).  progress may be NULL.  Returns false
 * when a worker could not be started or died.
 */
bool jobs_run(size_t n, int workers, jobs_fn job, jobs_progress_fn progress,
              void *ud, int *status, diag_sink *diag);

/* The number of processors online: the default number of workers. */
int jobs_cores(void);

#endif
