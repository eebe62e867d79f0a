/*
 * project.c: find the sources of a project, read them, split and parse
 * their front matter, settle kind and id (see project.h).
 */
#include "project.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "text.h"

static const char *const KIND_NAMES[KIND_COUNT] = {
    "order", "letter", "document", "concept", "roadmap", "article", "collection",
};

/* Largest source we read: far above any real document, below trouble. */
enum { MAX_SOURCE_BYTES = 64 * 1024 * 1024, MAX_SCAN_DEPTH = 32 };

const char *kind_name(sb_kind k)
{
    return k < KIND_COUNT ? KIND_NAMES[k] : "unknown";
}

static sb_kind kind_from_name(const char *s)
{
    for (int k = 0; k < KIND_COUNT; k++)
        if (strcmp(KIND_NAMES[k], s) == 0)
            return (sb_kind)k;
    return KIND_UNKNOWN;
}

/* ------------------------------------------------------------ reading */

typedef enum { READ_OK, READ_TOO_LARGE, READ_FAILED } read_status;

static read_status read_file(const char *path, char **text, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return READ_FAILED;
    buf b = BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b.len + n > MAX_SOURCE_BYTES) {
            fclose(f);
            buf_free(&b);
            return READ_TOO_LARGE;
        }
        buf_add(&b, chunk, n);
    }
    bool failed = ferror(f);
    fclose(f);
    if (failed) {
        buf_free(&b);
        return READ_FAILED;
    }
    *len = b.len;
    *text = buf_detach(&b);
    return READ_OK;
}

/* Length of a line starting at p that reads "---" (or "..."), else 0. */
static size_t fence_line(const char *p, const char *end, bool closing)
{
    if (end - p < 3)
        return 0;
    if (memcmp(p, "---", 3) != 0 && !(closing && memcmp(p, "...", 3) == 0))
        return 0;
    const char *q = p + 3;
    while (q < end && (*q == ' ' || *q == '\t'))
        q++;
    if (q < end && *q == '\r')
        q++;
    if (q == end)
        return (size_t)(q - p);
    if (*q != '\n')
        return 0;
    return (size_t)(q + 1 - p);
}

/*
 * Split text into front matter and body.  Returns false after reporting
 * when the front matter is missing or not closed.
 */
static bool split_front_matter(sb_source *s, diag_sink *diag,
                               size_t *fm_start, size_t *fm_len)
{
    const char *text = s->text, *end = text + s->len;
    size_t open = fence_line(text, end, false);
    if (!open) {
        diag_report(diag, DIAG_ERROR, s->path, 1, 1, "E-FRONTMATTER-MISSING",
                    "missing front matter: a source starts with a '---' line, "
                    "then 'key: value' lines (at least kind and title), then "
                    "another '---' line");
        return false;
    }
    const char *p = text + open;
    int line = 2;
    while (p < end) {
        size_t close = fence_line(p, end, true);
        if (close) {
            *fm_start = open;
            *fm_len = (size_t)(p - text) - open;
            s->body_offset = (size_t)(p - text) + close;
            s->body_line = line + 1;
            return true;
        }
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            break;
        p = nl + 1;
        line++;
    }
    diag_report(diag, DIAG_ERROR, s->path, 1, 1, "E-FRONTMATTER-UNCLOSED",
                "front matter is not closed: no '---' line after this one");
    return false;
}

/* Read one source: bytes, then what project_parse_source finds in them. */
static void load_source(sb_source *s, const char *fs_path, diag_sink *diag)
{
    switch (read_file(fs_path, &s->text, &s->len)) {
    case READ_OK:
        break;
    case READ_TOO_LARGE:
        diag_report(diag, DIAG_ERROR, s->path, 0, 0, "E-SOURCE-TOO-LARGE",
                    "source is larger than %d MB", MAX_SOURCE_BYTES >> 20);
        s->failed = true;
        return;
    case READ_FAILED:
        diag_report(diag, DIAG_ERROR, s->path, 0, 0, "E-SOURCE-READ",
                    "cannot read: %s", strerror(errno));
        s->failed = true;
        return;
    }
    project_parse_source(s, diag);
}

void project_parse_source(sb_source *s, diag_sink *diag)
{
    /* A BOM is tolerated: dropped, but byte offsets stay the file's. */
    size_t bom = 0;
    if (s->len >= 3 && memcmp(s->text, "\xEF\xBB\xBF", 3) == 0) {
        memmove(s->text, s->text + 3, s->len - 2);   /* the NUL too */
        s->len -= 3;
        bom = 3;
    }
    size_t bad;
    if (!utf8_valid(s->text, s->len, &bad)) {
        int line, col;
        text_position(s->text, bad, &line, &col);
        diag_add_source(diag, s->path, s->text, bad);
        diag_report(diag, DIAG_ERROR, s->path, line, col, "E-UTF8",
                    "invalid UTF-8: byte 0x%02X at offset %zu; save the file "
                    "as UTF-8", (unsigned char)s->text[bad], bad + bom);
        s->failed = true;
        return;
    }
    diag_add_source(diag, s->path, s->text, s->len);

    size_t fm_start, fm_len;
    if (!split_front_matter(s, diag, &fm_start, &fm_len)) {
        s->failed = true;
        return;
    }
    s->front = fm_parse(s->text + fm_start, fm_len, s->path, 2, diag);
    if (!s->front) {
        s->failed = true;
        return;
    }

    const fm_pair *kind = fm_get_pair(s->front, "kind");
    const char *kname = kind ? fm_str(kind->value) : NULL;
    if (!kind) {
        diag_report(diag, DIAG_ERROR, s->path, 1, 1, "E-KEY-MISSING",
                    "missing required key 'kind' (one of order, letter, "
                    "document, concept, roadmap, article, collection)");
        s->failed = true;
    } else if (!kname || (s->kind = kind_from_name(kname)) == KIND_UNKNOWN) {
        diag_report(diag, DIAG_ERROR, s->path, kind->value->line,
                    kind->value->col, "E-KIND-UNKNOWN",
                    "unknown kind '%s'; expected one of order, letter, "
                    "document, concept, roadmap, article, collection",
                    kname ? kname : "(not a word)");
        s->failed = true;
    }

    const fm_pair *id = fm_get_pair(s->front, "id");
    if (id) {
        const char *v = fm_str(id->value);
        s->id = xstrdup(v ? v : "");
        s->id_line = id->value->line;
        s->id_col = id->value->col;
    } else {
        s->id = xstrndup(s->rel, strlen(s->rel) - 3);   /* without .md */
        s->id_line = 1;
        s->id_col = 1;
    }
}

/*
 * An id names output files (docs/<id>.pdf), so it must be a safe relative
 * path: letters, digits, '-', '_', '.', '/' between non-empty segments,
 * no '.' or '..' segment.
 */
static const char *id_problem(const char *id)
{
    if (!*id)
        return "is empty";
    const char *seg = id;
    for (const char *c = id;; c++) {
        if (*c == '/' || *c == '\0') {
            size_t n = (size_t)(c - seg);
            if (n == 0)
                return "has an empty path segment";
            if ((n == 1 && seg[0] == '.') || (n == 2 && seg[0] == '.' && seg[1] == '.'))
                return "has a '.' or '..' segment";
            if (seg[0] == '.')
                return "has a segment starting with '.'";
            if (*c == '\0')
                break;
            seg = c + 1;
            continue;
        }
        unsigned char u = (unsigned char)*c;
        if (u >= 0x80)
            continue;   /* letters of any script */
        if (!((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') ||
              (u >= '0' && u <= '9') || u == '-' || u == '_' || u == '.'))
            return "may hold only letters, digits, '-', '_', '.' and '/'";
    }
    return NULL;
}

const char *project_id_problem(const char *id)
{
    return id_problem(id);
}

/* ------------------------------------------------------------ scanning */

typedef struct {
    sb_project *p;
    diag_sink *diag;
    sb_source **list;
    size_t n, cap;
    struct { dev_t dev; ino_t ino; } *dirs;    /* the folders we are inside */
    size_t ndirs;
    bool io_error;
} scan_state;

static bool is_md(const char *name)
{
    size_t n = strlen(name);
    return n > 3 && strcmp(name + n - 3, ".md") == 0;
}

static char *join(const char *a, const char *b)
{
    buf out = BUF_INIT;
    if (*a) {
        buf_adds(&out, a);
        if (a[strlen(a) - 1] != '/')
            buf_addc(&out, '/');
    }
    buf_adds(&out, b);
    return buf_detach(&out);
}

/* Whether the canonical path real lies inside the project root. */
static bool inside_root(const sb_project *p, const char *real)
{
    size_t n = strlen(p->root_real);
    if (strcmp(p->root_real, "/") == 0)
        return true;
    return strncmp(real, p->root_real, n) == 0 &&
           (real[n] == '/' || real[n] == '\0');
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether the folder (dev, ino) is one we are inside: a link loop. */
static bool seen_dir(scan_state *st, const struct stat *sb)
{
    for (size_t i = 0; i < st->ndirs; i++)
        if (st->dirs[i].dev == sb->st_dev && st->dirs[i].ino == sb->st_ino)
            return true;
    return false;
}

/* The target of a symbolic link as written in it, for messages. */
static char *link_target(const char *fs)
{
    char target[PATH_MAX];
    ssize_t n = readlink(fs, target, sizeof target - 1);
    return xstrndup(n > 0 ? target : "?", n > 0 ? (size_t)n : 1);
}

static void scan_dir(scan_state *st, const char *rel_dir, int depth)
{
    sb_project *p = st->p;
    /* Files are opened through the canonical root; messages use the root
     * as the user wrote it. */
    char *fs_dir = join(p->root_real, rel_dir);
    char *shown_dir = join(p->root, rel_dir);
    if (!*shown_dir) {
        free(shown_dir);
        shown_dir = xstrdup(".");
    }
    if (depth > MAX_SCAN_DEPTH) {
        diag_report(st->diag, DIAG_ERROR, shown_dir, 0, 0, "E-SCAN-DEPTH",
                    "folders nested deeper than %d levels are not read",
                    MAX_SCAN_DEPTH);
        goto done;
    }
    DIR *dir = opendir(fs_dir);
    if (!dir) {
        diag_report(st->diag, DIAG_ERROR, shown_dir, 0, 0, "E-SCAN",
                    "cannot read folder: %s", strerror(errno));
        st->io_error = true;
        goto done;
    }
    struct stat self;
    size_t ancestors = st->ndirs;
    if (fstat(dirfd(dir), &self) == 0) {
        st->dirs = xrealloc(st->dirs, (st->ndirs + 1) * sizeof *st->dirs);
        st->dirs[st->ndirs].dev = self.st_dev;
        st->dirs[st->ndirs].ino = self.st_ino;
        st->ndirs++;
    }
    /* Names sorted, so that the order on disk never shows in results. */
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.' || e->d_name[0] == '_')
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 32;
            names = xrealloc(names, cap * sizeof(char *));
        }
        names[n++] = xstrdup(e->d_name);
    }
    closedir(dir);
    if (n)
        qsort(names, n, sizeof(char *), compare_names);

    for (size_t i = 0; i < n; i++) {
        char *rel = join(rel_dir, names[i]);
        char *fs = join(p->root_real, rel);
        char *shown = join(p->root, rel);
        struct stat lst, target;
        bool ok = lstat(fs, &lst) == 0;
        if (ok && S_ISLNK(lst.st_mode)) {
            char real[PATH_MAX];
            char *written = link_target(fs);
            if (!realpath(fs, real) || stat(fs, &target) != 0) {
                if (is_md(names[i]))
                    diag_report(st->diag, DIAG_ERROR, shown, 0, 0, "E-PATH-LINK",
                                "symbolic link to nothing (to %s)", written);
                ok = false;
            } else if (!inside_root(p, real)) {
                if (is_md(names[i]) || S_ISDIR(target.st_mode))
                    diag_report(st->diag, DIAG_ERROR, shown, 0, 0, "E-PATH-ESCAPE",
                                "symbolic link leads out of the project (to %s); "
                                "not read", written);
                ok = false;
            } else if (S_ISDIR(target.st_mode) && seen_dir(st, &target)) {
                diag_report(st->diag, DIAG_ERROR, shown, 0, 0, "E-PATH-LOOP",
                            "symbolic link loops back to a folder that contains "
                            "it (to %s); not followed", written);
                ok = false;
            }
            free(written);
        } else {
            target = lst;
        }
        if (ok && S_ISDIR(target.st_mode)) {
            scan_dir(st, rel, depth + 1);
        } else if (ok && S_ISREG(target.st_mode) && is_md(names[i])) {
            sb_source *s = xcalloc(1, sizeof(sb_source));
            s->rel = xstrdup(rel);
            s->path = xstrdup(shown);
            s->kind = KIND_UNKNOWN;
            if (st->n == st->cap) {
                st->cap = st->cap ? 2 * st->cap : 64;
                st->list = xrealloc(st->list, st->cap * sizeof(sb_source *));
            }
            st->list[st->n++] = s;
            load_source(s, fs, st->diag);
        }
        free(rel);
        free(fs);
        free(shown);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    st->ndirs = ancestors;
done:
    free(fs_dir);
    free(shown_dir);
}

/* ------------------------------------------------------------ sbornik.yaml */

static bool fm_bool(const fm_node *n, bool *out)
{
    const char *s = fm_str(n);
    if (!s || !n->plain)
        return false;
    if (!strcmp(s, "true") || !strcmp(s, "yes") || !strcmp(s, "on")) {
        *out = true;
        return true;
    }
    if (!strcmp(s, "false") || !strcmp(s, "no") || !strcmp(s, "off")) {
        *out = false;
        return true;
    }
    return false;
}

static void check_config(sb_project *p, diag_sink *diag)
{
    static const char *const org_keys[] = {"name", "short", "header",
                                           "genitive", "dative", "address",
                                           "phone", "email", NULL};
    fm_node *c = p->config;
    for (size_t i = 0; i < c->n; i++) {
        const fm_pair *kv = &c->pairs[i];
        if (!strcmp(kv->key, "defaults")) {
            if (kv->value->type != FM_MAP)
                diag_report(diag, DIAG_ERROR, p->config_path, kv->value->line,
                            kv->value->col, "E-CONFIG",
                            "'defaults' must be a mapping of front-matter keys");
        } else if (!strcmp(kv->key, "organisations")) {
            const fm_node *orgs = kv->value;
            if (orgs->type != FM_MAP) {
                diag_report(diag, DIAG_ERROR, p->config_path, orgs->line,
                            orgs->col, "E-CONFIG",
                            "'organisations' must map keys to organisations");
                continue;
            }
            for (size_t j = 0; j < orgs->n; j++) {
                const fm_node *org = orgs->pairs[j].value;
                if (org->type != FM_MAP || !fm_str(fm_get(org, "name"))) {
                    diag_report(diag, DIAG_ERROR, p->config_path, org->line,
                                org->col, "E-CONFIG",
                                "organisation '%s' needs at least a 'name'",
                                orgs->pairs[j].key);
                    continue;
                }
                for (size_t k = 0; k < org->n; k++) {
                    bool known = false;
                    for (int m = 0; org_keys[m]; m++)
                        known |= !strcmp(org->pairs[k].key, org_keys[m]);
                    if (!known && !starts_with(org->pairs[k].key, "x-"))
                        diag_report(diag, DIAG_ERROR, p->config_path,
                                    org->pairs[k].line, org->pairs[k].col,
                                    "E-CONFIG-KEY",
                                    "unknown organisation key '%s' (known: name, "
                                    "short, header, genitive, dative, address, "
                                    "phone, email)", org->pairs[k].key);
                }
            }
        } else if (!strcmp(kv->key, "typography")) {
            if (!fm_bool(kv->value, &p->typography))
                diag_report(diag, DIAG_ERROR, p->config_path, kv->value->line,
                            kv->value->col, "E-CONFIG",
                            "'typography' must be true or false");
        } else if (!starts_with(kv->key, "x-")) {
            diag_report(diag, DIAG_ERROR, p->config_path, kv->line, kv->col,
                        "E-CONFIG-KEY",
                        "unknown key '%s' in sbornik.yaml (known: defaults, "
                        "organisations, typography)", kv->key);
        }
    }
}

static bool load_config(sb_project *p, diag_sink *diag)
{
    p->config_path = join(p->root, "sbornik.yaml");
    char *fs = join(p->root_real, "sbornik.yaml");
    struct stat st;
    bool exists = stat(fs, &st) == 0;
    bool read = exists && read_file(fs, &p->config_text, &p->config_len) == READ_OK;
    free(fs);
    if (!exists)
        return true;    /* optional */
    if (!read) {
        diag_report(diag, DIAG_ERROR, p->config_path, 0, 0, "E-CONFIG-READ",
                    "cannot read: %s", strerror(errno));
        return false;
    }
    size_t bad;
    if (!utf8_valid(p->config_text, p->config_len, &bad)) {
        int line, col;
        text_position(p->config_text, bad, &line, &col);
        diag_report(diag, DIAG_ERROR, p->config_path, line, col, "E-UTF8",
                    "invalid UTF-8: byte 0x%02X at offset %zu",
                    (unsigned char)p->config_text[bad], bad);
        return true;
    }
    diag_add_source(diag, p->config_path, p->config_text, p->config_len);
    p->config = fm_parse(p->config_text, p->config_len, p->config_path, 1, diag);
    if (p->config)
        check_config(p, diag);
    return true;
}

/* ------------------------------------------------------------ the project */

static int compare_rels(const void *a, const void *b)
{
    return strcmp((*(sb_source *const *)a)->rel, (*(sb_source *const *)b)->rel);
}

static int compare_ids(const void *a, const void *b)
{
    const sb_source *x = *(sb_source *const *)a, *y = *(sb_source *const *)b;
    int c = strcmp(x->id ? x->id : "", y->id ? y->id : "");
    return c ? c : strcmp(x->rel, y->rel);
}

void project_index(sb_project *p, diag_sink *diag)
{
    /* Folder by folder is not path order ('a.md' < 'a/x.md'): sort. */
    if (p->nsources)
        qsort(p->sources, p->nsources, sizeof(sb_source *), compare_rels);
    size_t n = 0;
    p->by_id = xcalloc(p->nsources + 1, sizeof(sb_source *));
    for (size_t i = 0; i < p->nsources; i++) {
        sb_source *s = p->sources[i];
        if (!s->id)
            continue;
        const char *why = id_problem(s->id);
        if (why) {
            diag_report(diag, DIAG_ERROR, s->path, s->id_line, s->id_col,
                        "E-ID-INVALID", "id '%s' %s", s->id, why);
            s->failed = true;
            continue;
        }
        p->by_id[n++] = s;
    }
    qsort(p->by_id, n, sizeof(sb_source *), compare_ids);
    /* Equal ids are neighbours now; the first by path keeps it. */
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (kept && strcmp(p->by_id[kept - 1]->id, p->by_id[i]->id) == 0) {
            sb_source *first = p->by_id[kept - 1], *dup = p->by_id[i];
            diag_report(diag, DIAG_ERROR, dup->path, dup->id_line, dup->id_col,
                        "E-ID-DUPLICATE", "duplicate id '%s': %s:%d already has it",
                        dup->id, first->path, first->id_line);
            dup->failed = true;
            continue;
        }
        p->by_id[kept++] = p->by_id[i];
    }
    p->by_id[kept] = NULL;
}

sb_project *project_load(const char *root, diag_sink *diag,
                         project_status *status)
{
    struct stat st;
    *status = PROJECT_OK;
    char real[PATH_MAX];
    if (stat(root, &st) != 0 || !S_ISDIR(st.st_mode) || !realpath(root, real)) {
        *status = PROJECT_NOT_FOUND;
        return NULL;
    }
    sb_project *p = xcalloc(1, sizeof(sb_project));
    /* Paths in diagnostics start with the root as the user wrote it. */
    size_t n = strlen(root);
    while (n > 1 && root[n - 1] == '/')
        n--;
    p->root = (n == 1 && root[0] == '.') ? xstrdup("") : xstrndup(root, n);
    if (!*p->root && root[0] == '/') {
        free(p->root);
        p->root = xstrdup("/");
    }
    p->root_real = xstrdup(real);
    p->typography = true;
    if (!load_config(p, diag)) {
        *status = PROJECT_IO_ERROR;
        project_free(p);
        return NULL;
    }
    scan_state scan = {p, diag, NULL, 0, 0, NULL, 0, false};
    scan_dir(&scan, "", 0);
    free(scan.dirs);
    p->sources = scan.list;
    p->nsources = scan.n;
    if (scan.io_error)
        *status = PROJECT_IO_ERROR;
    project_index(p, diag);
    return p;
}

static void info_free(sb_info *in)
{
    free(in->title);
    free(in->genre);
    free(in->form);
    free(in->issuer_genitive);
    free(in->date_iso);
    free(in->date_text);
    free(in->number);
    free(in->stamp_word);
    free(in->authors);
    free(in->approved_by);
}

void project_free(sb_project *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nsources; i++) {
        sb_source *s = p->sources[i];
        free(s->path);
        free(s->rel);
        free(s->text);
        free(s->id);
        fm_free(s->front);
        info_free(&s->info);
        free(s->annexes);
        if (s->tree)
            xmlFreeDoc(s->tree);
        free(s);
    }
    free(p->sources);
    free(p->by_id);
    fm_free(p->config);
    free(p->config_text);
    free(p->config_path);
    free(p->root);
    free(p->root_real);
    free(p);
}

/* The parent of dir, spelled as close to the user's spelling as we can. */
static char *parent_dir(const char *dir)
{
    const char *slash = strrchr(dir, '/');
    const char *last = slash ? slash + 1 : dir;
    if (!strcmp(last, "..") || !strcmp(last, "."))
        return !strcmp(dir, ".") ? xstrdup("..") : join(dir, "..");
    if (!slash)
        return xstrdup(".");
    if (slash == dir)
        return xstrdup("/");
    return xstrndup(dir, (size_t)(slash - dir));
}

char *project_root_of(const char *file)
{
    const char *slash = strrchr(file, '/');
    char *dir = slash ? (slash == file ? xstrdup("/")
                                       : xstrndup(file, (size_t)(slash - file)))
                      : xstrdup(".");
    char *cur = xstrdup(dir);
    for (int level = 0; level < 64; level++) {
        char *probe = join(cur, "sbornik.yaml");
        bool found = access(probe, F_OK) == 0;
        free(probe);
        if (found) {
            free(dir);
            return cur;
        }
        char real[PATH_MAX];
        if (!realpath(cur, real) || !strcmp(real, "/"))
            break;
        char *up = parent_dir(cur);
        free(cur);
        cur = up;
    }
    free(cur);
    return dir;
}

sb_source *project_find_id(const sb_project *p, const char *id)
{
    size_t lo = 0, hi = 0;
    while (p->by_id[hi])
        hi++;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(p->by_id[mid]->id, id);
        if (c == 0)
            return p->by_id[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

sb_source *project_find_rel(const sb_project *p, const char *rel)
{
    for (size_t i = 0; i < p->nsources; i++)
        if (strcmp(p->sources[i]->rel, rel) == 0)
            return p->sources[i];
    return NULL;
}

const fm_node *project_organisation(const sb_project *p, const char *key)
{
    const fm_node *orgs = fm_get(p->config, "organisations");
    const fm_node *org = fm_get(orgs, key);
    /* One without a name is reported in sbornik.yaml and used nowhere. */
    return org && org->type == FM_MAP && fm_str(fm_get(org, "name")) ? org : NULL;
}

const char *project_path_escape(const sb_project *p, const char *rel)
{
    if (rel[0] == '/')
        return "an absolute path";
    if (strstr(rel, "://"))
        return "a URL, not a file of the project";
    /* Walk the segments: '..' may not climb above the root. */
    int depth = 0;
    const char *seg = rel;
    for (const char *c = rel;; c++) {
        if (*c == '/' || *c == '\0') {
            size_t n = (size_t)(c - seg);
            if (n == 2 && seg[0] == '.' && seg[1] == '.') {
                if (--depth < 0)
                    return "a path that leaves the project ('..')";
            } else if (n > 0 && !(n == 1 && seg[0] == '.')) {
                depth++;
            }
            if (*c == '\0')
                break;
            seg = c + 1;
        }
    }
    char *fs = join(p->root_real, rel);
    char real[PATH_MAX];
    const char *why = NULL;
    if (realpath(fs, real) && !inside_root(p, real))
        why = "a symbolic link that leads out of the project";
    free(fs);
    return why;
}

bool project_glob_match(const char *pattern, const char *rel)
{
    return fnmatch(pattern, rel, FNM_PATHNAME | FNM_PERIOD) == 0;
}
