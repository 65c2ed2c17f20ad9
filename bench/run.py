#!/usr/bin/env python3
"""Benchmark galley on synthetic reports of 1, 100, 1000 and 4000 source pages.

usage: run.py [--galley PATH] [--sizes 1,100,1000,4000] [--runs N] [--runs-large N] [--cpus LIST]
              [--with-tables] [--keep DIR] [--csv FILE]

Builds nothing: point --galley at a built binary (default: <repo>/build/galley; a Release or RelWithDebInfo
build is what you want to measure). For each size it generates the input with bench/generate.py into a
temporary folder, does one untimed warm-up run, then runs `galley -q IN.md -o OUT.pdf` N times (--runs,
default 5; --runs-large, default 3, for sizes of 1000 and more) and prints per size: the PDF's page count
(pdfinfo), its size in bytes, and the medians over the runs of wall time, CPU time (user + system) and peak
resident set size. Each run's CPU time and peak RSS come from os.wait4() on that child alone, so no
/usr/bin/time is needed. --cpus LIST runs galley under `taskset -c LIST` (e.g. --cpus 0 for one core).

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


def run_once(command):
    """One run: (exit status, wall s, user + system CPU s, peak RSS in KiB, stderr)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _pid, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    p.stderr.close()
    # ru_maxrss is in KiB on Linux. taskset execs galley in its own process, so these are galley's.
    return p.returncode, wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss, err.decode("utf-8", "replace")


def pdf_pages(pdf):
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else 0


def measure(command, src, runs):
    """Warm-up, then `runs` timed runs; a row of medians, or None (with a message) if galley failed."""
    results = []
    for _ in range(runs + 1):  # the first run warms the page cache up and is not counted
        code, *figures, err = run_once(command)
        if code != 0:
            print(f"error: galley failed on {src.name} (exit {code}): {err.strip()[:300]}", file=sys.stderr)
            return None
        results.append(figures)
    walls, cpus, rss = zip(*results[1:])
    return {"runs": runs, "wall_s": statistics.median(walls), "wall_min_s": min(walls),
            "cpu_s": statistics.median(cpus), "rss_mib": statistics.median(rss) / 1024}


def main():
    ap = argparse.ArgumentParser(description="galley benchmark")
    ap.add_argument("--galley", default=str(REPO / "build" / "galley"))
    ap.add_argument("--sizes", default="1,100,1000,4000", help="comma-separated source page counts")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per size (default 5)")
    ap.add_argument("--runs-large", type=int, default=3, help="timed runs for sizes >= 1000 (default 3)")
    ap.add_argument("--cpus", default=None, help="run galley under taskset -c CPUS, e.g. 0 for one core")
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
    prefix = []
    if a.cpus is not None:
        if not shutil.which("taskset"):
            print("error: --cpus needs taskset (util-linux)", file=sys.stderr)
            return 2
        prefix = ["taskset", "-c", a.cpus]

    work = Path(a.keep).resolve() if a.keep else Path(tempfile.mkdtemp(prefix="galley-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    ver = subprocess.run([str(galley), "--version"], capture_output=True, text=True).stdout.strip()
    print(f"# {ver or galley.name}  ({galley})")
    print(f"# {os.cpu_count()} CPUs{', galley on CPUs ' + a.cpus if prefix else ''}, Python {sys.version.split()[0]}, "
          f"work dir {work}")
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
            row = measure(prefix + [str(galley), "-q", str(src), "-o", str(pdf)], src,
                          a.runs_large if size >= 1000 else a.runs)
            if row is None:
                failed = True
                continue
            rows.append({"size": size, "pages": pdf_pages(pdf), "pdf_bytes": pdf.stat().st_size, **row})
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)

    hdr = f"{'size':>6} {'pages':>6} {'runs':>4} {'pdf bytes':>10} {'wall s':>8} {'min s':>8} {'cpu s':>8} {'RSS MiB':>8}"
    print(hdr)
    print("-" * len(hdr))
    for r in rows:
        print(f"{r['size']:>6} {r['pages']:>6} {r['runs']:>4} {r['pdf_bytes']:>10} {r['wall_s']:>8.3f} "
              f"{r['wall_min_s']:>8.3f} {r['cpu_s']:>8.3f} {r['rss_mib']:>8.1f}")
    print("(medians over the runs; cpu = user + system time; RSS = peak resident set size of the galley process)")
    if a.csv and rows:
        with open(a.csv, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
            w.writeheader()
            w.writerows(rows)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
