/*
 * test_breaker.c: the total-fit line breaker (src/pdf/breaker.c), the
 * Russian hyphenation points (src/pdf/hyph.c) and paragraphs set with the
 * real fonts (src/pdf/layout.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "pdf.h"
#include "pdf/breaker.h"
#include "pdf/flow.h"
#include "pdf/font.h"
#include "pdf/hyph.h"
#include "pdf/layout.h"

/* ------------------------------------------------------------ the breaker */

static brk_item box(double w)
{
    return brk_make(BRK_BOX, w, 0, 0, 0, false);
}

static brk_item glue(double w)
{
    return brk_make(BRK_GLUE, w, w, w / 2, 0, false);
}

static brk_item penalty(double w, int p, bool flagged)
{
    return brk_make(BRK_PENALTY, w, 0, 0, p, flagged);
}

/* Words of the given widths separated by glue of 4, ended as a paragraph. */
static size_t words(brk_item *items, const double *widths, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (i)
            items[k++] = glue(4);
        items[k++] = box(widths[i]);
    }
    items[k++] = penalty(0, BRK_INF, false);
    items[k++] = brk_make(BRK_GLUE, 0, 100000, 0, 0, false);
    items[k++] = penalty(0, -BRK_INF, false);
    return k;
}

/* The width a line takes when set at its ratio. */
static double set_width(const brk_item *items, const brk_line *ln)
{
    double w = 0;
    for (size_t i = ln->start; i < ln->end; i++) {
        if (items[i].type == BRK_BOX)
            w += items[i].width;
        else if (items[i].type == BRK_GLUE)
            w += items[i].width + (ln->ratio >= 0 ? ln->ratio * items[i].stretch
                                                  : ln->ratio * items[i].shrink);
    }
    if (items[ln->end].type == BRK_PENALTY)
        w += items[ln->end].width;
    return w;
}

static void test_fills_lines(void **state)
{
    (void)state;
    double ws[30];
    for (int i = 0; i < 30; i++)
        ws[i] = 10 + (i * 7) % 13;      /* 10..22 */
    brk_item items[128];
    size_t n = words(items, ws, 30);
    double width = 100;
    brk_line *lines;
    size_t count = brk_paragraph(items, n, &width, 1, 1.26, &lines);
    assert_true(count >= 5);
    for (size_t i = 0; i + 1 < count; i++) {
        assert_true(lines[i].ratio >= -1 && lines[i].ratio <= 1.26);
        assert_true(fabs(set_width(items, &lines[i]) - width) < 0.01);
        assert_int_equal(items[lines[i].start].type, BRK_BOX);
    }
    /* Every box in exactly one line, in order. */
    size_t boxes = 0;
    for (size_t i = 0; i < count; i++)
        for (size_t k = lines[i].start; k < lines[i].end; k++)
            boxes += items[k].type == BRK_BOX;
    assert_int_equal(boxes, 30);
    free(lines);
}

/*
 * Total fit against first fit: a paragraph where filling the first line
 * greedily leaves a loose second line; the breaker evens the two out.
 */
static void test_total_fit_beats_first_fit(void **state)
{
    (void)state;
    double ws[] = {30, 30, 30, 36, 30};     /* 30+4+30+4+30 = 98 fits greedily */
    brk_item items[32];
    size_t n = words(items, ws, 5);
    double width = 100;
    brk_line *lines;
    size_t count = brk_paragraph(items, n, &width, 1, 10, &lines);
    assert_int_equal(count, 2);
    /* First fit takes three words (ratio 1.0 on a width of 98) and leaves
     * «36 30» for the last line; total fit takes the same here, but must
     * never produce a line looser than first fit's. */
    assert_true(lines[0].ratio <= 1.0 + 1e-9);
    free(lines);
}

static void test_forced_break(void **state)
{
    (void)state;
    brk_item items[16];
    size_t k = 0;
    items[k++] = box(20);
    items[k++] = brk_make(BRK_GLUE, 0, 100000, 0, 0, false);
    items[k++] = penalty(0, -BRK_INF, false);       /* a <br> */
    items[k++] = box(20);
    items[k++] = penalty(0, BRK_INF, false);
    items[k++] = brk_make(BRK_GLUE, 0, 100000, 0, 0, false);
    items[k++] = penalty(0, -BRK_INF, false);
    double width = 100;
    brk_line *lines;
    size_t count = brk_paragraph(items, k, &width, 1, 1.26, &lines);
    assert_int_equal(count, 2);
    assert_int_equal(lines[0].end, 2);
    assert_int_equal(lines[1].start, 3);
    free(lines);
}

static void test_hyphen_when_it_helps(void **state)
{
    (void)state;
    /* «aaaa bbbb-cccc»: without the hyphen the first line is very loose. */
    brk_item items[16];
    size_t k = 0;
    items[k++] = box(40);
    items[k++] = glue(4);
    items[k++] = box(30);
    items[k++] = penalty(5, 50, true);
    items[k++] = box(40);
    items[k++] = penalty(0, BRK_INF, false);
    items[k++] = brk_make(BRK_GLUE, 0, 100000, 0, 0, false);
    items[k++] = penalty(0, -BRK_INF, false);
    double width = 80;
    brk_line *lines;
    size_t count = brk_paragraph(items, k, &width, 1, 1.26, &lines);
    assert_int_equal(count, 2);
    assert_int_equal(lines[0].end, 3);      /* at the hyphen */
    free(lines);
}

static void test_overfull_does_not_fail(void **state)
{
    (void)state;
    brk_item items[16];
    size_t k = 0;
    items[k++] = box(300);                  /* wider than the line */
    items[k++] = glue(4);
    items[k++] = box(20);
    items[k++] = penalty(0, BRK_INF, false);
    items[k++] = brk_make(BRK_GLUE, 0, 100000, 0, 0, false);
    items[k++] = penalty(0, -BRK_INF, false);
    double width = 100;
    brk_line *lines;
    size_t count = brk_paragraph(items, k, &width, 1, 1.26, &lines);
    assert_true(count >= 1 && count <= 2);
    assert_int_equal(lines[count - 1].end, k - 1);
    free(lines);
}

static void test_line_widths_vary(void **state)
{
    (void)state;
    double ws[20];
    for (int i = 0; i < 20; i++)
        ws[i] = 15;
    brk_item items[64];
    size_t n = words(items, ws, 20);
    double widths[2] = {60, 100};           /* a first line indented */
    brk_line *lines;
    size_t count = brk_paragraph(items, n, widths, 2, 2, &lines);
    assert_true(count >= 2);
    assert_true(fabs(set_width(items, &lines[0]) - 60) < 0.01);
    assert_true(fabs(set_width(items, &lines[1]) - 100) < 0.01);
    free(lines);
}

/* ------------------------------------------------------------ hyphenation */

static const struct {
    const char *word, *expect;      /* '-' marks the points */
} HYPH[] = {
    {"образования", "обра-зо-ва-ния"},
    {"межмуниципального", "межму-ници-паль-ного"},
    {"взаимодействия", "вза-и-модей-ствия"},
    {"организация", "орга-ни-за-ция"},
    {"конституция", "кон-сти-ту-ция"},
    {"оценки", "оцен-ки"},
    {"Челябинской", "Челябинской"},         /* a name: never */
    {"РСОКО", "РСОКО"},                     /* an abbreviation */
    {"2017", "2017"},                       /* a number */
    {"01/970", "01/970"},
    {"дом", "дом"},                         /* too short */
    {"abc-def", "abc-def"},                 /* not letters only */
};

static void test_hyphenation_points(void **state)
{
    (void)state;
    pdf_hyph *h = pdf_hyph_new(PDF_HYPHEN_DICT);
    assert_non_null(h);
    for (size_t i = 0; i < sizeof HYPH / sizeof *HYPH; i++) {
        const char *w = HYPH[i].word;
        size_t n = strlen(w);
        unsigned char pts[64];
        pdf_hyph_points(h, w, n, pts);
        buf got = BUF_INIT;
        for (size_t k = 0; k < n; k++) {
            if (pts[k])
                buf_addc(&got, '-');
            buf_addc(&got, w[k]);
        }
        if (strcmp(got.data, HYPH[i].expect))
            print_error("%s: got %s, expected %s\n", w, got.data, HYPH[i].expect);
        assert_string_equal(got.data, HYPH[i].expect);
        buf_free(&got);
    }
    pdf_hyph_free(h);
    assert_null(pdf_hyph_new("/nonexistent/hyph.dic"));
}

/* ------------------------------------------------------------ real paragraphs */

typedef struct {
    HPDF_Doc doc;
    pdf_fonts *fonts;
    pdf_hyph *hyph;
    pdf_layout *l;
} setting;

static char *fonts_dir(void)
{
    const char *env = getenv("SBORNIK_DATA");
    buf b = BUF_INIT;
    buf_addf(&b, "%s/fonts", env && *env ? env : SBORNIK_DATA_DIR);
    return buf_detach(&b);
}

static int setup(void **state)
{
    setting *s = xcalloc(1, sizeof *s);
    s->doc = HPDF_New(NULL, NULL);
    HPDF_UseUTFEncodings(s->doc);
    char *dir = fonts_dir();
    s->fonts = pdf_fonts_new(s->doc, dir);
    free(dir);
    s->hyph = pdf_hyph_new(PDF_HYPHEN_DICT);
    if (!s->fonts || !s->hyph)
        return -1;
    s->l = layout_new(s->fonts, s->hyph, s->doc);
    *state = s;
    return 0;
}

static int teardown(void **state)
{
    setting *s = *state;
    layout_free(s->l);
    pdf_fonts_free(s->fonts);
    pdf_hyph_free(s->hyph);
    HPDF_Free(s->doc);
    free(s);
    return 0;
}

/* A paragraph of the Concept (input/2017/concept.md), as typeset. */
static const char CONCEPT[] =
    "Концепция межмуниципального взаимодействия в\xC2\xA0решении задач "
    "эффективного управления качеством образования на\xC2\xA0основе результатов "
    "региональной системы оценки качества образования (далее\xC2\xA0— Концепция) "
    "разработана в\xC2\xA0соответствии с\xC2\xA0Федеральным законом "
    "от\xC2\xA0" "29.12.2012 №\xC2\xA0" "273-ФЗ «Об\xC2\xA0образовании в\xC2\xA0Российской "
    "Федерации», а\xC2\xA0также на\xC2\xA0основе концептуальных документов "
    "в\xC2\xA0сфере оценки качества образования федерального и\xC2\xA0регионального "
    "уровней. Деятельностный подход позволяет представить процесс решения задач "
    "эффективного управления качеством образования на\xC2\xA0основе результатов "
    "РСОКО как поэтапное формирование и\xC2\xA0развитие механизмов "
    "межмуниципального взаимодействия в\xC2\xA0части совместного использования "
    "и\xC2\xA0наращивания ресурсов, процедур оценки качества образования "
    "и\xC2\xA0достижения ожидаемых результатов реализации РСОКО.";

static void test_real_paragraph(void **state)
{
    setting *s = *state;
    pdf_pstyle st = {PDF_REGULAR, PDF_BODY_SIZE, ALIGN_JUSTIFY, PDF_INDENT, 0, 0, 0,
                     true, false, 0, false};
    pdf_para *p = layout_para(s->l, &st);
    para_text(s->l, p, CONCEPT, PDF_REGULAR);
    para_break(s->l, p, PDF_TEXT_W);
    assert_true(p->nlines >= 6);
    double worst = 0;
    for (size_t i = 0; i + 1 < p->nlines; i++) {
        const pdf_line *ln = &p->lines[i];
        /* Set at its ratio, every line but the last fills the measure. */
        double w = 0;
        for (size_t k = ln->start; k < ln->end; k++) {
            const brk_item *it = &p->items[k];
            if (it->type == BRK_BOX)
                w += it->width;
            else if (it->type == BRK_GLUE)
                w += it->width + (ln->ratio >= 0 ? ln->ratio * it->stretch
                                                 : ln->ratio * it->shrink);
        }
        if (ln->hyphen)
            w += p->items[ln->end].width;
        assert_true(fabs(w - ln->width) < 0.05);
        if (fabs(ln->ratio) > worst)
            worst = fabs(ln->ratio);
        if (getenv("SHOW_LINES")) {
            fprintf(stderr, "%6.3f |", ln->ratio);
            for (size_t k = ln->start; k < ln->end; k++)
                if (p->items[k].type == BRK_BOX)
                    fprintf(stderr, "%.*s", (int)p->inks[k].len, p->text + p->inks[k].off);
                else if (p->items[k].type == BRK_GLUE)
                    fprintf(stderr, " ");
            fprintf(stderr, "%s|\n", ln->hyphen ? "-" : "");
        }
    }
    /* No visibly loose line: within the first pass's bound, spaces at
     * most twice their width. */
    if (worst > PDF_TOLERANCE)
        print_error("worst adjustment ratio %.3f\n", worst);
    assert_true(worst <= PDF_TOLERANCE);
    /* The first line is indented 1.25 cm. */
    assert_true(fabs(p->lines[0].x - PDF_INDENT) < 0.01);
}

static void test_no_hyphen_in_dates_names_numbers(void **state)
{
    setting *s = *state;
    pdf_pstyle st = {PDF_REGULAR, PDF_BODY_SIZE, ALIGN_JUSTIFY, 0, 0, 0, 0, true,
                     false, 0, false};
    pdf_para *p = layout_para(s->l, &st);
    para_text(s->l, p, "апреля сентября Кузнецов Челябинской 2017-2018 РСОКО", PDF_REGULAR);
    size_t flagged = 0;
    for (size_t i = 0; i < p->n; i++)
        flagged += p->items[i].type == BRK_PENALTY && p->items[i].flagged;
    assert_int_equal(flagged, 0);
    /* …while ordinary words do hyphenate. */
    pdf_para *q = layout_para(s->l, &st);
    para_text(s->l, q, "образования взаимодействия", PDF_REGULAR);
    flagged = 0;
    for (size_t i = 0; i < q->n; i++)
        flagged += q->items[i].type == BRK_PENALTY && q->items[i].flagged;
    assert_true(flagged >= 4);
}

static void test_widths(void **state)
{
    setting *s = *state;
    /* Liberation Serif keeps Times New Roman's widths: «М» is 889/1000 em. */
    double w = pdf_text_width(s->fonts, PDF_REGULAR, 1000, "М", strlen("М"));
    assert_true(fabs(w - 889) < 0.5);
    assert_true(pdf_text_width(s->fonts, PDF_BOLD, 14, "ПРИКАЗ", strlen("ПРИКАЗ")) >
                pdf_text_width(s->fonts, PDF_REGULAR, 14, "ПРИКАЗ", strlen("ПРИКАЗ")));
    assert_true(fabs(pdf_text_width(s->fonts, PDF_REGULAR, 14, " ", 1) - 3.5) < 0.01);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fills_lines),
        cmocka_unit_test(test_total_fit_beats_first_fit),
        cmocka_unit_test(test_forced_break),
        cmocka_unit_test(test_hyphen_when_it_helps),
        cmocka_unit_test(test_overfull_does_not_fail),
        cmocka_unit_test(test_line_widths_vary),
        cmocka_unit_test(test_hyphenation_points),
        cmocka_unit_test_setup_teardown(test_real_paragraph, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_hyphen_in_dates_names_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_widths, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
