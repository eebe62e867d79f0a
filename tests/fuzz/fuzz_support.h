/*
 * fuzz_support.h: what the libFuzzer targets of tests/fuzz/ share: a
 * project made in memory from a few source texts, run through the same
 * stages as build_check (document_prepare for all, refs_link,
 * document_build for all), then freed.
 *
 * project_load reads a folder from disk; writing files on every one of
 * the millions of runs would make the fuzzers slow and wear the disk, so
 * fz_project_new does in memory what project.c does for each file it
 * reads (split the front matter at its '---' lines, parse it, settle kind
 * and id, index the ids) with the same rules.  root_real names a folder
 * that does not exist, so an image or glob in a fuzzed body never reads
 * a real file.
 *
 * The Makefile builds each tests/fuzz/fuzz_X.c alone with the objects of
 * src/ (as for the unit tests), so the helpers are static inline here.
 */
#ifndef SBORNIK_FUZZ_SUPPORT_H
#define SBORNIK_FUZZ_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "diag.h"
#include "document.h"
#include "frontmatter.h"
#include "project.h"
#include "refs.h"
#include "text.h"

/* One source of an in-memory project: its path from the root and text. */
typedef struct {
    const char *rel;
    const char *text;
    size_t len;
} fz_file;

/* The organisations every fuzzed project knows (sbornik.yaml). */
#define FZ_CONFIG                                                        \
    "defaults:\n"                                                        \
    "  place: Челябинск\n"                                               \
    "organisations:\n"                                                   \
    "  minobr74:\n"                                                      \
    "    name: Министерство образования и науки Челябинской области\n"   \
    "    header: [МИНИСТЕРСТВО ОБРАЗОВАНИЯ И НАУКИ, ЧЕЛЯБИНСКОЙ ОБЛАСТИ]\n" \
    "    genitive: Министерства образования и науки Челябинской области\n"

/*
 * A project of the n files (with FZ_CONFIG as sbornik.yaml), made as
 * project_load makes one, by the same functions, from texts in memory.
 */
static inline sb_project *fz_project_new(const fz_file *files, size_t n,
                                         diag_sink *diag)
{
    sb_project *p = xcalloc(1, sizeof *p);
    p->root = xstrdup("fuzz");
    p->root_real = xstrdup("/nonexistent/sbornik-fuzz");
    p->typography = true;
    p->config_path = xstrdup("fuzz/sbornik.yaml");
    p->config_text = xstrdup(FZ_CONFIG);
    p->config_len = strlen(FZ_CONFIG);
    diag_add_source(diag, p->config_path, p->config_text, p->config_len);
    p->config = fm_parse(p->config_text, p->config_len, p->config_path, 1, diag);

    p->sources = xcalloc(n + 1, sizeof(sb_source *));
    for (size_t i = 0; i < n; i++) {
        sb_source *s = xcalloc(1, sizeof *s);
        s->rel = xstrdup(files[i].rel);
        buf path = BUF_INIT;
        buf_addf(&path, "fuzz/%s", files[i].rel);
        s->path = buf_detach(&path);
        s->text = xstrndup(files[i].text, files[i].len);
        s->len = files[i].len;
        project_parse_source(s, diag);
        p->sources[p->nsources++] = s;
    }
    project_index(p, diag);
    return p;
}

/*
 * Every diagnostic of diag read back: a position below 0, or a path or
 * message the sink does not hold, is a bug (abort, so the fuzzer keeps
 * the input).  With SBORNIK_FUZZ_DIAG=1 in the environment they are
 * printed too, to see what an input does (build-fuzz/fuzz_NAME FILE).
 */
static inline void fz_check_diags(const diag_sink *diag)
{
    static int show = -1;
    if (show < 0)
        show = getenv("SBORNIK_FUZZ_DIAG") != NULL;
    diag_entry e;
    for (size_t i = 0; diag_get(diag, i, &e); i++) {
        if (e.line < 0 || e.col < 0 || (e.line > 0 && e.col < 1) ||
            !e.path || !e.code || strlen(e.message) == 0)
            abort();
        if (show)
            fprintf(stderr, "%s:%d:%d: %s %s: %s\n", e.path, e.line, e.col,
                    e.sev == DIAG_ERROR ? "error" : "warning", e.code, e.message);
    }
}

/*
 * The stages of build_check after loading (without the XSD validation,
 * which only reads the trees), then the assembled tree of every document
 * and the diagnostics read back.
 */
static inline void fz_project_check(sb_project *p, diag_sink *diag)
{
    document_check_defaults(p, diag);
    for (size_t i = 0; i < p->nsources; i++)
        document_prepare(p, p->sources[i], diag);
    refs_link(p, diag);
    for (size_t i = 0; i < p->nsources; i++)
        document_build(p, p->sources[i], diag);
    for (size_t i = 0; i < p->nsources; i++) {
        xmlDocPtr whole = document_assemble(p, p->sources[i]);
        if (whole)
            xmlFreeDoc(whole);
    }
    fz_check_diags(diag);
}

/* A malloc'd copy of len bytes with a NUL after them. */
static inline char *fz_strndup(const uint8_t *data, size_t len)
{
    char *s = xmalloc(len + 1);
    memcpy(s, data, len);
    s[len] = '\0';
    return s;
}

#endif
