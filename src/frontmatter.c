/*
 * frontmatter.c: libyaml document → fm_node tree with positions.
 *
 * We use libyaml's document loader (yaml_parser_load), which keeps the
 * start mark of every node and resolves aliases to shared node indices;
 * copying that graph into a tree is where aliases expand, so that is where
 * the node budget is enforced.
 */
#include "frontmatter.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "buf.h"

typedef struct {
    yaml_document_t *doc;
    const char *path;
    int first_line;
    diag_sink *diag;
    size_t budget;          /* nodes still allowed */
    int depth;
    bool failed;
} loader;

static fm_node *node_new(fm_type type, const char *path, int line, int col)
{
    fm_node *n = xcalloc(1, sizeof(fm_node));
    n->type = type;
    n->path = path;
    n->line = line;
    n->col = col;
    return n;
}

void fm_free(fm_node *n)
{
    if (!n)
        return;
    free(n->value);
    for (size_t i = 0; i < n->n; i++) {
        if (n->type == FM_SEQ) {
            fm_free(n->items[i]);
        } else if (n->type == FM_MAP) {
            free(n->pairs[i].key);
            fm_free(n->pairs[i].value);
        }
    }
    free(n->items);
    free(n->pairs);
    free(n);
}

fm_node *fm_copy(const fm_node *n)
{
    fm_node *c = node_new(n->type, n->path, n->line, n->col);
    c->plain = n->plain;
    c->value = n->value ? xstrdup(n->value) : NULL;
    c->n = n->n;
    if (n->type == FM_SEQ) {
        c->items = xcalloc(n->n, sizeof(fm_node *));
        for (size_t i = 0; i < n->n; i++)
            c->items[i] = fm_copy(n->items[i]);
    } else if (n->type == FM_MAP) {
        c->pairs = xcalloc(n->n, sizeof(fm_pair));
        for (size_t i = 0; i < n->n; i++) {
            c->pairs[i] = n->pairs[i];
            c->pairs[i].key = xstrdup(n->pairs[i].key);
            c->pairs[i].value = fm_copy(n->pairs[i].value);
        }
    }
    return c;
}

const fm_pair *fm_get_pair(const fm_node *map, const char *key)
{
    if (!map || map->type != FM_MAP)
        return NULL;
    for (size_t i = 0; i < map->n; i++)
        if (strcmp(map->pairs[i].key, key) == 0)
            return &map->pairs[i];
    return NULL;
}

fm_node *fm_get(const fm_node *map, const char *key)
{
    const fm_pair *p = fm_get_pair(map, key);
    return p ? p->value : NULL;
}

void fm_set(fm_node *map, const char *key, int line, int col, fm_node *value)
{
    for (size_t i = 0; i < map->n; i++) {
        if (strcmp(map->pairs[i].key, key) == 0) {
            fm_free(map->pairs[i].value);
            map->pairs[i].value = value;
            map->pairs[i].line = line;
            map->pairs[i].col = col;
            return;
        }
    }
    map->pairs = xrealloc(map->pairs, (map->n + 1) * sizeof(fm_pair));
    map->pairs[map->n++] = (fm_pair){xstrdup(key), line, col, value};
}

const char *fm_str(const fm_node *n)
{
    return n && n->type == FM_SCALAR ? n->value : NULL;
}

static int line_of(const loader *ld, yaml_mark_t m)
{
    return ld->first_line + (int)m.line;
}

static fm_node *convert(loader *ld, yaml_node_t *yn);

/*
 * Untagged nodes get libyaml's default tag for their type; any other tag
 * was written by hand (!!python/object, !!binary, !custom …) and asks for
 * a meaning the format does not have.
 */
static bool is_default_tag(const yaml_node_t *yn)
{
    const char *want = yn->type == YAML_SCALAR_NODE ? YAML_STR_TAG
                     : yn->type == YAML_SEQUENCE_NODE ? YAML_SEQ_TAG
                                                      : YAML_MAP_TAG;
    return !yn->tag || strcmp((const char *)yn->tag, want) == 0;
}

static fm_node *convert_scalar(loader *ld, yaml_node_t *yn, int line, int col)
{
    fm_node *n = node_new(FM_SCALAR, ld->path, line, col);
    n->value = xstrndup((const char *)yn->data.scalar.value,
                        yn->data.scalar.length);
    n->plain = yn->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    /* A plain ~ or null is YAML's null: keep it as an empty value. */
    if (n->plain && (strcmp(n->value, "~") == 0 || strcmp(n->value, "null") == 0)) {
        n->value[0] = '\0';
    }
    return n;
}

static fm_node *convert(loader *ld, yaml_node_t *yn)
{
    int line = line_of(ld, yn->start_mark);
    int col = (int)yn->start_mark.column + 1;
    if (ld->budget == 0) {
        if (!ld->failed)
            diag_report(ld->diag, DIAG_ERROR, ld->path, line, col,
                        "E-YAML-TOO-LARGE",
                        "front matter expands to more than %d values "
                        "(aliases nested too deep?)", FM_MAX_NODES);
        ld->failed = true;
        return NULL;
    }
    ld->budget--;
    if (ld->depth > 64) {
        if (!ld->failed)
            diag_report(ld->diag, DIAG_ERROR, ld->path, line, col,
                        "E-YAML-TOO-DEEP", "front matter nested more than 64 levels deep");
        ld->failed = true;
        return NULL;
    }
    if (!is_default_tag(yn)) {
        /* Shown as written: "tag:yaml.org,2002:x" was typed as "!!x". */
        const char *tag = (const char *)yn->tag;
        bool core = strncmp(tag, "tag:yaml.org,2002:", 18) == 0;
        diag_report(ld->diag, DIAG_ERROR, ld->path, line, col, "E-YAML-TAG",
                    "YAML tags such as '%s%s' are not supported",
                    core ? "!!" : "", core ? tag + 18 : tag);
        ld->failed = true;
        return NULL;
    }
    switch (yn->type) {
    case YAML_SCALAR_NODE:
        return convert_scalar(ld, yn, line, col);
    case YAML_SEQUENCE_NODE: {
        fm_node *n = node_new(FM_SEQ, ld->path, line, col);
        size_t count = (size_t)(yn->data.sequence.items.top -
                                yn->data.sequence.items.start);
        n->items = xcalloc(count, sizeof(fm_node *));
        ld->depth++;
        for (yaml_node_item_t *it = yn->data.sequence.items.start;
             it < yn->data.sequence.items.top; it++) {
            fm_node *item = convert(ld, yaml_document_get_node(ld->doc, *it));
            if (!item)
                break;
            n->items[n->n++] = item;
        }
        ld->depth--;
        if (ld->failed) {
            fm_free(n);
            return NULL;
        }
        return n;
    }
    case YAML_MAPPING_NODE: {
        fm_node *n = node_new(FM_MAP, ld->path, line, col);
        size_t count = (size_t)(yn->data.mapping.pairs.top -
                                yn->data.mapping.pairs.start);
        n->pairs = xcalloc(count, sizeof(fm_pair));
        ld->depth++;
        for (yaml_node_pair_t *p = yn->data.mapping.pairs.start;
             p < yn->data.mapping.pairs.top && !ld->failed; p++) {
            yaml_node_t *k = yaml_document_get_node(ld->doc, p->key);
            int kline = line_of(ld, k->start_mark);
            int kcol = (int)k->start_mark.column + 1;
            if (!is_default_tag(k)) {
                const char *tag = (const char *)k->tag;
                bool core = strncmp(tag, "tag:yaml.org,2002:", 18) == 0;
                diag_report(ld->diag, DIAG_ERROR, ld->path, kline, kcol,
                            "E-YAML-TAG", "YAML tags such as '%s%s' are not supported",
                            core ? "!!" : "", core ? tag + 18 : tag);
                ld->failed = true;
                break;
            }
            if (k->type != YAML_SCALAR_NODE) {
                diag_report(ld->diag, DIAG_ERROR, ld->path, kline, kcol,
                            "E-YAML-KEY", "a key must be a plain word");
                ld->failed = true;
                break;
            }
            const char *key = (const char *)k->data.scalar.value;
            if (fm_get_pair(n, key)) {
                diag_report(ld->diag, DIAG_ERROR, ld->path, kline, kcol,
                            "E-YAML-DUPLICATE-KEY",
                            "key '%s' given twice (first on line %d)", key,
                            fm_get_pair(n, key)->line);
                ld->failed = true;
                break;
            }
            fm_node *v = convert(ld, yaml_document_get_node(ld->doc, p->value));
            if (!v)
                break;
            n->pairs[n->n++] = (fm_pair){xstrdup(key), kline, kcol, v};
        }
        ld->depth--;
        if (ld->failed) {
            fm_free(n);
            return NULL;
        }
        return n;
    }
    default:
        return NULL;
    }
}

fm_node *fm_parse(const char *text, size_t len, const char *path,
                  int first_line, diag_sink *diag)
{
    yaml_parser_t parser;
    yaml_document_t doc;
    if (!yaml_parser_initialize(&parser)) {
        diag_report(diag, DIAG_ERROR, path, first_line, 1, "E-YAML",
                    "cannot start the YAML parser");
        return NULL;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    if (!yaml_parser_load(&parser, &doc)) {
        yaml_mark_t m = parser.problem ? parser.problem_mark : parser.mark;
        buf msg = BUF_INIT;
        buf_adds(&msg, parser.problem ? parser.problem : "syntax error");
        if (parser.context)
            buf_addf(&msg, " (%s)", parser.context);
        if (strstr(msg.data, "mapping values are not allowed"))
            buf_adds(&msg, "; a value containing ': ' needs quotes");
        diag_report(diag, DIAG_ERROR, path, first_line + (int)m.line,
                    (int)m.column + 1, "E-YAML-SYNTAX", "YAML: %s",
                    buf_str(&msg));
        buf_free(&msg);
        yaml_parser_delete(&parser);
        return NULL;
    }
    fm_node *root = NULL;
    yaml_node_t *top = yaml_document_get_root_node(&doc);
    if (!top) {
        root = node_new(FM_MAP, path, first_line, 1);
    } else if (top->type != YAML_MAPPING_NODE) {
        diag_report(diag, DIAG_ERROR, path, first_line + (int)top->start_mark.line,
                    (int)top->start_mark.column + 1, "E-YAML-NOT-MAP",
                    "front matter must be a mapping of 'key: value' lines");
    } else {
        loader ld = {&doc, path, first_line, diag, FM_MAX_NODES, 0, false};
        root = convert(&ld, top);
    }
    /* A second document in the same front matter is a mistake too. */
    if (root) {
        yaml_document_t extra;
        if (yaml_parser_load(&parser, &extra)) {
            yaml_node_t *x = yaml_document_get_root_node(&extra);
            if (x) {
                diag_report(diag, DIAG_ERROR, path, first_line + (int)x->start_mark.line,
                            (int)x->start_mark.column + 1, "E-YAML-SYNTAX",
                            "front matter holds more than one YAML document");
                fm_free(root);
                root = NULL;
            }
            yaml_document_delete(&extra);
        } else {
            yaml_mark_t m = parser.problem ? parser.problem_mark : parser.mark;
            diag_report(diag, DIAG_ERROR, path, first_line + (int)m.line,
                        (int)m.column + 1, "E-YAML-SYNTAX",
                        "YAML: %s (front matter holds more than one YAML document)",
                        parser.problem ? parser.problem : "syntax error");
            fm_free(root);
            root = NULL;
        }
    }
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    return root;
}
