/*
 * help.c: the help texts (see help.h).
 *
 * One text per command, each starting with its usage line; %s in a text
 * is the list of output formats, which only build.c knows.
 */
#include "help.h"

#include <string.h>

#include "build.h"

static const char GENERAL[] =
    "sbornik: compile Russian official documents written in Markdown with\n"
    "YAML front matter (orders, letters, documents, concepts, roadmaps,\n"
    "articles, collections) into checked PDF, DOCX, HTML and data.\n"
    "\n"
    "Commands:\n"
    "  build [PATH]       check the project PATH (default input/) and write\n"
    "                     the outputs of every document without errors\n"
    "  check [PATH...]    check projects (folders) or single sources (files)\n"
    "                     without writing anything\n"
    "  xml FILE           print the checked intermediate XML of one source\n"
    "  init [DIR]         start a new project in DIR (default: this folder)\n"
    "  new KIND ID [DIR]  add a source of KIND to the project DIR\n"
    "\n"
    "  -h, --help         this help; 'sbornik COMMAND --help' for a command's\n"
    "  --version          the version and the data folder in use\n"
    "\n"
    "Formats: %s.\n"
    "Exit codes: 0 done (warnings allowed), 1 errors in the sources,\n"
    "2 bad usage, 3 environment or I/O failure.\n"
    "Environment: SBORNIK_DATA overrides the folder holding schemas/,\n"
    "stylesheets/, fonts/ and templates/; SOURCE_DATE_EPOCH sets the date\n"
    "written into the outputs (otherwise each document's own); NO_COLOR\n"
    "turns colour off in diagnostics.\n"
    "Everything else, diagnostic codes included: man sbornik.\n";

static const char BUILD[] =
    "usage: sbornik build [-o DIR] [-f FORMATS] [-j N] [-q] [--no-cache]\n"
    "                     [--watch] [--diagnostics=FORMAT] [PATH]\n"
    "\n"
    "Check the project PATH (default input/) and write the outputs of every\n"
    "document without errors into DIR; a document with errors gets nothing\n"
    "written and keeps its previous outputs.  Exit 0 when every document\n"
    "was built (warnings allowed), 1 when a source has errors.\n"
    "\n"
    "  -o DIR                output folder (default out/)\n"
    "  -f FORMATS            comma-separated formats to write (default: all):\n"
    "                        %s\n"
    "  -j N                  build N documents at once (default: the number\n"
    "                        of cores)\n"
    "  -q, --quiet           quiet: no progress line\n"
    "  --no-cache            ignore the build cache (DIR/.sbornik-cache) and\n"
    "                        rewrite it: every document is built again\n"
    "  --watch               keep running; rebuild what each change of the\n"
    "                        project touches, one line per rebuild (Ctrl-C\n"
    "                        stops)\n"
    "  --diagnostics=FORMAT  text (default), json (one object per line) or\n"
    "                        github (GitHub Actions annotations)\n"
    "  -h, --help            this help\n";

static const char CHECK[] =
    "usage: sbornik check [--diagnostics=FORMAT] [PATH...]\n"
    "\n"
    "Check without writing anything.  A PATH that is a folder is a project;\n"
    "a file is checked within its project (the nearest folder above it\n"
    "holding sbornik.yaml) and only its own diagnostics are printed.\n"
    "Default: input.  Prints each roadmap's number of events on stdout.\n"
    "Exit 0 when clean (warnings allowed), 1 when a source has errors.\n"
    "\n"
    "  --diagnostics=FORMAT  text (default), json (one object per line) or\n"
    "                        github (GitHub Actions annotations)\n"
    "  -h, --help            this help\n";

static const char XML[] =
    "usage: sbornik xml [--diagnostics=FORMAT] FILE\n"
    "\n"
    "Print the checked, assembled intermediate XML of the source FILE on\n"
    "stdout (an order with its annexes, a collection with its documents).\n"
    "The project FILE belongs to is loaded, so references and defaults\n"
    "resolve.  Exit 1, printing nothing, when the source has errors.\n"
    "\n"
    "  --diagnostics=FORMAT  text (default), json (one object per line) or\n"
    "                        github (GitHub Actions annotations)\n"
    "  -h, --help            this help\n";

static const char INIT[] =
    "usage: sbornik init [DIR]\n"
    "\n"
    "Start a new project in DIR (default: the current folder; created if\n"
    "needed): sbornik.yaml with an organisation to fill in, an order\n"
    "approving a regulation and a roadmap, a model document with fill-in\n"
    "fields, a collection binding them, and a .gitignore for out/.  It\n"
    "builds at once: cd DIR && sbornik build .\n"
    "Nothing is overwritten: when one of these files exists, init names it\n"
    "and stops (exit 2) before writing anything.\n"
    "\n"
    "  -h, --help            this help\n";

static const char NEW[] =
    "usage: sbornik new KIND ID [DIR]\n"
    "\n"
    "Add a source of KIND with the id ID to the project DIR (default: the\n"
    "nearest folder holding sbornik.yaml, from the current one up), at\n"
    "KINDs/ID.md (orders/, letters/ …), with every required key and\n"
    "commented guidance.  It starts as a draft (status: draft).  An invalid\n"
    "id, an id the project already has or an existing file is refused\n"
    "(exit 2).\n"
    "\n"
    "KIND: order, letter, document, concept, roadmap, article, collection\n"
    "(a new collection binds the documents the project already has).\n"
    "ID: letters, digits, '-', '_', '.' and '/'.\n"
    "\n"
    "  -h, --help            this help\n";

bool help_print(const char *command, FILE *out)
{
    static const struct {
        const char *name, *text;
    } texts[] = {
        {"build", BUILD}, {"check", CHECK}, {"xml", XML},
        {"init", INIT},   {"new", NEW},
    };
    if (!command) {
        fprintf(out, GENERAL, build_formats());
        return true;
    }
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        if (!strcmp(command, texts[i].name)) {
            /* Only GENERAL and BUILD name the formats. */
            if (texts[i].text == BUILD)
                fprintf(out, BUILD, build_formats());
            else
                fputs(texts[i].text, out);
            return true;
        }
    }
    return false;
}
