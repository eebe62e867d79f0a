/*
 * fuzz_markdown.c: libFuzzer target for the Markdown-to-XML stage
 * (src/markdown.h, with the per-kind structure of src/document.c and the
 * typography of src/typo.c it calls).
 *
 * The first byte of the input chooses the document: its kind (byte % 7,
 * in the order of sb_kind), status: model when bit 3 is set (fields
 * allowed), typography off when bit 4 is set.  The rest is the body.  The
 * front matter is a valid one for that kind, so the body is what the
 * stage works on; a second document (a concept) is there for [[other]]
 * and for a collection's parts.
 */
#include "fuzz_support.h"

static const char *const FRONT[KIND_COUNT] = {
    [KIND_ORDER] =
        "kind: order\n"
        "issuer: minobr74\n"
        "date: 2022-03-01\n"
        "number: 01/100\n"
        "title: Об утверждении положения\n"
        "signatory: {position: Министр, name: А.И. Кузнецов}\n",
    [KIND_LETTER] =
        "kind: letter\n"
        "issuer: minobr74\n"
        "date: 2022-03-01\n"
        "number: 03/200\n"
        "title: О направлении информации\n"
        "to: [Руководителям органов управления образованием]\n",
    [KIND_DOCUMENT] =
        "kind: document\n"
        "genre: Положение\n"
        "title: Положение о конкурсе\n",
    [KIND_CONCEPT] =
        "kind: concept\n"
        "title: Концепция взаимодействия\n",
    [KIND_ROADMAP] =
        "kind: roadmap\n"
        "title: Дорожная карта\n"
        "year: 2022\n",
    [KIND_ARTICLE] =
        "kind: article\n"
        "title: Об оценке качества образования\n"
        "authors: [{name: И.И. Иванов, affiliation: ЧИППКРО, city: Челябинск}]\n"
        "keywords: [оценка, качество]\n",
    [KIND_COLLECTION] =
        "kind: collection\n"
        "title: Сборник\n"
        "subtitle: материалы\n"
        "authors: [А.А. Авторов]\n"
        "publisher: ЧИППКРО\n"
        "city: Челябинск\n"
        "year: 2022\n"
        "isbn: 978-5-907538-14-6\n"
        "udc: '37'\n"
        "bbk: '74'\n"
        "parts: [{title: Концепции, items: [other]}]\n",
};

static const char OTHER[] =
    "---\n"
    "kind: concept\n"
    "id: other\n"
    "title: Другая концепция\n"
    "---\n"
    "Текст.\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    sb_kind kind = (sb_kind)(data[0] % KIND_COUNT);
    bool model = data[0] & 0x08, plain = data[0] & 0x10;

    buf text = BUF_INIT;
    buf_adds(&text, "---\nid: fuzzed\n");
    buf_adds(&text, FRONT[kind]);
    if (model)
        buf_adds(&text, "status: model\n");
    buf_adds(&text, "---\n");
    buf_add(&text, (const char *)data + 1, size - 1);
    const fz_file files[] = {
        {"fuzzed.md", text.data, text.len},
        {"other.md", OTHER, sizeof OTHER - 1},
    };
    diag_sink *diag = diag_new();
    sb_project *p = fz_project_new(files, 2, diag);
    p->typography = !plain;
    fz_project_check(p, diag);
    project_free(p);
    diag_free(diag);
    buf_free(&text);
    return 0;
}
