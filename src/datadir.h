/*
 * datadir.h: where sbornik's data is (schemas/, stylesheets/, fonts/,
 * templates/), so that the same binary works from the source tree, from an
 * installation and from any current folder.
 *
 * The first of these that applies:
 *
 *   1. $SBORNIK_DATA, when set and not empty (read at every call: tests
 *      and users may change it);
 *   2. the source tree the binary runs from: the folder above the one
 *      holding the executable (/proc/self/exe) when it has
 *      schemas/sbornik.xsd — build/sbornik of a checkout, wherever the
 *      checkout was moved;
 *   3. the installation the binary runs from: <that folder>/share/sbornik
 *      when it has schemas/sbornik.xsd — bin/sbornik of an installed tree,
 *      even one staged under DESTDIR or moved to another prefix;
 *   4. the data folder compiled in (SBORNIK_INSTALL_DATA: the Makefile
 *      passes $(PREFIX)/share/sbornik), for a binary copied elsewhere.
 *
 * Nothing is checked in cases 1 and 4: a folder that lacks the data gives
 * the usual "cannot read the schema" diagnostic, naming the folder.
 */
#ifndef SBORNIK_DATADIR_H
#define SBORNIK_DATADIR_H

typedef enum {
    DATADIR_ENV,        /* $SBORNIK_DATA */
    DATADIR_TREE,       /* the source tree of the binary */
    DATADIR_BESIDE,     /* share/sbornik beside the binary's bin/ */
    DATADIR_BUILTIN,    /* compiled in */
} datadir_origin;

/* The data folder, and (if origin is not NULL) which rule gave it.  The
   string stays valid until SBORNIK_DATA changes. */
const char *datadir_path(datadir_origin *origin);

/* "the source tree the binary runs from" …: origin in words, for
   --version. */
const char *datadir_origin_name(datadir_origin origin);

#endif
