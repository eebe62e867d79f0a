/*
 * fuzz_frontmatter.c: libFuzzer target for the front matter reader
 * (src/frontmatter.h) and the checks made on what it reads.
 *
 * The input is the YAML between the two '---' lines.  First fm_parse
 * alone, on the bytes as they are (sbornik.yaml is read the same way):
 * the tree it returns must be well formed, fm_copy must give an equal
 * tree and fm_get must find every key.  Then, when the bytes are UTF-8 as
 * a source must be, the same YAML is the front matter of a source in a
 * small project (with an order it may name in approved_by or annexes)
 * checked as build_check does: keys, kinds, dates, authors, parts.
 */
#include "fuzz_support.h"

/* Whether the tree is what frontmatter.h promises; abort() if not. */
static void check_node(const fm_node *n, int depth)
{
    if (!n || depth > 80 || n->line < 2 || n->col < 1)
        abort();
    switch (n->type) {
    case FM_SCALAR:
        if (!n->value || n->n)
            abort();
        return;
    case FM_SEQ:
        for (size_t i = 0; i < n->n; i++)
            check_node(n->items[i], depth + 1);
        return;
    case FM_MAP:
        for (size_t i = 0; i < n->n; i++) {
            const fm_pair *kv = &n->pairs[i];
            if (!kv->key || kv->line < 2 || kv->col < 1)
                abort();
            /* Duplicate keys are errors, so a key finds its own pair. */
            if (fm_get_pair(n, kv->key) != kv)
                abort();
            check_node(kv->value, depth + 1);
        }
        return;
    }
    abort();
}

static bool same_node(const fm_node *a, const fm_node *b)
{
    if (a->type != b->type || a->line != b->line || a->col != b->col ||
        a->n != b->n || a->plain != b->plain)
        return false;
    if (a->type == FM_SCALAR)
        return !strcmp(a->value, b->value);
    for (size_t i = 0; i < a->n; i++) {
        if (a->type == FM_SEQ && !same_node(a->items[i], b->items[i]))
            return false;
        if (a->type == FM_MAP &&
            (strcmp(a->pairs[i].key, b->pairs[i].key) ||
             !same_node(a->pairs[i].value, b->pairs[i].value)))
            return false;
    }
    return true;
}

static const char ORDER[] =
    "---\n"
    "kind: order\n"
    "id: order-2017-970\n"
    "issuer: minobr74\n"
    "date: 2017-03-29\n"
    "number: 01/970\n"
    "title: Об утверждении Концепции\n"
    "signatory: {position: Министр, name: А.И. Кузнецов}\n"
    "annexes: [fuzzed]\n"
    "---\n"
    "1. Утвердить прилагаемую Концепцию.\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    diag_sink *diag = diag_new();
    fm_node *root = fm_parse((const char *)data, size, "fuzz/fuzzed.md", 2, diag);
    if (root) {
        if (root->type != FM_MAP)
            abort();
        check_node(root, 0);
        fm_node *copy = fm_copy(root);
        if (!same_node(root, copy))
            abort();
        fm_node *v = xcalloc(1, sizeof *v);
        v->type = FM_SCALAR;
        v->value = xstrdup("x");
        v->line = v->col = 2;
        fm_set(copy, "kind", 2, 1, v);
        if (fm_get(copy, "kind") != v)
            abort();
        fm_free(copy);
        fm_free(root);
    }
    fz_check_diags(diag);
    diag_free(diag);

    size_t bad;
    if (!utf8_valid((const char *)data, size, &bad))
        return 0;
    buf text = BUF_INIT;
    buf_adds(&text, "---\n");
    buf_add(&text, (const char *)data, size);
    buf_adds(&text, "\n---\nТекст документа.\n");
    const fz_file files[] = {
        {"fuzzed.md", text.data, text.len},
        {"order.md", ORDER, sizeof ORDER - 1},
    };
    diag = diag_new();
    sb_project *p = fz_project_new(files, 2, diag);
    fz_project_check(p, diag);
    project_free(p);
    diag_free(diag);
    buf_free(&text);
    return 0;
}
