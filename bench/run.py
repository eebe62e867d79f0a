#!/usr/bin/env python3
"""make bench: sbornik against the floor and its anchors, in one run.

Generates the portfolio with ../shared/bench/make_corpus.py --format
sbornik (a sbornik project, OUT/project/, and the same visible text as one
Markdown file, OUT/all.md) for N documents (default 70) and for a big
portfolio (default 700), then times on the same text, in this one run:

  sbornik   check; each format alone (one job); PDF+DOCX+HTML with -j 2;
            the PDF alone with -j 2; every format; a rebuild after editing
            one order; a one-page order's PDF size
  floor     cmark-gfm -e table -e footnotes all.md, plus build/bench/floor
            (bench/floor.c: all.md's plain text set with libharu, greedy
            lines, one embedded font, sbornik's page)
  anchors   pandoc all.md to DOCX and to HTML, LibreOffice (soffice
            --headless --convert-to pdf) on pandoc's DOCX, and Typst
            (../shared/bench/typst: md2typst.py, then run.mjs)

Each command runs once to warm up, then R times (default 3), every run in
a fresh output folder; the table gives the median wall time (min–max), the
CPU time (user+sys of the command and what it waited for) and the peak RSS
(ru_maxrss, by GNU time: the largest single process) of the median run,
the pages (pdfinfo) and the bytes written.  Then the issue's targets, each
MET or MISSED with the margin.  A command that fails is a row saying so
(and its targets MISSED); the rest still runs.  Written to stdout and
bench/RESULTS.md.

Usage: bench/run.py [-n N] [--big N] [--runs R] [--big-runs R] [--no-anchors]
                    [--out FILE]
Knobs from the environment (make bench BENCH_N=5 BENCH_RUNS=1 ...):
BENCH_N, BENCH_BIG (0: no big portfolio), BENCH_RUNS, BENCH_BIG_RUNS (runs
for the big portfolio, default BENCH_RUNS), BENCH_ANCHORS=0,
BENCH_SBORNIK (another sbornik binary than build/sbornik).
bench/deps.sh installs the anchors and make bench builds the floor first.
Python 3 standard library only; a benchmark, not a test: nothing fails.
"""

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SB = os.environ.get("BENCH_SBORNIK") or os.path.join(ROOT, "build", "sbornik")
FLOOR = os.path.join(ROOT, "build", "bench", "floor")
FONT = os.path.join(ROOT, "fonts", "LiberationSerif-Regular.ttf")
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared", "bench"))
GEN = os.path.join(SHARED, "make_corpus.py")
TYPST = os.path.join(SHARED, "typst")
TYPST_DIR = os.path.join(ROOT, "build", "bench", "typst")
TYPST_PKG = "@myriaddreamin/typst-ts-node-compiler"
THREE = "pdf,docx,html"
MIB = 1024 * 1024


# ---------------------------------------------------------------- running

def run_once(cmd, stdout=None, env=None):
    """(wall s, CPU s, peak RSS bytes, None) of one run of cmd, or
    (…, "exit N: first error line") when it fails.

    Through GNU time: it waits for cmd and reports the CPU time of cmd and
    of every descendant cmd waited for, and the largest ru_maxrss among
    them.  (A child of this Python would carry the Python's own RSS in its
    ru_maxrss, about 15 MiB, from before its exec.)"""
    fd, stats = tempfile.mkstemp(prefix="sbornik-bench-time-")
    os.close(fd)
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL
    try:
        t0 = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-f", "%U %S %M", "-o", stats] + cmd,
                              stdout=out, stderr=subprocess.PIPE, env=env)
        wall = time.perf_counter() - t0
        with open(stats) as f:
            last = f.read().strip().splitlines()[-1:]
    finally:
        if stdout:
            out.close()
        os.remove(stats)
    error = None
    if proc.returncode != 0:
        text = proc.stderr.decode("utf-8", "replace")
        first = next((l for l in text.splitlines() if "error" in l), text.strip()[:200])
        error = "exit %d: %s" % (proc.returncode, first[:200])
        print("bench: %s failed (%s)" % (" ".join(cmd), error), file=sys.stderr)
    try:
        user, sys_, rss = last[0].split()
        return wall, float(user) + float(sys_), int(rss) * 1024, error
    except (IndexError, ValueError):
        return wall, 0.0, 0, error or "no statistics from GNU time"


def measure(cmd, runs, prepare=None, stdout=None, env=None):
    """A warm-up, then runs timed runs; prepare(k) runs (untimed) before
    each.  A failing run ends the measurement: {"error": …}."""
    results = []
    for k in range(runs + 1):
        if prepare:
            prepare(k)
        r = run_once(cmd, stdout, env)
        if r[3]:
            return {"error": r[3]}
        if k:
            results.append(r)
    results.sort(key=lambda r: r[0])
    walls = [r[0] for r in results]
    mid = results[len(results) // 2]
    return {"wall": statistics.median(walls), "min": walls[0], "max": walls[-1],
            "cpu": mid[1], "rss": mid[2]}


def combine(*ms):
    """The sum of measurements (peak RSS: the largest), failed if one is."""
    bad = next((m for m in ms if m.get("error")), None)
    if bad:
        return {"error": "%s failed" % bad.get("name", "a part")}
    return {"wall": sum(m["wall"] for m in ms), "min": sum(m["min"] for m in ms),
            "max": sum(m["max"] for m in ms), "cpu": sum(m["cpu"] for m in ms),
            "rss": max(m["rss"] for m in ms)}


def pages(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else 0


def size(path, hidden=False):
    """Bytes of a file or of a folder's files; hidden=False leaves out what
    starts with a dot (sbornik's build cache is no output)."""
    if not os.path.exists(path):
        return 0
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for root, dirs, files in os.walk(path):
        if not hidden:
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            files = [f for f in files if not f.startswith(".")]
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    return total


def fresh(path):
    """A prepare(): remove path (a file or a folder) before a run."""
    def prep(_k):
        if os.path.isdir(path):
            shutil.rmtree(path)
        elif os.path.exists(path):
            os.remove(path)
    return prep


def first_line(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        text = (out.stdout or out.stderr).strip()
        return text.splitlines()[0] if text else "?"
    except (OSError, subprocess.SubprocessError):
        return "?"


def generate(where, n):
    gen = subprocess.run([sys.executable, GEN, where, "-n", str(n), "--format", "sbornik"],
                         capture_output=True, text=True, check=True).stdout.strip()
    return gen.splitlines()[-1].replace("make_corpus: sbornik project: ", "")


def orders(proj):
    docs = os.path.join(proj, "docs")
    return sorted(f for f in os.listdir(docs) if f.endswith("-order.md"))


def ok(*ms):
    return all(m is not None and not m.get("error") for m in ms)


# ---------------------------------------------------------------- the parts

class Bench:
    def __init__(self, args, work):
        self.a = args
        self.work = work
        self.rows = []          # the one table, in order

    def row(self, n, name, m, pages_=None, bytes_=None):
        m = dict(m)
        m.update(n=n, name=name, pages=pages_, bytes=bytes_, ratio="")
        if m.get("error"):
            m.update(pages=None, bytes=None)
        self.rows.append(m)
        print("bench: N=%d %-46s %s" % (
            n, name, "FAILED" if m.get("error") else
            "%8.3f s %6.0f MiB" % (m["wall"], m["rss"] / MIB)), file=sys.stderr, flush=True)
        return m

    def sbornik(self, n, name, args, proj, out=None, pdf=None):
        if out is None:         # check: writes nothing
            return self.row(n, name, measure([SB] + args + [proj], self.a.runs))
        m = measure([SB] + args + ["-o", out, proj], self.a.runs, fresh(out))
        p = pages(os.path.join(out, pdf)) if pdf else None
        return self.row(n, name, m, p, size(out))

    def floor(self, n, corpus):
        all_md = os.path.join(corpus, "all.md")
        html = os.path.join(self.work, "cmark-%d.html" % n)
        pdf = os.path.join(self.work, "floor-%d.pdf" % n)
        c = self.row(n, "floor: cmark-gfm -e table -e footnotes",
                     measure(["cmark-gfm", "-e", "table", "-e", "footnotes", all_md],
                             self.a.runs, stdout=html), None, size(html))
        f = self.row(n, "floor: libharu plain layout (bench/floor.c)",
                     measure([FLOOR, FONT, all_md, pdf], self.a.runs, fresh(pdf)),
                     pages(pdf), size(pdf))
        return self.row(n, "floor (cmark-gfm + libharu)", combine(c, f), f["pages"],
                        (c["bytes"] or 0) + (f["bytes"] or 0))

    def anchors(self, n, corpus):
        all_md = os.path.join(corpus, "all.md")
        d = os.path.join(self.work, "anchors-%d" % n)
        os.makedirs(d, exist_ok=True)
        docx = os.path.join(d, "all.docx")
        html = os.path.join(d, "all.html")
        pd = self.row(n, "pandoc → DOCX",
                      measure(["pandoc", "-f", "markdown", "-o", docx, all_md],
                              self.a.runs, fresh(docx)), None, size(docx))
        ph = self.row(n, "pandoc → HTML (standalone)",
                      measure(["pandoc", "-f", "markdown", "-s", "-o", html, all_md],
                              self.a.runs, fresh(html)), None, size(html))
        lodir = os.path.join(d, "lo")
        profile = "file://" + os.path.join(self.work, "lo-profile")
        lopdf = os.path.join(lodir, "all.pdf")
        lo = self.row(n, "LibreOffice DOCX → PDF",
                      measure(["soffice", "-env:UserInstallation=" + profile, "--headless",
                               "--convert-to", "pdf", "--outdir", lodir, docx],
                              self.a.runs, fresh(lodir)), pages(lopdf), size(lopdf))
        route = self.row(n, "pandoc DOCX + pandoc HTML + LibreOffice PDF",
                         combine(pd, ph, lo), lo["pages"],
                         sum(m["bytes"] or 0 for m in (pd, ph, lo)))
        # Typst: the conversion is the bench's shim, not Typst's work; untimed.
        typ = os.path.join(d, "all.typ")
        subprocess.run([sys.executable, os.path.join(TYPST, "md2typst.py"), all_md, typ],
                       check=True)
        tpdf = os.path.join(d, "typst.pdf")
        env = dict(os.environ, TYPST_TS_DIR=TYPST_DIR)
        ty = self.row(n, "Typst (typst-ts-node-compiler) → PDF",
                      measure(["node", os.path.join(TYPST, "run.mjs"), typ, tpdf,
                               "--fonts", os.path.join(ROOT, "fonts")],
                              self.a.runs, fresh(tpdf), env=env), pages(tpdf), size(tpdf))
        return {"pandoc-docx": pd, "pandoc-html": ph, "lo": lo, "route": route, "typst": ty}

    def one_page_order(self, proj):
        """A corpus order without its annexes, alone in a project: the first
        whose PDF has one page.  Returns (file, bytes) or None."""
        for f in orders(proj):
            mini = os.path.join(self.work, "order-" + f[:-3])
            os.makedirs(mini)
            shutil.copy(os.path.join(proj, "sbornik.yaml"), mini)
            with open(os.path.join(proj, "docs", f), encoding="utf-8") as src:
                text = src.read()
            text = re.sub(r"(?m)^annexes:.*\n", "", text, count=1)
            with open(os.path.join(mini, f), "w", encoding="utf-8") as dst:
                dst.write(text)
            out = mini + "-out"
            r = subprocess.run([SB, "build", "-f", "pdf", "-o", out, mini], capture_output=True)
            docs = os.path.join(out, "docs")
            pdfs = [os.path.join(docs, p) for p in os.listdir(docs)
                    if p.endswith(".pdf")] if r.returncode == 0 and os.path.isdir(docs) else []
            if len(pdfs) == 1 and pages(pdfs[0]) == 1:
                return "docs/" + f, size(pdfs[0])
        return None

    def rebuild(self, n, proj):
        """Full build, then edit one order's body (a sentence appended) and
        time the rebuild into the same folder.  Returns (row, the edited
        file, --no-cache accepted, hidden folders in DIR, their bytes)."""
        out = os.path.join(self.work, "incr")
        cmd = [SB, "build", "-f", THREE, "-j", "2", "-o", out, proj]
        first = run_once(cmd)
        order = os.path.join(proj, "docs", orders(proj)[0])
        if first[3]:
            return (self.row(n, "rebuild after editing one order (-j 2)",
                             {"error": "the first build: " + first[3]}),
                    os.path.relpath(order, proj), False, [], 0)
        # Whether this sbornik has a build cache: --no-cache (probed on a
        # cheap build) and the hidden folders the build left in DIR.
        probe = subprocess.run([SB, "build", "--no-cache", "-f", "xml", "-o",
                                os.path.join(self.work, "probe"), proj], capture_output=True)
        shutil.rmtree(os.path.join(self.work, "probe"), ignore_errors=True)
        hidden = sorted(d for d in os.listdir(out) if d.startswith("."))
        hidden_bytes = sum(size(os.path.join(out, d), True) for d in hidden)
        with open(order, encoding="utf-8") as f:
            original = f.read()

        # An order ends with its points: the sentence goes to the last one.
        def edit(k):
            with open(order, "w", encoding="utf-8") as f:
                f.write(original.rstrip("\n") + " Предложение, добавленное при замере %d.\n" % k)
        try:
            m = measure(cmd, self.a.runs, edit)
        finally:
            with open(order, "w", encoding="utf-8") as f:
                f.write(original)
        return (self.row(n, "rebuild after editing one order (-j 2)", m),
                os.path.relpath(order, proj), probe.returncode == 0, hidden, hidden_bytes)


def machine():
    model, mem = "?", 0
    try:
        with open("/proc/cpuinfo") as f:
            m = re.search(r"^model name\s*:\s*(.+)$", f.read(), re.M)
            model = m.group(1).strip() if m else platform.processor() or "?"
        with open("/proc/meminfo") as f:
            mem = int(re.search(r"MemTotal:\s+(\d+)", f.read()).group(1)) / 1024 / 1024
    except (OSError, AttributeError):
        pass
    return "%s, %d cores, %.1f GiB RAM, %s" % (model, os.cpu_count() or 0, mem,
                                               platform.platform(terse=True))


def versions(anchors):
    env = dict(os.environ, GIT_OPTIONAL_LOCKS="0")   # read only: no index refresh
    rev = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                         capture_output=True, text=True, env=env).stdout.strip() or "?"
    dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True, env=env).stdout.strip()
    v = ["sbornik %s (git %s%s)" % (first_line([SB, "--version"]).replace("sbornik ", ""),
                                    rev, ", with uncommitted changes" if dirty else "")]
    v.append(first_line(["cmark-gfm", "--version"]).split(" - ")[0])
    libharu = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "libhpdf-dev"],
                             capture_output=True, text=True).stdout.strip() or "?"
    v.append("libharu %s (Debian libhpdf)" % libharu)
    if anchors:
        v.append(first_line(["pandoc", "--version"]))
        v.append(first_line(["soffice", "--version"]))
        pkg = os.path.join(TYPST_DIR, "node_modules", TYPST_PKG, "package.json")
        try:
            with open(pkg) as f:
                tv = re.search(r'"version"\s*:\s*"([^"]+)"', f.read()).group(1)
        except (OSError, AttributeError):
            tv = "?"
        v.append("%s %s (node %s)" % (TYPST_PKG, tv, first_line(["node", "--version"])))
    return v


def fmt_bytes(x):
    if x is None:
        return ""
    return "%.1f MB" % (x / 1e6) if x >= 1e6 else "%.0f KB" % (x / 1e3)


# ---------------------------------------------------------------- main

def main():
    env = os.environ
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=int(env.get("BENCH_N", 70)),
                    help="documents in the portfolio (BENCH_N, default 70)")
    ap.add_argument("--big", type=int, default=int(env.get("BENCH_BIG", 700)),
                    help="documents in the big portfolio, 0 for none (BENCH_BIG, default 700)")
    ap.add_argument("--runs", type=int, default=int(env.get("BENCH_RUNS", 3)),
                    help="timed runs after the warm-up (BENCH_RUNS, default 3)")
    ap.add_argument("--big-runs", type=int, default=int(env.get("BENCH_BIG_RUNS", 0)),
                    help="timed runs for the big portfolio (BENCH_BIG_RUNS, default: --runs)")
    ap.add_argument("--no-anchors", action="store_true",
                    default=env.get("BENCH_ANCHORS", "1") == "0",
                    help="skip pandoc, LibreOffice and Typst (BENCH_ANCHORS=0)")
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "RESULTS.md"))
    a = ap.parse_args()
    a.runs = max(a.runs, 1)
    a.big_runs = a.big_runs if a.big_runs > 0 else a.runs
    for need in (GEN, SB, FLOOR, "/usr/bin/time"):
        if not os.path.exists(need):
            sys.exit("bench: %s is missing (make bench builds and installs what it needs)" % need)
    anchors = not a.no_anchors
    t_start = time.perf_counter()
    load_start = os.getloadavg()[0]
    work = tempfile.mkdtemp(prefix="sbornik-bench-")
    b = Bench(a, work)
    n = a.n
    big = bfloor = anc = None
    try:
        corpus = os.path.join(work, "c%d" % n)
        desc = generate(corpus, n)
        proj = os.path.join(corpus, "project")
        bare = os.path.join(work, "bare")       # the same without its collection
        shutil.copytree(proj, bare)
        os.remove(os.path.join(bare, "portfolio.md"))
        out = os.path.join(work, "out")

        floor = b.floor(n, corpus)
        b.sbornik(n, "sbornik check", ["check"], proj)
        b.sbornik(n, "sbornik build -f xml", ["build", "-f", "xml"], proj, out + "-xml")
        pdf1 = b.sbornik(n, "sbornik build -f pdf", ["build", "-f", "pdf"], proj, out + "-pdf",
                         "portfolio.pdf")
        docs = os.path.join(out + "-pdf", "docs")
        doc_pages = sum(pages(os.path.join(docs, f)) for f in os.listdir(docs)
                        if f.endswith(".pdf")) if os.path.isdir(docs) else 0
        coll_bytes = size(os.path.join(out + "-pdf", "portfolio.pdf"))
        bare1 = b.sbornik(n, "sbornik build -f pdf, no collection", ["build", "-f", "pdf"],
                          bare, out + "-bare")
        b.sbornik(n, "sbornik build -f docx", ["build", "-f", "docx"], proj, out + "-docx")
        b.sbornik(n, "sbornik build -f html", ["build", "-f", "html"], proj, out + "-html")
        pdf2 = b.sbornik(n, "sbornik build -f pdf -j 2", ["build", "-f", "pdf", "-j", "2"],
                         proj, out + "-pdf2", "portfolio.pdf")
        three = b.sbornik(n, "sbornik build -f %s -j 2" % THREE,
                          ["build", "-f", THREE, "-j", "2"], proj, out + "-three",
                          "portfolio.pdf")
        b.sbornik(n, "sbornik build (every format, -j 2)", ["build", "-j", "2"], proj,
                  out + "-every", "portfolio.pdf")
        incr, edited, no_cache, cache_dirs, cache_bytes = b.rebuild(n, proj)
        order = b.one_page_order(proj)
        if anchors:
            anc = b.anchors(n, corpus)

        # A collection of a few hundred pages: the first quarter of the
        # portfolio (documents are generated one by one, so it is a prefix).
        small_n = max(n // 4, 1)
        small = os.path.join(work, "small")
        generate(small, small_n)
        sbare = os.path.join(work, "small-bare")
        shutil.copytree(os.path.join(small, "project"), sbare)
        os.remove(os.path.join(sbare, "portfolio.md"))
        s_all = measure([SB, "build", "-f", "pdf", "-o", out + "-s", os.path.join(small, "project")],
                        a.runs, fresh(out + "-s"))
        s_bare = measure([SB, "build", "-f", "pdf", "-o", out + "-sb", sbare], a.runs,
                         fresh(out + "-sb"))
        small_pages = pages(os.path.join(out + "-s", "portfolio.pdf"))
        for d in (out + "-xml", out + "-bare", out + "-docx", out + "-html", out + "-every",
                  out + "-s", out + "-sb", bare, sbare, small):
            shutil.rmtree(d, ignore_errors=True)

        if a.big:
            b.a.runs, small_runs = a.big_runs, a.runs
            bc = os.path.join(work, "c%d" % a.big)
            big_desc = generate(bc, a.big)
            bfloor = b.floor(a.big, bc)
            b.sbornik(a.big, "sbornik check", ["check"], os.path.join(bc, "project"))
            big = b.sbornik(a.big, "sbornik build -f %s -j 2" % THREE,
                            ["build", "-f", THREE, "-j", "2"], os.path.join(bc, "project"),
                            out + "-big", "portfolio.pdf")
            a.runs = small_runs
        vers = versions(anchors)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    elapsed = time.perf_counter() - t_start

    # Ratios, in the table's last column.
    for r in b.rows:
        if r.get("error"):
            r["ratio"] = "FAILED: " + r["error"].replace("|", "/")
        elif r["name"].startswith("sbornik"):
            fl = floor if r["n"] == n else bfloor
            if ok(fl):
                r["ratio"] = "%.1f× floor" % (r["wall"] / fl["wall"])
    if ok(floor):
        floor["ratio"] = "1"
    if ok(incr, three):
        incr["ratio"] = "%.2f× full build" % (incr["wall"] / three["wall"])
    if anc:
        for key, ref in (("pandoc-docx", three), ("pandoc-html", three), ("lo", three),
                         ("route", three), ("typst", pdf2)):
            if ok(anc[key], ref):
                anc[key]["ratio"] = "%.1f× sbornik" % (anc[key]["wall"] / ref["wall"])
    if ok(bfloor, floor):
        bfloor["ratio"] = "%.1f× N=%d" % (bfloor["wall"] / floor["wall"], n)

    lines = ["# sbornik benchmark", "",
             "Portfolio of N=%d documents (%s)." % (n, desc)]
    if a.big:
        lines.append("Big portfolio N=%d (%s)." % (a.big, big_desc))
    partial = [k for k, bad in (("BENCH_N=%d" % n, n != 70), ("BENCH_BIG=%d" % a.big, a.big != 700),
                                ("BENCH_RUNS=%d" % a.runs, a.runs < 3),
                                ("BENCH_BIG_RUNS=%d" % a.big_runs, a.big and a.big_runs < 3),
                                ("BENCH_ANCHORS=0", not anchors)) if bad]
    if partial:
        lines += ["", "**A partial run (%s), not the full `make bench`.**" % ", ".join(partial)]
    lines += ["",
              "Machine: %s; load average %.2f at the start, %.2f at the end "
              "(other work on the machine shows as wall time above CPU time)." % (
                  machine(), load_start, os.getloadavg()[0]),
              "Versions: %s." % "; ".join(vers),
              "Median of %d runs after a warm-up (min–max%s), each in a fresh output folder; "
              "CPU (user+sys) and peak RSS of the median run (RSS: ru_maxrss, the largest "
              "single process); pages by pdfinfo (for sbornik: the bound collection); "
              "output: every file written but the hidden build cache. "
              "Ratios: sbornik rows to the floor of the same N, "
              "anchor rows to sbornik (pandoc and LibreOffice to `-f %s -j 2`, Typst to "
              "`-f pdf -j 2`). This run took %.0f s." % (
                  a.runs, "; N=%d: %d runs" % (a.big, a.big_runs) if a.big and a.big_runs != a.runs
                  else "", THREE, elapsed),
              "",
              "| N | command | wall, s | min–max, s | CPU, s | peak RSS, MiB | pages | output | ratio |",
              "|---:|---|---:|---:|---:|---:|---:|---:|---|"]
    for r in b.rows:
        if r.get("error"):
            lines.append("| %d | %s | failed | | | | | | %s |" % (r["n"], r["name"], r["ratio"]))
            continue
        lines.append("| %d | %s | %.3f | %.3f–%.3f | %.3f | %.0f | %s | %s | %s |" % (
            r["n"], r["name"], r["wall"], r["min"], r["max"], r["cpu"], r["rss"] / MIB,
            r["pages"] if r["pages"] is not None else "", fmt_bytes(r["bytes"]), r["ratio"]))

    # Targets.
    def target(met, what, how):
        return "- **%s** %s: %s" % ("MET" if met else "MISSED", what, how)

    def broken(what, *ms):
        bad = next((m for m in ms if m is not None and m.get("error")), None)
        if not bad:
            return "- **MISSED** %s: not measured" % what
        return "- **MISSED** %s: `%s` (N=%d) failed, %s" % (what, bad["name"], bad["n"],
                                                             bad["error"])

    t = ["", "## Targets (issue 10)", ""]
    what = "N=%d to PDF+DOCX+HTML with -j 2 within 4× of the floor" % n
    if ok(three, floor):
        ratio = three["wall"] / floor["wall"]
        t.append(target(ratio <= 4, what, "%.3f s / %.3f s = %.2f× (%s)" % (
            three["wall"], floor["wall"], ratio,
            "%.2f× to spare" % (4 / ratio) if ratio <= 4 else
            "%.2f× too slow; 4× would be %.3f s" % (ratio / 4, 4 * floor["wall"]))))
    else:
        t.append(broken(what, three, floor))
    if anc:
        what = "≥ 10× faster than pandoc DOCX + pandoc HTML + LibreOffice PDF"
        if ok(anc["route"], three):
            rr = anc["route"]["wall"] / three["wall"]
            t.append(target(rr >= 10, what, "%.3f s / %.3f s = %.1f×%s" % (
                anc["route"]["wall"], three["wall"], rr,
                "" if rr >= 10 else "; 10× would need %.3f s (%.2f× faster)" % (
                    anc["route"]["wall"] / 10, 10 / rr))))
        else:
            t.append(broken(what, anc["pandoc-docx"], anc["pandoc-html"], anc["lo"], three))
        what = "the PDF alone (-f pdf -j 2) ≥ 5× faster than Typst"
        if ok(anc["typst"], pdf2):
            tr = anc["typst"]["wall"] / pdf2["wall"]
            t.append(target(tr >= 5, what, "%.3f s / %.3f s = %.1f×%s" % (
                anc["typst"]["wall"], pdf2["wall"], tr,
                "" if tr >= 5 else "; 5× would need %.3f s (%.2f× faster)" % (
                    anc["typst"]["wall"] / 5, 5 / tr))))
        else:
            t.append(broken(what, anc["typst"], pdf2))
    else:
        t.append("- (anchors skipped: BENCH_ANCHORS=0) pandoc+LibreOffice ≥ 10×, "
                 "Typst ≥ 5×: not measured")
    sb_rows = [r for r in b.rows if r["n"] == n and not r.get("error") and
               (r["name"].startswith("sbornik") or r["name"].startswith("rebuild"))]
    what = "peak RSS ≤ 150 MiB (every sbornik command, N=%d)" % n
    if sb_rows:
        worst = max(sb_rows, key=lambda r: r["rss"])
        t.append(target(worst["rss"] <= 150 * MIB, what, "largest %.0f MiB in `%s`%s" % (
            worst["rss"] / MIB, worst["name"],
            "" if worst["rss"] <= 150 * MIB else
            ", %.0f MiB over" % ((worst["rss"] - 150 * MIB) / MIB))
            + ("; `-f %s -j 2`: %.0f MiB" % (THREE, three["rss"] / MIB) if ok(three) else ""))
                 )
    else:
        t.append("- **MISSED** %s: every sbornik command failed" % what)
    if a.big:
        what = "N=%d in ≤ 11× the N=%d time (PDF+DOCX+HTML, -j 2)" % (a.big, n)
        if ok(big, three):
            br = big["wall"] / three["wall"]
            t.append(target(br <= 11, what,
                            "%.3f s / %.3f s = %.1f×%s (the floor: %s; peak RSS at N=%d: "
                            "%.0f MiB)" % (
                                big["wall"], three["wall"], br,
                                "" if br <= 11 else ", %.1f× over" % (br / 11),
                                "%.1f×" % (bfloor["wall"] / floor["wall"])
                                if ok(bfloor, floor) else "failed",
                                a.big, big["rss"] / MIB)))
        else:
            t.append(broken(what, big, three))
    else:
        t.append("- (big portfolio skipped: BENCH_BIG=0) N×10 in ≤ 11× the time: not measured")
    what = "N=%d collection PDF no larger than LibreOffice's PDF of the same text" % n
    if anc and ok(anc["lo"], pdf1):
        lb = anc["lo"]["bytes"]
        t.append(target(coll_bytes <= lb, what, "%s (%d pages) vs %s (%d pages), %.2f×" % (
            fmt_bytes(coll_bytes), pdf1["pages"], fmt_bytes(lb), anc["lo"]["pages"],
            coll_bytes / lb)))
    elif anc:
        t.append(broken(what, anc["lo"], pdf1))
    else:
        t.append("- (anchors skipped) %s: not measured; the collection is %s" % (
            what, fmt_bytes(coll_bytes)))
    if order:
        t.append(target(order[1] <= 60000, "a one-page order ≤ 60 KB",
                        "%s without its annexes, alone in a project (pdfinfo: 1 page): "
                        "%.1f KB%s" % (order[0], order[1] / 1000,
                                       "" if order[1] <= 60000 else
                                       ", %.1f× the limit" % (order[1] / 60000))))
    else:
        t.append("- **MISSED** a one-page order ≤ 60 KB: no corpus order (without its "
                 "annexes) built to one page; not measured")
    what = "an edit of one document rebuilds in ≤ 0.3 s (N=%d)" % n
    if ok(incr):
        full = "; the full build: %.3f s" % three["wall"] if ok(three) else ""
        if cache_dirs:
            cache = "; build cache %s (%s), `--no-cache` %s" % (
                ", ".join(cache_dirs), fmt_bytes(cache_bytes),
                "accepted" if no_cache else "not accepted")
        else:
            cache = "; no build cache folder in DIR%s: this rebuild is a full build" % (
                "" if no_cache else " and no `--no-cache` option")
        t.append(target(incr["wall"] <= 0.3, what,
                        "%.3f s after appending a sentence to %s (PDF, DOCX and HTML, "
                        "-j 2%s)%s" % (incr["wall"], edited, full, cache)))
    else:
        t.append(broken(what, incr))

    notes = ["", "## Notes", ""]
    if ok(pdf1, bare1):
        coll = pdf1["wall"] - bare1["wall"]
        notes += ["- PDF pages at N=%d: the collection %d, the documents %d (an order's "
                  "annexes are also their own PDFs)." % (n, pdf1["pages"], doc_pages),
                  "- The bound collection alone (PDF with it minus without it, same run, one "
                  "job): %.3f s for %d pages, %.2f ms a page." % (
                      coll, pdf1["pages"], 1000 * coll / max(pdf1["pages"], 1))]
    if ok(s_all, s_bare):
        notes.append("- A collection of a few hundred pages (N=%d): %.3f s for %d pages." % (
            small_n, s_all["wall"] - s_bare["wall"], small_pages))
    notes += ["- The floor sets all.md's text as it is (Markdown syntax included) in one face "
              "without hyphenation or justification; sbornik sets the same text in four faces "
              "with Russian hyphenation, justification, tables, footnotes and the GOST "
              "document layout, once per document and again in the collection, and "
              "writes DOCX and HTML too.",
              "- Where the time and memory go (perf, callgrind, massif), what was done about "
              "it, and why the missed targets are missed: bench/PROFILE.md.",
              "- Typst: run.mjs on md2typst.py's conversion of all.md (the conversion is not "
              "timed), with sbornik's fonts/ folder; a tagged PDF. LibreOffice runs with a "
              "private profile (made during the warm-up).",
              ""]
    text = "\n".join(lines + t + notes)
    print(text)
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
