/*
 * cache.c: the build cache (see cache.h).  Hashes are XXH3 128-bit
 * (libxxhash): a cache key needs speed and a negligible chance of
 * collision, not resistance to an attacker who already writes the sources.
 */
#include "cache.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "buf.h"
#include "pdf.h"

struct cache {
    char *out_dir;
    cache_key shared;       /* binary, data files, patterns, date */
};

static void key_of_state(XXH3_state_t *st, cache_key *out)
{
    XXH128_canonical_t c;
    XXH128_canonicalFromHash(&c, XXH3_128bits_digest(st));
    memcpy(out->bytes, c.digest, sizeof out->bytes);
}

/* The file's name and contents (or a mark that it is missing) into st. */
static void hash_file(XXH3_state_t *st, const char *label, const char *path)
{
    XXH3_128bits_update(st, label, strlen(label) + 1);
    FILE *f = fopen(path, "rb");
    if (!f) {
        XXH3_128bits_update(st, "missing", 8);
        return;
    }
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        XXH3_128bits_update(st, chunk, n);
    fclose(f);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file below dir/rel, in byte order of names (never the
   locale's: the key must not depend on LANG). */
static void hash_folder(XXH3_state_t *st, const char *dir, const char *rel,
                        int depth)
{
    buf path = BUF_INIT;
    buf_addf(&path, "%s/%s", dir, rel);
    DIR *d = depth < 8 ? opendir(path.data) : NULL;
    buf_free(&path);
    if (!d)
        return;
    char **names = NULL;
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue;
        names = xrealloc(names, (n + 1) * sizeof(char *));
        names[n++] = xstrdup(e->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof(char *), compare_names);
    for (size_t i = 0; i < n; i++) {
        buf sub = BUF_INIT, full = BUF_INIT;
        buf_addf(&sub, "%s/%s", rel, names[i]);
        buf_addf(&full, "%s/%s", dir, sub.data);
        struct stat sb;
        bool found = stat(full.data, &sb) == 0;
        if (found && S_ISDIR(sb.st_mode))
            hash_folder(st, dir, sub.data, depth + 1);
        else if (found && S_ISREG(sb.st_mode))
            hash_file(st, sub.data, full.data);
        buf_free(&sub);
        buf_free(&full);
        free(names[i]);
    }
    free(names);
}

cache *cache_new(const char *out_dir, const char *data_dir,
                 long long source_date)
{
    cache *c = xcalloc(1, sizeof(cache));
    c->out_dir = xstrdup(out_dir);
    XXH3_state_t *st = XXH3_createState();
    XXH3_128bits_reset(st);
    XXH3_128bits_update(st, "sbornik-cache 1", 16);
    /* The program itself: a new version may write other bytes. */
    hash_file(st, "binary", "/proc/self/exe");
    hash_folder(st, data_dir, "schemas", 0);
    hash_folder(st, data_dir, "stylesheets", 0);
    hash_folder(st, data_dir, "fonts", 0);
    hash_file(st, "hyphenation", PDF_HYPHEN_DICT);
    char date[32];
    snprintf(date, sizeof date, "%lld", source_date);
    XXH3_128bits_update(st, date, strlen(date) + 1);
    key_of_state(st, &c->shared);
    XXH3_freeState(st);
    return c;
}

void cache_free(cache *c)
{
    if (!c)
        return;
    free(c->out_dir);
    free(c);
}

typedef struct {
    XXH3_state_t *st;
    const char *project_dir;
} image_hash;

static bool hash_image(const char *src, void *ud)
{
    image_hash *h = ud;
    buf path = BUF_INIT;
    buf_addf(&path, "%s/%s", h->project_dir, src);
    hash_file(h->st, src, path.data);
    buf_free(&path);
    return true;
}

void cache_hash_tree(xmlDocPtr tree, const char *project_dir, cache_key *out)
{
    XXH3_state_t *st = XXH3_createState();
    XXH3_128bits_reset(st);
    xmlChar *mem = NULL;
    int size = 0;
    xmlDocDumpMemory(tree, &mem, &size);
    if (mem)
        XXH3_128bits_update(st, mem, (size_t)size);
    xmlFree(mem);
    image_hash h = {st, project_dir ? project_dir : "."};
    output_each_image(xmlDocGetRootElement(tree), hash_image, &h);
    key_of_state(st, out);
    XXH3_freeState(st);
}

void cache_key_of(const cache *c, const char *format, const cache_key *tree,
                  cache_key *out)
{
    XXH3_state_t *st = XXH3_createState();
    XXH3_128bits_reset(st);
    XXH3_128bits_update(st, c->shared.bytes, sizeof c->shared.bytes);
    XXH3_128bits_update(st, format, strlen(format) + 1);
    XXH3_128bits_update(st, tree->bytes, sizeof tree->bytes);
    key_of_state(st, out);
    XXH3_freeState(st);
}

static void key_hex(const cache_key *k, char hex[33])
{
    for (size_t i = 0; i < sizeof k->bytes; i++)
        snprintf(hex + 2 * i, 3, "%02x", k->bytes[i]);
}

/* "<format>/<id>" below CACHE_DIR, relative to the output folder. */
static char *entry_rel(const char *format, const char *id)
{
    buf rel = BUF_INIT;
    buf_addf(&rel, "%s/%s/%s", CACHE_DIR, format, id);
    return buf_detach(&rel);
}

bool cache_fresh(const cache *c, const char *format, const char *id,
                 const cache_key *key)
{
    char *rel = entry_rel(format, id);
    buf path = BUF_INIT;
    buf_addf(&path, "%s/%s", c->out_dir, rel);
    free(rel);
    FILE *f = fopen(path.data, "r");
    buf_free(&path);
    if (!f)
        return false;
    char hex[33];
    key_hex(key, hex);
    char line[4096];
    bool fresh = fgets(line, sizeof line, f) && !strcmp(line, "sbornik-cache 1\n");
    fresh = fresh && fgets(line, sizeof line, f) && !strncmp(line, "key ", 4) &&
            !strncmp(line + 4, hex, 32) && line[36] == '\n';
    while (fresh && fgets(line, sizeof line, f)) {
        /* "file REL SIZE\n": the size after the last space. */
        char *nl = strchr(line, '\n');
        char *space = strrchr(line, ' ');
        if (strncmp(line, "file ", 5) || !nl || !space || space < line + 5) {
            fresh = false;
            break;
        }
        *nl = *space = '\0';
        char *end;
        unsigned long long size = strtoull(space + 1, &end, 10);
        buf out = BUF_INIT;
        buf_addf(&out, "%s/%s", c->out_dir, line + 5);
        struct stat st;
        fresh = *end == '\0' && output_confined(line + 5) &&
                lstat(out.data, &st) == 0 && S_ISREG(st.st_mode) &&
                (unsigned long long)st.st_size == size;
        buf_free(&out);
    }
    fclose(f);
    return fresh;
}

bool cache_store(const cache *c, const char *format, const char *id,
                 const cache_key *key, const output_file *files, size_t n,
                 diag_sink *diag)
{
    char hex[33];
    key_hex(key, hex);
    buf text = BUF_INIT;
    buf_addf(&text, "sbornik-cache 1\nkey %s\n", hex);
    for (size_t i = 0; i < n; i++)
        buf_addf(&text, "file %s %zu\n", files[i].rel, files[i].size);
    char *rel = entry_rel(format, id);
    bool ok = output_write(c->out_dir, rel, text.data, text.len, diag);
    free(rel);
    buf_free(&text);
    return ok;
}

void cache_forget(const cache *c, const char *format, const char *id)
{
    char *rel = entry_rel(format, id);
    buf path = BUF_INIT;
    buf_addf(&path, "%s/%s", c->out_dir, rel);
    unlink(path.data);
    buf_free(&path);
    free(rel);
}
