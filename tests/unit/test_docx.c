/*
 * test_docx.c: the C side of the DOCX writer (src/docx.c).
 *
 * The stylesheets' WordprocessingML is checked end to end (tests/e2e/
 * docx.sh, with LibreOffice); here: the date a package carries, the DOS
 * time a zip stores, the zip itself (order, dates, deflate, the same bytes
 * twice), images read from the project only, and every failure reported
 * as a diagnostic with no file written: a missing stylesheet, a failing
 * transform, a malformed package (broken stylesheets and forbidden file
 * access are test_xslt.c's).
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
#include <zip.h>

#include "buf.h"
#include "build.h"
#include "diag.h"
#include "docx.h"
#include "output.h"
#include "support.h"

/* ------------------------------------------------------------ helpers */

/* A fresh folder, removed (with the sinks of new_sink) by scratch_teardown. */
static char *make_tmp(void)
{
    return scratch_dir("sbornik-test-docx");
}

/* Every diagnostic as "CODE path: message" lines. */
static char *diagnostics(const diag_sink *d)
{
    buf b = BUF_INIT;
    diag_entry e;
    for (size_t i = 0; diag_get(d, i, &e); i++)
        buf_addf(&b, "%s %s: %s\n", e.code, e.path, e.message);
    return buf_detach(&b);
}

/* The names of a zip's entries, "|"-separated, in the order stored. */
static char *zip_names(const char *path)
{
    int err = 0;
    zip_t *za = zip_open(path, ZIP_RDONLY, &err);
    assert_non_null(za);
    buf b = BUF_INIT;
    for (zip_int64_t i = 0; i < zip_get_num_entries(za, 0); i++)
        buf_addf(&b, "%s%s", i ? "|" : "", zip_get_name(za, (zip_uint64_t)i, 0));
    zip_close(za);
    return buf_detach(&b);
}

/* One entry of a zip as a string; NULL when absent. */
static char *zip_entry(const char *path, const char *name, size_t *len)
{
    int err = 0;
    zip_t *za = zip_open(path, ZIP_RDONLY, &err);
    assert_non_null(za);
    zip_stat_t st;
    char *data = NULL;
    if (zip_stat(za, name, 0, &st) == 0) {
        zip_file_t *f = zip_fopen(za, name, 0);
        assert_non_null(f);
        data = xmalloc(st.size + 1);
        assert_int_equal(zip_fread(f, data, st.size), (zip_int64_t)st.size);
        data[st.size] = '\0';
        zip_fclose(f);
        if (len)
            *len = st.size;
    }
    zip_close(za);
    return data;
}

/* A small order as the assembled tree has it. */
static const char ORDER[] =
    "<order id='order-t' src='t.md' status='final'><meta>"
    "<title>О проверке</title><form>ПРИКАЗ</form><directive>ПРИКАЗЫВАЮ</directive>"
    "<issuer><name>Министерство</name></issuer>"
    "<date value='2017-03-29'>29.03.2017</date><number>01/970</number>"
    "<signatory><position>Министр</position><name>А.Б. Иванов</name></signatory>"
    "</meta><body><preamble><p>В целях проверки</p></preamble>"
    "<points><point n='1'><p>Проверить.</p></point></points></body></order>";

/* ------------------------------------------------------------ dates */

static void test_timestamp_choice(void **state)
{
    (void)state;
    xmlDocPtr dated = parse_xml(ORDER);
    /* SOURCE_DATE_EPOCH wins over the document. */
    assert_int_equal(docx_timestamp(dated, 1700000000), 1700000000);
    assert_int_equal(docx_timestamp(dated, 0), 0);
    /* Else the document's date, at midnight UTC. */
    assert_int_equal(docx_timestamp(dated, -1), 1490745600);   /* 2017-03-29 */
    xmlFreeDoc(dated);

    /* A collection has a year. */
    xmlDocPtr year = parse_xml("<collection id='c'><meta><title>T</title><year>2023</year></meta></collection>");
    assert_int_equal(docx_timestamp(year, -1), 1672531200);    /* 2023-01-01 */
    xmlFreeDoc(year);

    /* A model's date is a field: no value, no year: the zip epoch. */
    xmlDocPtr field = parse_xml("<order id='m'><meta><date><field>дата</field></date></meta></order>");
    assert_int_equal(docx_timestamp(field, -1), 315532800);    /* 1980-01-01 */
    xmlFreeDoc(field);

    /* A date before 1980 cannot be stored in a zip: clamped. */
    xmlDocPtr old = parse_xml("<order id='o'><meta><date value='1975-05-01'>01.05.1975</date></meta></order>");
    assert_int_equal(docx_timestamp(old, -1), 315532800);
    xmlFreeDoc(old);

    /* A leap day, and the last day of a year. */
    xmlDocPtr leap = parse_xml("<order id='l'><meta><date value='2020-02-29'>29.02.2020</date></meta></order>");
    assert_int_equal(docx_timestamp(leap, -1), 1582934400);
    xmlFreeDoc(leap);
    xmlDocPtr eoy = parse_xml("<order id='e'><meta><date value='1999-12-31'>31.12.1999</date></meta></order>");
    assert_int_equal(docx_timestamp(eoy, -1), 946598400);
    xmlFreeDoc(eoy);
}

static void test_dos_time(void **state)
{
    (void)state;
    unsigned d, t;
    docx_dos_time(1490745600, &d, &t);                  /* 2017-03-29 00:00:00 */
    assert_int_equal(d, (2017 - 1980) << 9 | 3 << 5 | 29);
    assert_int_equal(t, 0);
    docx_dos_time(1700000000, &d, &t);                  /* 2023-11-14 22:13:20 */
    assert_int_equal(d, (2023 - 1980) << 9 | 11 << 5 | 14);
    assert_int_equal(t, 22 << 11 | 13 << 5 | 10);
    docx_dos_time(1700000001, &d, &t);                  /* odd seconds round down */
    assert_int_equal(t, 22 << 11 | 13 << 5 | 10);
    docx_dos_time(0, &d, &t);                           /* before 1980: 1980-01-01 */
    assert_int_equal(d, 0 << 9 | 1 << 5 | 1);
    assert_int_equal(t, 0);
    docx_dos_time(9999999999LL, &d, &t);                /* after 2107: its last day */
    assert_int_equal(d, 127 << 9 | 12 << 5 | 31);
    assert_int_equal(t, 23 << 11 | 59 << 5 | 29);
}

/* ------------------------------------------------------------ zip */

static const docx_entry ENTRIES[] = {
    {"[Content_Types].xml", "<Types/>", 8},
    {"_rels/.rels", "<Relationships/>", 16},
    {"word/document.xml", "<w:document xmlns:w='w'>абв абв абв абв</w:document>", 60},
    {"word/media/image1.png", "\x89PNG\r\n\x1a\n\0\0", 10},
};
enum { NENTRIES = sizeof ENTRIES / sizeof *ENTRIES };

static unsigned le16(const unsigned char *p)
{
    return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static void test_zip_deterministic(void **state)
{
    (void)state;
    diag_sink *d = new_sink();
    unsigned char *a, *b, *c;
    size_t alen, blen, clen;
    assert_true(docx_zip(ENTRIES, NENTRIES, 1490745600, &a, &alen, d, "t.docx"));
    /* Another time zone changes nothing: the dates are computed in UTC. */
    setenv("TZ", "Pacific/Auckland", 1);
    tzset();
    assert_true(docx_zip(ENTRIES, NENTRIES, 1490745600, &b, &blen, d, "t.docx"));
    unsetenv("TZ");
    tzset();
    assert_int_equal(alen, blen);
    assert_memory_equal(a, b, alen);
    /* Another date, other bytes. */
    assert_true(docx_zip(ENTRIES, NENTRIES, 1700000000, &c, &clen, d, "t.docx"));
    assert_true(alen != clen || memcmp(a, c, alen) != 0);
    assert_int_equal(diag_total(d), 0);
    free(a);
    free(b);
    free(c);
}

static void test_zip_order_and_dates(void **state)
{
    (void)state;
    diag_sink *d = new_sink();
    unsigned char *z;
    size_t len;
    assert_true(docx_zip(ENTRIES, NENTRIES, 1700000000, &z, &len, d, "t.docx"));
    char *dir = make_tmp();
    write_bytes(dir, "t.docx", z, len);
    char *path = path_of(dir, "t.docx");

    /* The entries in the order given, each whole. */
    char *names = zip_names(path);
    assert_string_equal(names, "[Content_Types].xml|_rels/.rels|word/document.xml|"
                               "word/media/image1.png");
    for (size_t i = 0; i < NENTRIES; i++) {
        size_t n = 0;
        char *got = zip_entry(path, ENTRIES[i].name, &n);
        assert_non_null(got);
        assert_int_equal(n, ENTRIES[i].len);
        assert_memory_equal(got, ENTRIES[i].data, n);
        free(got);
    }

    /* The first local header: deflate (8), 2023-11-14 22:13:20 in DOS
       time, no extra field that could carry another date. */
    assert_memory_equal(z, "PK\x03\x04", 4);
    assert_int_equal(le16(z + 8), 8);
    assert_int_equal(le16(z + 10), 22 << 11 | 13 << 5 | 10);
    assert_int_equal(le16(z + 12), (2023 - 1980) << 9 | 11 << 5 | 14);
    assert_int_equal(le16(z + 28), 0);
    free(names);
    free(path);
    free(z);
}

static void test_zip_failure(void **state)
{
    (void)state;
    diag_sink *d = new_sink();
    const docx_entry twice[] = {
        {"word/document.xml", "<a/>", 4},
        {"word/document.xml", "<b/>", 4},
    };
    unsigned char *z = (unsigned char *)"untouched";
    size_t len = 7;
    assert_false(docx_zip(twice, 2, 1700000000, &z, &len, d, "out/t.docx"));
    assert_null(z);
    assert_int_equal(len, 0);
    char *got = diagnostics(d);
    assert_non_null(strstr(got, "E-DOCX-ZIP out/t.docx: cannot add word/document.xml to the package"));
    free(got);
}

/* ------------------------------------------------------------ the writer */

/* A target writing into a fresh folder, reading data from data_dir. */
static output_target target(const char *data_dir, const char *project, diag_sink *d)
{
    output_target t = {make_tmp(), project ? project : make_tmp(), data_dir, -1, d};
    return t;
}

static void test_write_real_stylesheets(void **state)
{
    (void)state;
    diag_sink *d = new_sink();
    output_target t = target(build_data_dir(), NULL, d);
    void *w = docx_writer.open(&t);
    assert_non_null(w);
    xmlDocPtr tree = parse_xml(ORDER);
    assert_true(docx_writer.write(w, &t, tree));
    char *path = path_of(t.out_dir, "docs/order-t.docx");
    size_t alen, blen;
    char *a = read_file(path, &alen);
    assert_non_null(a);

    /* Content types first, then the stylesheet's order. */
    char *names = zip_names(path);
    assert_true(!strncmp(names, "[Content_Types].xml|_rels/.rels|", 32));
    assert_non_null(strstr(names, "word/document.xml"));
    assert_non_null(strstr(names, "word/styles.xml"));
    /* Each part is XML with its declaration, as Word writes it. */
    char *doc = zip_entry(path, "word/document.xml", NULL);
    assert_true(!strncmp(doc, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>", 55));
    assert_non_null(strstr(doc, "ПРИКАЗЫВАЮ:"));
    char *core = zip_entry(path, "docProps/core.xml", NULL);
    assert_non_null(strstr(core, "2017-03-29T00:00:00Z"));

    /* Written again: the same bytes. */
    assert_true(docx_writer.write(w, &t, tree));
    char *b = read_file(path, &blen);
    assert_int_equal(alen, blen);
    assert_memory_equal(a, b, alen);
    assert_int_equal(diag_total(d), 0);

    docx_writer.close(w);
    xmlFreeDoc(tree);
    free(a);
    free(b);
    free(names);
    free(doc);
    free(core);
    free(path);
}

/* A draft carries the ПРОЕКТ mark; a heading loses its final full stop. */
static void test_draft_and_title(void **state)
{
    (void)state;
    diag_sink *d = new_sink();
    output_target t = target(build_data_dir(), NULL, d);
    void *w = docx_writer.open(&t);
    assert_non_null(w);
    buf xml = BUF_INIT;
    buf_adds(&xml, ORDER);
    char *at = strstr(xml.data, "status='final'");
    memcpy(at, "status='draft'", 14);
    at = strstr(xml.data, "О проверке</title>");
    buf draft = BUF_INIT;
    buf_add(&draft, xml.data, (size_t)(at - xml.data));
    buf_adds(&draft, "О проверке.</title>");
    buf_adds(&draft, at + strlen("О проверке</title>"));
    xmlDocPtr tree = parse_xml(draft.data);
    assert_true(docx_writer.write(w, &t, tree));
    char *path = path_of(t.out_dir, "docs/order-t.docx");
    char *doc = zip_entry(path, "word/document.xml", NULL);
    assert_non_null(strstr(doc, "<w:pStyle w:val=\"DraftMark\"/></w:pPr><w:r><w:t xml:space=\"preserve\">ПРОЕКТ</w:t>"));
    assert_non_null(strstr(doc, ">О проверке</w:t>"));
    assert_null(strstr(doc, "О проверке."));
    /* The final order: no mark. */
    xmlDocPtr final = parse_xml(ORDER);
    assert_true(docx_writer.write(w, &t, final));
    char *doc2 = zip_entry(path, "word/document.xml", NULL);
    assert_null(strstr(doc2, "DraftMark"));
    assert_int_equal(diag_total(d), 0);
    free(doc);
    free(doc2);
    free(path);
    buf_free(&xml);
    buf_free(&draft);
    xmlFreeDoc(tree);
    xmlFreeDoc(final);
    docx_writer.close(w);
}

/* A PNG of w×h pixels (header chunks only: enough for the size) with an
   optional resolution in pixels per metre. */
static size_t png_header(unsigned char *out, unsigned w, unsigned h, unsigned ppm)
{
    static const unsigned char sig[] = "\x89PNG\r\n\x1a\n";
    size_t n = 0;
    memcpy(out, sig, 8);
    n = 8;
    const unsigned char ihdr[] = {0, 0, 0, 13, 'I', 'H', 'D', 'R',
                                  w >> 24, w >> 16 & 255, w >> 8 & 255, w & 255,
                                  h >> 24, h >> 16 & 255, h >> 8 & 255, h & 255,
                                  8, 0, 0, 0, 0, 0, 0, 0, 0};
    memcpy(out + n, ihdr, sizeof ihdr);
    n += sizeof ihdr;
    if (ppm) {
        const unsigned char phys[] = {0, 0, 0, 9, 'p', 'H', 'Y', 's',
                                      ppm >> 24, ppm >> 16 & 255, ppm >> 8 & 255, ppm & 255,
                                      ppm >> 24, ppm >> 16 & 255, ppm >> 8 & 255, ppm & 255,
                                      1, 0, 0, 0, 0};
        memcpy(out + n, phys, sizeof phys);
        n += sizeof phys;
    }
    return n;
}

static void test_images(void **state)
{
    (void)state;
    diag_sink *d = new_sink();
    char *project = make_tmp();
    unsigned char png[64];
    /* 508 × 254 px at 254 dpi (10000 px/m): 2 × 1 inch. */
    size_t pn = png_header(png, 508, 254, 10000);
    write_bytes(project, "images/a.png", png, pn);
    /* A JPEG: SOI, JFIF at 72 dpi, SOF0 of 144 × 72 px: 2 × 1 inch. */
    static const unsigned char jpeg[] = {
        0xFF, 0xD8,
        0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 1, 0, 72, 0, 72, 0, 0,
        0xFF, 0xC0, 0, 11, 8, 0, 72, 0, 144, 1, 1, 0x11, 0,
        0xFF, 0xDA, 0, 2, 0xFF, 0xD9};
    write_bytes(project, "images/b.jpg", jpeg, sizeof jpeg);
    output_target t = target(build_data_dir(), project, d);
    void *w = docx_writer.open(&t);
    assert_non_null(w);
    xmlDocPtr tree = parse_xml(
        "<document id='fig' src='f.md' status='final'><meta><title>Рисунки</title>"
        "<genre>Справка</genre></meta><body>"
        "<p><image src='images/a.png' format='png'>Схема</image></p>"
        "<p>Текст <image src='images/b.jpg' format='jpeg'>знак</image> и снова "
        "<image src='images/a.png' format='png'>Схема</image></p></body></document>");
    assert_true(docx_writer.write(w, &t, tree));
    char *path = path_of(t.out_dir, "docs/fig.docx");
    char *names = zip_names(path);
    /* One media part per distinct image, in the order of first use. */
    assert_non_null(strstr(names, "|word/media/image1.png|word/media/image2.jpeg"));
    size_t n = 0;
    char *media = zip_entry(path, "word/media/image1.png", &n);
    assert_int_equal(n, pn);
    assert_memory_equal(media, png, pn);
    char *doc = zip_entry(path, "word/document.xml", NULL);
    /* 2 × 1 inch = 1828800 × 914400 EMU, whatever the pixel count. */
    assert_non_null(strstr(doc, "<wp:extent cx=\"1828800\" cy=\"914400\"/>"));
    assert_non_null(strstr(doc, "r:embed=\"rIdImage2\""));
    char *types = zip_entry(path, "[Content_Types].xml", NULL);
    assert_non_null(strstr(types, "Extension=\"jpeg\" ContentType=\"image/jpeg\""));
    assert_int_equal(diag_total(d), 0);

    free(names);
    free(media);
    free(doc);
    free(types);
    free(path);
    xmlFreeDoc(tree);
    docx_writer.close(w);
}

static void test_image_refused(void **state)
{
    (void)state;
    diag_sink *d = new_sink();
    char *project = make_tmp();
    char *outside = make_tmp();
    unsigned char png[64];
    size_t pn = png_header(png, 10, 10, 0);
    write_bytes(outside, "secret.png", png, pn);
    char *secret = path_of(outside, "secret.png");
    char *link = path_of(project, "link.png");
    assert_int_equal(symlink(secret, link), 0);
    write_text(project, "broken.png", "not an image at all");
    output_target t = target(build_data_dir(), project, d);
    void *w = docx_writer.open(&t);
    assert_non_null(w);
    xmlDocPtr tree = parse_xml(
        "<document id='fig' src='f.md' status='final'><meta><title>T</title>"
        "<genre>Справка</genre></meta><body>"
        "<p><image src='link.png' format='png'/></p>"
        "<p><image src='missing.png' format='png'/></p>"
        "<p><image src='broken.png' format='png'/></p></body></document>");
    assert_false(docx_writer.write(w, &t, tree));
    char *got = diagnostics(d);
    assert_non_null(strstr(got, "link.png: refusing an image outside the project"));
    assert_non_null(strstr(got, "missing.png: cannot read the image"));
    assert_non_null(strstr(got, "broken.png: cannot read the size of the image"));
    assert_false(file_exists(t.out_dir, "docs/fig.docx"));
    free(got);
    free(secret);
    free(link);
    xmlFreeDoc(tree);
    docx_writer.close(w);
}

/* ------------------------------------------------------------ failures */

static void test_open_missing(void **state)
{
    (void)state;
    diag_sink *d = new_sink();
    char *data = make_tmp();
    output_target t = target(data, NULL, d);
    assert_null(docx_writer.open(&t));
    char *got = diagnostics(d);
    assert_non_null(strstr(got, "E-STYLESHEET"));
    assert_non_null(strstr(got, "stylesheets: cannot find the stylesheets"));
    free(got);

    /* The folder without package.xsl. */
    diag_sink *d2 = new_sink();
    write_text(data, "stylesheets/docx/other.xsl", "<x/>");
    t.diag = d2;
    assert_null(docx_writer.open(&t));
    got = diagnostics(d2);
    assert_non_null(strstr(got, "docx/package.xsl: cannot read the stylesheet"));
    free(got);
}

/* A stylesheet that loads but does the wrong thing: the write fails with
   a diagnostic and leaves no file. */
static void expect_write_failure(const char *xsl, const char *code, const char *message,
                                 const char *detail)
{
    /* The transform's own failures are reported at the stylesheet,
       the package's at the package. */
    bool at_xsl = !strcmp(code, "E-XSLT");
    diag_sink *d = new_sink();
    char *data = make_tmp();
    buf b = BUF_INIT;
    buf_addf(&b, "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'"
                 " xmlns:pkg='urn:sbornik:docx:package' xmlns:exsl='http://exslt.org/common'"
                 " extension-element-prefixes='exsl'>%s</xsl:stylesheet>", xsl);
    write_text(data, "stylesheets/docx/package.xsl", b.data);
    buf_free(&b);
    output_target t = target(data, NULL, d);
    void *w = docx_writer.open(&t);
    assert_non_null(w);
    xmlDocPtr tree = parse_xml(ORDER);
    assert_false(docx_writer.write(w, &t, tree));
    char *got = diagnostics(d);
    char *want = at_xsl ? path_of(data, "stylesheets/docx/package.xsl")
                        : path_of(t.out_dir, "docs/order-t.docx");
    buf line = BUF_INIT;
    buf_addf(&line, "%s %s: %s", code, want, message);
    if (!strstr(got, line.data) || (detail && !strstr(got, detail)))
        fail_msg("expected «%s» and «%s» in:\n%s", line.data, detail ? detail : "", got);
    assert_false(file_exists(t.out_dir, "docs/order-t.docx"));
    buf_free(&line);
    free(want);
    free(got);
    xmlFreeDoc(tree);
    docx_writer.close(w);
}

/* A failing transform fails the write (test_xslt.c tries every forbidden
   access; one here shows the DOCX transform is under the same rules). */
static void test_transform_failures(void **state)
{
    (void)state;
    expect_write_failure("<xsl:template match='/'><xsl:message terminate='yes'>boom</xsl:message>"
                         "</xsl:template>",
                         "E-XSLT", "cannot make docs/order-t.docx: ", "boom");
    /* Reading a file is forbidden while transforming. */
    expect_write_failure("<xsl:template match='/'><pkg:package><pkg:part name='[Content_Types].xml'>"
                         "<xsl:copy-of select=\"document('/etc/passwd')\"/></pkg:part></pkg:package>"
                         "</xsl:template>",
                         "E-XSLT", "cannot make docs/order-t.docx: runtime error: ",
                         "package.xsl line 1 element copy-of; access to /etc/passwd refused");
}

static void test_package_failures(void **state)
{
    (void)state;
    expect_write_failure("<xsl:template match='/'><package/></xsl:template>",
                         "E-DOCX-PACKAGE", "the DOCX stylesheet did not return a <pkg:package>", NULL);
    expect_write_failure("<xsl:template match='/'><pkg:package><pkg:part name='../evil.xml'><a/>"
                         "</pkg:part></pkg:package></xsl:template>",
                         "E-DOCX-PACKAGE", "the DOCX stylesheet returned a part without a valid name (../evil.xml)", NULL);
    expect_write_failure("<xsl:template match='/'><pkg:package><pkg:part name='a.xml'><a/></pkg:part>"
                         "<pkg:part name='a.xml'><b/></pkg:part></pkg:package></xsl:template>",
                         "E-DOCX-PACKAGE", "the DOCX stylesheet returned a part named twice (a.xml)", NULL);
    expect_write_failure("<xsl:template match='/'><pkg:package><pkg:part name='a.xml'><a/><b/>"
                         "</pkg:part></pkg:package></xsl:template>",
                         "E-DOCX-PACKAGE", "the DOCX stylesheet returned a part without exactly one XML element (a.xml)", NULL);
    expect_write_failure("<xsl:template match='/'><pkg:package><pkg:part name='m.png' image='x.png'/>"
                         "</pkg:package></xsl:template>",
                         "E-DOCX-PACKAGE", "the DOCX stylesheet returned a part naming an image the tree does not have (m.png)", NULL);
    expect_write_failure("<xsl:template match='/'><pkg:package><pkg:part name='a.xml'><a/></pkg:part>"
                         "</pkg:package></xsl:template>",
                         "E-DOCX-PACKAGE", "the DOCX stylesheet returned no [Content_Types].xml", NULL);
}

/* The smallest stylesheet that makes a package: the writer zips exactly
   what it is given, content types first. */
static void test_minimal_package(void **state)
{
    (void)state;
    diag_sink *d = new_sink();
    char *data = make_tmp();
    write_text(data, "stylesheets/docx/package.xsl",
               "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'"
               " xmlns:pkg='urn:sbornik:docx:package'><xsl:include href='parts.xsl'/>"
               "<xsl:param name='created'/>"
               "<xsl:template match='/'><pkg:package>"
               "<pkg:part name='z/last.xml'><xsl:call-template name='t'/></pkg:part>"
               "<pkg:part name='[Content_Types].xml'><Types/></pkg:part>"
               "</pkg:package></xsl:template></xsl:stylesheet>");
    /* An include from the same folder is fine. */
    write_text(data, "stylesheets/docx/parts.xsl",
               "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
               "<xsl:template name='t'><when><xsl:value-of select='$created'/></when></xsl:template>"
               "</xsl:stylesheet>");
    output_target t = target(data, NULL, d);
    t.source_date = 1700000000;
    void *w = docx_writer.open(&t);
    assert_non_null(w);
    xmlDocPtr tree = parse_xml(ORDER);
    assert_true(docx_writer.write(w, &t, tree));
    char *path = path_of(t.out_dir, "docs/order-t.docx");
    char *names = zip_names(path);
    assert_string_equal(names, "[Content_Types].xml|z/last.xml");
    char *last = zip_entry(path, "z/last.xml", NULL);
    assert_string_equal(last, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                              "<when>2023-11-14T22:13:20Z</when>\n");
    assert_int_equal(diag_total(d), 0);
    free(names);
    free(last);
    free(path);
    xmlFreeDoc(tree);
    docx_writer.close(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_timestamp_choice, scratch_teardown),
        cmocka_unit_test_teardown(test_dos_time, scratch_teardown),
        cmocka_unit_test_teardown(test_zip_deterministic, scratch_teardown),
        cmocka_unit_test_teardown(test_zip_order_and_dates, scratch_teardown),
        cmocka_unit_test_teardown(test_zip_failure, scratch_teardown),
        cmocka_unit_test_teardown(test_write_real_stylesheets, scratch_teardown),
        cmocka_unit_test_teardown(test_draft_and_title, scratch_teardown),
        cmocka_unit_test_teardown(test_images, scratch_teardown),
        cmocka_unit_test_teardown(test_image_refused, scratch_teardown),
        cmocka_unit_test_teardown(test_open_missing, scratch_teardown),
        cmocka_unit_test_teardown(test_transform_failures, scratch_teardown),
        cmocka_unit_test_teardown(test_package_failures, scratch_teardown),
        cmocka_unit_test_teardown(test_minimal_package, scratch_teardown),
    };
    int failed = cmocka_run_group_tests_name("docx", tests, NULL, NULL);
    xmlCleanupParser();
    return failed;
}
