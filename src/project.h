/*
 * project.h: a project folder and its sources.
 *
 * A project is a folder (default input/): every *.md below it is a source,
 * names starting with '_' or '.' are skipped, and an optional sbornik.yaml
 * at the root holds defaults and organisations (FORMAT.md §1).  Loading
 * reads every file, checks its UTF-8, splits and parses its front matter
 * and settles its kind and id; everything later works on this structure.
 */
#ifndef SBORNIK_PROJECT_H
#define SBORNIK_PROJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <libxml/tree.h>

#include "diag.h"
#include "frontmatter.h"

typedef enum {
    KIND_ORDER,
    KIND_LETTER,
    KIND_DOCUMENT,
    KIND_CONCEPT,
    KIND_ROADMAP,
    KIND_ARTICLE,
    KIND_COLLECTION,
    KIND_COUNT,
    KIND_UNKNOWN = KIND_COUNT,
} sb_kind;

const char *kind_name(sb_kind k);

typedef struct sb_source sb_source;

/*
 * What other documents need to know of a document: filled from its front
 * matter by document_prepare(), plain UTF-8 without typography.
 */
typedef struct {
    char *title;
    char *genre;            /* document: as given; concept: Концепция … */
    char *form;             /* order: ПРИКАЗ …; letter: ПИСЬМО */
    char *issuer_genitive;  /* «Министерства образования …», or NULL */
    char *date_iso;         /* YYYY-MM-DD, NULL when absent or a field */
    char *date_text;        /* DD.MM.YYYY */
    char *number;
    char *stamp_word;       /* УТВЕРЖДЕНА … (documents, roadmaps) */
    char *authors;          /* "А.Б. Иванов, В.Г. Петров" */
    char *approved_by;      /* the id in approved_by, if an id */
    int approved_line, approved_col;
    int year;               /* roadmap, collection: 0 if none */
    bool model;             /* status: model */
} sb_info;

struct sb_source {
    char *path;             /* for diagnostics: the project path as given + rel */
    char *rel;              /* relative to the project root, '/'-separated */
    char *text;             /* the whole file (BOM removed), NUL-terminated */
    size_t len;
    size_t body_offset;     /* where the Markdown body starts in text */
    int body_line;          /* its line number */
    fm_node *front;         /* front matter, defaults merged in */
    sb_kind kind;
    char *id;
    int id_line, id_col;    /* where the id was given (1:1 when defaulted) */
    bool failed;            /* unreadable: nothing more is done with it */
    sb_info info;

    /* Links between documents, set by refs_link(). */
    sb_source *annex_of;    /* the order whose annexes list this one */
    int annex_number;       /* 1-based position in that list */
    bool annex_approved;    /* approved (stamp) rather than attached */
    sb_source **annexes;    /* the resolved annexes of an order */
    size_t nannexes;

    xmlDocPtr tree;         /* this source's own checked tree */
};

typedef struct {
    char *root;             /* the folder as given on the command line */
    char *root_real;        /* its canonical absolute path */
    char *config_path;      /* root/sbornik.yaml for diagnostics */
    char *config_text;
    size_t config_len;
    fm_node *config;        /* parsed sbornik.yaml, or NULL */
    bool typography;        /* Russian typography on (default) */
    sb_source **sources;    /* sorted by rel */
    size_t nsources;
    sb_source **by_id;      /* sorted by id, for lookups */
} sb_project;

typedef enum {
    PROJECT_OK,
    PROJECT_NOT_FOUND,      /* the path does not exist or is no folder */
    PROJECT_IO_ERROR,       /* reading failed */
} project_status;

/*
 * Load the project at root.  Errors in sources are reported to diag and
 * the sources marked failed; the project is returned anyway.  Returns NULL
 * (and sets *status) only when the folder itself cannot be read.
 */
sb_project *project_load(const char *root, diag_sink *diag,
                         project_status *status);
void project_free(sb_project *p);

/* The folder FILE belongs to: the nearest one above it with sbornik.yaml,
 * else FILE's own folder.  Returns a malloc'd path. */
char *project_root_of(const char *file);

/*
 * What project_load does with each source and then with the list, for a
 * caller that has the texts already (the fuzz targets): the front matter,
 * kind and id of s from s->text and s->len (a leading BOM is dropped; not
 * UTF-8, no front matter or no kind: reported, s->failed); then the
 * sources of p sorted by path and their ids indexed (invalid or duplicate
 * ones reported, their sources failed).
 */
void project_parse_source(sb_source *s, diag_sink *diag);
void project_index(sb_project *p, diag_sink *diag);

/* Why id cannot be an id ("may hold only letters, …"), or NULL if it can. */
const char *project_id_problem(const char *id);

sb_source *project_find_id(const sb_project *p, const char *id);
sb_source *project_find_rel(const sb_project *p, const char *rel);

/* An organisation of sbornik.yaml by key, or NULL. */
const fm_node *project_organisation(const sb_project *p, const char *key);

/*
 * Check that rel (a path written in a source, relative to the project
 * root) stays inside the project: not absolute, no '..' above the root,
 * and, when it exists, no symbolic link leading out.  Returns NULL when
 * it is fine, else a static message.
 */
const char *project_path_escape(const sb_project *p, const char *rel);

/* Whether the pattern ('*', '?', '[...]'; '*' never crosses '/') matches. */
bool project_glob_match(const char *pattern, const char *rel);

#endif
