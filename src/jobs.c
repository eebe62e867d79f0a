/*
 * jobs.c: a pool of forked workers (see jobs.h).
 *
 * Each worker sends the diagnostics of each job it finishes down its own
 * pipe as NUL-terminated fields (job, severity, path, line, column, code,
 * message); the parent reads every pipe while the workers run (a full pipe
 * would stop a worker) and reports them once all are done.
 */
#define _GNU_SOURCE
#include "jobs.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"

/* What the workers share: the next job to take and how many are done. */
typedef struct {
    size_t next;
    size_t done;
    size_t current;
    int status[];
} shared_state;

int jobs_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

static void run_here(size_t n, jobs_fn job, jobs_progress_fn progress,
                     void *ud, int *status, diag_sink *diag)
{
    for (size_t i = 0; i < n; i++) {
        if (progress)
            progress(i, n, i, ud);
        status[i] = job(i, diag, ud);
    }
    if (progress)
        progress(n, n, n ? n - 1 : 0, ud);
}

static void send_field(FILE *out, const char *s)
{
    fputs(s ? s : "", out);
    fputc('\0', out);
}

/* The worker's life: jobs until none is left, then _exit (no atexit
   handlers, no stdio buffers of the parent flushed twice). */
static void work(shared_state *sh, size_t n, jobs_fn job, void *ud,
                 diag_sink *diag, int fd, pid_t parent)
{
    /* Die with the parent: a killed build must not go on writing. */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(1);
    FILE *out = fdopen(fd, "w");
    if (!out)
        _exit(1);
    for (;;) {
        size_t i = __atomic_fetch_add(&sh->next, 1, __ATOMIC_SEQ_CST);
        if (i >= n)
            break;
        __atomic_store_n(&sh->current, i, __ATOMIC_SEQ_CST);
        size_t before = diag_total(diag);
        int st = job(i, diag, ud);
        diag_entry e;
        for (size_t k = before; diag_get(diag, k, &e); k++) {
            fprintf(out, "%zu%c%d%c", i, '\0', (int)e.sev, '\0');
            send_field(out, e.path);
            fprintf(out, "%d%c%d%c", e.line, '\0', e.col, '\0');
            send_field(out, e.code);
            send_field(out, e.message);
        }
        fflush(out);
        __atomic_store_n(&sh->status[i], st, __ATOMIC_SEQ_CST);
        __atomic_fetch_add(&sh->done, 1, __ATOMIC_SEQ_CST);
    }
    _exit(fclose(out) == 0 ? 0 : 1);
}

typedef struct {
    size_t job, seq;
    diag_entry e;
} record;

static int compare_records(const void *a, const void *b)
{
    const record *x = a, *y = b;
    if (x->job != y->job)
        return x->job < y->job ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The records in data (fields as the worker sent them) appended to *recs. */
static void parse_records(const buf *data, record **recs, size_t *nrecs)
{
    const char *p = data->data, *end = data->data + data->len;
    const char *f[7];
    while (p < end) {
        int k = 0;
        for (; k < 7 && p < end; k++) {
            f[k] = p;
            p += strlen(p) + 1;
        }
        if (k < 7)
            break;      /* a worker that died mid-record: its error says so */
        *recs = xrealloc(*recs, (*nrecs + 1) * sizeof(record));
        (*recs)[*nrecs] = (record){
            strtoull(f[0], NULL, 10), *nrecs,
            {atoi(f[1]) == DIAG_ERROR ? DIAG_ERROR : DIAG_WARNING, f[2],
             atoi(f[3]), atoi(f[4]), f[5][0] ? f[5] : NULL, f[6]}};
        (*nrecs)++;
    }
}

bool jobs_run(size_t n, int workers, jobs_fn job, jobs_progress_fn progress,
              void *ud, int *status, diag_sink *diag)
{
    for (size_t i = 0; i < n; i++)
        status[i] = -1;
    if (workers > (int)n)
        workers = (int)n;
    if (workers <= 1) {
        run_here(n, job, progress, ud, status, diag);
        return true;
    }
    size_t size = sizeof(shared_state) + n * sizeof(int);
    shared_state *sh = mmap(NULL, size, PROT_READ | PROT_WRITE,
                            MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (sh == MAP_FAILED) {
        run_here(n, job, progress, ud, status, diag);
        return true;
    }
    memset(sh, 0, size);
    for (size_t i = 0; i < n; i++)
        sh->status[i] = -1;

    /* Nothing buffered may be printed twice by the children. */
    fflush(stdout);
    fflush(stderr);
    pid_t parent = getpid();
    pid_t *pids = xcalloc((size_t)workers, sizeof(pid_t));
    int *fds = xcalloc((size_t)workers, sizeof(int));
    buf *data = xcalloc((size_t)workers, sizeof(buf));
    int started = 0;
    for (int w = 0; w < workers; w++) {
        int pipefd[2];
        if (pipe2(pipefd, O_CLOEXEC) != 0)
            break;
        pid_t pid = fork();
        if (pid < 0) {
            close(pipefd[0]);
            close(pipefd[1]);
            break;
        }
        if (pid == 0) {
            close(pipefd[0]);
            for (int k = 0; k < started; k++)
                close(fds[k]);
            work(sh, n, job, ud, diag, pipefd[1], parent);
        }
        close(pipefd[1]);
        pids[started] = pid;
        fds[started] = pipefd[0];
        data[started] = (buf)BUF_INIT;
        started++;
    }
    bool ok = true;
    if (!started) {
        diag_report(diag, DIAG_ERROR, "sbornik", 0, 0, "E-WORKER",
                    "cannot start a worker process (%s); building in one",
                    strerror(errno));
        run_here(n, job, progress, ud, status, diag);
        ok = false;
        goto done;
    }

    /* Read every pipe to its end, showing progress while the workers run. */
    struct pollfd *pfd = xcalloc((size_t)started, sizeof(struct pollfd));
    int open_pipes = started;
    for (int w = 0; w < started; w++)
        pfd[w] = (struct pollfd){fds[w], POLLIN, 0};
    while (open_pipes > 0) {
        if (progress)
            progress(__atomic_load_n(&sh->done, __ATOMIC_SEQ_CST), n,
                     __atomic_load_n(&sh->current, __ATOMIC_SEQ_CST), ud);
        if (poll(pfd, (nfds_t)started, 100) < 0 && errno != EINTR)
            break;
        for (int w = 0; w < started; w++) {
            if (pfd[w].fd < 0 || !(pfd[w].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            char chunk[65536];
            ssize_t got = read(pfd[w].fd, chunk, sizeof chunk);
            if (got > 0) {
                buf_add(&data[w], chunk, (size_t)got);
            } else if (got == 0 || errno != EINTR) {
                close(pfd[w].fd);
                pfd[w].fd = -1;
                open_pipes--;
            }
        }
    }
    free(pfd);
    for (int w = 0; w < started; w++) {
        int ws = 0;
        while (waitpid(pids[w], &ws, 0) < 0 && errno == EINTR)
            ;
        if (WIFSIGNALED(ws) || (WIFEXITED(ws) && WEXITSTATUS(ws) != 0)) {
            ok = false;
            if (WIFSIGNALED(ws))
                diag_report(diag, DIAG_ERROR, "sbornik", 0, 0, "E-WORKER",
                            "a worker process was stopped by signal %d",
                            WTERMSIG(ws));
            else
                diag_report(diag, DIAG_ERROR, "sbornik", 0, 0, "E-WORKER",
                            "a worker process failed (exit %d)",
                            WEXITSTATUS(ws));
        }
    }
    if (progress)
        progress(__atomic_load_n(&sh->done, __ATOMIC_SEQ_CST), n,
                 __atomic_load_n(&sh->current, __ATOMIC_SEQ_CST), ud);

    /* The workers' diagnostics, in job order. */
    record *recs = NULL;
    size_t nrecs = 0;
    for (int w = 0; w < started; w++)
        parse_records(&data[w], &recs, &nrecs);
    if (nrecs)
        qsort(recs, nrecs, sizeof(record), compare_records);
    for (size_t r = 0; r < nrecs; r++)
        diag_report(diag, recs[r].e.sev, recs[r].e.path, recs[r].e.line,
                    recs[r].e.col, recs[r].e.code, "%s", recs[r].e.message);
    free(recs);
    for (size_t i = 0; i < n; i++)
        status[i] = sh->status[i];
done:
    for (int w = 0; w < started; w++)
        buf_free(&data[w]);
    free(data);
    free(fds);
    free(pids);
    munmap(sh, size);
    return ok;
}
