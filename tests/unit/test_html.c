/*
 * test_html.c: what src/html.c does in C: page names, copying the CSS and
 * images, and the writer's pages (loading and running stylesheets safely
 * is test_xslt.c's).
 *
 * The writer tests use the real stylesheets of the repository
 * (SBORNIK_DATA_DIR, the folder the Makefile builds in); the missing-CSS
 * test writes a stylesheet into a fresh data folder.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "diag.h"
#include "html.h"
#include "output.h"
#include "support.h"

#ifndef SBORNIK_DATA_DIR
#define SBORNIK_DATA_DIR "."
#endif

/* ------------------------------------------------------------ helpers */

/* A fresh folder, removed (with the sinks of new_sink) by scratch_teardown. */
static char *make_tmp(void)
{
    return scratch_dir("sbornik-test-html");
}

#define XSL_HEAD "<xsl:stylesheet version=\"1.0\" " \
    "xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\" "

/* ------------------------------------------------------------ names */

static void test_page_names(void **state)
{
    (void)state;
    static const struct {
        const char *xml, *page, *root;
    } cases[] = {
        {"<order id=\"order-2017-970\"/>", "docs/order-2017-970.html", "../"},
        {"<roadmap id=\"2022/roadmap\"/>", "docs/2022/roadmap.html", "../../"},
        {"<collection id=\"portfolio-2022\"/>", "portfolio-2022/index.html", "../"},
        {"<collection id=\"books/2023\"/>", "books/2023/index.html", "../../"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        xmlDocPtr doc = parse_xml(cases[i].xml);
        char *page = html_page_name(doc);
        char *root = html_root_of(page);
        assert_string_equal(page, cases[i].page);
        assert_string_equal(root, cases[i].root);
        free(page);
        free(root);
        xmlFreeDoc(doc);
    }
    char *top = html_root_of("index.html");
    assert_string_equal(top, "");
    free(top);
}

/* ------------------------------------------------------------ the writer */

static const char ORDER[] =
    "<order id=\"o-1\" src=\"o.md\" status=\"draft\">"
    "<meta><title>О плане</title><form>ПРИКАЗ</form><directive>ПРИКАЗЫВАЮ</directive>"
    "<issuer><name>Министерство</name></issuer>"
    "<date value=\"2023-02-01\">01.02.2023</date><number>01/1</number>"
    "<signatory><position>Министр</position><name>А.И.\xc2\xa0Кузнецов</name></signatory>"
    "<keywords><keyword>план</keyword></keywords></meta>"
    "<body><preamble><p>Текст<fnref n=\"1\"/> и <image src=\"img/a.png\" format=\"png\">Схема</image></p></preamble>"
    "<points><point n=\"1\"><p>Утвердить.</p></point></points></body>"
    "<footnotes><footnote n=\"1\"><p>Сноска.</p></footnote></footnotes></order>";

static const char SUMMARY[] =
    "<project formats=\"html,ics\"><item ref=\"o-1\" kind=\"order\" status=\"draft\" src=\"o.md\">"
    "<title>О плане</title><date value=\"2023-02-01\">01.02.2023</date><number>01/1</number>"
    "</item></project>";

static void test_writer_pages(void **state)
{
    (void)state;
    char *project = make_tmp();
    char *out = make_tmp();
    write_text(project, "img/a.png", "\x89PNG-not-really");
    diag_sink *d = new_sink();
    output_target t = {out, project, SBORNIK_DATA_DIR, 86400 * 365, d};
    void *w = html_writer.open(&t);
    assert_non_null(w);
    xmlDocPtr doc = parse_xml(ORDER);
    xmlDocPtr summary = parse_xml(SUMMARY);
    assert_true(html_writer.write(w, &t, doc));
    assert_true(html_writer.finish(w, &t, summary));
    html_writer.close(w);
    xmlFreeDoc(doc);
    xmlFreeDoc(summary);
    assert_int_equal(diag_total(d), 0);

    char *page = read_file_in(out, "docs/o-1.html", NULL);
    assert_non_null(page);
    assert_true(strncmp(page, "<!DOCTYPE html>\n<html lang=\"ru\">", 32) == 0);
    /* One charset declaration: libxml2's added http-equiv is gone. */
    assert_int_equal(count_of(page, "<meta charset=\"utf-8\">"), 1);
    assert_int_equal(count_of(page, "http-equiv"), 0);
    assert_non_null(strstr(page, "<meta name=\"keywords\" content=\"план\">"));
    assert_non_null(strstr(page, "<meta name=\"dcterms.date\" content=\"2023-02-01\">"));
    assert_non_null(strstr(page, "href=\"../sbornik.css\""));
    assert_non_null(strstr(page, "src=\"../media/img/a.png\""));
    assert_non_null(strstr(page, "ПРОЕКТ"));
    assert_non_null(strstr(page, "<a href=\"#fn-o-1-1\" id=\"fnref-o-1-1\">1</a>"));
    assert_non_null(strstr(page, "<li id=\"fn-o-1-1\" value=\"1\"><a class=\"footnote-back\" href=\"#fnref-o-1-1\""));
    assert_null(strstr(page, "<script"));
    free(page);

    char *copied = read_file_in(out, "media/img/a.png", NULL);
    assert_string_equal(copied, "\x89PNG-not-really");
    free(copied);
    char *css = read_file_in(out, "sbornik.css", NULL);
    char *orig = read_file_in(SBORNIK_DATA_DIR, "stylesheets/sbornik.css", NULL);
    assert_non_null(css);
    assert_string_equal(css, orig);
    free(css);
    free(orig);

    /* The index links the page; the build date is SOURCE_DATE_EPOCH's. */
    char *index = read_file_in(out, "index.html", NULL);
    assert_non_null(index);
    assert_non_null(strstr(index, "href=\"docs/o-1.html\""));
    assert_non_null(strstr(index, "<meta name=\"dcterms.date\" content=\"1971-01-01\">"));
    assert_null(strstr(index, ".pdf"));
    free(index);
}

static void test_writer_image_outside(void **state)
{
    (void)state;
    char *project = make_tmp();
    char *out = make_tmp();
    char *elsewhere = make_tmp();
    write_text(elsewhere, "b.png", "outside");
    char *target = path_of(elsewhere, "b.png");
    char *link = path_of(project, "b.png");
    assert_int_equal(symlink(target, link), 0);
    diag_sink *d = new_sink();
    output_target t = {out, project, SBORNIK_DATA_DIR, -1, d};
    void *w = html_writer.open(&t);
    assert_non_null(w);
    /* A link leading out of the project, and a missing image. */
    xmlDocPtr doc = parse_xml("<document id=\"d\" src=\"d.md\" status=\"final\"><meta><title>Т</title>"
                              "<genre>Справка</genre></meta><body><p><image src=\"b.png\" format=\"png\"/>"
                              "<image src=\"gone.png\" format=\"png\"/></p></body></document>");
    assert_false(html_writer.write(w, &t, doc));
    html_writer.close(w);
    xmlFreeDoc(doc);
    assert_int_equal(diag_count(d, DIAG_ERROR), 2);
    diag_entry e;
    assert_true(diag_get(d, 0, &e));
    assert_string_equal(e.code, "E-IMAGE");
    assert_false(file_exists(out, "media/b.png"));
    free(target);
    free(link);
}

static void test_writer_missing_css(void **state)
{
    (void)state;
    char *data = make_tmp();
    char *out = make_tmp();
    write_text(data, "stylesheets/html/html.xsl",
               XSL_HEAD "><xsl:template match=\"/\"><html/></xsl:template></xsl:stylesheet>");
    diag_sink *d = new_sink();
    output_target t = {out, data, data, -1, d};
    assert_null(html_writer.open(&t));
    char *msg = only_diag(d);
    assert_string_equal(msg, "E-STYLESHEET: cannot read the CSS: No such file or directory");
    free(msg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_page_names),
        cmocka_unit_test_teardown(test_writer_pages, scratch_teardown),
        cmocka_unit_test_teardown(test_writer_image_outside, scratch_teardown),
        cmocka_unit_test_teardown(test_writer_missing_css, scratch_teardown),
    };
    int failed = cmocka_run_group_tests_name("html", tests, NULL, NULL);
    xmlCleanupParser();
    return failed;
}
