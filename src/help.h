/*
 * help.h: what `sbornik --help` and `sbornik COMMAND --help` print.
 *
 * The texts are short; the man page (doc/sbornik.1) is the full
 * reference, diagnostic codes included.  Both are kept in step by hand:
 * tests/e2e/cli.sh checks that every option named here is in the man page.
 */
#ifndef SBORNIK_HELP_H
#define SBORNIK_HELP_H

#include <stdbool.h>
#include <stdio.h>

/*
 * Print the help of command ("build", "check", "xml", "init", "new"), or
 * the general help when command is NULL, to out.  False (nothing printed)
 * when command is not a command.
 */
bool help_print(const char *command, FILE *out);

#endif
