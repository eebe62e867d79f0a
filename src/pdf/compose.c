/*
 * compose.c: a document's tree → paragraphs and tables in the flow, in the
 * places GOST R 7.0.97-2016 gives its requisites (see compose.h and
 * LAYOUT.md).
 */
#include "pdf/compose.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "text.h"
#include "tree.h"

typedef struct {
    pdf_layout *l;
    const char *project_dir;
    const char *doc_id;         /* the document whose notes are numbered */
    int level;                  /* bookmark level of the document */
    bool continuous;            /* in a collection: pages numbered through */
} ctx;

/* ------------------------------------------------------------ the tree */

static char *attr(xmlNodePtr n, const char *name)
{
    xmlChar *v = n ? xmlGetProp(n, BAD_CAST name) : NULL;
    char *s = xstrdup(v ? (const char *)v : "");
    xmlFree(v);
    return s;
}

/* ------------------------------------------------------------ styles */

static pdf_pstyle body_style(void)
{
    return (pdf_pstyle){PDF_REGULAR, PDF_BODY_SIZE, ALIGN_JUSTIFY, PDF_INDENT,
                        0, 0, 0, true, false, 0, false};
}

static pdf_pstyle plain_style(pdf_face face, double size, pdf_align align)
{
    return (pdf_pstyle){face, size, align, 0, 0, 0, 0, false, false, 0, false};
}

static pdf_para *inline_para(ctx *c, const pdf_pstyle *st, xmlNodePtr el)
{
    pdf_para *p = layout_para(c->l, st);
    if (el)
        para_inlines(c->l, p, el, c->doc_id);
    return p;
}

static void add_text_line(ctx *c, const char *text, pdf_face face, double size,
                          pdf_align align, bool keep)
{
    pdf_pstyle st = plain_style(face, size, align);
    pdf_para *p = layout_para(c->l, &st);
    para_text(c->l, p, text, face);
    layout_add(c->l, p, keep);
}

/* ------------------------------------------------------------ blocks */

static void blocks(ctx *c, xmlNodePtr container, double left);
static void block(ctx *c, xmlNodePtr b, double left);

static void image_block(ctx *c, xmlNodePtr img)
{
    char *src = attr(img, "src"), *format = attr(img, "format");
    buf path = BUF_INIT;
    buf_addf(&path, "%s/%s", c->project_dir, src);
    if (layout_image(c->l, path.data, !strcmp(format, "png"))) {
        char *caption = tree_text(img);
        if (*caption) {
            layout_space(c->l, 3);
            pdf_pstyle st = plain_style(PDF_ITALIC, PDF_SMALL_SIZE, ALIGN_CENTER);
            pdf_para *p = inline_para(c, &st, img);
            layout_add(c->l, p, false);
        }
        free(caption);
        layout_space(c->l, 6);
    }
    buf_free(&path);
    free(src);
    free(format);
}

static bool has_text(xmlNodePtr p)
{
    for (xmlNodePtr c = p->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE) {
            for (const xmlChar *s = c->content; *s; s++)
                if (*s != ' ' && *s != '\n' && *s != '\t')
                    return true;
        } else if (c->type == XML_ELEMENT_NODE && !tree_is(c, "image")) {
            return true;
        }
    }
    return false;
}

static void paragraph(ctx *c, xmlNodePtr el, double left)
{
    for (xmlNodePtr i = el->children; i; i = i->next)
        if (tree_is(i, "image"))
            image_block(c, i);
    if (!has_text(el))
        return;
    pdf_pstyle st = body_style();
    st.left = left;
    layout_add(c->l, inline_para(c, &st, el), false);
}

/* The marker of item k of a list: «1.», «1)», «–». */
static void marker(xmlNodePtr list, int k, char *out, size_t cap)
{
    char *type = attr(list, "type"), *start = attr(list, "start"),
         *delim = attr(list, "delim");
    if (!strcmp(type, "ordered"))
        snprintf(out, cap, "%d%s", (*start ? atoi(start) : 1) + k,
                 !strcmp(delim, "paren") ? ")" : ".");
    else
        snprintf(out, cap, "–");
    free(type);
    free(start);
    free(delim);
}

/*
 * A list with hanging markers: the marker at the paragraph indent, the
 * text after it, following lines under the text.
 */
static void list_block(ctx *c, xmlNodePtr list, double left)
{
    int k = 0;
    for (xmlNodePtr item = list->children; item; item = item->next) {
        if (!tree_is(item, "item"))
            continue;
        char mark[32];
        marker(list, k++, mark, sizeof mark);
        double mark_w = PDF_MM(7.5);
        bool first = true;
        for (xmlNodePtr b = item->children; b; b = b->next) {
            if (b->type != XML_ELEMENT_NODE)
                continue;
            if (first && tree_is(b, "p")) {
                pdf_pstyle st = body_style();
                st.left = left;
                st.hang = PDF_INDENT + mark_w;
                pdf_para *p = layout_para(c->l, &st);
                para_text(c->l, p, mark, PDF_REGULAR);
                para_text(c->l, p, "\xC2\xA0", PDF_REGULAR);    /* the mark stays with its text */
                para_inlines(c->l, p, b, c->doc_id);
                layout_add(c->l, p, false);
            } else if (tree_is(b, "list")) {
                list_block(c, b, left + PDF_MM(10));
            } else if (tree_is(b, "p")) {
                /* A further paragraph of the item, under its text. */
                pdf_pstyle st = body_style();
                st.left = left + PDF_INDENT + mark_w;
                st.indent = 0;
                layout_add(c->l, inline_para(c, &st, b), false);
            } else {
                block(c, b, left + PDF_INDENT + mark_w);
            }
            first = false;
        }
    }
}

/* A GFM table: header row in bold, cells as written. */
static void table_block(ctx *c, xmlNodePtr el)
{
    char *cols = attr(el, "cols");
    size_t ncols = (size_t)atoi(cols);
    free(cols);
    pdf_table *t = layout_table(c->l, ncols ? ncols : 1, PDF_SMALL_SIZE);
    for (xmlNodePtr row = el->children; row; row = row->next) {
        if (!tree_is(row, "row"))
            continue;
        char *header = attr(row, "header");
        bool head = !strcmp(header, "true");
        free(header);
        table_row(t, head);
        size_t col = 0;
        for (xmlNodePtr cell = row->children; cell; cell = cell->next) {
            if (!tree_is(cell, "cell"))
                continue;
            char *align = attr(cell, "align");
            pdf_align a = head ? ALIGN_CENTER : !strcmp(align, "center") ? ALIGN_CENTER
                        : !strcmp(align, "right") ? ALIGN_RIGHT : ALIGN_LEFT;
            free(align);
            pdf_para *p = table_cell(c->l, t, col++, a, head ? PDF_BOLD : PDF_REGULAR);
            para_inlines(c->l, p, cell, c->doc_id);
        }
    }
    /* A table too wide for a portrait page gets landscape pages of its own. */
    bool turn = !layout_landscape(c->l) && table_min_width(t) > layout_width(c->l);
    if (turn)
        layout_new_page(c->l, false, true);
    else
        layout_space(c->l, 6);
    layout_add_table(c->l, t);
    if (turn)
        layout_new_page(c->l, false, false);
    else
        layout_space(c->l, 6);
}

static void code_block(ctx *c, xmlNodePtr el)
{
    char *code = tree_text(el);
    char *save = NULL;
    for (char *line = strtok_r(code, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
        add_text_line(c, line, PDF_REGULAR, PDF_SMALL_SIZE, ALIGN_LEFT, false);
    free(code);
}

static void heading(ctx *c, xmlNodePtr section, xmlNodePtr h)
{
    char *level_s = attr(section, "level"), *number = attr(section, "number");
    int level = atoi(level_s);
    free(level_s);
    pdf_pstyle st = plain_style(level >= 3 ? PDF_BOLD_ITALIC : PDF_BOLD, PDF_BODY_SIZE,
                                level >= 3 ? ALIGN_LEFT : ALIGN_CENTER);
    if (level >= 3)
        st.indent = PDF_INDENT;
    pdf_para *p = layout_para(c->l, &st);
    if (*number) {
        para_text(c->l, p, number, st.face);
        para_text(c->l, p, " ", st.face);
    }
    para_inlines(c->l, p, h, c->doc_id);
    char *title = tree_text(h);
    buf bm = BUF_INIT;
    buf_addf(&bm, "%s%s%s", number, *number ? " " : "", title);
    layout_space(c->l, level == 1 ? 12 : 8);
    layout_bookmark(c->l, c->level + 1 + (level > 1 ? level - 2 : 0) , bm.data);
    layout_add(c->l, p, true);
    layout_space(c->l, 6);
    buf_free(&bm);
    free(title);
    free(number);
}

static void block(ctx *c, xmlNodePtr b, double left)
{
    if (tree_is(b, "p")) {
        paragraph(c, b, left);
    } else if (tree_is(b, "list")) {
        list_block(c, b, left);
    } else if (tree_is(b, "quote")) {
        blocks(c, b, left + PDF_MM(10));
    } else if (tree_is(b, "table")) {
        table_block(c, b);
    } else if (tree_is(b, "codeblock")) {
        code_block(c, b);
    } else if (tree_is(b, "hr")) {
        layout_space(c->l, 10);
    } else if (tree_is(b, "section")) {
        xmlNodePtr h = tree_child(b, "heading");
        if (h)
            heading(c, b, h);
        blocks(c, b, left);
    }
}

static void blocks(ctx *c, xmlNodePtr container, double left)
{
    for (xmlNodePtr b = container ? container->children : NULL; b; b = b->next)
        if (b->type == XML_ELEMENT_NODE)
            block(c, b, left);
}

/* ------------------------------------------------------------ requisites */

/* The organisation's header: its lines, bold capitals, centred. */
static void org_header(ctx *c, xmlNodePtr issuer, double size)
{
    xmlNodePtr header = tree_child(issuer, "header");
    if (header) {
        for (xmlNodePtr line = header->children; line; line = line->next) {
            if (!tree_is(line, "line"))
                continue;
            pdf_pstyle st = plain_style(PDF_BOLD, size, ALIGN_CENTER);
            st.upper = true;
            layout_add(c->l, inline_para(c, &st, line), true);
        }
    } else if (tree_child(issuer, "name")) {
        pdf_pstyle st = plain_style(PDF_BOLD, size, ALIGN_CENTER);
        st.upper = true;
        layout_add(c->l, inline_para(c, &st, tree_child(issuer, "name")), true);
    }
}

/* «П Р И К А З»: the form, its letters spaced. */
static void spaced(ctx *c, const char *word, double size)
{
    buf s = BUF_INIT;
    const char *p = word, *end = word + strlen(word);
    while (p < end) {
        const char *at = p;
        utf8_next(&p, end);
        if (s.len)
            buf_adds(&s, " ");
        buf_add(&s, at, (size_t)(p - at));
    }
    add_text_line(c, s.data, PDF_BOLD, size, ALIGN_CENTER, true);
    buf_free(&s);
}

/* The date (as printed, or a field) into p. */
static void date_into(ctx *c, pdf_para *p, xmlNodePtr date)
{
    if (date)
        para_inlines(c->l, p, date, c->doc_id);
}

/* «29.03.2017» left and «№ 01/970» right, on one line. */
static void date_number_line(ctx *c, xmlNodePtr meta)
{
    xmlNodePtr date = tree_child(meta, "date"), number = tree_child(meta, "number");
    if (!date && !number)
        return;
    pdf_pstyle st = plain_style(PDF_REGULAR, PDF_BODY_SIZE, ALIGN_LEFT);
    st.right = layout_width(c->l) / 2;
    pdf_para *p = layout_para(c->l, &st);
    date_into(c, p, date);
    if (number) {
        char *num = tree_text(number);
        buf s = BUF_INIT;
        buf_addf(&s, "№\xC2\xA0%s", num);
        if (tree_child(number, "field")) {
            /* A blank to fill in is too wide for the right end of the
             * date's line: it gets a line of its own, flush right. */
            layout_add(c->l, p, true);
            pdf_pstyle rs = plain_style(PDF_REGULAR, PDF_BODY_SIZE, ALIGN_RIGHT);
            pdf_para *r = layout_para(c->l, &rs);
            para_text(c->l, r, "№\xC2\xA0", PDF_REGULAR);
            para_inlines(c->l, r, number, c->doc_id);
            layout_add(c->l, r, true);
            buf_free(&s);
            free(num);
            return;
        }
        para_right(p, s.data, PDF_REGULAR);
        buf_free(&s);
        free(num);
    }
    layout_add(c->l, p, true);
}

/* «г. Челябинск», centred. */
static void place_line(ctx *c, xmlNodePtr place)
{
    if (!place)
        return;
    pdf_pstyle st = plain_style(PDF_REGULAR, PDF_BODY_SIZE, ALIGN_CENTER);
    pdf_para *p = layout_para(c->l, &st);
    char *text = tree_text(place);
    /* A town gets «г.», unless the text says what it is («с.», «пос.»). */
    const char *dot = strchr(text, '.');
    if (!tree_child(place, "field") && (!dot || dot - text > 6))
        para_text(c->l, p, "г.\xC2\xA0", PDF_REGULAR);
    para_inlines(c->l, p, place, c->doc_id);
    free(text);
    layout_add(c->l, p, true);
}

/* The heading to the text: flush left, about half the width, no final stop. */
static void title_to_text(ctx *c, xmlNodePtr title, pdf_face face)
{
    if (!title)
        return;
    pdf_pstyle st = plain_style(face, PDF_BODY_SIZE, ALIGN_LEFT);
    st.right = layout_width(c->l) * 0.45;
    pdf_para *p = inline_para(c, &st, title);
    para_drop_final_stop(c->l, p);     /* GOST: none after a heading */
    layout_add(c->l, p, true);
}

/* Position left, name right, on the last line's baseline. */
static void signature(ctx *c, xmlNodePtr sig)
{
    if (!sig)
        return;
    layout_space(c->l, 2 * 1.15 * PDF_BODY_SIZE);
    pdf_pstyle st = plain_style(PDF_REGULAR, PDF_BODY_SIZE, ALIGN_LEFT);
    st.right = layout_width(c->l) * 0.45;
    pdf_para *p = inline_para(c, &st, tree_child(sig, "position"));
    char *name = tree_text(tree_child(sig, "name"));
    if (tree_child(tree_child(sig, "name"), "field")) {
        /* A field name: on its own line at the right, with its blank. */
        layout_add(c->l, p, true);
        pdf_pstyle rs = plain_style(PDF_REGULAR, PDF_BODY_SIZE, ALIGN_RIGHT);
        layout_add(c->l, inline_para(c, &rs, tree_child(sig, "name")), false);
    } else {
        para_right(p, name, PDF_REGULAR);
        layout_add(c->l, p, false);
    }
    free(name);
}

/*
 * The approval stamp (УТВЕРЖДЕНА / приказом … / от … № …) or the annex
 * mark (Приложение 2 / к приказу … / от … № …): a block whose left edge is
 * at the centre of the text area, about 75 mm wide.
 */
static void stamp(ctx *c, xmlNodePtr st_el)
{
    if (!st_el)
        return;
    char *mode = attr(st_el, "mode"), *word = attr(st_el, "word");
    char *n = attr(st_el, "n"), *of = attr(st_el, "of");
    char *by = tree_text(tree_child(st_el, "by")), *issuer = tree_text(tree_child(st_el, "issuer"));
    char *date = tree_text(tree_child(st_el, "date")), *number = tree_text(tree_child(st_el, "number"));
    pdf_pstyle st = plain_style(PDF_REGULAR, PDF_SMALL_SIZE, ALIGN_LEFT);
    st.left = layout_width(c->l) / 2;
    st.right = layout_width(c->l) - st.left - PDF_MM(75);
    if (st.right < 0)
        st.right = 0;
    buf first = BUF_INIT, second = BUF_INIT, third = BUF_INIT;
    if (!strcmp(mode, "attached")) {
        if (atoi(of) > 1)
            buf_addf(&first, "Приложение %s", n);
        else
            buf_adds(&first, "Приложение");
    } else {
        buf_adds(&first, *word ? word : "УТВЕРЖДЕНО");
    }
    buf_addf(&second, "%s %s", by, issuer);
    if (*date)
        buf_addf(&third, "от %s", date);
    if (*number)
        buf_addf(&third, "%s№\xC2\xA0%s", third.len ? " " : "", number);
    const char *lines[] = {first.data, second.data, third.data};
    for (int i = 0; i < 3; i++) {
        if (!lines[i] || !*lines[i])
            continue;
        pdf_para *p = layout_para(c->l, &st);
        para_text(c->l, p, lines[i], PDF_REGULAR);
        layout_add(c->l, p, true);
    }
    layout_space(c->l, 18);
    buf_free(&first);
    buf_free(&second);
    buf_free(&third);
    free(mode);
    free(word);
    free(n);
    free(of);
    free(by);
    free(issuer);
    free(date);
    free(number);
}

/* The title of a document: centred, bold. */
static void centred_title(ctx *c, xmlNodePtr title, bool upper)
{
    if (!title)
        return;
    pdf_pstyle st = plain_style(PDF_BOLD, PDF_BODY_SIZE, ALIGN_CENTER);
    st.upper = upper;
    layout_add(c->l, inline_para(c, &st, title), true);
    layout_space(c->l, 12);
}

static void draft_mark(ctx *c, xmlNodePtr root)
{
    char *status = attr(root, "status");
    if (!strcmp(status, "draft"))
        add_text_line(c, "ПРОЕКТ", PDF_BOLD, PDF_BODY_SIZE, ALIGN_RIGHT, true);
    free(status);
}

static void register_notes(ctx *c, xmlNodePtr root)
{
    xmlNodePtr notes = tree_child(root, "footnotes");
    for (xmlNodePtr n = notes ? notes->children : NULL; n; n = n->next) {
        if (!tree_is(n, "footnote"))
            continue;
        char *num = attr(n, "n");
        layout_note(c->l, c->doc_id, atoi(num), n);
        free(num);
    }
}

/* ------------------------------------------------------------ kinds */

static void compose_any(ctx *c, xmlNodePtr root);

static void order(ctx *c, xmlNodePtr root)
{
    xmlNodePtr meta = tree_child(root, "meta"), body = tree_child(root, "body");
    org_header(c, tree_child(meta, "issuer"), PDF_BODY_SIZE);
    layout_space(c->l, 14);
    char *form = tree_text(tree_child(meta, "form"));
    spaced(c, form, PDF_BODY_SIZE + 2);
    free(form);
    layout_space(c->l, 14);
    date_number_line(c, meta);
    place_line(c, tree_child(meta, "place"));
    layout_space(c->l, 16);
    title_to_text(c, tree_child(meta, "title"), PDF_BOLD);
    layout_space(c->l, 16);
    blocks(c, tree_child(body, "preamble"), 0);
    char *directive = tree_text(tree_child(meta, "directive"));
    if (*directive) {
        buf d = BUF_INIT;
        buf_addf(&d, "%s:", directive);
        layout_space(c->l, 6);
        add_text_line(c, d.data, PDF_REGULAR, PDF_BODY_SIZE, ALIGN_LEFT, true);
        layout_space(c->l, 6);
        buf_free(&d);
    }
    free(directive);
    /* Points: «1. Утвердить …» at the paragraph indent, nested «1)». */
    xmlNodePtr points = tree_child(body, "points");
    for (xmlNodePtr pt = points ? points->children : NULL; pt; pt = pt->next) {
        if (!tree_is(pt, "point"))
            continue;
        char *n = attr(pt, "n");
        bool first = true;
        for (xmlNodePtr b = pt->children; b; b = b->next) {
            if (b->type != XML_ELEMENT_NODE)
                continue;
            if (first && tree_is(b, "p")) {
                pdf_pstyle st = body_style();
                pdf_para *p = layout_para(c->l, &st);
                buf mark = BUF_INIT;
                buf_addf(&mark, "%s.\xC2\xA0", n);
                para_text(c->l, p, mark.data, PDF_REGULAR);
                buf_free(&mark);
                para_inlines(c->l, p, b, c->doc_id);
                layout_add(c->l, p, false);
            } else if (tree_is(b, "list")) {
                /* Sub-points inline too, as orders write them. */
                int k = 0;
                for (xmlNodePtr item = b->children; item; item = item->next) {
                    if (!tree_is(item, "item"))
                        continue;
                    char mark[32];
                    marker(b, k++, mark, sizeof mark);
                    xmlNodePtr ip = tree_child(item, "p");
                    pdf_pstyle st = body_style();
                    pdf_para *p = layout_para(c->l, &st);
                    para_text(c->l, p, mark, PDF_REGULAR);
                    para_text(c->l, p, "\xC2\xA0", PDF_REGULAR);
                    if (ip)
                        para_inlines(c->l, p, ip, c->doc_id);
                    layout_add(c->l, p, false);
                }
            } else {
                block(c, b, 0);
            }
            first = false;
        }
        free(n);
    }
    signature(c, tree_child(meta, "signatory"));
}

static void letter(ctx *c, xmlNodePtr root)
{
    xmlNodePtr meta = tree_child(root, "meta"), body = tree_child(root, "body");
    /* Sender at the left, addressee at the right, side by side. */
    double widths[2] = {layout_width(c->l) * 0.5, layout_width(c->l) * 0.5};
    pdf_table *t = layout_table(c->l, 2, PDF_SMALL_SIZE);
    table_grid(t, widths);
    table_row(t, false);
    xmlNodePtr issuer = tree_child(meta, "issuer");
    xmlNodePtr header = tree_child(issuer, "header");
    if (header) {
        for (xmlNodePtr line = header->children; line; line = line->next)
            if (tree_is(line, "line")) {
                pdf_para *p = table_cell(c->l, t, 0, ALIGN_CENTER, PDF_BOLD);
                p->style.upper = true;
                para_inlines(c->l, p, line, c->doc_id);
            }
    } else if (tree_child(issuer, "name")) {
        pdf_para *p = table_cell(c->l, t, 0, ALIGN_CENTER, PDF_BOLD);
        para_inlines(c->l, p, tree_child(issuer, "name"), c->doc_id);
    }
    static const char *const contacts[] = {"address", "phone", "email"};
    for (size_t i = 0; i < 3; i++)
        if (tree_child(issuer, contacts[i])) {
            pdf_para *p = table_cell(c->l, t, 0, ALIGN_CENTER, PDF_REGULAR);
            para_inlines(c->l, p, tree_child(issuer, contacts[i]), c->doc_id);
        }
    /* «№ … от …» under the sender; «На № … от …» when replying. */
    pdf_para *reg = table_cell(c->l, t, 0, ALIGN_CENTER, PDF_REGULAR);
    para_text(c->l, reg, "", PDF_REGULAR);
    if (tree_child(meta, "number")) {
        para_text(c->l, reg, "№\xC2\xA0", PDF_REGULAR);
        para_inlines(c->l, reg, tree_child(meta, "number"), c->doc_id);
    }
    if (tree_child(meta, "date")) {
        para_text(c->l, reg, " от\xC2\xA0", PDF_REGULAR);
        para_inlines(c->l, reg, tree_child(meta, "date"), c->doc_id);
    }
    xmlNodePtr reply = tree_child(meta, "reply_to");
    if (reply) {
        pdf_para *p = table_cell(c->l, t, 0, ALIGN_CENTER, PDF_REGULAR);
        para_text(c->l, p, "На\xC2\xA0№\xC2\xA0", PDF_REGULAR);
        para_inlines(c->l, p, tree_child(reply, "number"), c->doc_id);
        para_text(c->l, p, " от\xC2\xA0", PDF_REGULAR);
        para_inlines(c->l, p, tree_child(reply, "date"), c->doc_id);
    }
    xmlNodePtr to = tree_child(meta, "to");
    for (xmlNodePtr line = to ? to->children : NULL; line; line = line->next)
        if (tree_is(line, "line")) {
            pdf_para *p = table_cell(c->l, t, 1, ALIGN_LEFT, PDF_REGULAR);
            p->style.size = PDF_BODY_SIZE;
            p->style.left = PDF_MM(15);
            para_inlines(c->l, p, line, c->doc_id);
        }
    layout_add_table(c->l, t);
    layout_space(c->l, 18);
    title_to_text(c, tree_child(meta, "title"), PDF_REGULAR);
    layout_space(c->l, 14);
    blocks(c, body, 0);
    signature(c, tree_child(meta, "signatory"));
    xmlNodePtr ex = tree_child(meta, "executor");
    if (ex) {
        layout_to_foot(c->l);
        pdf_pstyle st = plain_style(PDF_REGULAR, PDF_SMALL_SIZE, ALIGN_LEFT);
        pdf_para *p = layout_para(c->l, &st);
        para_text(c->l, p, "Исполнитель: ", PDF_REGULAR);
        para_inlines(c->l, p, tree_child(ex, "name"), c->doc_id);
        if (tree_child(ex, "phone")) {
            para_text(c->l, p, ", ", PDF_REGULAR);
            para_inlines(c->l, p, tree_child(ex, "phone"), c->doc_id);
        }
        layout_add(c->l, p, false);
    }
}

/* The roadmap's event table: header, section rows, one row per event. */
static void roadmap_table(ctx *c, xmlNodePtr meta, xmlNodePtr body)
{
    xmlNodePtr columns = tree_child(meta, "columns");
    size_t ncols = 0;
    char *fields[16];
    for (xmlNodePtr col = columns ? columns->children : NULL; col && ncols < 16; col = col->next)
        if (tree_is(col, "column"))
            fields[ncols++] = attr(col, "field");
    if (!ncols)
        return;
    pdf_table *t = layout_table(c->l, ncols, PDF_SMALL_SIZE);
    table_row(t, true);
    size_t k = 0;
    for (xmlNodePtr col = columns->children; col && k < ncols; col = col->next)
        if (tree_is(col, "column")) {
            pdf_para *p = table_cell(c->l, t, k++, ALIGN_CENTER, PDF_BOLD);
            para_inlines(c->l, p, col, c->doc_id);
        }
    for (xmlNodePtr sec = body ? body->children : NULL; sec; sec = sec->next) {
        if (!tree_is(sec, "section"))
            continue;
        xmlNodePtr h = tree_child(sec, "heading");
        if (h) {
            pdf_para *p = table_span(c->l, t, ALIGN_CENTER, PDF_BOLD);
            para_inlines(c->l, p, h, c->doc_id);
        }
        for (xmlNodePtr ev = sec->children; ev; ev = ev->next) {
            if (!tree_is(ev, "event"))
                continue;
            table_row(t, false);
            for (size_t i = 0; i < ncols; i++) {
                const char *f = fields[i];
                if (!strcmp(f, "number")) {
                    char *n = attr(ev, "n");
                    buf s = BUF_INIT;
                    buf_addf(&s, "%s.", n);
                    pdf_para *p = table_cell(c->l, t, i, ALIGN_CENTER, PDF_REGULAR);
                    para_text(c->l, p, s.data, PDF_REGULAR);
                    buf_free(&s);
                    free(n);
                    continue;
                }
                const char *el = !strcmp(f, "period") ? "period" : f;
                bool any = false;
                for (xmlNodePtr x = ev->children; x; x = x->next) {
                    if (!tree_is(x, el))
                        continue;
                    xmlNodePtr shown = tree_is(x, "period") ? tree_child(x, "text") : x;
                    pdf_para *p = table_cell(c->l, t, i, ALIGN_LEFT, PDF_REGULAR);
                    para_inlines(c->l, p, shown, c->doc_id);
                    any = true;
                }
                if (!any)
                    table_cell(c->l, t, i, ALIGN_LEFT, PDF_REGULAR);
            }
        }
    }
    for (size_t i = 0; i < ncols; i++)
        free(fields[i]);
    /* Too wide for a portrait page at 12 pt: landscape pages from here
     * (six columns are landscape from the roadmap's first page). */
    if (!layout_landscape(c->l) && table_min_width(t) > layout_width(c->l))
        layout_new_page(c->l, false, true);
    layout_add_table(c->l, t);
}

static void roadmap(ctx *c, xmlNodePtr root)
{
    xmlNodePtr meta = tree_child(root, "meta"), body = tree_child(root, "body");
    stamp(c, tree_child(meta, "stamp"));
    centred_title(c, tree_child(meta, "title"), false);
    xmlNodePtr basis = tree_child(meta, "basis");
    if (basis) {
        add_text_line(c, "Основания:", PDF_BOLD, PDF_BODY_SIZE, ALIGN_LEFT, true);
        for (xmlNodePtr it = basis->children; it; it = it->next)
            if (tree_is(it, "item")) {
                pdf_pstyle st = body_style();
                st.hang = PDF_INDENT + PDF_MM(7.5);
                pdf_para *p = layout_para(c->l, &st);
                para_text(c->l, p, "–\xC2\xA0", PDF_REGULAR);
                para_inlines(c->l, p, it, c->doc_id);
                layout_add(c->l, p, false);
            }
        layout_space(c->l, 8);
    }
    blocks(c, tree_child(body, "intro"), 0);
    layout_space(c->l, 8);
    roadmap_table(c, meta, body);
}

static void article(ctx *c, xmlNodePtr root)
{
    xmlNodePtr meta = tree_child(root, "meta"), body = tree_child(root, "body");
    if (tree_child(meta, "udc")) {
        char *udc = tree_text(tree_child(meta, "udc"));
        buf s = BUF_INIT;
        buf_addf(&s, "УДК %s", udc);
        add_text_line(c, s.data, PDF_REGULAR, PDF_BODY_SIZE, ALIGN_LEFT, true);
        buf_free(&s);
        free(udc);
        layout_space(c->l, 10);
    }
    xmlNodePtr authors = tree_child(meta, "authors");
    for (xmlNodePtr a = authors ? authors->children : NULL; a; a = a->next) {
        if (!tree_is(a, "author"))
            continue;
        pdf_pstyle st = plain_style(PDF_BOLD_ITALIC, PDF_BODY_SIZE, ALIGN_RIGHT);
        layout_add(c->l, inline_para(c, &st, tree_child(a, "name")), true);
        static const char *const parts[] = {"affiliation", "city", "email"};
        for (size_t i = 0; i < 3; i++)
            if (tree_child(a, parts[i])) {
                pdf_pstyle s2 = plain_style(PDF_ITALIC, PDF_SMALL_SIZE, ALIGN_RIGHT);
                s2.left = layout_width(c->l) * 0.35;
                layout_add(c->l, inline_para(c, &s2, tree_child(a, parts[i])), true);
            }
    }
    layout_space(c->l, 12);
    centred_title(c, tree_child(meta, "title"), true);
    if (tree_child(meta, "abstract")) {
        pdf_pstyle st = body_style();
        st.face = PDF_ITALIC;
        st.size = PDF_SMALL_SIZE;
        pdf_para *p = layout_para(c->l, &st);
        para_text(c->l, p, "Аннотация. ", PDF_BOLD_ITALIC);
        para_inlines(c->l, p, tree_child(meta, "abstract"), c->doc_id);
        layout_add(c->l, p, false);
    }
    xmlNodePtr kw = tree_child(meta, "keywords");
    if (kw) {
        pdf_pstyle st = body_style();
        st.face = PDF_ITALIC;
        st.size = PDF_SMALL_SIZE;
        pdf_para *p = layout_para(c->l, &st);
        para_text(c->l, p, "Ключевые слова: ", PDF_BOLD_ITALIC);
        bool first = true;
        for (xmlNodePtr k = kw->children; k; k = k->next)
            if (tree_is(k, "keyword")) {
                if (!first)
                    para_text(c->l, p, ", ", PDF_ITALIC);
                para_inlines(c->l, p, k, c->doc_id);
                first = false;
            }
        para_text(c->l, p, ".", PDF_ITALIC);
        layout_add(c->l, p, false);
    }
    layout_space(c->l, 12);
    blocks(c, body, 0);
    xmlNodePtr refs = tree_child(meta, "references");
    if (refs) {
        layout_space(c->l, 12);
        add_text_line(c, "Список литературы", PDF_BOLD, PDF_BODY_SIZE, ALIGN_CENTER, true);
        layout_space(c->l, 6);
        int n = 0;
        for (xmlNodePtr r = refs->children; r; r = r->next) {
            if (!tree_is(r, "reference"))
                continue;
            pdf_pstyle st = body_style();
            st.size = PDF_SMALL_SIZE;
            pdf_para *p = layout_para(c->l, &st);
            char num[16];
            snprintf(num, sizeof num, "%d.\xC2\xA0", ++n);
            para_text(c->l, p, num, PDF_REGULAR);
            para_inlines(c->l, p, r, c->doc_id);
            layout_add(c->l, p, false);
        }
    }
}

static void document(ctx *c, xmlNodePtr root)
{
    xmlNodePtr meta = tree_child(root, "meta");
    stamp(c, tree_child(meta, "stamp"));
    centred_title(c, tree_child(meta, "title"), false);
    blocks(c, tree_child(root, "body"), 0);
    signature(c, tree_child(meta, "signatory"));
}

/* Roadmaps of six columns or more are set on landscape pages. */
static bool wants_landscape(xmlNodePtr doc)
{
    if (!tree_is(doc, "roadmap"))
        return false;
    size_t n = 0;
    xmlNodePtr cols = tree_child(tree_child(doc, "meta"), "columns");
    for (xmlNodePtr col = cols ? cols->children : NULL; col; col = col->next)
        n += tree_is(col, "column");
    return n >= 6;
}

/* One document of the tree (the root, or an annex), then its annexes. */
static void compose_any(ctx *c, xmlNodePtr root)
{
    char *id = attr(root, "id");
    ctx mine = *c;
    mine.doc_id = id;
    char *title = tree_text(tree_child(tree_child(root, "meta"), "title"));
    layout_anchor(c->l, id);
    layout_bookmark(c->l, c->level, title);
    register_notes(&mine, root);
    draft_mark(&mine, root);
    if (tree_is(root, "order"))
        order(&mine, root);
    else if (tree_is(root, "letter"))
        letter(&mine, root);
    else if (tree_is(root, "roadmap"))
        roadmap(&mine, root);
    else if (tree_is(root, "article"))
        article(&mine, root);
    else
        document(&mine, root);
    /* Each annex from a new page, numbered as a document of its own. */
    xmlNodePtr annexes = tree_child(root, "annexes");
    for (xmlNodePtr a = annexes ? annexes->children : NULL; a; a = a->next) {
        if (!tree_is(a, "annex"))
            continue;
        for (xmlNodePtr d = a->children; d; d = d->next)
            if (d->type == XML_ELEMENT_NODE) {
                layout_new_page(c->l, !c->continuous, wants_landscape(d));
                ctx sub = *c;
                sub.level = c->level + 1;
                compose_any(&sub, d);
            }
    }
    free(title);
    free(id);
}

void compose_document(pdf_layout *l, xmlNodePtr root, const char *project_dir)
{
    ctx c = {l, project_dir, "", 0, false};
    if (wants_landscape(root))
        layout_new_page(l, true, true);
    compose_any(&c, root);
}

/* ------------------------------------------------------------ collections */

/* «А.Б. Иванов, В.Г. Петров, Д.Е. Сидоров [и др.]»: three, then [и др.]. */
static void authors_line(xmlNodePtr authors, buf *out)
{
    int n = 0;
    for (xmlNodePtr a = authors ? authors->children : NULL; a; a = a->next) {
        if (!tree_is(a, "author"))
            continue;
        if (n == 3) {
            buf_adds(out, " [и др.]");
            return;
        }
        char *name = tree_text(tree_child(a, "name"));
        buf_addf(out, "%s%s", n ? ", " : "", name);
        free(name);
        n++;
    }
}

static void text_para(ctx *c, const char *text, pdf_face face, double size,
                      pdf_align align, bool upper)
{
    pdf_pstyle st = plain_style(face, size, align);
    st.upper = upper;
    pdf_para *p = layout_para(c->l, &st);
    para_text(c->l, p, text, face);
    layout_add(c->l, p, true);
}

static void title_page(ctx *c, xmlNodePtr meta)
{
    buf authors = BUF_INIT;
    authors_line(tree_child(meta, "authors"), &authors);
    text_para(c, authors.data ? authors.data : "", PDF_ITALIC, PDF_BODY_SIZE,
              ALIGN_CENTER, false);
    buf_free(&authors);
    layout_space(c->l, 200);
    pdf_pstyle st = plain_style(PDF_BOLD, 18, ALIGN_CENTER);
    st.upper = true;
    layout_add(c->l, inline_para(c, &st, tree_child(meta, "title")), true);
    layout_space(c->l, 14);
    if (tree_child(meta, "subtitle")) {
        pdf_pstyle sub = plain_style(PDF_REGULAR, PDF_BODY_SIZE + 2, ALIGN_CENTER);
        layout_add(c->l, inline_para(c, &sub, tree_child(meta, "subtitle")), true);
    }
    if (tree_child(meta, "genre")) {
        layout_space(c->l, 6);
        pdf_pstyle g = plain_style(PDF_REGULAR, PDF_BODY_SIZE, ALIGN_CENTER);
        layout_add(c->l, inline_para(c, &g, tree_child(meta, "genre")), true);
    }
    layout_to_foot(c->l);
    static const char *const foot[] = {"city", "publisher", "year"};
    for (size_t i = 0; i < 3; i++)
        if (tree_child(meta, foot[i])) {
            pdf_pstyle f = plain_style(PDF_REGULAR, PDF_BODY_SIZE, ALIGN_CENTER);
            layout_add(c->l, inline_para(c, &f, tree_child(meta, foot[i])), true);
        }
}

/*
 * The verso: УДК and ББК, the bibliographic record (GOST R 7.0.4-2020,
 * 7.0.100-2018) with the real page count, the annotation, ISBN and ©.
 */
static void verso(ctx *c, xmlNodePtr meta, int pages)
{
    static const char *const codes[][2] = {{"udc", "УДК"}, {"bbk", "ББК"}};
    for (size_t i = 0; i < 2; i++) {
        char *v = tree_text(tree_child(meta, codes[i][0]));
        buf s = BUF_INIT;
        buf_addf(&s, "%s %s", codes[i][1], v);
        text_para(c, s.data, PDF_REGULAR, PDF_BODY_SIZE, ALIGN_LEFT, false);
        buf_free(&s);
        free(v);
    }
    layout_space(c->l, 24);
    char *title = tree_text(tree_child(meta, "title")), *subtitle = tree_text(tree_child(meta, "subtitle"));
    char *genre = tree_text(tree_child(meta, "genre")), *city = tree_text(tree_child(meta, "city"));
    char *publisher = tree_text(tree_child(meta, "publisher")), *year = tree_text(tree_child(meta, "year"));
    char *isbn = tree_text(tree_child(meta, "isbn"));
    buf rec = BUF_INIT, authors = BUF_INIT;
    authors_line(tree_child(meta, "authors"), &authors);
    buf_adds(&rec, title);
    if (*subtitle)
        buf_addf(&rec, " : %s", subtitle);
    if (*genre)
        buf_addf(&rec, " : %s", genre);
    if (authors.len)
        buf_addf(&rec, " / %s", authors.data);
    buf_addf(&rec, ". – %s : %s, %s. – %d с. – ISBN %s.", city, publisher, year, pages, isbn);
    pdf_pstyle st = body_style();
    st.size = PDF_SMALL_SIZE;
    pdf_para *p = layout_para(c->l, &st);
    para_text(c->l, p, rec.data, PDF_REGULAR);
    layout_add(c->l, p, false);
    if (tree_child(meta, "annotation")) {
        layout_space(c->l, 12);
        pdf_pstyle an = body_style();
        an.size = PDF_SMALL_SIZE;
        layout_add(c->l, inline_para(c, &an, tree_child(meta, "annotation")), false);
    }
    layout_to_foot(c->l);
    pdf_pstyle foot = plain_style(PDF_REGULAR, PDF_SMALL_SIZE, ALIGN_LEFT);
    foot.right = layout_width(c->l) * 0.4;
    pdf_para *f = layout_para(c->l, &foot);
    buf s = BUF_INIT;
    buf_addf(&s, "ISBN %s", isbn);
    para_text(c->l, f, s.data, PDF_REGULAR);
    buf_clear(&s);
    buf_addf(&s, "© %s, %s", publisher, year);
    para_right(f, s.data, PDF_REGULAR);
    layout_add(c->l, f, false);
    buf_free(&s);
    buf_free(&rec);
    buf_free(&authors);
    free(title);
    free(subtitle);
    free(genre);
    free(city);
    free(publisher);
    free(year);
    free(isbn);
}

/* One line of the contents: title, dots, page number; all a link. */
static void toc_entry(ctx *c, const char *title, const char *anchor, pdf_face face,
                      double indent, int page)
{
    pdf_pstyle st = plain_style(face, PDF_BODY_SIZE, ALIGN_LEFT);
    st.left = indent;
    st.hang = PDF_MM(5);
    st.right = PDF_MM(15);      /* room for the number */
    pdf_para *p = layout_para(c->l, &st);
    int link = layout_link(c->l, anchor, true);
    para_text_link(c->l, p, title, face, link);
    char num[16];
    /* Before the pages are known, a number as wide as a real one. */
    snprintf(num, sizeof num, "%d", page > 0 ? page : 888);
    para_right(p, num, PDF_REGULAR);
    p->leader = true;
    p->right_link = link;
    layout_add(c->l, p, false);
}

void compose_each_document(xmlNodePtr collection, compose_visit visit, void *ud)
{
    int k = 0;
    for (xmlNodePtr part = tree_child(tree_child(collection, "parts"), "part"); part; part = part->next) {
        if (!tree_is(part, "part"))
            continue;
        visit(ud, ++k, part, NULL);
        for (xmlNodePtr e = part->children; e; e = e->next)
            for (xmlNodePtr d = tree_is(e, "entry") ? e->children : NULL; d; d = d->next)
                if (d->type == XML_ELEMENT_NODE)
                    visit(ud, k, part, d);
    }
}

void compose_part_anchor(int part, char *out, size_t cap)
{
    snprintf(out, cap, "part-%d", part);
}

typedef struct {
    ctx *c;
    int (*page)(void *, const char *);
    void *ud;
} toc_walk;

/* A contents line for a part (bold) or a document (indented under it). */
static void toc_visit(void *ud, int part, xmlNodePtr part_el, xmlNodePtr doc)
{
    toc_walk *w = ud;
    if (!doc) {
        char anchor[32];
        compose_part_anchor(part, anchor, sizeof anchor);
        char *title = tree_text(tree_child(part_el, "title"));
        layout_space(w->c->l, 6);
        toc_entry(w->c, title, anchor, PDF_BOLD, 0, w->page(w->ud, anchor));
        free(title);
        return;
    }
    char *id = attr(doc, "id");
    char *title = tree_text(tree_child(tree_child(doc, "meta"), "title"));
    toc_entry(w->c, title, id, PDF_REGULAR, PDF_MM(5), w->page(w->ud, id));
    free(title);
    free(id);
}

static void contents(ctx *c, xmlNodePtr root, int (*page)(void *, const char *), void *ud)
{
    layout_bookmark(c->l, 0, "Содержание");
    text_para(c, "Содержание", PDF_BOLD, PDF_BODY_SIZE, ALIGN_CENTER, false);
    layout_space(c->l, 12);
    if (tree_child(root, "body") && tree_child(root, "body")->children)
        toc_entry(c, "Предисловие", "preface", PDF_REGULAR, 0, page(ud, "preface"));
    toc_walk w = {c, page, ud};
    compose_each_document(root, toc_visit, &w);
}

typedef struct {
    ctx *c;
    int part_started;           /* the last part whose title is laid out */
} part_walk;

/* Each document from a new page; a part's title heads its first one's. */
static void part_visit(void *ud, int part, xmlNodePtr part_el, xmlNodePtr doc)
{
    part_walk *w = ud;
    if (!doc)
        return;
    pdf_layout *l = w->c->l;
    layout_new_page(l, false, wants_landscape(doc));
    if (w->part_started != part) {
        char anchor[32];
        compose_part_anchor(part, anchor, sizeof anchor);
        char *title = tree_text(tree_child(part_el, "title"));
        layout_anchor(l, anchor);
        layout_bookmark(l, 0, title);
        text_para(w->c, title, PDF_BOLD, PDF_BODY_SIZE, ALIGN_CENTER, true);
        layout_space(l, 18);
        free(title);
        w->part_started = part;
    }
    ctx c = *w->c;
    c.level = 1;
    compose_any(&c, doc);
}

void compose_collection(pdf_layout *l, xmlNodePtr root, const char *project_dir,
                        int (*page)(void *ud, const char *anchor), void *ud,
                        int pages)
{
    ctx c = {l, project_dir, "", 1, true};
    char *id = attr(root, "id");
    c.doc_id = id;
    xmlNodePtr meta = tree_child(root, "meta");
    /* Numbers on every page but the title pages (title and verso). */
    layout_numbering(l, 3, true);
    register_notes(&c, root);
    title_page(&c, meta);
    layout_new_page(l, false, false);
    verso(&c, meta, pages);
    layout_new_page(l, false, false);
    contents(&c, root, page, ud);
    xmlNodePtr body = tree_child(root, "body");
    if (body && body->children) {
        layout_new_page(l, false, false);
        layout_anchor(l, "preface");
        layout_bookmark(l, 0, "Предисловие");
        text_para(&c, "Предисловие", PDF_BOLD, PDF_BODY_SIZE, ALIGN_CENTER, false);
        layout_space(l, 12);
        ctx pre = c;
        pre.level = 0;
        blocks(&pre, body, 0);
    }
    part_walk w = {&c, 0};
    compose_each_document(root, part_visit, &w);
    free(id);
}
