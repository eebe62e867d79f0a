#!/usr/bin/env python3
"""Checks of sbornik's PDFs with poppler's own view of them (stdlib only).

  pdfcheck.py words PDF XML     every word of the tree's text comes back
                                from pdftotext, the running text in order
  pdfcheck.py margins PDF       every word inside the A4 text area
                                (page numbers in the top margin aside)
  pdfcheck.py order PDF         the requisites of an order in their places
  pdfcheck.py ratio LOG         (unused)

Exit status 0 when the check holds; the reason on stdout otherwise.
"""

import re
import subprocess
import sys
import xml.etree.ElementTree as ET

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
LEFT, RIGHT, TOP, BOTTOM = 30 * MM, 15 * MM, 20 * MM, 20 * MM
TEXT_W = PAGE_W - LEFT - RIGHT


def norm(word):
    """A word as compared: lower case, letters and digits only."""
    return re.sub(r"[^\w]", "", word.lower().replace("ё", "е")).replace("_", "")


def words_of(text):
    # Hyphens go: poppler joins a word hyphenated at a line's end.
    text = text.replace("\u00ad", "").replace("-", "").replace("‐", "")
    return [w for w in (norm(x) for x in text.split()) if w]


def pdftotext(pdf, *args):
    r = subprocess.run(["pdftotext", *args, pdf, "-"], capture_output=True, text=True)
    if r.returncode or r.stderr:
        sys.exit("pdftotext failed or warned: %s" % r.stderr.strip()[:300])
    return r.stdout


def bbox_pages(pdf):
    out = pdftotext(pdf, "-bbox")
    out = re.sub(r"<!DOCTYPE[^>]*>", "", out)
    root = ET.fromstring(out)
    ns = "{http://www.w3.org/1999/xhtml}"
    pages = []
    for page in root.iter(ns + "page"):
        ws = []
        for w in page.iter(ns + "word"):
            ws.append((float(w.get("xMin")), float(w.get("yMin")),
                       float(w.get("xMax")), float(w.get("yMax")), w.text or ""))
        pages.append((float(page.get("width")), float(page.get("height")), ws))
    return pages


BLOCKS = {"br", "p", "cell", "row", "item", "line", "result", "heading", "footnote",
          "name", "participants", "executors", "responsible", "period", "form", "section"}


def text_of(el, skip=()):
    """The text of an element, without the subtrees named in skip; blocks
    and line breaks separate words."""
    if el.tag in skip:
        return el.tail or ""
    sep = " " if el.tag in BLOCKS else ""
    return (sep + (el.text or "") + "".join(text_of(c, skip) for c in el) + sep
            + (el.tail or ""))


def same(source, extracted):
    """A source word as extracted: the same, or with a footnote mark glued
    to it («РЦОКИО1», «образования.1»)."""
    return extracted == source or (extracted.startswith(source) and
                                   extracted[len(source):].isdigit())


def is_subsequence(needle, hay):
    """The index in needle of the first word not found in order, or -1."""
    i = 0
    for k, w in enumerate(needle):
        while i < len(hay) and not same(w, hay[i]):
            i += 1
        if i == len(hay):
            return k
        i += 1
    return -1


def reading_streams(pdf):
    """The words of a PDF rebuilt from their boxes, in reading order: lines
    top to bottom, words left to right, a word hyphenated at a line's end
    joined to its end on the next line.  Two streams: the body (14 pt) and
    the small text (12 pt and less: footnotes, tables, stamps); what is
    smaller still (fill-in captions at 7 pt, footnote marks) is left out,
    as it sits between the lines of the text."""
    body, small, every = [], [], []
    for _, _, words in bbox_pages(pdf):
        lines = {}
        for (x0, y0, x1, y1, t) in words:
            h = y1 - y0
            every.append(t)
            if h < 10.5:            # captions, superscript marks
                continue
            lines.setdefault(round(y1), []).append((x0, t, h))
        for y in sorted(lines):
            ws = sorted(lines[y])
            stream = body if max(h for _, _, h in ws) > 14.5 else small
            stream.append([t for _, t, _ in ws])

    def flatten(lines):
        out = []
        for line in lines:
            for k, t in enumerate(line):
                if out and out[-1].endswith("-") and k == 0 and t[:1].islower():
                    out[-1] = out[-1][:-1] + t      # «регио-» + «нальной»
                else:
                    out.append(t)
        return [w for w in (norm(t.replace("-", "")) for t in out) if w]
    return flatten(body), flatten(small), every


def check_words(pdf, xml):
    tree = ET.parse(xml).getroot()
    body_words, small_words, tokens = reading_streams(pdf)
    # The text of the tree: running text (fields, tables, code aside) in
    # order in the body stream; footnotes in order in the small stream;
    # every word of tables and fields present somewhere (a word hyphenated
    # in a table cell as its two pieces).
    raw = pdftotext(pdf)        # also: no warning from poppler
    tokens = tokens + raw.split()
    every = set(body_words) | set(small_words) | set(words_of(" ".join(tokens)))
    prefixes = {norm(t[:-1]) for t in tokens if t.endswith("-") and len(t) > 2}

    def present(w):
        return w in every or any(w.startswith(p) and w[len(p):] in every
                                 for p in prefixes if p)
    docs = [tree] + [d for a in tree.iter("annex") for d in a]
    problems = []
    for doc in docs:
        body = doc.find("body")
        if body is None:
            continue
        skip = ("table", "field", "codeblock", "image") + (("section",) if doc.tag == "roadmap" else ())
        running = words_of(text_of(body, skip=skip))
        k = is_subsequence(running, body_words)
        if k >= 0:
            problems.append("%s: body word %d %r not found in order (context: %s)" % (
                doc.get("id"), k, running[k], " ".join(running[max(0, k - 5):k + 5])))
        notes = doc.find("footnotes")
        if notes is not None:
            nw = words_of(text_of(notes, skip=("field",)))
            k = is_subsequence(nw, small_words)
            if k >= 0:
                problems.append("%s: footnote word %r not found in order (context: %s)" % (
                    doc.get("id"), nw[k], " ".join(nw[max(0, k - 5):k + 5])))
        for w in words_of(text_of(body)):
            if not present(w):
                problems.append("%s: word %r missing" % (doc.get("id"), w))
                break
    if problems:
        print("\n".join(problems[:5]))
        return 1
    return 0


def check_margins(pdf):
    """Portrait A4 with 30/15/20/20 mm, or landscape A4 (a wide table)
    with the binding margin at the top: 20/20/30/15 mm."""
    bad = []
    for n, (w, h, words) in enumerate(bbox_pages(pdf), 1):
        landscape = w > h
        pw, ph = (PAGE_H, PAGE_W) if landscape else (PAGE_W, PAGE_H)
        left, right, top, bottom = ((20 * MM, 20 * MM, 30 * MM, 15 * MM) if landscape
                                    else (LEFT, RIGHT, TOP, BOTTOM))
        if abs(w - pw) > 0.5 or abs(h - ph) > 0.5:
            bad.append("page %d is %.1f x %.1f pt, not A4" % (n, w, h))
        centre = left + (pw - left - right) / 2
        for (x0, y0, x1, y1, t) in words:
            page_number = t.isdigit() and y1 <= top + 1 and abs((x0 + x1) / 2 - centre) < 2
            if page_number:
                continue
            if x0 < left - 0.5 or x1 > pw - right + 0.5 or y0 < top - 0.5 or y1 > ph - bottom + 0.5:
                bad.append("page %d: %r at x %.1f–%.1f, y %.1f–%.1f is outside the text area"
                           % (n, t, x0, x1, y0, y1))
    if bad:
        print("\n".join(bad[:5]))
        return 1
    return 0


def find(words, text, start=0):
    for i in range(start, len(words)):
        if words[i][4] == text:
            return words[i]
    return None


def check_order(pdf):
    """The requisites of order 01/970 where LAYOUT.md puts them."""
    pages = bbox_pages(pdf)
    _, _, p1 = pages[0]
    problems = []
    centre = LEFT + TEXT_W / 2

    def expect(cond, what):
        if not cond:
            problems.append(what)

    head = [w for w in p1 if w[1] < p1[0][1] + 1]        # the first line
    expect(head and abs((head[0][0] + head[-1][2]) / 2 - centre) < 2,
           "organisation header not centred")
    form = find(p1, "ПРИКАЗ")
    expect(form and abs((form[0] + form[2]) / 2 - centre) < 2, "П Р И К А З not centred")
    date, num = find(p1, "29.03.2017"), find(p1, "01/970")
    expect(date and abs(date[0] - LEFT) < 0.5, "date not at the left margin")
    expect(num and abs(num[2] - (PAGE_W - RIGHT)) < 0.5, "№ not at the right margin")
    expect(date and num and abs(date[3] - num[3]) < 0.5, "date and № not on one line")
    place = find(p1, "Челябинск")
    expect(place and date and place[1] > date[1], "place not under the date line")
    title = find(p1, "утверждении")
    expect(title and title[0] < LEFT + 40, "heading not flush left")
    title_words = [w for w in p1 if date and w[1] > place[1] + 5 and w[1] < find(p1, "ПРИКАЗЫВАЮ:")[1]
                   and w[0] < LEFT + TEXT_W * 0.6 and w[1] < p1[0][1] + 200]
    expect(all(w[2] <= LEFT + TEXT_W * 0.56 for w in title_words[:20]),
           "heading lines wider than about half the text")
    directive = find(p1, "ПРИКАЗЫВАЮ:")
    expect(directive and abs(directive[0] - LEFT) < 0.5, "ПРИКАЗЫВАЮ: not flush left")
    pos, name = find(p1, "Министр"), find(p1, "Кузнецов")
    expect(pos and abs(pos[0] - LEFT) < 0.5, "signatory's position not flush left")
    expect(name and abs(name[2] - (PAGE_W - RIGHT)) < 0.5, "signatory's name not flush right")
    expect(pos and name and abs(pos[3] - name[3]) < 0.5, "position and name not on one baseline")
    # The concept's stamp, on the next page: left edge at the centre.
    _, _, p2 = pages[1]
    stamp = find(p2, "УТВЕРЖДЕНА")
    expect(stamp and abs(stamp[0] - centre) < 1, "approval stamp not at the centre line")
    expect(stamp and stamp[1] < TOP + 5, "approval stamp not at the top")
    nums = [w for w in p1 if w[4].isdigit() and w[3] <= TOP + 1]
    expect(not nums, "a page number on the first page")
    second = [w for w in pages[2][2] if w[4].isdigit() and w[3] <= TOP + 1]
    expect(second, "no page number at the top of the annex's second page")
    if problems:
        print("\n".join(problems))
        return 1
    return 0


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    cmd = sys.argv[1]
    if cmd == "words":
        sys.exit(check_words(sys.argv[2], sys.argv[3]))
    if cmd == "margins":
        sys.exit(check_margins(sys.argv[2]))
    if cmd == "order":
        sys.exit(check_order(sys.argv[2]))
    sys.exit(__doc__)


if __name__ == "__main__":
    main()
