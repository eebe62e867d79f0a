/*
 * output.c: atomic, confined writes (see output.h).
 */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"

/* A relative path with no '..', '.' or empty segment. */
static bool confined(const char *rel)
{
    if (!*rel || rel[0] == '/')
        return false;
    const char *seg = rel;
    for (const char *c = rel;; c++) {
        if (*c == '/' || *c == '\0') {
            size_t n = (size_t)(c - seg);
            if (n == 0 || (n == 1 && seg[0] == '.') ||
                (n == 2 && seg[0] == '.' && seg[1] == '.'))
                return false;
            if (!*c)
                return true;
            seg = c + 1;
        }
    }
}

/* mkdir -p of the folders of path (not the last segment). */
static bool make_parents(const char *path)
{
    char *copy = xstrdup(path);
    bool ok = true;
    for (char *p = copy + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(copy, 0777) != 0 && errno != EEXIST)
            ok = false;
        *p = '/';
        if (!ok)
            break;
    }
    free(copy);
    return ok;
}

bool output_write(const char *dir, const char *rel, const void *data,
                  size_t len, diag_sink *diag)
{
    buf path = BUF_INIT, tmp = BUF_INIT;
    bool ok = false;
    int fd = -1;
    if (!confined(rel)) {
        diag_report(diag, DIAG_ERROR, rel, 0, 0, "E-OUTPUT-PATH",
                    "refusing to write outside the output folder");
        return false;
    }
    buf_addf(&path, "%s/%s", dir, rel);
    if (!make_parents(path.data)) {
        diag_report(diag, DIAG_ERROR, path.data, 0, 0, "E-OUTPUT",
                    "cannot create its folder: %s", strerror(errno));
        goto done;
    }
    /* Same folder, so rename() is atomic; the name marks it as ours. */
    const char *slash = strrchr(path.data, '/');
    buf_add(&tmp, path.data, (size_t)(slash - path.data) + 1);
    buf_addf(&tmp, ".%s.sbornik-tmp-XXXXXX", slash + 1);
    fd = mkstemp(tmp.data);
    if (fd < 0) {
        diag_report(diag, DIAG_ERROR, path.data, 0, 0, "E-OUTPUT",
                    "cannot create a temporary file: %s", strerror(errno));
        goto done;
    }
    const char *p = data;
    size_t left = len;
    while (left) {
        ssize_t n = write(fd, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            diag_report(diag, DIAG_ERROR, path.data, 0, 0, "E-OUTPUT",
                        "cannot write: %s", strerror(errno));
            goto done;
        }
        p += n;
        left -= (size_t)n;
    }
    if (fchmod(fd, 0644) != 0 || fsync(fd) != 0) {
        diag_report(diag, DIAG_ERROR, path.data, 0, 0, "E-OUTPUT",
                    "cannot flush to disk: %s", strerror(errno));
        goto done;
    }
    if (close(fd) != 0) {
        fd = -1;
        diag_report(diag, DIAG_ERROR, path.data, 0, 0, "E-OUTPUT",
                    "cannot close: %s", strerror(errno));
        goto done;
    }
    fd = -1;
    if (rename(tmp.data, path.data) != 0) {
        diag_report(diag, DIAG_ERROR, path.data, 0, 0, "E-OUTPUT",
                    "cannot rename into place: %s", strerror(errno));
        goto done;
    }
    ok = true;
done:
    if (fd >= 0)
        close(fd);
    if (!ok && tmp.data)
        unlink(tmp.data);
    buf_free(&path);
    buf_free(&tmp);
    return ok;
}

bool output_write_xml(const char *dir, const char *rel, xmlDocPtr doc,
                      diag_sink *diag)
{
    xmlChar *mem = NULL;
    int size = 0;
    xmlDocDumpFormatMemoryEnc(doc, &mem, &size, "UTF-8", 1);
    if (!mem) {
        diag_report(diag, DIAG_ERROR, rel, 0, 0, "E-OUTPUT",
                    "cannot serialise the tree");
        return false;
    }
    bool ok = output_write(dir, rel, mem, (size_t)size, diag);
    xmlFree(mem);
    return ok;
}
