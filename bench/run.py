#!/usr/bin/env python3
"""make bench: how fast sbornik builds the benchmark portfolio.

Generates the portfolio with ../shared/bench/make_corpus.py (--format
sbornik: a sbornik project and the same text as plain Markdown), then
times sbornik on it: check, each format alone, everything, and the bound
collection's PDF alone (the PDF build with and without the collection,
in the same run).  Each command runs once to warm up, then --runs times;
the table gives the median wall time (min–max), the CPU time and the peak
memory of the median run.  Written to stdout and bench/RESULTS.md.

Usage: bench/run.py [-n N] [--runs R] [--out FILE]
Python 3 standard library only; a benchmark, not a test: nothing fails.
"""

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SB = os.path.join(ROOT, "build", "sbornik")
GEN = os.path.join(ROOT, "..", "shared", "bench", "make_corpus.py")


def run_once(cmd):
    """Wall seconds, CPU seconds and peak RSS (KiB) of one run of cmd."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0,):
        sys.exit("bench: %s failed (%d): %s" % (" ".join(cmd), code, err[:500]))
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def measure(cmd, runs):
    run_once(cmd)                       # warm-up: caches, page cache
    results = sorted((run_once(cmd) for _ in range(runs)), key=lambda r: r[0])
    walls = [r[0] for r in results]
    mid = results[len(results) // 2]
    return {"wall": statistics.median(walls), "min": walls[0], "max": walls[-1],
            "cpu": mid[1], "rss": mid[2]}


def pages(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return 0


def tree_size(path):
    total = 0
    for root, _, files in os.walk(path):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=70, help="documents in the portfolio")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "RESULTS.md"))
    a = ap.parse_args()
    if not os.path.exists(GEN):
        sys.exit("bench: the corpus generator %s is missing" % GEN)
    work = tempfile.mkdtemp(prefix="sbornik-bench-")
    try:
        gen = subprocess.run([sys.executable, GEN, work, "-n", str(a.n), "--format", "sbornik"],
                             capture_output=True, text=True, check=True).stdout.strip()
        proj = os.path.join(work, "project")
        # The same project without its collection, to time the collection alone.
        bare = os.path.join(work, "bare")
        shutil.copytree(proj, bare)
        os.remove(os.path.join(bare, "portfolio.md"))
        out = os.path.join(work, "out")
        rows = []

        def bench(name, cmd, outdir=None):
            if outdir:
                shutil.rmtree(outdir, ignore_errors=True)
            m = measure(cmd, a.runs)
            m["name"] = name
            m["bytes"] = tree_size(outdir) if outdir and os.path.exists(outdir) else 0
            rows.append(m)
            return m

        bench("check", [SB, "check", proj])
        bench("build -f xml", [SB, "build", "-f", "xml", "-o", out + "-xml", proj], out + "-xml")
        pdf_all = bench("build -f pdf", [SB, "build", "-f", "pdf", "-o", out + "-pdf", proj], out + "-pdf")
        pdf_bare = bench("build -f pdf, no collection",
                         [SB, "build", "-f", "pdf", "-o", out + "-bare", bare], out + "-bare")
        bench("build -f docx", [SB, "build", "-f", "docx", "-o", out + "-docx", proj], out + "-docx")
        bench("build -f html", [SB, "build", "-f", "html", "-o", out + "-html", proj], out + "-html")
        bench("build (all formats)", [SB, "build", "-o", out + "-all", proj], out + "-all")
        coll_pages = pages(os.path.join(out + "-pdf", "portfolio.pdf"))
        doc_pages = sum(pages(os.path.join(out + "-pdf", "docs", f))
                        for f in os.listdir(os.path.join(out + "-pdf", "docs")))
        collection = pdf_all["wall"] - pdf_bare["wall"]
        # A collection of a few hundred pages: the first quarter of the
        # portfolio (documents are generated one by one, so it is a prefix).
        small = os.path.join(work, "small")
        subprocess.run([sys.executable, GEN, small, "-n", str(max(a.n // 4, 1)), "--format",
                        "sbornik"], capture_output=True, check=True)
        sbare = os.path.join(work, "small-bare")
        shutil.copytree(os.path.join(small, "project"), sbare)
        os.remove(os.path.join(sbare, "portfolio.md"))
        s_all = measure([SB, "build", "-f", "pdf", "-o", out + "-s", os.path.join(small, "project")],
                        a.runs)
        s_bare = measure([SB, "build", "-f", "pdf", "-o", out + "-sb", sbare], a.runs)
        small_pages = pages(os.path.join(out + "-s", "portfolio.pdf"))
        small_coll = s_all["wall"] - s_bare["wall"]
    finally:
        shutil.rmtree(work, ignore_errors=True)

    lines = ["# sbornik benchmark", "",
             "Portfolio of N=%d documents (%s)." % (a.n, gen.splitlines()[-1].replace("make_corpus: ", "")),
             "Machine: %s, %d cores, Python %s; sbornik built with `make build` (-O2)." % (
                 platform.machine(), os.cpu_count() or 0, platform.python_version()),
             "Median of %d runs after a warm-up (min–max); CPU time and peak RSS of the median run." % a.runs,
             "",
             "| command | wall, s | min–max, s | CPU, s | peak RSS, MiB | output, MB |",
             "|---|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append("| %s | %.3f | %.3f–%.3f | %.3f | %.0f | %s |" % (
            r["name"], r["wall"], r["min"], r["max"], r["cpu"], r["rss"] / 1024,
            "%.1f" % (r["bytes"] / 1e6) if r["bytes"] else ""))
    lines += ["",
              "PDF pages: the collection %d, the documents %d (an order's annexes are "
              "also their own PDFs)." % (coll_pages, doc_pages),
              "The bound collection alone (PDF with it minus without it, same run): "
              "%.3f s for %d pages, %.2f ms a page." % (
                  collection, coll_pages, 1000 * collection / max(coll_pages, 1)),
              "A collection of a few hundred pages (N=%d): %.3f s for %d pages." % (
                  max(a.n // 4, 1), small_coll, small_pages),
              ""]
    text = "\n".join(lines)
    print(text)
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
