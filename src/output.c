/*
 * output.c: atomic, confined writes (see output.h).
 */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"

bool output_confined(const char *rel)
{
    if (!rel || !*rel || rel[0] == '/')
        return false;
    const char *seg = rel;
    for (const char *c = rel;; c++) {
        if (*c == '/' || *c == '\0') {
            size_t n = (size_t)(c - seg);
            if (n == 0 || (n == 1 && seg[0] == '.') ||
                (n == 2 && seg[0] == '.' && seg[1] == '.'))
                return false;
            if (!*c)
                return true;
            seg = c + 1;
        }
    }
}

/* mkdir -p of the folders of path (not the last segment). */
static bool make_parents(const char *path)
{
    char *copy = xstrdup(path);
    bool ok = true;
    for (char *p = copy + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(copy, 0777) != 0 && errno != EEXIST)
            ok = false;
        *p = '/';
        if (!ok)
            break;
    }
    free(copy);
    return ok;
}

bool output_write(const char *dir, const char *rel, const void *data,
                  size_t len, diag_sink *diag)
{
    buf path = BUF_INIT, tmp = BUF_INIT;
    bool ok = false;
    int fd = -1;
    if (!output_confined(rel)) {
        diag_report(diag, DIAG_ERROR, rel, 0, 0, "E-OUTPUT-PATH",
                    "refusing to write outside the output folder");
        return false;
    }
    buf_addf(&path, "%s/%s", dir, rel);
    if (!make_parents(path.data)) {
        diag_report(diag, DIAG_ERROR, path.data, 0, 0, "E-OUTPUT",
                    "cannot create its folder: %s", strerror(errno));
        goto done;
    }
    /* Same folder, so rename() is atomic; the name marks it as ours. */
    const char *slash = strrchr(path.data, '/');
    buf_add(&tmp, path.data, (size_t)(slash - path.data) + 1);
    buf_addf(&tmp, ".%s.sbornik-tmp-XXXXXX", slash + 1);
    fd = mkstemp(tmp.data);
    if (fd < 0) {
        diag_report(diag, DIAG_ERROR, path.data, 0, 0, "E-OUTPUT",
                    "cannot create a temporary file: %s", strerror(errno));
        goto done;
    }
    const char *p = data;
    size_t left = len;
    while (left) {
        ssize_t n = write(fd, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            diag_report(diag, DIAG_ERROR, path.data, 0, 0, "E-OUTPUT",
                        "cannot write: %s", strerror(errno));
            goto done;
        }
        p += n;
        left -= (size_t)n;
    }
    if (fchmod(fd, 0644) != 0 || fsync(fd) != 0) {
        diag_report(diag, DIAG_ERROR, path.data, 0, 0, "E-OUTPUT",
                    "cannot flush to disk: %s", strerror(errno));
        goto done;
    }
    if (close(fd) != 0) {
        fd = -1;
        diag_report(diag, DIAG_ERROR, path.data, 0, 0, "E-OUTPUT",
                    "cannot close: %s", strerror(errno));
        goto done;
    }
    fd = -1;
    if (rename(tmp.data, path.data) != 0) {
        diag_report(diag, DIAG_ERROR, path.data, 0, 0, "E-OUTPUT",
                    "cannot rename into place: %s", strerror(errno));
        goto done;
    }
    ok = true;
done:
    if (fd >= 0)
        close(fd);
    if (!ok && tmp.data)
        unlink(tmp.data);
    buf_free(&path);
    buf_free(&tmp);
    return ok;
}

/* Elements that only occur inside text (the inline elements of the schema). */
static bool is_inline(xmlNodePtr n)
{
    static const char *const names[] = {"i", "b", "s", "code", "link", "br",
                                        "fnref", "ref", "field", "image"};
    if (n->type != XML_ELEMENT_NODE)
        return false;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (!strcmp((const char *)n->name, names[i]))
            return true;
    return false;
}

/*
 * libxml2 indents the children of an element that holds no text, which
 * inside text would add spaces that are not there («<name><field>…» would
 * read back as « <field>… »).  An empty text node in each such element
 * turns indenting off there and prints as nothing.
 */
static void protect_inline(xmlNodePtr n)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        bool text = false, inline_child = false;
        for (xmlNodePtr c = n->children; c; c = c->next) {
            text |= c->type == XML_TEXT_NODE;
            inline_child |= is_inline(c);
        }
        if (inline_child && !text)
            xmlAddPrevSibling(n->children, xmlNewText(BAD_CAST ""));
        protect_inline(n->children);
    }
}

xmlChar *output_xml_text(xmlDocPtr doc, int *size)
{
    xmlChar *mem = NULL;
    protect_inline(xmlDocGetRootElement(doc));
    xmlDocDumpFormatMemoryEnc(doc, &mem, size, "UTF-8", 1);
    return mem;
}

bool output_write_xml(const char *dir, const char *rel, xmlDocPtr doc,
                      diag_sink *diag)
{
    int size = 0;
    xmlChar *mem = output_xml_text(doc, &size);
    if (!mem) {
        diag_report(diag, DIAG_ERROR, rel, 0, 0, "E-OUTPUT",
                    "cannot serialise the tree");
        return false;
    }
    bool ok = output_write(dir, rel, mem, (size_t)size, diag);
    xmlFree(mem);
    return ok;
}

bool output_each_image(xmlNodePtr n, bool (*fn)(const char *src, void *ud),
                       void *ud)
{
    bool ok = true;
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (!strcmp((const char *)n->name, "image")) {
            xmlChar *src = xmlGetProp(n, BAD_CAST "src");
            if (src)
                ok &= fn((const char *)src, ud);
            xmlFree(src);
        }
        ok &= output_each_image(n->children, fn, ud);
    }
    return ok;
}

char *output_name(xmlDocPtr tree, const char *ext)
{
    xmlNodePtr root = xmlDocGetRootElement(tree);
    xmlChar *id = root ? xmlGetProp(root, BAD_CAST "id") : NULL;
    buf name = BUF_INIT;
    bool collection = root && !strcmp((const char *)root->name, "collection");
    buf_addf(&name, "%s%s.%s", collection ? "" : "docs/",
             id ? (const char *)id : "unnamed", ext);
    xmlFree(id);
    return buf_detach(&name);
}

/* ------------------------------------------------------------ the XML writer */

static void *xml_open(const output_target *t)
{
    (void)t;
    static int token;
    return &token;      /* nothing to load */
}

static bool xml_write(void *w, const output_target *t, xmlDocPtr tree)
{
    (void)w;
    char *name = output_name(tree, "xml");
    bool ok = output_write_xml(t->out_dir, name, tree, t->diag);
    free(name);
    return ok;
}

static void xml_close(void *w)
{
    (void)w;
}

const output_writer output_xml_writer = {
    "xml", true, xml_open, xml_write, NULL, xml_close,
};
