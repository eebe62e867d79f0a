/*
 * fuzz_refs.c: libFuzzer target for the reference resolver (src/refs.h):
 * annexes and approved_by linked, [[id]] and [[id|short]] turned into
 * reference texts, literal «от 29.03.2019 г. № 01/970» checked against
 * the project's dates, orders assembled with their annexes.
 *
 * The project is fixed (an order with an approved concept and an attached
 * справка, an РАСПОРЯЖЕНИЕ with its plan, a letter, an article); the
 * input gives the bodies of four of them, separated by NUL bytes (a NUL
 * cannot be in a source, so the parts are the input's own): the order,
 * the concept, the letter and the plan.  A missing part is a one-line
 * body.
 */
#include "fuzz_support.h"

enum { NPARTS = 4 };

/* The front matter of each fuzzed source; the body comes from the input. */
static const struct {
    const char *rel, *front;
} FUZZED[NPARTS] = {
    {"2017/order.md",
     "kind: order\n"
     "id: order-2017-970\n"
     "issuer: minobr74\n"
     "date: 2017-03-29\n"
     "number: 01/970\n"
     "title: Об утверждении Концепции межмуниципального взаимодействия\n"
     "signatory: {position: Министр, name: А.И. Кузнецов}\n"
     "annexes: [concept-2017, spravka]\n"},
    {"2017/concept.md",
     "kind: concept\n"
     "id: concept-2017\n"
     "title: Концепция межмуниципального взаимодействия\n"
     "approved_by: order-2017-970\n"},
    {"letters/letter.md",
     "kind: letter\n"
     "id: letter-2023-128\n"
     "issuer: minobr74\n"
     "date: 2023-01-10\n"
     "number: 03/128\n"
     "title: О направлении материалов\n"},
    {"2020/plan.md",
     "kind: document\n"
     "genre: План\n"
     "title: План мероприятий\n"
     "approved_by: rasp-5\n"},
};

/* The sources whose text is fixed. */
static const char SPRAVKA[] =
    "---\n"
    "kind: document\n"
    "id: spravka\n"
    "genre: Справка\n"
    "title: Справка о ходе реализации Концепции\n"
    "---\n"
    "Текст справки к приказу от 29.03.2017 № 01/970.\n";

static const char RASP[] =
    "---\n"
    "kind: order\n"
    "form: РАСПОРЯЖЕНИЕ\n"
    "id: rasp-5\n"
    "issuer: minobr74\n"
    "date: 2020-05-14\n"
    "number: 5-р\n"
    "title: Об утверждении плана мероприятий\n"
    "signatory: {position: Министр, name: А.И. Кузнецов}\n"
    "annexes: [2020/plan]\n"
    "---\n"
    "1. Утвердить прилагаемый план.\n";

static const char ARTICLE[] =
    "---\n"
    "kind: article\n"
    "id: ilina-2020\n"
    "title: Об оценке качества образования\n"
    "authors: [{name: Т.С. Ильина, affiliation: ЧИППКРО, city: Челябинск}]\n"
    "---\n"
    "См. [[order-2017-970|short]].\n";

/* A literal reference is reported at its «от», inside the text. */
typedef struct {
    const char *text;
    int reports;
} literal_check;

static void on_literal(void *ud, size_t offset, const char *msg)
{
    literal_check *lc = ud;
    if (offset >= strlen(lc->text) || strncmp(lc->text + offset + 2, "т", 2) ||
        !*msg)
        abort();
    lc->reports++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *part[NPARTS];
    size_t len[NPARTS];
    const char *p = (const char *)data, *end = p + size;
    for (int i = 0; i < NPARTS; i++) {
        const char *nul = p < end ? memchr(p, '\0', (size_t)(end - p)) : NULL;
        if (p >= end) {
            part[i] = "Текст.\n";
            len[i] = strlen(part[i]);
            continue;
        }
        part[i] = p;
        len[i] = (size_t)((nul ? nul : end) - p);
        /* The last part takes the rest, NULs and all (then not UTF-8). */
        if (i == NPARTS - 1)
            len[i] = (size_t)(end - p);
        p = nul ? nul + 1 : end;
    }

    buf text[NPARTS];
    fz_file files[NPARTS + 3];
    for (int i = 0; i < NPARTS; i++) {
        text[i] = (buf)BUF_INIT;
        buf_addf(&text[i], "---\n%s---\n", FUZZED[i].front);
        buf_add(&text[i], part[i], len[i]);
        files[i] = (fz_file){FUZZED[i].rel, text[i].data, text[i].len};
    }
    files[NPARTS] = (fz_file){"2017/spravka.md", SPRAVKA, sizeof SPRAVKA - 1};
    files[NPARTS + 1] = (fz_file){"2020/rasp.md", RASP, sizeof RASP - 1};
    files[NPARTS + 2] = (fz_file){"articles/ilina.md", ARTICLE, sizeof ARTICLE - 1};

    diag_sink *diag = diag_new();
    sb_project *proj = fz_project_new(files, NPARTS + 3, diag);
    fz_project_check(proj, diag);

    /* The reference texts and literal checks straight, on every source. */
    for (size_t i = 0; i < proj->nsources; i++) {
        const sb_source *s = proj->sources[i];
        if (s->failed || !s->tree)
            continue;
        buf ref = BUF_INIT;
        refs_text(s, false, &ref);
        refs_text(s, true, &ref);
        buf_free(&ref);
        literal_check lc = {s->text + s->body_offset, 0};
        refs_check_literals(proj, s, lc.text, on_literal, &lc);
    }
    project_free(proj);
    diag_free(diag);
    for (int i = 0; i < NPARTS; i++)
        buf_free(&text[i]);
    return 0;
}
