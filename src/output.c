/*
 * output.c: atomic, confined writes (see output.h).
 */
#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"

bool output_confined(const char *rel)
{
    if (!rel || !*rel || rel[0] == '/')
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

/* Report once: the same folder would otherwise be named for every file. */
static void report_once(diag_sink *diag, const char *path, const char *code,
                        const char *message)
{
    diag_entry e;
    for (size_t i = 0; diag_get(diag, i, &e); i++)
        if (!strcmp(e.path, path) && !strcmp(e.code, code) &&
            !strcmp(e.message, message))
            return;
    diag_report(diag, DIAG_ERROR, path, 0, 0, code, "%s", message);
}

/*
 * The folder of dir/rel's last segment, open (O_DIRECTORY), created as
 * needed; -1 after reporting.  DIR itself was named on the command line
 * and is taken as it is (mkdir -p, links followed); below it every folder
 * is opened with O_NOFOLLOW, so that a symbolic link inside DIR (DIR/docs
 * pointing elsewhere) is refused rather than written through, and no one
 * can swap a folder for a link between a check and the write.
 */
static int open_parent(const char *dir, const char *rel, const char *target,
                       diag_sink *diag)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) {
        buf d = BUF_INIT;
        buf_addf(&d, "%s/", dir);
        if (make_parents(d.data))
            fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        buf_free(&d);
    }
    if (fd < 0) {
        diag_report(diag, DIAG_ERROR, target, 0, 0, "E-OUTPUT",
                    "cannot create its folder: %s", strerror(errno));
        return -1;
    }
    buf where = BUF_INIT;
    buf_add(&where, dir, strlen(dir));
    const char *seg = rel;
    for (const char *slash; (slash = strchr(seg, '/')) != NULL; seg = slash + 1) {
        char *name = xstrndup(seg, (size_t)(slash - seg));
        buf_addf(&where, "/%s", name);
        int flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
        int next = openat(fd, name, flags);
        if (next < 0 && errno == ENOENT &&
            (mkdirat(fd, name, 0777) == 0 || errno == EEXIST))
            next = openat(fd, name, flags);
        int err = errno;
        struct stat st;
        bool link = next < 0 && fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
                    S_ISLNK(st.st_mode);
        free(name);
        close(fd);
        fd = next;
        if (fd < 0) {
            if (link)
                report_once(diag, where.data, "E-OUTPUT-PATH",
                            "a symbolic link inside the output folder; outputs "
                            "are never written through one: remove it");
            else
                diag_report(diag, DIAG_ERROR, target, 0, 0, "E-OUTPUT",
                            "cannot create its folder: %s", strerror(err));
            break;
        }
    }
    buf_free(&where);
    return fd;
}

/*
 * A new temporary file beside name in folder fd: ".<name>.sbornik-tmp-"
 * and six random letters (mkstemp's pattern, which output_clean_stale
 * knows), created exclusively; its name in *tmp.
 */
static int create_temp(int fd, const char *name, buf *tmp)
{
    static const char letters[] =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static unsigned counter;
    for (int attempt = 0; attempt < 100; attempt++) {
        unsigned char r[6];
        if (getrandom(r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r) {
            unsigned long v = (unsigned long)getpid() * 2654435761u + counter++ * 40503u +
                              (unsigned long)attempt;
            for (size_t i = 0; i < sizeof r; i++, v /= 62)
                r[i] = (unsigned char)(v % 62);
        }
        buf_clear(tmp);
        buf_addf(tmp, ".%s.sbornik-tmp-", name);
        for (size_t i = 0; i < sizeof r; i++)
            buf_addc(tmp, letters[r[i] % 62]);
        int t = openat(fd, tmp->data,
                       O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (t >= 0)
            return t;
        if (errno != EEXIST)
            break;
    }
    int err = errno;
    buf_clear(tmp);         /* nothing of ours to remove */
    errno = err;
    return -1;
}

/*
 * The journal: what output_write wrote since output_journal_begin.  One
 * per process; a process writes one document at a time (build.c runs
 * documents in parallel in separate processes), so it needs no lock.
 */
static struct {
    bool on;
    output_file *files;
    size_t n, cap;
} journal;

void output_journal_begin(void)
{
    output_journal_end(NULL);
    journal.on = true;
}

static void journal_add(const char *rel, size_t len)
{
    if (!journal.on)
        return;
    if (journal.n == journal.cap) {
        journal.cap = journal.cap ? 2 * journal.cap : 8;
        journal.files = xrealloc(journal.files, journal.cap * sizeof(output_file));
    }
    journal.files[journal.n++] = (output_file){xstrdup(rel), len};
}

size_t output_journal_end(output_file **files)
{
    size_t n = journal.n;
    if (files) {
        *files = journal.files;
    } else {
        for (size_t i = 0; i < journal.n; i++)
            free(journal.files[i].rel);
        free(journal.files);
    }
    journal.on = false;
    journal.files = NULL;
    journal.n = journal.cap = 0;
    return n;
}

bool output_write(const char *dir, const char *rel, const void *data,
                  size_t len, diag_sink *diag)
{
    buf path = BUF_INIT, tmp = BUF_INIT;
    bool ok = false;
    int fd = -1;
    if (!output_confined(rel)) {
        diag_report(diag, DIAG_ERROR, rel, 0, 0, "E-OUTPUT-PATH",
                    "refusing to write outside the output folder");
        return false;
    }
    buf_addf(&path, "%s/%s", dir, rel);
    int dfd = open_parent(dir, rel, path.data, diag);
    if (dfd < 0)
        goto done;
    /* Same folder, so renaming is atomic; the name marks it as ours. */
    const char *name = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
    fd = create_temp(dfd, name, &tmp);
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
    /* renameat replaces a symbolic link named like the output, never
       what it points to. */
    if (renameat(dfd, tmp.data, dfd, name) != 0) {
        diag_report(diag, DIAG_ERROR, path.data, 0, 0, "E-OUTPUT",
                    "cannot rename into place: %s", strerror(errno));
        goto done;
    }
    ok = true;
    journal_add(rel, len);
done:
    if (fd >= 0)
        close(fd);
    if (!ok && dfd >= 0 && tmp.len)
        unlinkat(dfd, tmp.data, 0);
    if (dfd >= 0)
        close(dfd);
    buf_free(&path);
    buf_free(&tmp);
    return ok;
}

/* ------------------------------------------------------------ the folder */

int output_lock(const char *out_dir, diag_sink *diag)
{
    buf path = BUF_INIT, d = BUF_INIT;
    buf_addf(&d, "%s/", out_dir);
    buf_addf(&path, "%s/%s", out_dir, OUTPUT_LOCK);
    int fd = -1;
    if (!make_parents(d.data)) {
        diag_report(diag, DIAG_ERROR, out_dir, 0, 0, "E-OUTPUT",
                    "cannot create the output folder: %s", strerror(errno));
        goto done;
    }
    for (int attempt = 0; attempt < 100; attempt++) {
        fd = open(path.data, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (fd < 0) {
            diag_report(diag, DIAG_ERROR, path.data, 0, 0, "E-OUTPUT",
                        "cannot open the lock of the output folder: %s",
                        strerror(errno));
            goto done;
        }
        /*
         * Not waiting: a second build into the same folder is a mistake of
         * the caller (two CI jobs sharing a workspace), and waiting would
         * hang behind a stopped build with no word said, diagnostics being
         * printed at the end.  Failing at once says which folder and why.
         */
        int r;
        while ((r = flock(fd, LOCK_EX | LOCK_NB)) != 0 && errno == EINTR)
            ;
        if (r != 0) {
            int err = errno;
            close(fd);
            fd = -1;
            if (err == EWOULDBLOCK)
                diag_report(diag, DIAG_ERROR, out_dir, 0, 0, "E-OUTPUT-LOCKED",
                            "another sbornik build is writing into this folder "
                            "(it holds %s); run the builds one after another "
                            "or give each its own -o", OUTPUT_LOCK);
            else
                diag_report(diag, DIAG_ERROR, path.data, 0, 0, "E-OUTPUT",
                            "cannot lock the output folder: %s", strerror(err));
            goto done;
        }
        /* The build that held it removes the file when done: a lock on the
           file it removed locks nothing; open the new one. */
        struct stat held, now;
        if (fstat(fd, &held) == 0 && lstat(path.data, &now) == 0 &&
            held.st_dev == now.st_dev && held.st_ino == now.st_ino)
            goto done;
        close(fd);
        fd = -1;
    }
    diag_report(diag, DIAG_ERROR, path.data, 0, 0, "E-OUTPUT",
                "cannot lock the output folder: its lock keeps changing");
done:
    buf_free(&path);
    buf_free(&d);
    return fd;
}

void output_unlock(const char *out_dir, int fd)
{
    if (fd < 0)
        return;
    /* Removed while held, so that DIR holds only outputs afterwards. */
    buf path = BUF_INIT;
    buf_addf(&path, "%s/%s", out_dir, OUTPUT_LOCK);
    unlink(path.data);
    buf_free(&path);
    close(fd);          /* releases the flock */
}

/* Whether name is one of output_write's temporaries:
   ".<name>.sbornik-tmp-" and six letters or digits. */
static bool stale_name(const char *name)
{
    static const char mark[] = ".sbornik-tmp-";
    size_t n = strlen(name), m = sizeof mark - 1;
    if (name[0] != '.' || n < 1 + 1 + m + 6)
        return false;
    const char *tail = name + n - 6;
    if (strncmp(tail - m, mark, m) != 0)
        return false;
    for (int i = 0; i < 6; i++)
        if (!((tail[i] >= 'a' && tail[i] <= 'z') || (tail[i] >= 'A' && tail[i] <= 'Z') ||
              (tail[i] >= '0' && tail[i] <= '9')))
            return false;
    return true;
}

/* Below this many folders the output folder holds nothing of ours. */
#define CLEAN_DEPTH 64

/* output_clean_stale in the open folder fd (taken over), at where. */
static size_t clean_folder(int fd, const char *where, int depth, diag_sink *diag)
{
    DIR *d = fdopendir(fd);
    if (!d) {
        close(fd);
        return 0;
    }
    size_t removed = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *name = e->d_name;
        if (!strcmp(name, ".") || !strcmp(name, ".."))
            continue;
        struct stat st;
        if (fstatat(dirfd(d), name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        if (S_ISREG(st.st_mode) && stale_name(name)) {
            if (unlinkat(dirfd(d), name, 0) == 0)
                removed++;
            else
                diag_report(diag, DIAG_WARNING, where, 0, 0, "W-OUTPUT-STALE",
                            "cannot remove the temporary file %s of an "
                            "interrupted build: %s", name, strerror(errno));
        } else if (S_ISDIR(st.st_mode) && depth < CLEAN_DEPTH) {
            /* O_NOFOLLOW: a link swapped in since fstatat is not entered. */
            int sub = openat(dirfd(d), name,
                             O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (sub >= 0) {
                buf w = BUF_INIT;
                buf_addf(&w, "%s/%s", where, name);
                removed += clean_folder(sub, w.data, depth + 1, diag);
                buf_free(&w);
            }
        }
    }
    closedir(d);
    return removed;
}

size_t output_clean_stale(const char *out_dir, diag_sink *diag)
{
    int fd = open(out_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    return fd < 0 ? 0 : clean_folder(fd, out_dir, 0, diag);
}

/* Elements that only occur inside text (the inline elements of the schema). */
static bool is_inline(xmlNodePtr n)
{
    static const char *const names[] = {"i", "b", "s", "code", "link", "br",
                                        "fnref", "ref", "field", "image"};
    if (n->type != XML_ELEMENT_NODE)
        return false;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (!strcmp((const char *)n->name, names[i]))
            return true;
    return false;
}

/*
 * libxml2 indents the children of an element that holds no text, which
 * inside text would add spaces that are not there («<name><field>…» would
 * read back as « <field>… »).  An empty text node in each such element
 * turns indenting off there and prints as nothing.
 */
static void protect_inline(xmlNodePtr n)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        bool text = false, inline_child = false;
        for (xmlNodePtr c = n->children; c; c = c->next) {
            text |= c->type == XML_TEXT_NODE;
            inline_child |= is_inline(c);
        }
        if (inline_child && !text)
            xmlAddPrevSibling(n->children, xmlNewText(BAD_CAST ""));
        protect_inline(n->children);
    }
}

xmlChar *output_xml_text(xmlDocPtr doc, int *size)
{
    xmlChar *mem = NULL;
    protect_inline(xmlDocGetRootElement(doc));
    xmlDocDumpFormatMemoryEnc(doc, &mem, size, "UTF-8", 1);
    return mem;
}

bool output_write_xml(const char *dir, const char *rel, xmlDocPtr doc,
                      diag_sink *diag)
{
    int size = 0;
    xmlChar *mem = output_xml_text(doc, &size);
    if (!mem) {
        diag_report(diag, DIAG_ERROR, rel, 0, 0, "E-OUTPUT",
                    "cannot serialise the tree");
        return false;
    }
    bool ok = output_write(dir, rel, mem, (size_t)size, diag);
    xmlFree(mem);
    return ok;
}

bool output_each_image(xmlNodePtr n, bool (*fn)(const char *src, void *ud),
                       void *ud)
{
    bool ok = true;
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (!strcmp((const char *)n->name, "image")) {
            xmlChar *src = xmlGetProp(n, BAD_CAST "src");
            if (src)
                ok &= fn((const char *)src, ud);
            xmlFree(src);
        }
        ok &= output_each_image(n->children, fn, ud);
    }
    return ok;
}

char *output_name(xmlDocPtr tree, const char *ext)
{
    xmlNodePtr root = xmlDocGetRootElement(tree);
    xmlChar *id = root ? xmlGetProp(root, BAD_CAST "id") : NULL;
    buf name = BUF_INIT;
    bool collection = root && !strcmp((const char *)root->name, "collection");
    buf_addf(&name, "%s%s.%s", collection ? "" : "docs/",
             id ? (const char *)id : "unnamed", ext);
    xmlFree(id);
    return buf_detach(&name);
}

/* ------------------------------------------------------------ the XML writer */

static void *xml_open(const output_target *t)
{
    (void)t;
    static int token;
    return &token;      /* nothing to load */
}

static bool xml_write(void *w, const output_target *t, xmlDocPtr tree)
{
    (void)w;
    char *name = output_name(tree, "xml");
    bool ok = output_write_xml(t->out_dir, name, tree, t->diag);
    free(name);
    return ok;
}

static void xml_close(void *w)
{
    (void)w;
}

const output_writer output_xml_writer = {
    "xml", true, xml_open, xml_write, NULL, xml_close,
};
