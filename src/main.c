/*
 * main.c: the command line (FORMAT.md §5).
 *
 *     sbornik build [-o DIR] [-f FORMATS] [-j N] [-q] [--no-cache] [--watch]
 *                   [--diagnostics FMT] [PATH]
 *     sbornik check [--diagnostics FMT] [PATH…]
 *     sbornik xml [--diagnostics FMT] FILE
 *     sbornik init [DIR]
 *     sbornik new KIND ID [DIR]
 *
 * The CLI alone decides exit codes and when diagnostics are printed; the
 * stages only report.
 */
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libxml/parser.h>
#include <libxml/xmlsave.h>

#include "build.h"
#include "buf.h"
#include "datadir.h"
#include "diag.h"
#include "document.h"
#include "help.h"
#include "output.h"
#include "project.h"
#include "scaffold.h"
#include "text.h"
#include "tree.h"
#include "watch.h"

#ifndef SBORNIK_VERSION
#define SBORNIK_VERSION "0.1.0"
#endif

static const char USAGE[] =
    "usage: sbornik build [-o DIR] [-f FORMATS] [-j N] [-q] [--no-cache]\n"
    "                     [--watch] [--diagnostics FMT] [PATH]\n"
    "       sbornik check [--diagnostics FMT] [PATH...]\n"
    "       sbornik xml [--diagnostics FMT] FILE\n"
    "       sbornik init [DIR]\n"
    "       sbornik new KIND ID [DIR]\n"
    "       sbornik [COMMAND] --help | --version\n";

static int usage_error(const char *fmt, const char *arg)
{
    fputs("sbornik: ", stderr);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    fputs(USAGE, stderr);
    return EXIT_USAGE;
}

/*
 * How diagnostics are printed: --diagnostics=text|json|github; the source
 * line, caret and colours only for text on a terminal, and colours only
 * when NO_COLOR is not set (no-color.org).
 */
static diag_style style = {DIAG_FORMAT_TEXT, false, false};

static void set_style(diag_format format)
{
    bool tty = isatty(STDERR_FILENO) != 0;
    const char *no_color = getenv("NO_COLOR");
    style.format = format;
    style.caret = format == DIAG_FORMAT_TEXT && tty;
    style.colour = style.caret && !(no_color && *no_color);
}

/*
 * Whether argv[*i] is the --diagnostics option (--diagnostics=FMT or
 * --diagnostics FMT); *bad is set when its value is not a format.
 */
static bool diagnostics_option(int argc, char **argv, int *i, bool *bad)
{
    const char *a = argv[*i], *v = NULL;
    if (!strncmp(a, "--diagnostics=", 14))
        v = a + 14;
    else if (!strcmp(a, "--diagnostics"))
        v = *i + 1 < argc ? argv[++*i] : "";
    else
        return false;
    diag_format f;
    *bad = !diag_format_parse(v, &f);
    if (*bad)
        fprintf(stderr, "sbornik: --diagnostics wants text, json or github, not '%s'\n", v);
    else
        set_style(f);
    return true;
}

static void flush(diag_sink *diag, const char *only)
{
    diag_flush(diag, stderr, &style, only);
}

/* Only the diagnostics of s, its annexes or items, and sbornik.yaml. */
static void flush_source(const sb_project *p, const sb_source *s, diag_sink *diag)
{
    size_t n;
    const char **paths = build_source_paths(p, s, &n);
    diag_flush_only(diag, stderr, &style, paths, n);
    free(paths);
}

/*
 * Split "pdf,html" into names, each a known format; false (after saying
 * which) on an unknown one.  The caller frees the list and its copy.
 */
static bool parse_formats(const char *list, char **copy, const char ***names,
                          size_t *n)
{
    static const char *const planned[] = {"pdf", "docx", "html", "ics", "csv", "svg"};
    *copy = xstrdup(list);
    *names = xcalloc(strlen(list) + 1, sizeof(char *));
    *n = 0;
    char *save = NULL;
    for (char *f = strtok_r(*copy, ",", &save); f; f = strtok_r(NULL, ",", &save)) {
        if (build_format_known(f)) {
            (*names)[(*n)++] = f;
            continue;
        }
        bool later = false;
        for (size_t i = 0; i < sizeof planned / sizeof *planned; i++)
            later |= !strcmp(f, planned[i]);
        fprintf(stderr, "sbornik: format '%s' %s (available: %s)\n", f,
                later ? "is not built by this version yet" : "is not a format",
                build_formats());
        return false;
    }
    if (!*n)
        fprintf(stderr, "sbornik: -f names no format (available: %s)\n",
                build_formats());
    return *n > 0;
}

/* One build of the project at path into out: check, write, print. */
static int build_once(const char *path, const char *out, const build_options *o,
               build_stats *stats)
{
    diag_sink *diag = diag_new();
    int code;
    sb_project *p = build_check(path, diag, &code);
    if (!p) {
        flush(diag, NULL);
        fprintf(stderr, "sbornik: %s: not a project folder\n", path);
        diag_free(diag);
        return code;
    }
    /* Outputs of a project with errors: only the documents without any. */
    int written = code == EXIT_ENVIRONMENT ? code
                                           : build_write(p, out, o, diag, stats);
    flush(diag, NULL);
    if (written == EXIT_ENVIRONMENT)
        code = EXIT_ENVIRONMENT;
    else if (diag_count(diag, DIAG_ERROR) && code == EXIT_BUILT)
        code = EXIT_SOURCE_ERRORS;
    if (stats) {
        stats->errors = diag_count(diag, DIAG_ERROR);
        stats->warnings = diag_count(diag, DIAG_WARNING);
    }
    project_free(p);
    diag_free(diag);
    return code;
}

/* What --watch builds each time. */
typedef struct {
    const char *path, *out;
    const build_options *o;
} watch_build;

static int build_again(build_stats *stats, void *ud)
{
    const watch_build *w = ud;
    return build_once(w->path, w->out, w->o, stats);
}

static int cmd_build(int argc, char **argv)
{
    const char *out = "out", *path = "input", *formats = NULL;
    build_options o = {NULL, 0, 0, true, isatty(STDERR_FILENO) != 0};
    bool watch = false;
    int positional = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        bool bad = false;
        if (diagnostics_option(argc, argv, &i, &bad)) {
            if (bad)
                return EXIT_USAGE;
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            o.progress = false;
        } else if (!strcmp(a, "--no-cache")) {
            o.use_cache = false;
        } else if (!strcmp(a, "--watch")) {
            watch = true;
        } else if (!strcmp(a, "-o") || !strcmp(a, "-f") || !strcmp(a, "-j")) {
            if (i + 1 >= argc)
                return usage_error("option %s needs a value", a);
            const char *v = argv[++i];
            if (!strcmp(a, "-o")) {
                out = v;
            } else if (!strcmp(a, "-f")) {
                formats = v;
            } else {
                char *end;
                long j = strtol(v, &end, 10);
                if (*end || j < 1 || j > 1024)
                    return usage_error("-j wants a number of jobs, not '%s'", v);
                o.jobs = (int)j;
            }
        } else if (a[0] == '-' && a[1]) {
            return usage_error("unknown option '%s'", a);
        } else if (positional++) {
            return usage_error("build takes one project folder, not also '%s'", a);
        } else {
            path = a;
        }
    }
    /* Progress only on a terminal and only for text diagnostics. */
    o.progress = o.progress && style.format == DIAG_FORMAT_TEXT;
    char *copy = NULL;
    const char **names = NULL;
    if (formats && !parse_formats(formats, &copy, &names, &o.nformats)) {
        free(copy);
        free(names);
        return EXIT_USAGE;
    }
    o.formats = names;
    watch_build ctx = {path, out, &o};
    int code = watch ? watch_run(path, out, build_again, &ctx)
                     : build_once(path, out, &o, NULL);
    free(copy);
    free(names);
    return code;
}

/* The source of p that is the file at fs_path, by canonical path. */
static sb_source *source_of_file(const sb_project *p, const char *fs_path)
{
    char real[PATH_MAX];
    if (!realpath(fs_path, real))
        return NULL;
    size_t n = strlen(p->root_real);
    if (strncmp(real, p->root_real, n) != 0 || real[n] != '/')
        return NULL;
    return project_find_rel(p, real + n + 1);
}

/* The events of a roadmap's tree (body/section/event). */
static int count_events(xmlDocPtr tree)
{
    int n = 0;
    xmlNodePtr root = xmlDocGetRootElement(tree);
    xmlNodePtr body = tree_child(root, "body");
    for (xmlNodePtr sec = body ? body->children : NULL; sec; sec = sec->next)
        for (xmlNodePtr e = sec->children; e; e = e->next)
            n += tree_is(e, "event");
    return n;
}

/*
 * «input/2017/roadmap.md: 11 events» on stdout for every roadmap of p or,
 * when a file is checked alone (only), for the roadmaps its output is made
 * of: itself, its annexes, a collection's items.
 */
static void print_event_counts(const sb_project *p, const sb_source *only)
{
    size_t n = 0;
    const char **paths = only ? build_source_paths(p, only, &n) : NULL;
    for (size_t i = 0; i < p->nsources; i++) {
        const sb_source *s = p->sources[i];
        bool wanted = !only;
        for (size_t k = 0; k < n; k++)
            wanted |= paths[k] == s->path;
        if (!wanted || s->kind != KIND_ROADMAP || !s->tree)
            continue;
        int events = count_events(s->tree);
        printf("%s: %d event%s\n", s->path, events, events == 1 ? "" : "s");
    }
    free(paths);
}

/* Check one path: a project folder, or a file reported alone. */
static int check_one(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "sbornik: %s: no such file or folder\n", path);
        return EXIT_USAGE;
    }
    bool file = !S_ISDIR(st.st_mode);
    char *root = file ? project_root_of(path) : xstrdup(path);
    diag_sink *diag = diag_new();
    int code;
    sb_project *p = build_check(root, diag, &code);
    if (!p) {
        fprintf(stderr, "sbornik: %s: not a project folder\n", root);
        free(root);
        diag_free(diag);
        return code;
    }
    if (file) {
        sb_source *s = source_of_file(p, path);
        if (!s) {
            fprintf(stderr, "sbornik: %s: not a source of the project %s "
                            "(sources end in .md and do not start with '_' or '.')\n",
                    path, root);
            code = EXIT_USAGE;
        } else {
            /* The file, and what its output would be made of. */
            flush_source(p, s, diag);
            print_event_counts(p, s);
            if (code != EXIT_ENVIRONMENT)
                code = build_source_clean(p, s, diag) ? EXIT_BUILT : EXIT_SOURCE_ERRORS;
        }
    } else {
        flush(diag, NULL);
        print_event_counts(p, NULL);
    }
    project_free(p);
    diag_free(diag);
    free(root);
    return code;
}

static int cmd_check(int argc, char **argv)
{
    char **paths = xcalloc((size_t)argc + 1, sizeof(char *));
    int npaths = 0;
    for (int i = 0; i < argc; i++) {
        bool bad = false;
        if (diagnostics_option(argc, argv, &i, &bad)) {
            if (bad) {
                free(paths);
                return EXIT_USAGE;
            }
        } else if (argv[i][0] == '-' && argv[i][1]) {
            free(paths);
            return usage_error("unknown option '%s'", argv[i]);
        } else {
            paths[npaths++] = argv[i];
        }
    }
    if (npaths == 0)
        paths[npaths++] = "input";
    int worst = EXIT_BUILT;
    for (int i = 0; i < npaths; i++) {
        int code = check_one(paths[i]);
        if (code > worst)
            worst = code;
    }
    free(paths);
    return worst;
}

static int cmd_xml(int argc, char **argv)
{
    const char *file = NULL;
    for (int i = 0; i < argc; i++) {
        bool bad = false;
        if (diagnostics_option(argc, argv, &i, &bad)) {
            if (bad)
                return EXIT_USAGE;
        } else if ((argv[i][0] == '-' && argv[i][1]) || file) {
            return usage_error("xml takes one source file%s", "");
        } else {
            file = argv[i];
        }
    }
    if (!file)
        return usage_error("xml takes one source file%s", "");
    struct stat st;
    if (stat(file, &st) != 0 || S_ISDIR(st.st_mode)) {
        fprintf(stderr, "sbornik: %s: no such source file\n", file);
        return EXIT_USAGE;
    }
    char *root = project_root_of(file);
    diag_sink *diag = diag_new();
    int code;
    sb_project *p = build_check(root, diag, &code);
    if (!p) {
        free(root);
        diag_free(diag);
        return code;
    }
    sb_source *s = source_of_file(p, file);
    if (!s) {
        fprintf(stderr, "sbornik: %s: not a source of the project %s\n", file, root);
        code = EXIT_USAGE;
    } else {
        flush_source(p, s, diag);
        if (code != EXIT_ENVIRONMENT) {
            if (build_source_clean(p, s, diag)) {
                xmlDocPtr doc = document_assemble(p, s);
                int size = 0;
                xmlChar *mem = output_xml_text(doc, &size);
                fwrite(mem, 1, (size_t)size, stdout);
                xmlFree(mem);
                xmlFreeDoc(doc);
                code = EXIT_BUILT;
            } else {
                code = EXIT_SOURCE_ERRORS;
            }
        }
    }
    project_free(p);
    diag_free(diag);
    free(root);
    return code;
}

/* sbornik init [DIR]: a new project (scaffold.h). */
static int cmd_init(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        if (argv[i][0] == '-' && argv[i][1])
            return usage_error("unknown option '%s'", argv[i]);
    if (argc > 1)
        return usage_error("init takes one folder, not also '%s'", argv[1]);
    return scaffold_init(argc ? argv[0] : ".", stdout, stderr);
}

/* sbornik new KIND ID [DIR]: a new source (scaffold.h). */
static int cmd_new(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        if (argv[i][0] == '-' && argv[i][1])
            return usage_error("unknown option '%s'", argv[i]);
    if (argc < 2)
        return usage_error("new wants a kind and an id, e.g. 'sbornik new order "
                           "order-2025-12'%s", "");
    if (argc > 3)
        return usage_error("new takes a kind, an id and a folder, not also '%s'",
                           argv[3]);
    return scaffold_new(argv[0], argv[1], argc > 2 ? argv[2] : NULL, stdout, stderr);
}

int main(int argc, char **argv)
{
    LIBXML_TEST_VERSION
    /* The XML we read is our own schema: never the network, never entities. */
    xmlSubstituteEntitiesDefault(0);
    xmlLoadExtDtdDefaultValue = 0;

    set_style(DIAG_FORMAT_TEXT);
    int code;
    if (argc < 2) {
        fputs(USAGE, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
        help_print(NULL, stdout);
        fputs("\n", stdout);
        fputs(USAGE, stdout);
        return EXIT_BUILT;
    }
    if (!strcmp(cmd, "--version")) {
        datadir_origin origin;
        const char *data = datadir_path(&origin);
        printf("sbornik %s\ndata: %s (%s)\n", SBORNIK_VERSION, data,
               datadir_origin_name(origin));
        return EXIT_BUILT;
    }
    /* sbornik COMMAND … --help: that command's help, whatever else is given. */
    for (int i = 2; i < argc; i++)
        if ((!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) &&
            help_print(cmd, stdout))
            return EXIT_BUILT;
    if (!strcmp(cmd, "build"))
        code = cmd_build(argc - 2, argv + 2);
    else if (!strcmp(cmd, "check"))
        code = cmd_check(argc - 2, argv + 2);
    else if (!strcmp(cmd, "xml"))
        code = cmd_xml(argc - 2, argv + 2);
    else if (!strcmp(cmd, "init"))
        code = cmd_init(argc - 2, argv + 2);
    else if (!strcmp(cmd, "new"))
        code = cmd_new(argc - 2, argv + 2);
    else
        code = usage_error("unknown command '%s'", cmd);
    xmlCleanupParser();
    return code;
}
