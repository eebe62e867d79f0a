/*
 * test_html.c: what src/html.c does in C: page names, loading stylesheets
 * only from stylesheets/, running them with no file or network access,
 * copying the CSS and images, and the writer's pages.
 *
 * Stylesheets of the failure tests are written into a fresh data folder;
 * the writer tests use the real stylesheets of the repository
 * (SBORNIK_DATA_DIR, the folder the Makefile builds in).
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

/* The only diagnostic of d, as "CODE: message". */
static char *only_diag(diag_sink *d)
{
    assert_int_equal(diag_total(d), 1);
    diag_entry e;
    assert_true(diag_get(d, 0, &e));
    buf b = BUF_INIT;
    buf_addf(&b, "%s: %s", e.code, e.message);
    return buf_detach(&b);
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

/* ------------------------------------------------------------ loading */

static void test_load_missing(void **state)
{
    (void)state;
    char *data = make_tmp();
    diag_sink *d = new_sink();
    assert_null(html_xslt_load(data, "html/html.xsl", d));
    char *msg = only_diag(d);
    assert_non_null(strstr(msg, "E-STYLESHEET: cannot find the stylesheets"));
    free(msg);

    /* The folder is there, the file is not. */
    diag_sink *e = new_sink();
    write_text(data, "stylesheets/other.xsl", "<x/>");
    assert_null(html_xslt_load(data, "html/html.xsl", e));
    msg = only_diag(e);
    assert_string_equal(msg, "E-STYLESHEET: cannot read the stylesheet: No such file or directory");
    free(msg);
}

static void test_load_broken(void **state)
{
    (void)state;
    char *data = make_tmp();
    write_text(data, "stylesheets/broken.xsl", XSL_HEAD "><xsl:template match=\"/\">");
    write_text(data, "stylesheets/plain.xsl", "<html><body/></html>");
    write_text(data, "stylesheets/bad-xpath.xsl",
               XSL_HEAD "><xsl:template match=\"/\"><xsl:value-of select=\"((\"/>"
               "</xsl:template></xsl:stylesheet>");
    static const char *const names[] = {"broken.xsl", "plain.xsl", "bad-xpath.xsl"};
    for (size_t i = 0; i < 3; i++) {
        diag_sink *d = new_sink();
        assert_null(html_xslt_load(data, names[i], d));
        char *msg = only_diag(d);
        assert_ptr_equal(strstr(msg, "E-STYLESHEET: cannot load the stylesheet: "), msg);
        free(msg);
    }
}

static void test_load_confined(void **state)
{
    (void)state;
    char *data = make_tmp();
    /* A stylesheet beside stylesheets/, reached three ways. */
    write_text(data, "outside.xsl",
               XSL_HEAD "><xsl:template match=\"/\"><x/></xsl:template></xsl:stylesheet>");
    char *outside = path_of(data, "outside.xsl");
    buf abs = BUF_INIT;
    buf_addf(&abs, XSL_HEAD "><xsl:include href=\"%s\"/></xsl:stylesheet>", outside);
    write_text(data, "stylesheets/up.xsl",
               XSL_HEAD "><xsl:include href=\"../outside.xsl\"/></xsl:stylesheet>");
    write_text(data, "stylesheets/abs.xsl", abs.data);
    write_text(data, "stylesheets/net.xsl",
               XSL_HEAD "><xsl:import href=\"http://example.org/x.xsl\"/></xsl:stylesheet>");
    char *link = path_of(data, "stylesheets/link.xsl");
    assert_int_equal(symlink(outside, link), 0);
    static const char *const names[] = {"up.xsl", "abs.xsl", "net.xsl", "link.xsl"};
    for (size_t i = 0; i < 4; i++) {
        diag_sink *d = new_sink();
        assert_null(html_xslt_load(data, names[i], d));
        assert_int_equal(diag_count(d, DIAG_ERROR), 1);
    }
    /* The name itself may not climb out either. */
    diag_sink *d = new_sink();
    assert_null(html_xslt_load(data, "../outside.xsl", d));
    char *msg = only_diag(d);
    assert_string_equal(msg, "E-STYLESHEET: a stylesheet must be named inside stylesheets/");
    free(msg);
    /* Inside is fine, through an include in a subfolder. */
    write_text(data, "stylesheets/sub/main.xsl",
               XSL_HEAD "><xsl:include href=\"../part.xsl\"/></xsl:stylesheet>");
    write_text(data, "stylesheets/part.xsl",
               XSL_HEAD "><xsl:template match=\"/\"><x/></xsl:template></xsl:stylesheet>");
    diag_sink *ok = new_sink();
    html_xslt *x = html_xslt_load(data, "sub/main.xsl", ok);
    assert_non_null(x);
    assert_int_equal(diag_total(ok), 0);
    html_xslt_free(x);
    buf_free(&abs);
    free(outside);
    free(link);
}

/* ------------------------------------------------------------ running */

static void test_run_forbids_files(void **state)
{
    (void)state;
    char *data = make_tmp();
    char *target = path_of(data, "written.txt");
    write_text(data, "secret.txt", "secret");
    char *secret = path_of(data, "secret.txt");
    buf write = BUF_INIT, read = BUF_INIT;
    buf_addf(&write,
             XSL_HEAD "xmlns:exsl=\"http://exslt.org/common\" "
             "extension-element-prefixes=\"exsl\"><xsl:template match=\"/\">"
             "<exsl:document href=\"%s\" method=\"text\">pwned</exsl:document>"
             "<done/></xsl:template></xsl:stylesheet>", target);
    buf_addf(&read,
             XSL_HEAD "><xsl:output method=\"text\"/><xsl:template match=\"/\">"
             "<xsl:value-of select=\"document('%s')\"/></xsl:template>"
             "</xsl:stylesheet>", secret);
    write_text(data, "stylesheets/write.xsl", write.data);
    write_text(data, "stylesheets/read.xsl", read.data);
    xmlDocPtr doc = parse_xml("<order id=\"x\"/>");

    diag_sink *d = new_sink();
    html_xslt *w = html_xslt_load(data, "write.xsl", d);
    assert_non_null(w);
    int len = -1;
    assert_null(html_xslt_run(w, doc, NULL, &len, "docs/x.html", d));
    assert_false(file_exists(data, "written.txt"));
    char *msg = only_diag(d);
    assert_non_null(strstr(msg, "E-XSLT: cannot make docs/x.html"));
    free(msg);
    html_xslt_free(w);

    diag_sink *e = new_sink();
    html_xslt *r = html_xslt_load(data, "read.xsl", e);
    assert_non_null(r);
    assert_null(html_xslt_run(r, doc, NULL, &len, "docs/x.html", e));
    msg = only_diag(e);
    assert_non_null(strstr(msg, "E-XSLT: cannot make docs/x.html"));
    free(msg);
    html_xslt_free(r);

    xmlFreeDoc(doc);
    buf_free(&write);
    buf_free(&read);
    free(target);
    free(secret);
}

static void test_run_params_literal(void **state)
{
    (void)state;
    char *data = make_tmp();
    write_text(data, "stylesheets/p.xsl",
               XSL_HEAD "><xsl:output method=\"text\" encoding=\"UTF-8\"/>"
               "<xsl:param name=\"root\"/><xsl:param name=\"other\"/>"
               "<xsl:template match=\"/\"><xsl:value-of select=\"concat($root, '|', $other, '|', /*/@id)\"/>"
               "</xsl:template></xsl:stylesheet>");
    diag_sink *d = new_sink();
    html_xslt *x = html_xslt_load(data, "p.xsl", d);
    assert_non_null(x);
    xmlDocPtr doc = parse_xml("<order id=\"приказ\"/>");
    /* Quotes of both kinds: values are strings, never XPath. */
    const char *params[] = {"root", "../", "other", "it's \"quoted\"", NULL};
    int len = 0;
    xmlChar *out = html_xslt_run(x, doc, params, &len, "t", d);
    assert_non_null(out);
    assert_string_equal((const char *)out, "../|it's \"quoted\"|приказ");
    assert_int_equal(len, (int)strlen((const char *)out));
    assert_int_equal(diag_total(d), 0);
    xmlFree(out);
    /* xsl:message terminate: an error, and no half result. */
    html_xslt_free(x);
    write_text(data, "stylesheets/stop.xsl",
               XSL_HEAD "><xsl:template match=\"/\"><a/><xsl:message terminate=\"yes\">stop here</xsl:message>"
               "</xsl:template></xsl:stylesheet>");
    diag_sink *e = new_sink();
    x = html_xslt_load(data, "stop.xsl", e);
    assert_non_null(x);
    assert_null(html_xslt_run(x, doc, NULL, &len, "docs/s.html", e));
    char *msg = only_diag(e);
    assert_string_equal(msg, "E-XSLT: cannot make docs/s.html: stop here");
    free(msg);
    html_xslt_free(x);
    xmlFreeDoc(doc);
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
        cmocka_unit_test_teardown(test_load_missing, scratch_teardown),
        cmocka_unit_test_teardown(test_load_broken, scratch_teardown),
        cmocka_unit_test_teardown(test_load_confined, scratch_teardown),
        cmocka_unit_test_teardown(test_run_forbids_files, scratch_teardown),
        cmocka_unit_test_teardown(test_run_params_literal, scratch_teardown),
        cmocka_unit_test_teardown(test_writer_pages, scratch_teardown),
        cmocka_unit_test_teardown(test_writer_image_outside, scratch_teardown),
        cmocka_unit_test_teardown(test_writer_missing_css, scratch_teardown),
    };
    int failed = cmocka_run_group_tests_name("html", tests, NULL, NULL);
    xmlCleanupParser();
    return failed;
}
