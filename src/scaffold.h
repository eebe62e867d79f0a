/*
 * scaffold.h: new projects (sbornik init) and new sources (sbornik new)
 * from the templates in the data folder:
 *
 *   templates/init/      a whole project, copied file by file
 *   templates/new/KIND.md   one source of each kind
 *
 * The templates are ordinary Markdown and YAML with a few markers that
 * are replaced while copying, in file names too:
 *
 *   @YEAR@    the current year     @DATE@    today, YYYY-MM-DD
 *   @ID@      the id given         @ISSUER@  the project's organisation
 *   @ITEMS@   a collection's items: one "      - id" line per document
 *
 * "Today" is SOURCE_DATE_EPOCH when set (UTC), else the local date.
 * Nothing is ever overwritten: every file is created exclusively, and
 * what exists already is named before anything is written.  Both return
 * an exit code of build.h (EXIT_USAGE for a refusal, EXIT_ENVIRONMENT
 * when the templates or the disk fail) after saying why on err; out gets
 * the files created.
 */
#ifndef SBORNIK_SCAFFOLD_H
#define SBORNIK_SCAFFOLD_H

#include <stdio.h>

/* Write a new project into dir (created if needed). */
int scaffold_init(const char *dir, FILE *out, FILE *err);

/*
 * Add a source of kind ("order" …) with this id to the project at dir, or
 * (dir NULL) at the nearest folder holding sbornik.yaml from the current
 * one up, else the current one.  It goes to <kind>s/<id>.md.
 */
int scaffold_new(const char *kind, const char *id, const char *dir,
                 FILE *out, FILE *err);

#endif
