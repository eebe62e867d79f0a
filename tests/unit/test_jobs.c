/*
 * test_jobs.c: the worker pool (src/jobs.c).
 *
 * Jobs run in forked workers must give the same statuses and the same
 * diagnostics, in job order, as jobs run one after another in this
 * process; a worker that dies is reported and its job marked -1.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "jobs.h"
#include "support.h"

/* Job i reports i % 3 diagnostics (to show order) and returns i % 7. */
static int report_job(size_t i, diag_sink *diag, void *ud)
{
    (void)ud;
    for (size_t k = 0; k < i % 3; k++)
        diag_report(diag, k ? DIAG_WARNING : DIAG_ERROR, "same.md", 1, 1,
                    "E-JOB", "job %zu, report %zu: «%s»", i, k, "текст, с: запятой");
    /* Uneven lengths, so that workers finish out of order. */
    if (i % 5 == 0)
        usleep(2000);
    return (int)(i % 7);
}

/* Everything reported, as text in report order. */
static char *reports(const diag_sink *d)
{
    buf b = BUF_INIT;
    diag_entry e;
    for (size_t i = 0; diag_get(d, i, &e); i++)
        buf_addf(&b, "%d %s %d:%d %s %s\n", (int)e.sev, e.path, e.line, e.col,
                 e.code, e.message);
    return buf_detach(&b);
}

static size_t calls, last_done;

static void count_progress(size_t done, size_t total, size_t current, void *ud)
{
    (void)ud;
    assert_true(done <= total);
    assert_true(current < total);
    assert_true(done >= last_done);
    last_done = done;
    calls++;
}

static void test_same_as_in_process(void **state)
{
    (void)state;
    enum { N = 40 };
    int here[N], there[N];
    diag_sink *a = new_sink(), *b = new_sink();
    assert_true(jobs_run(N, 1, report_job, NULL, NULL, here, a));
    calls = last_done = 0;
    assert_true(jobs_run(N, 4, report_job, count_progress, NULL, there, b));
    assert_true(calls > 0);
    assert_int_equal(last_done, N);
    for (int i = 0; i < N; i++) {
        assert_int_equal(here[i], i % 7);
        assert_int_equal(there[i], i % 7);
    }
    char *ra = reports(a), *rb = reports(b);
    assert_string_equal(ra, rb);
    assert_int_equal(diag_total(b), 39);   /* 0+1+2 for each 3 jobs */
    free(ra);
    free(rb);
}

/* No jobs, or more workers than jobs. */
static void test_few_jobs(void **state)
{
    (void)state;
    int st[2] = {99, 99};
    diag_sink *d = new_sink();
    assert_true(jobs_run(0, 4, report_job, NULL, NULL, st, d));
    assert_int_equal(st[0], 99);
    assert_true(jobs_run(2, 8, report_job, NULL, NULL, st, d));
    assert_int_equal(st[0], 0);
    assert_int_equal(st[1], 1);
    assert_int_equal(diag_total(d), 1);
    assert_true(jobs_cores() >= 1);
}

/* Job 3 kills its worker: the others are done, job 3 is -1 and said. */
static int dying_job(size_t i, diag_sink *diag, void *ud)
{
    (void)diag;
    pid_t *parent = ud;
    if (i == 3 && getpid() != *parent)
        raise(SIGKILL);
    return 1;
}

static void test_worker_dies(void **state)
{
    (void)state;
    enum { N = 8 };
    int st[N];
    pid_t parent = getpid();
    diag_sink *d = new_sink();
    assert_false(jobs_run(N, 2, dying_job, NULL, &parent, st, d));
    assert_int_equal(st[3], -1);
    for (int i = 0; i < N; i++)
        if (i != 3)
            assert_true(st[i] == 1 || st[i] == -1);
    char *got = flushed_text(d);
    assert_non_null(strstr(got, "sbornik: error: a worker process was stopped by signal 9\n"));
    free(got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_same_as_in_process, scratch_teardown),
        cmocka_unit_test_teardown(test_few_jobs, scratch_teardown),
        cmocka_unit_test_teardown(test_worker_dies, scratch_teardown),
    };
    return cmocka_run_group_tests_name("jobs", tests, NULL, NULL);
}
