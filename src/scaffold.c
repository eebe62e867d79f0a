/*
 * scaffold.c: new projects and sources from templates (see scaffold.h).
 *
 * Both commands first work out every file they will write and refuse, naming
 * what is in the way, before creating anything; files are then created with
 * O_EXCL, and when one cannot be written what was already made is removed
 * again, so a failed init leaves the folder as it found it.
 */
#include "scaffold.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "build.h"
#include "datadir.h"
#include "diag.h"
#include "frontmatter.h"
#include "project.h"

/* Where `new` puts each kind's sources, below the project root. */
static const char *const FOLDERS[KIND_COUNT] = {
    [KIND_ORDER] = "orders",         [KIND_LETTER] = "letters",
    [KIND_DOCUMENT] = "documents",   [KIND_CONCEPT] = "concepts",
    [KIND_ROADMAP] = "roadmaps",     [KIND_ARTICLE] = "articles",
    [KIND_COLLECTION] = "collections",
};

/* Templates are a few kilobytes; anything this big is not one. */
enum { MAX_TEMPLATE = 1 << 20, MAX_DEPTH = 16 };

/* ------------------------------------------------------------ helpers */

typedef struct {
    char **items;
    size_t n, cap;
} strlist;

static void strlist_add(strlist *l, char *s)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 16;
        l->items = xrealloc(l->items, l->cap * sizeof *l->items);
    }
    l->items[l->n++] = s;
}

static void strlist_free(strlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i]);
    free(l->items);
    l->items = NULL;
    l->n = l->cap = 0;
}

static int compare_strs(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* dir/rel, or rel alone when dir is "." (for messages and for opening). */
static char *join(const char *dir, const char *rel)
{
    if (!strcmp(dir, "."))
        return xstrdup(rel);
    buf b = BUF_INIT;
    buf_adds(&b, dir);
    if (dir[0] && dir[strlen(dir) - 1] != '/')
        buf_addc(&b, '/');
    buf_adds(&b, rel);
    return buf_detach(&b);
}

/* A marker of the templates and what replaces it. */
typedef struct {
    const char *name;       /* "@YEAR@" */
    const char *value;
} marker;

static char *expand(const char *text, const marker *m, size_t n)
{
    buf out = BUF_INIT;
    const char *p = text;
    while (*p) {
        bool hit = false;
        if (*p == '@') {
            for (size_t i = 0; i < n && !hit; i++) {
                size_t len = strlen(m[i].name);
                if (!strncmp(p, m[i].name, len)) {
                    buf_adds(&out, m[i].value);
                    p += len;
                    hit = true;
                }
            }
        }
        if (!hit)
            buf_addc(&out, *p++);
    }
    return out.data ? buf_detach(&out) : xstrdup("");
}

/* Today as YYYY-MM-DD and YYYY: SOURCE_DATE_EPOCH (UTC) or the clock. */
static void today(char date[40], char year[16])
{
    time_t t = time(NULL);
    struct tm tm;
    const char *env = getenv("SOURCE_DATE_EPOCH");
    char *end = NULL;
    long long v = env && *env ? strtoll(env, &end, 10) : -1;
    if (env && *env && !*end && v >= 0) {
        t = (time_t)v;
        gmtime_r(&t, &tm);
    } else {
        localtime_r(&t, &tm);
    }
    int y = tm.tm_year + 1900;
    if (y < 1000 || y > 9999)
        y = 2000;   /* a date the format accepts */
    snprintf(date, 40, "%04d-%02d-%02d", y, tm.tm_mon + 1, tm.tm_mday);
    snprintf(year, 16, "%04d", y);
}

/* The whole file, NUL-terminated; NULL (errno set) when it cannot be. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    buf b = BUF_INIT;
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        buf_add(&b, chunk, n);
        if (b.len > MAX_TEMPLATE) {
            errno = EFBIG;
            break;
        }
    }
    bool ok = !ferror(f) && b.len <= MAX_TEMPLATE;
    int saved = errno;
    fclose(f);
    if (!ok) {
        buf_free(&b);
        errno = saved ? saved : EIO;
        return NULL;
    }
    return b.data ? buf_detach(&b) : xstrdup("");
}

/* Every regular file below root/rel, as paths relative to root. */
static bool collect(const char *root, const char *rel, int depth, strlist *out)
{
    if (depth > MAX_DEPTH) {
        errno = ELOOP;
        return false;
    }
    char *dir = *rel ? join(root, rel) : xstrdup(root);
    DIR *d = opendir(dir);
    if (!d) {
        free(dir);
        return false;
    }
    bool ok = true;
    struct dirent *e;
    while (ok && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char *sub = *rel ? join(rel, e->d_name) : xstrdup(e->d_name);
        char *full = join(root, sub);
        struct stat st;
        if (lstat(full, &st) != 0) {
            ok = false;
        } else if (S_ISDIR(st.st_mode)) {
            ok = collect(root, sub, depth + 1, out);
        } else if (S_ISREG(st.st_mode)) {
            strlist_add(out, sub);
            sub = NULL;
        }
        free(sub);
        free(full);
    }
    closedir(d);
    free(dir);
    return ok;
}

/* What one run created, to be removed again when a later step fails. */
typedef struct {
    strlist files, dirs;
} made;

static void made_undo(made *m)
{
    for (size_t i = m->files.n; i-- > 0;)
        unlink(m->files.items[i]);
    for (size_t i = m->dirs.n; i-- > 0;)
        rmdir(m->dirs.items[i]);
}

static void made_free(made *m)
{
    strlist_free(&m->files);
    strlist_free(&m->dirs);
}

/* mkdir -p of the folder holding path; false (errno set) on failure. */
static bool make_parents(const char *path, made *m)
{
    char *p = xstrdup(path);
    char *last = strrchr(p, '/');
    bool ok = true;
    if (last) {
        *last = '\0';
        for (char *s = p + 1; ok; s++) {
            if (*s != '/' && *s != '\0')
                continue;
            char c = *s;
            *s = '\0';
            struct stat st;
            if (mkdir(p, 0777) == 0)
                strlist_add(&m->dirs, xstrdup(p));
            else if (errno != EEXIST)
                ok = false;
            else if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode))
                ok = (errno = ENOTDIR, false);
            *s = c;
            if (!c)
                break;
        }
    }
    free(p);
    return ok;
}

/* Create path with text, never over an existing file. */
static bool create_file(const char *path, const char *text, made *m)
{
    if (!make_parents(path, m))
        return false;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0)
        return false;
    strlist_add(&m->files, xstrdup(path));
    size_t len = strlen(text), done = 0;
    while (done < len) {
        ssize_t w = write(fd, text + done, len - done);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            int saved = errno;
            close(fd);
            errno = saved;
            return false;
        }
        done += (size_t)w;
    }
    return close(fd) == 0;
}

/* The templates folder of the data folder, or NULL after saying why. */
static char *templates_path(const char *sub, FILE *err)
{
    buf b = BUF_INIT;
    buf_addf(&b, "%s/templates/%s", datadir_path(NULL), sub);
    if (access(b.data, R_OK) != 0) {
        fprintf(err, "sbornik: cannot read the template %s: %s (set SBORNIK_DATA "
                     "to the folder holding templates/)\n", b.data, strerror(errno));
        buf_free(&b);
        return NULL;
    }
    return buf_detach(&b);
}

/*
 * s as a YAML scalar: plain when it is made of letters, digits, spaces and
 * "-_./" (and does not start with '-' or a space), else double-quoted.
 */
static void add_yaml_scalar(buf *out, const char *s)
{
    size_t len = strlen(s);
    bool plain = len > 0 && s[0] != '-' && s[0] != ' ' && s[len - 1] != ' ';
    for (const char *c = s; plain && *c; c++) {
        unsigned char u = (unsigned char)*c;
        plain = u >= 0x80 || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') ||
                (u >= '0' && u <= '9') || strchr("-_./ ", u);
    }
    if (plain) {
        buf_adds(out, s);
        return;
    }
    buf_addc(out, '"');
    for (const char *c = s; *c; c++) {
        if (*c == '"' || *c == '\\')
            buf_addc(out, '\\');
        if ((unsigned char)*c >= 0x20)
            buf_addc(out, *c);
    }
    buf_addc(out, '"');
}

/* ------------------------------------------------------------ init */

int scaffold_init(const char *dir, FILE *out, FILE *err)
{
    struct stat st;
    if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
        fprintf(err, "sbornik: %s: exists and is not a folder\n", dir);
        return EXIT_USAGE;
    }
    char *troot = templates_path("init", err);
    if (!troot)
        return EXIT_ENVIRONMENT;
    strlist rels = {0};
    if (!collect(troot, "", 0, &rels) || rels.n == 0) {
        fprintf(err, "sbornik: cannot read the project template %s: %s\n", troot,
                rels.n ? strerror(errno) : "it is empty");
        strlist_free(&rels);
        free(troot);
        return EXIT_ENVIRONMENT;
    }
    qsort(rels.items, rels.n, sizeof *rels.items, compare_strs);

    char date[40], year[16];
    today(date, year);
    const marker marks[] = {{"@YEAR@", year}, {"@DATE@", date}};
    const size_t nmarks = sizeof marks / sizeof *marks;

    /* Where each file goes, and whether anything is in the way. */
    strlist dests = {0};
    buf taken = BUF_INIT;
    size_t ntaken = 0;
    for (size_t i = 0; i < rels.n; i++) {
        char *rel = expand(rels.items[i], marks, nmarks);
        char *dest = join(dir, rel);
        if (lstat(dest, &st) == 0) {
            buf_addf(&taken, "%s%s", ntaken++ ? ", " : "", dest);
        }
        strlist_add(&dests, dest);
        free(rel);
    }
    int code = EXIT_BUILT;
    if (ntaken) {
        fprintf(err, "sbornik: %s: refusing to overwrite %s (%s); init starts a "
                     "new project: give an empty or a new folder\n",
                dir, ntaken == 1 ? "a file that exists" : "files that exist",
                taken.data);
        code = EXIT_USAGE;
    }

    made m = {{0}, {0}};
    for (size_t i = 0; code == EXIT_BUILT && i < rels.n; i++) {
        char *src = join(troot, rels.items[i]);
        char *text = slurp(src);
        if (!text) {
            fprintf(err, "sbornik: cannot read the template %s: %s\n", src, strerror(errno));
            code = EXIT_ENVIRONMENT;
        } else {
            char *filled = expand(text, marks, nmarks);
            if (!create_file(dests.items[i], filled, &m)) {
                fprintf(err, "sbornik: %s: cannot create: %s\n", dests.items[i],
                        strerror(errno));
                code = EXIT_ENVIRONMENT;
            }
            free(filled);
        }
        free(text);
        free(src);
    }
    if (code == EXIT_ENVIRONMENT)
        made_undo(&m);
    if (code == EXIT_BUILT) {
        fprintf(out, "Created a new sbornik project in %s:\n", dir);
        for (size_t i = 0; i < dests.n; i++)
            fprintf(out, "  %s\n", dests.items[i]);
        char *config = join(dir, "sbornik.yaml");
        fprintf(out, "Next: put your organisation into %s, then build it:\n", config);
        if (!strcmp(dir, "."))
            fputs("  sbornik build .\n", out);
        else
            fprintf(out, "  cd %s && sbornik build .\n", dir);
        free(config);
    }
    made_free(&m);
    buf_free(&taken);
    strlist_free(&dests);
    strlist_free(&rels);
    free(troot);
    return code;
}

/* ------------------------------------------------------------ new */

/* The organisation a new source names: the default, or the first known. */
static const char *project_issuer(const sb_project *p)
{
    const char *s = fm_str(fm_get(fm_get(p->config, "defaults"), "issuer"));
    if (s && *s)
        return s;
    const fm_node *orgs = fm_get(p->config, "organisations");
    if (orgs && orgs->type == FM_MAP && orgs->n)
        return orgs->pairs[0].key;
    return "Наименование организации";
}

/*
 * A new collection's items: every document of the project that is neither
 * a collection nor an annex (those come with their order), one block-list
 * line each.
 */
static char *collection_items(const sb_project *p)
{
    buf b = BUF_INIT;
    for (size_t i = 0; i < p->nsources; i++) {
        const sb_source *s = p->sources[i];
        if (s->failed || !s->id || s->kind == KIND_COLLECTION ||
            s->kind == KIND_UNKNOWN || s->annex_of)
            continue;
        buf_adds(&b, b.len ? "\n      - " : "      - ");
        add_yaml_scalar(&b, s->id);
    }
    if (!b.len)
        buf_adds(&b, "      - orders/*.md   # id документов или пути к ним");
    return buf_detach(&b);
}

static sb_kind kind_named(const char *name)
{
    for (int k = 0; k < KIND_COUNT; k++)
        if (!strcmp(kind_name((sb_kind)k), name))
            return (sb_kind)k;
    return KIND_UNKNOWN;
}

int scaffold_new(const char *kind, const char *id, const char *dir,
                 FILE *out, FILE *err)
{
    sb_kind k = kind_named(kind);
    if (k == KIND_UNKNOWN) {
        fprintf(err, "sbornik: unknown kind '%s' (known: order, letter, document, "
                     "concept, roadmap, article, collection)\n", kind);
        return EXIT_USAGE;
    }
    const char *why = project_id_problem(id);
    size_t idlen = strlen(id);
    if (!why && idlen > 3 && !strcmp(id + idlen - 3, ".md"))
        why = "ends in .md: give the id, the file is named after it";
    if (why) {
        fprintf(err, "sbornik: id '%s' %s\n", id, why);
        return EXIT_USAGE;
    }
    struct stat st;
    if (dir && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))) {
        fprintf(err, "sbornik: %s: no such project folder (sbornik init %s "
                     "starts one)\n", dir, dir);
        return EXIT_USAGE;
    }
    char *root = dir ? xstrdup(dir) : project_root_of("./sbornik.yaml");
    buf tpl = BUF_INIT;
    buf_addf(&tpl, "new/%s.md", kind);
    char *tpath = templates_path(tpl.data, err);
    buf_free(&tpl);
    char *text = tpath ? slurp(tpath) : NULL;
    if (tpath && !text)
        fprintf(err, "sbornik: cannot read the template %s: %s\n", tpath, strerror(errno));
    free(tpath);
    if (!text) {
        free(root);
        return EXIT_ENVIRONMENT;
    }

    /* The project as it is, for its ids, organisations and documents. */
    diag_sink *diag = diag_new();
    int code;
    sb_project *p = build_check(root, diag, &code);
    char *rel = NULL, *path = NULL;
    if (!p) {
        fprintf(err, "sbornik: %s: not a project folder\n", root);
    } else {
        buf r = BUF_INIT;
        buf_addf(&r, "%s/%s.md", FOLDERS[k], id);
        rel = buf_detach(&r);
        path = join(root, rel);
        const sb_source *same = project_find_id(p, id);
        if (same) {
            fprintf(err, "sbornik: id '%s' is taken: %s has it\n", id, same->path);
            code = EXIT_USAGE;
        } else if (lstat(path, &st) == 0) {
            fprintf(err, "sbornik: %s exists; choose another id\n", path);
            code = EXIT_USAGE;
        } else {
            code = EXIT_BUILT;
        }
    }
    if (p && code == EXIT_BUILT) {
        char date[40], year[16];
        today(date, year);
        buf issuer = BUF_INIT;
        add_yaml_scalar(&issuer, project_issuer(p));
        char *items = collection_items(p);
        const marker marks[] = {
            {"@ID@", id},       {"@YEAR@", year},   {"@DATE@", date},
            {"@ISSUER@", issuer.data}, {"@ITEMS@", items},
        };
        char *filled = expand(text, marks, sizeof marks / sizeof *marks);
        made m = {{0}, {0}};
        if (create_file(path, filled, &m)) {
            fprintf(out, "created %s\n", path);
        } else {
            fprintf(err, "sbornik: %s: cannot create: %s\n", path, strerror(errno));
            made_undo(&m);
            code = EXIT_ENVIRONMENT;
        }
        made_free(&m);
        free(filled);
        free(items);
        buf_free(&issuer);
    }
    if (p)
        project_free(p);
    diag_free(diag);
    free(path);
    free(rel);
    free(text);
    free(root);
    return code;
}
