/*
 * datadir.c: where sbornik's data is (see datadir.h).
 */
#include "datadir.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef SBORNIK_INSTALL_DATA
#define SBORNIK_INSTALL_DATA "/usr/local/share/sbornik"
#endif

/* The file whose presence says "this folder is sbornik's data". */
#define DATADIR_PROBE "schemas/sbornik.xsd"

static bool holds_data(const char *dir)
{
    char probe[PATH_MAX];
    int n = snprintf(probe, sizeof probe, "%s/" DATADIR_PROBE, dir);
    return n > 0 && (size_t)n < sizeof probe && access(probe, R_OK) == 0;
}

/* Cut the last path component off path, in place; false at the root. */
static bool cut_last(char *path)
{
    char *slash = strrchr(path, '/');
    if (!slash || slash == path)
        return false;
    *slash = '\0';
    return true;
}

/*
 * Rules 2 and 3, from where the executable is.  The executable does not
 * move while it runs, so the answer is found once.
 */
static const char *beside_binary(datadir_origin *origin)
{
    static bool done;
    static char found[PATH_MAX];
    static datadir_origin how;
    if (!done) {
        done = true;
        char exe[PATH_MAX];
        ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
        if (n > 0) {
            exe[n] = '\0';
            /* exe → its folder (bin/, build/) → the folder above. */
            if (cut_last(exe) && cut_last(exe)) {
                if (holds_data(exe)) {
                    snprintf(found, sizeof found, "%s", exe);
                    how = DATADIR_TREE;
                } else {
                    char share[PATH_MAX];
                    int m = snprintf(share, sizeof share, "%s/share/sbornik", exe);
                    if (m > 0 && (size_t)m < sizeof share && holds_data(share)) {
                        snprintf(found, sizeof found, "%s", share);
                        how = DATADIR_BESIDE;
                    }
                }
            }
        }
    }
    if (!found[0])
        return NULL;
    *origin = how;
    return found;
}

const char *datadir_path(datadir_origin *origin)
{
    datadir_origin dummy;
    if (!origin)
        origin = &dummy;
    const char *env = getenv("SBORNIK_DATA");
    if (env && *env) {
        *origin = DATADIR_ENV;
        return env;
    }
    const char *dir = beside_binary(origin);
    if (dir)
        return dir;
    *origin = DATADIR_BUILTIN;
    return SBORNIK_INSTALL_DATA;
}

const char *datadir_origin_name(datadir_origin origin)
{
    switch (origin) {
    case DATADIR_ENV:
        return "from SBORNIK_DATA";
    case DATADIR_TREE:
        return "the source tree the binary runs from";
    case DATADIR_BESIDE:
        return "the installation the binary runs from";
    case DATADIR_BUILTIN:
        break;
    }
    return "compiled in";
}
