#!/usr/bin/env python3
"""Seed corpora for the libFuzzer targets of tests/fuzz/, made from the
sample project (input/) and the case tests (tests/cases/).

    python3 tests/fuzz/seeds.py build-fuzz/seeds

writes OUT/frontmatter, OUT/markdown, OUT/period and OUT/refs afresh, one
file per distinct seed named by its SHA-1, each in the input format of its
target (see the comment at the top of tests/fuzz/fuzz_NAME.c):

  frontmatter  the YAML between a source's '---' lines; every sbornik.yaml
  markdown     one byte for the kind (and status: model) of the source,
               then its body
  period       one byte for the roadmap's year, then a «Сроки» text: the
               '- Сроки:' items and the Сроки column of tables of every
               roadmap, and the texts of tests/unit/test_period.c
  refs         the bodies of four sources joined by NUL bytes, each in
               the slot of its kind (an order's first, a letter's third),
               and each body alone in its slot

Only the standard library: it runs wherever make fuzz does.
"""
import hashlib
import os
import re
import shutil
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
KINDS = ["order", "letter", "document", "concept", "roadmap", "article",
         "collection"]


def sources():
    """(path, bytes) of every .md and sbornik.yaml, sorted by path."""
    found = []
    for top in ("input", "tests/cases"):
        for dirpath, dirnames, filenames in os.walk(os.path.join(ROOT, top)):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith(".md") or name == "sbornik.yaml":
                    path = os.path.join(dirpath, name)
                    if os.path.isfile(path):
                        with open(path, "rb") as f:
                            found.append((path, f.read()))
    return found


def fence(line, closing):
    """Whether a line reads '---' (or '...' when closing), as project.c."""
    s = line.rstrip(b"\n").rstrip(b"\r").rstrip(b" \t")
    return s == b"---" or (closing and s == b"...")


def split(data):
    """(front matter, body) of a source, or None without front matter."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    lines = data.splitlines(keepends=True)
    if not lines or not fence(lines[0], False):
        return None
    for i in range(1, len(lines)):
        if fence(lines[i], True):
            return b"".join(lines[1:i]), b"".join(lines[i + 1:])
    return None


def year_byte(year):
    """The first byte of a period seed: the default year (0 = none)."""
    return bytes([year - 1900 + 16]) if 1900 <= year <= 2139 else b"\x00"


def table_periods(body):
    """The cells of the Сроки column of every GFM table in a body."""
    out = []
    col = None
    for line in body.decode("utf-8", "replace").splitlines():
        s = line.strip()
        if not s.startswith("|"):
            col = None
            continue
        cells = [c.strip() for c in s.strip("|").split("|")]
        if col is None:
            col = next((i for i, c in enumerate(cells) if c.startswith("Сроки")), -1)
        elif col >= 0 and col < len(cells) and not re.fullmatch(r"[-: ]+", cells[col]):
            out.append(cells[col].replace("<br>", " "))
    return out


def c_string(literal):
    """The text of adjacent C string literals ("a" "b"), escapes decoded."""
    text = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', literal))
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    return text.replace('\\"', '"').replace("\\\\", "\\")


def unit_periods():
    """(text, default year) of every row of tests/unit/test_period.c."""
    path = os.path.join(ROOT, "tests/unit/test_period.c")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        src = f.read()
    rows = re.findall(r'\{((?:\s*"(?:[^"\\]|\\.)*")+),\s*(\d+),', src)
    return [(c_string(lit).replace("|", ""), int(year)) for lit, year in rows]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build-fuzz/seeds")
    seeds = {t: set() for t in ("frontmatter", "markdown", "period", "refs")}
    bodies = [[], [], [], []]
    for path, data in sources():
        if path.endswith("sbornik.yaml"):
            seeds["frontmatter"].add(data)
            continue
        parts = split(data)
        if not parts:
            seeds["markdown"].add(b"\x00" + data)
            continue
        front, body = parts
        seeds["frontmatter"].add(front)
        text = front.decode("utf-8", "replace")
        m = re.search(r"^kind:\s*(\w+)", text, re.M)
        kind = KINDS.index(m.group(1)) if m and m.group(1) in KINDS else 2
        model = 0x08 if re.search(r"^status:\s*model", text, re.M) else 0
        seeds["markdown"].add(bytes([kind | model]) + body)
        # The slots of fuzz_refs.c: order, concept, letter, document.
        slot = {"order": 0, "letter": 2, "document": 3}.get(KINDS[kind], 1)
        bodies[slot].append(body)
        seeds["refs"].add(b"\x00" * slot + body)
        y = re.search(r"^year:\s*(\d{4})", text, re.M)
        year = int(y.group(1)) if y else 0
        periods = re.findall(r"^\s*(?:[-*+]|\d+[.)])\s*Сроки\s*:\s*(.+)$",
                             body.decode("utf-8", "replace"), re.M)
        for p in periods + table_periods(body):
            seeds["period"].add(year_byte(year) + p.encode())
            seeds["period"].add(b"\x00" + p.encode())
    for text, year in unit_periods():
        seeds["period"].add(year_byte(year) + text.encode())
    for i in range(max(len(b) for b in bodies)):
        seeds["refs"].add(b"\x00".join(b[i % len(b)] if b else b"" for b in bodies))

    for target, items in seeds.items():
        d = os.path.join(out, target)
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        for item in items:
            name = hashlib.sha1(item).hexdigest()
            with open(os.path.join(d, name), "wb") as f:
                f.write(item)
        print(f"seeds: {len(items):4d} for {target} in {d}")


if __name__ == "__main__":
    main()
