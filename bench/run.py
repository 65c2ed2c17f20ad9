#!/usr/bin/env python3
"""Benchmark galley on synthetic reports of about 10, 100 and 1000 pages.

usage: run.py [--galley PATH] [--runs N] [--runs-large N] [--sizes 10,100,1000] [--with-tables]
              [--keep DIR] [--csv FILE]

Builds nothing: point --galley at a built binary (default: <repo>/build/galley; a Release or RelWithDebInfo
build is what you want to measure). For each size it generates the input with bench/generate.py into a
temporary folder, does one untimed warm-up run, then runs `galley -q IN.md -o OUT.pdf` N times (default 5;
--runs-large, default 3, for sizes >= 1000 pages) and prints per size: pages (pdfinfo), median wall time,
pages per second, median user and system CPU time, and median peak RSS. Each run's CPU time and peak RSS
come from os.wait4() on that child alone (no /usr/bin/time needed).

Exit status: 0 ok, 1 galley failed on an input, 2 usage.
"""
import argparse
import csv
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def run_once(galley, src, out):
    """One galley run: (exit status, wall seconds, user s, sys s, peak RSS in KiB, stderr)."""
    t0 = time.perf_counter()
    p = subprocess.Popen([str(galley), "-q", str(src), "-o", str(out)], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    err = p.stderr.read()
    _pid, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    p.stderr.close()
    # ru_maxrss is in KiB on Linux
    return p.returncode, wall, ru.ru_utime, ru.ru_stime, ru.ru_maxrss, err.decode("utf-8", "replace")


def pdf_pages(pdf):
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else 0


def main():
    ap = argparse.ArgumentParser(description="galley benchmark")
    ap.add_argument("--galley", default=str(REPO / "build" / "galley"))
    ap.add_argument("--runs", type=int, default=5, help="timed runs per size (default 5)")
    ap.add_argument("--runs-large", type=int, default=3, help="timed runs for sizes >= 1000 pages (default 3)")
    ap.add_argument("--sizes", default="10,100,1000", help="comma-separated page counts")
    ap.add_argument("--with-tables", action="store_true", help="pass --with-tables to generate.py")
    ap.add_argument("--keep", default=None, help="write inputs and PDFs to this folder and keep them")
    ap.add_argument("--csv", default=None, help="also write the results as CSV")
    a = ap.parse_args()

    galley = Path(a.galley).resolve()
    if not galley.exists():
        print(f"error: galley binary {galley} not found (build it first, or pass --galley)", file=sys.stderr)
        return 2
    try:
        sizes = [int(x) for x in a.sizes.split(",") if x.strip()]
    except ValueError:
        print(f"error: bad --sizes {a.sizes!r}", file=sys.stderr)
        return 2

    work = Path(a.keep).resolve() if a.keep else Path(tempfile.mkdtemp(prefix="galley-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    ver = subprocess.run([str(galley), "--version"], capture_output=True, text=True).stdout.strip()
    print(f"# {ver or galley.name}  ({galley})")
    print(f"# {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, work dir {work}")
    rows = []
    failed = False
    try:
        for size in sizes:
            src = work / f"bench-{size}.md"
            pdf = work / f"bench-{size}.pdf"
            gen = [sys.executable, str(HERE / "generate.py"), str(size), str(src)]
            if a.with_tables:
                gen.append("--with-tables")
            subprocess.run(gen, check=True)
            runs = a.runs_large if size >= 1000 else a.runs
            code, *_rest, err = run_once(galley, src, pdf)  # warm-up (page cache, font files)
            if code != 0:
                print(f"error: galley failed on {src.name} (exit {code}): {err.strip()[:300]}", file=sys.stderr)
                failed = True
                continue
            walls, users, syss, rss = [], [], [], []
            for _ in range(runs):
                code, wall, ut, st, maxrss, err = run_once(galley, src, pdf)
                if code != 0:
                    print(f"error: galley failed on {src.name} (exit {code}): {err.strip()[:300]}", file=sys.stderr)
                    failed = True
                    break
                walls.append(wall); users.append(ut); syss.append(st); rss.append(maxrss)
            if not walls:
                continue
            pages = pdf_pages(pdf)
            wall = statistics.median(walls)
            rows.append({
                "size": size, "pages": pages, "runs": len(walls),
                "input_kib": round(src.stat().st_size / 1024), "pdf_kib": round(pdf.stat().st_size / 1024),
                "wall_s": wall, "wall_min_s": min(walls), "pages_per_s": pages / wall if wall > 0 else 0.0,
                "user_s": statistics.median(users), "sys_s": statistics.median(syss),
                "rss_mib": statistics.median(rss) / 1024,
            })
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)

    hdr = f"{'target':>6} {'pages':>6} {'runs':>4} {'in KiB':>7} {'pdf KiB':>8} {'wall s':>8} {'min s':>8} " \
          f"{'pages/s':>8} {'user s':>8} {'sys s':>7} {'RSS MiB':>8}"
    print(hdr)
    print("-" * len(hdr))
    for r in rows:
        print(f"{r['size']:>6} {r['pages']:>6} {r['runs']:>4} {r['input_kib']:>7} {r['pdf_kib']:>8} "
              f"{r['wall_s']:>8.3f} {r['wall_min_s']:>8.3f} {r['pages_per_s']:>8.1f} {r['user_s']:>8.3f} "
              f"{r['sys_s']:>7.3f} {r['rss_mib']:>8.1f}")
    print("(medians over the runs; wall/user/sys in seconds; RSS = peak resident set size of the galley process)")
    if a.csv and rows:
        with open(a.csv, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
            w.writeheader()
            w.writerows(rows)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
