/*
 * test_xslt.c: loading and running stylesheets safely (src/xslt.c), the
 * rules every writer's stylesheets live under: named and included only
 * from stylesheets/, no network; a transformation that tries to read or
 * write a file or reach the network stops and fails, says nothing or fails,
 * never returns half a result; parameters are strings; a setup callback
 * may add extension functions.
 *
 * Every stylesheet here is written into a fresh data folder.
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
#include <libxml/xpathInternals.h>
#include <libxslt/extensions.h>

#include "buf.h"
#include "diag.h"
#include "xslt.h"
#include "support.h"

/* ------------------------------------------------------------ helpers */

/* A fresh folder, removed (with the sinks of new_sink) by scratch_teardown. */
static char *make_tmp(void)
{
    return scratch_dir("sbornik-test-xslt");
}

#define XSL_HEAD "<xsl:stylesheet version=\"1.0\" " \
    "xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\" "

/* ------------------------------------------------------------ loading */

static void test_load_missing(void **state)
{
    (void)state;
    char *data = make_tmp();
    diag_sink *d = new_sink();
    assert_null(xslt_load(data, "html/html.xsl", d));
    char *msg = only_diag(d);
    assert_non_null(strstr(msg, "E-STYLESHEET: cannot find the stylesheets"));
    free(msg);

    /* The folder is there, the file is not. */
    diag_sink *e = new_sink();
    write_text(data, "stylesheets/other.xsl", "<x/>");
    assert_null(xslt_load(data, "html/html.xsl", e));
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
        assert_null(xslt_load(data, names[i], d));
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
        assert_null(xslt_load(data, names[i], d));
        assert_int_equal(diag_count(d, DIAG_ERROR), 1);
    }
    /* The name itself may not climb out either. */
    diag_sink *d = new_sink();
    assert_null(xslt_load(data, "../outside.xsl", d));
    char *msg = only_diag(d);
    assert_string_equal(msg, "E-STYLESHEET: a stylesheet must be named inside stylesheets/");
    free(msg);
    /* Inside is fine, through an include in a subfolder. */
    write_text(data, "stylesheets/sub/main.xsl",
               XSL_HEAD "><xsl:include href=\"../part.xsl\"/></xsl:stylesheet>");
    write_text(data, "stylesheets/part.xsl",
               XSL_HEAD "><xsl:template match=\"/\"><x/></xsl:template></xsl:stylesheet>");
    diag_sink *ok = new_sink();
    xslt *x = xslt_load(data, "sub/main.xsl", ok);
    assert_non_null(x);
    assert_int_equal(diag_total(ok), 0);
    xslt_free(x);
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
    xslt *w = xslt_load(data, "write.xsl", d);
    assert_non_null(w);
    int len = -1;
    assert_null(xslt_run(w, doc, NULL, &len, "docs/x.html", d));
    assert_false(file_exists(data, "written.txt"));
    char *msg = only_diag(d);
    assert_non_null(strstr(msg, "E-XSLT: cannot make docs/x.html"));
    free(msg);
    xslt_free(w);

    diag_sink *e = new_sink();
    xslt *r = xslt_load(data, "read.xsl", e);
    assert_non_null(r);
    assert_null(xslt_run(r, doc, NULL, &len, "docs/x.html", e));
    msg = only_diag(e);
    assert_non_null(strstr(msg, "E-XSLT: cannot make docs/x.html"));
    free(msg);
    xslt_free(r);

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
    xslt *x = xslt_load(data, "p.xsl", d);
    assert_non_null(x);
    xmlDocPtr doc = parse_xml("<order id=\"приказ\"/>");
    /* Quotes of both kinds: values are strings, never XPath. */
    const char *params[] = {"root", "../", "other", "it's \"quoted\"", NULL};
    int len = 0;
    xmlChar *out = xslt_run(x, doc, params, &len, "t", d);
    assert_non_null(out);
    assert_string_equal((const char *)out, "../|it's \"quoted\"|приказ");
    assert_int_equal(len, (int)strlen((const char *)out));
    assert_int_equal(diag_total(d), 0);
    xmlFree(out);
    /* xsl:message terminate: an error, and no half result. */
    xslt_free(x);
    write_text(data, "stylesheets/stop.xsl",
               XSL_HEAD "><xsl:template match=\"/\"><a/><xsl:message terminate=\"yes\">stop here</xsl:message>"
               "</xsl:template></xsl:stylesheet>");
    diag_sink *e = new_sink();
    x = xslt_load(data, "stop.xsl", e);
    assert_non_null(x);
    assert_null(xslt_run(x, doc, NULL, &len, "docs/s.html", e));
    char *msg = only_diag(e);
    assert_string_equal(msg, "E-XSLT: cannot make docs/s.html: stop here");
    free(msg);
    xslt_free(x);
    xmlFreeDoc(doc);
}

/* The same mistakes in a stylesheet of a subfolder, as docx/package.xsl,
   and an include from outside stylesheets/: each reported at the
   stylesheet, in libxslt's own words. */
static void test_load_broken_in_folder(void **state)
{
    (void)state;
    static const char *const broken[] = {
        /* not XML */
        "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>",
        /* not XSLT */
        "<html/>",
        /* an XPath error */
        "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
        "<xsl:template match='/'><xsl:value-of select='1 +'/></xsl:template></xsl:stylesheet>",
        /* an include from outside stylesheets/ */
        "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
        "<xsl:include href='../../outside.xsl'/></xsl:stylesheet>",
    };
    for (size_t i = 0; i < sizeof broken / sizeof *broken; i++) {
        diag_sink *d = new_sink();
        char *data = make_tmp();
        write_text(data, "stylesheets/docx/package.xsl", broken[i]);
        write_text(data, "outside.xsl",
                   "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'/>");
        assert_null(xslt_load(data, "docx/package.xsl", d));
        char *got = only_diag_with(d, true);
        assert_non_null(strstr(got, "E-STYLESHEET"));
        assert_non_null(strstr(got, "package.xsl: cannot load the stylesheet: "));
        /* libxslt said why: not the fallback; for the include, not only
           "error" (where) but what. */
        assert_null(strstr(got, "not a usable XSLT stylesheet"));
        if (i == 3)
            assert_non_null(strstr(got, "outside.xsl refused"));
        free(got);
    }
}

/* ------------------------------------------------------------ stopping */

/* Counts the calls of t:count() (an extension function of setup_count). */
static void fn_count(xmlXPathParserContextPtr ctxt, int nargs)
{
    xsltTransformContextPtr t = xsltXPathGetTransformContext(ctxt);
    int *calls = t->_private;
    (*calls)++;
    (void)nargs;
    valuePush(ctxt, xmlXPathNewFloat(*calls));
}

static bool setup_count(xsltTransformContextPtr ctxt, void *ud)
{
    ctxt->_private = ud;
    return xsltRegisterExtFunction(ctxt, BAD_CAST "count", BAD_CAST "urn:test",
                                   fn_count) == 0;
}

/*
 * Apply stylesheets/t.xsl holding body (templates) and return its one
 * diagnostic as "CODE path: message"; the transformation must fail, and
 * t:count() after the failing instruction must never run.
 */
static char *apply_failure(const char *data, const char *body)
{
    buf b = BUF_INIT;
    buf_addf(&b, "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'"
                 " xmlns:exsl='http://exslt.org/common' xmlns:t='urn:test'"
                 " extension-element-prefixes='exsl'>%s</xsl:stylesheet>", body);
    write_text(data, "stylesheets/t.xsl", b.data);
    buf_free(&b);
    diag_sink *d = new_sink();
    xslt *x = xslt_load(data, "t.xsl", d);
    assert_non_null(x);
    xmlDocPtr doc = parse_xml("<order id='order-t'/>");
    int calls = 0;
    assert_null(xslt_apply(x, doc, NULL, setup_count, &calls, "docs/order-t.docx", d));
    assert_int_equal(calls, 0);
    xmlFreeDoc(doc);
    xslt_free(x);
    return only_diag_with(d, true);
}

/* Expect «E-XSLT <data>/stylesheets/t.xsl: cannot make docs/order-t.docx: »
   followed by message, with detail somewhere in it. */
static void expect_failure(const char *data, const char *body, const char *message,
                           const char *detail)
{
    char *got = apply_failure(data, body);
    char *xsl = path_of(data, "stylesheets/t.xsl");
    buf want = BUF_INIT;
    buf_addf(&want, "E-XSLT %s: cannot make docs/order-t.docx: %s", xsl, message);
    if (strncmp(got, want.data, want.len) || (detail && !strstr(got, detail)))
        fail_msg("expected «%s» and «%s», got:\n%s", want.data, detail ? detail : "", got);
    buf_free(&want);
    free(xsl);
    free(got);
}

static void test_apply_stops(void **state)
{
    (void)state;
    char *data = make_tmp();
    char *escape = path_of(data, "escape.txt");
    buf write = BUF_INIT, refused = BUF_INIT;
    expect_failure(data, "<xsl:template match='/'><xsl:message terminate='yes'>boom</xsl:message>"
                         "<xsl:value-of select='t:count()'/></xsl:template>",
                   "boom", NULL);
    /* Reading a file stops the transformation. */
    expect_failure(data, "<xsl:template match='/'><a>"
                         "<xsl:copy-of select=\"document('/etc/passwd')\"/>"
                         "<xsl:value-of select='t:count()'/></a></xsl:template>",
                   "runtime error: ",
                   "t.xsl line 1 element copy-of; access to /etc/passwd refused");
    /* Writing one too, and nothing is written. */
    buf_addf(&write, "<xsl:template match='/'><a><exsl:document href='%s' method='text'>x"
                     "</exsl:document><xsl:value-of select='t:count()'/></a></xsl:template>",
             escape);
    buf_addf(&refused, "access to %s refused", escape);
    expect_failure(data, write.data, "runtime error: ", refused.data);
    assert_false(file_exists(data, "escape.txt"));
    /* The network, both ways. */
    expect_failure(data, "<xsl:template match='/'><a>"
                         "<xsl:copy-of select=\"document('http://example.org/x.xml')\"/>"
                         "<xsl:value-of select='t:count()'/></a></xsl:template>",
                   "runtime error: ", "access to http://example.org/x.xml refused");
    expect_failure(data, "<xsl:template match='/'><a><exsl:document href='http://example.org/x'"
                         " method='text'>x</exsl:document><xsl:value-of select='t:count()'/></a>"
                         "</xsl:template>",
                   "runtime error: ", "access to http://example.org/x refused");
    buf_free(&write);
    buf_free(&refused);
    free(escape);
}

/* A message is a failure even when the transformation goes on. */
static void test_apply_message_fails(void **state)
{
    (void)state;
    char *data = make_tmp();
    char *got = apply_failure(data, "<xsl:template match='/'><a/>"
                                    "<xsl:message>just saying</xsl:message></xsl:template>");
    assert_non_null(strstr(got, "E-XSLT "));
    assert_non_null(strstr(got, "t.xsl: cannot make docs/order-t.docx: just saying"));
    free(got);
}

/* ------------------------------------------------------------ setup */

/* t:times(n): n times the int ud points to. */
static void fn_times(xmlXPathParserContextPtr ctxt, int nargs)
{
    if (nargs != 1) {
        xmlXPathSetArityError(ctxt);
        return;
    }
    xsltTransformContextPtr t = xsltXPathGetTransformContext(ctxt);
    double n = xmlXPathPopNumber(ctxt);
    valuePush(ctxt, xmlXPathNewFloat(n * *(int *)t->_private));
}

static bool setup_times(xsltTransformContextPtr ctxt, void *ud)
{
    ctxt->_private = ud;
    return xsltRegisterExtFunction(ctxt, BAD_CAST "times", BAD_CAST "urn:test",
                                   fn_times) == 0;
}

static bool setup_refuses(xsltTransformContextPtr ctxt, void *ud)
{
    (void)ctxt;
    (void)ud;
    return false;
}

static void test_apply_setup(void **state)
{
    (void)state;
    char *data = make_tmp();
    write_text(data, "stylesheets/f.xsl",
               XSL_HEAD "xmlns:t=\"urn:test\"><xsl:param name=\"p\"/>"
               "<xsl:template match=\"/\"><r p=\"{$p}\"><xsl:value-of select=\"t:times(/n)\"/></r>"
               "</xsl:template></xsl:stylesheet>");
    diag_sink *d = new_sink();
    xslt *x = xslt_load(data, "f.xsl", d);
    assert_non_null(x);
    xmlDocPtr doc = parse_xml("<n>21</n>");

    /* Without the function: an error, not a quiet empty string.  (First:
       libxml2 keeps the function an expression once found.) */
    assert_null(xslt_apply(x, doc, NULL, NULL, NULL, "f", d));
    char *msg = only_diag(d);
    assert_ptr_equal(strstr(msg, "E-XSLT: cannot make f: "), msg);
    free(msg);

    /* A setup that fails fails the transformation. */
    diag_sink *e = new_sink();
    assert_null(xslt_apply(x, doc, NULL, setup_refuses, NULL, "f", e));
    msg = only_diag(e);
    assert_string_equal(msg, "E-XSLT: cannot make f: the transformation failed");
    free(msg);

    diag_sink *ok = new_sink();
    int factor = 2;
    const char *params[] = {"p", "'quoted'", NULL};
    xmlDocPtr res = xslt_apply(x, doc, params, setup_times, &factor, "f", ok);
    assert_non_null(res);
    xmlNodePtr r = xmlDocGetRootElement(res);
    xmlChar *text = xmlNodeGetContent(r);
    xmlChar *p = xmlGetProp(r, BAD_CAST "p");
    assert_string_equal((const char *)text, "42");
    assert_string_equal((const char *)p, "'quoted'");
    xmlFree(text);
    xmlFree(p);
    xmlFreeDoc(res);
    assert_int_equal(diag_total(ok), 0);
    xmlFreeDoc(doc);
    xslt_free(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_load_missing, scratch_teardown),
        cmocka_unit_test_teardown(test_load_broken, scratch_teardown),
        cmocka_unit_test_teardown(test_load_broken_in_folder, scratch_teardown),
        cmocka_unit_test_teardown(test_load_confined, scratch_teardown),
        cmocka_unit_test_teardown(test_run_forbids_files, scratch_teardown),
        cmocka_unit_test_teardown(test_run_params_literal, scratch_teardown),
        cmocka_unit_test_teardown(test_apply_stops, scratch_teardown),
        cmocka_unit_test_teardown(test_apply_message_fails, scratch_teardown),
        cmocka_unit_test_teardown(test_apply_setup, scratch_teardown),
    };
    int failed = cmocka_run_group_tests_name("xslt", tests, NULL, NULL);
    xmlCleanupParser();
    return failed;
}
