/*
 * watch.c: rebuild on change (see watch.h).
 */
#include "watch.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"

/* Set by SIGINT/SIGTERM: finish the current build, then stop. */
static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

enum {
    WATCH_MASK = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE |
                 IN_DELETE | IN_ATTRIB | IN_DELETE_SELF,
    QUIET_MS = 150,         /* a burst of events ends after this silence */
    MAX_DEPTH = 32,
};

/*
 * Watch dir and every folder below it, hidden ones and the output folder
 * excepted (writing outputs must not trigger a build).  Adding a watch
 * twice is harmless: it is done again after every build, so that new
 * folders are seen.
 */
static void watch_tree(int fd, const char *dir, const char *out_real, int depth)
{
    char real[PATH_MAX];
    if (depth > MAX_DEPTH || !realpath(dir, real) ||
        (out_real && !strcmp(real, out_real)))
        return;
    if (inotify_add_watch(fd, dir, WATCH_MASK | IN_ONLYDIR) < 0)
        return;
    DIR *d = opendir(dir);
    if (!d)
        return;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue;
        buf sub = BUF_INIT;
        buf_addf(&sub, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(sub.data, &st) == 0 && S_ISDIR(st.st_mode))
            watch_tree(fd, sub.data, out_real, depth + 1);
        buf_free(&sub);
    }
    closedir(d);
}

/* Whether an event names a file worth a rebuild: not an editor's hidden
   swap or backup file. */
static bool relevant(const struct inotify_event *ev)
{
    if (!ev->len)
        return true;
    size_t n = strlen(ev->name);
    return ev->name[0] != '.' && ev->name[n - 1] != '~';
}

/* Drain the events waiting on fd; true if one of them matters. */
static bool read_events(int fd)
{
    char chunk[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
    bool any = false;
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n <= 0)
            return any;
        for (char *p = chunk; p < chunk + n;) {
            const struct inotify_event *ev = (const struct inotify_event *)p;
            any |= (ev->mask & IN_Q_OVERFLOW) || relevant(ev);
            p += sizeof(struct inotify_event) + ev->len;
        }
    }
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void build_and_report(watch_build_fn build, void *ud)
{
    double start = now_seconds();
    build_stats stats = {0, 0, 0, 0, 0};
    build(&stats, ud);
    double took = now_seconds() - start;
    char clock[16] = "";
    time_t t = time(NULL);
    struct tm tm;
    if (localtime_r(&t, &tm))
        strftime(clock, sizeof clock, "%H:%M:%S", &tm);
    fprintf(stderr, "%s built %zu of %zu document%s in %.2f s: %zu error%s, "
                    "%zu warning%s\n",
            clock, stats.written, stats.documents,
            stats.documents == 1 ? "" : "s", took, stats.errors,
            stats.errors == 1 ? "" : "s", stats.warnings,
            stats.warnings == 1 ? "" : "s");
    fflush(stderr);
}

int watch_run(const char *project, const char *out_dir, watch_build_fn build,
              void *ud)
{
    int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd < 0) {
        fprintf(stderr, "sbornik: cannot watch %s: %s\n", project, strerror(errno));
        return EXIT_ENVIRONMENT;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    /*
     * Watches are set before each build, so that a change made while it
     * runs is seen by the next; again after it, for the output folder,
     * which exists once something was written, and for new folders.
     */
    char out_buf[PATH_MAX];
    watch_tree(fd, project, realpath(out_dir, out_buf) ? out_buf : NULL, 0);
    build_and_report(build, ud);
    fprintf(stderr, "watching %s for changes (Ctrl-C stops)\n", project);
    fflush(stderr);
    while (!stop) {
        watch_tree(fd, project, realpath(out_dir, out_buf) ? out_buf : NULL, 0);
        struct pollfd p = {fd, POLLIN, 0};
        int r = poll(&p, 1, -1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            break;
        if (!read_events(fd))
            continue;
        /* Let the burst end: a save is often several events. */
        while (!stop && poll(&p, 1, QUIET_MS) > 0)
            read_events(fd);
        if (!stop)
            build_and_report(build, ud);
    }
    close(fd);
    return EXIT_BUILT;
}
