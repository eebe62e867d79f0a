/*
 * test_datadir.c: where the data folder is found (src/datadir.c), and the
 * help texts (src/help.c).
 *
 * This binary runs from build/ of the source tree, so without
 * SBORNIK_DATA the tree itself must be found, whatever the current folder.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "datadir.h"
#include "help.h"
#include "support.h"

/* SBORNIK_DATA wins, read afresh at every call. */
static void test_env_wins(void **state)
{
    (void)state;
    datadir_origin origin;
    setenv("SBORNIK_DATA", "/somewhere/else", 1);
    assert_string_equal(datadir_path(&origin), "/somewhere/else");
    assert_int_equal(origin, DATADIR_ENV);
    setenv("SBORNIK_DATA", "/another", 1);
    assert_string_equal(datadir_path(NULL), "/another");
    unsetenv("SBORNIK_DATA");
}

/* An empty SBORNIK_DATA counts as unset: the source tree, from anywhere. */
static void test_source_tree_from_anywhere(void **state)
{
    (void)state;
    char *root = repo_root();     /* $SBORNIK_DATA or the tree of __FILE__ */
    char want[PATH_MAX], cwd[PATH_MAX];
    assert_non_null(realpath(root, want));
    assert_non_null(getcwd(cwd, sizeof cwd));
    setenv("SBORNIK_DATA", "", 1);
    assert_int_equal(chdir("/"), 0);
    datadir_origin origin;
    const char *dir = datadir_path(&origin);
    assert_int_equal(chdir(cwd), 0);
    assert_int_equal(origin, DATADIR_TREE);
    assert_string_equal(dir, want);
    assert_string_equal(datadir_origin_name(origin),
                        "the source tree the binary runs from");
    free(root);
}

/* Every command has its help, starting with its usage; others none. */
static void test_help(void **state)
{
    (void)state;
    static const char *const commands[] = {"build", "check", "xml", "init", "new"};
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        assert_true(help_print(commands[i], f));
        fclose(f);
        char want[64];
        snprintf(want, sizeof want, "usage: sbornik %s", commands[i]);
        assert_true(strncmp(text, want, strlen(want)) == 0);
        assert_non_null(strstr(text, "--help"));
        free(text);
    }
    assert_false(help_print("frobnicate", stdout));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_env_wins),
        cmocka_unit_test(test_source_tree_from_anywhere),
        cmocka_unit_test(test_help),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
