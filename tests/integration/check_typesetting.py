#!/usr/bin/env python3
"""Typesetting-quality checks on rendered documents (the typesetting issue's acceptance 2).

For each Markdown input, renders it with galley (--line-stats) and checks, from the PDF and
the line statistics:
  * no word's ink passes the right edge of the text block (pdftotext -bbox, 0.5 pt tolerance);
  * no page ends with a heading: below every outline destination there is body text on the
    same page (qpdf --json gives the destinations, pdftotext -bbox the words);
  * no widow or orphan line and no heading at a page end, as counted by galley's paginator;
  * never more than 2 hyphenated lines in a row.

Usage: check_typesetting.py GALLEY FILE.md [FILE.md ...] [--margin-right PT]
Exit 0 when every document passes, 1 otherwise.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

A4_RIGHT_MARGIN = 25 * 72 / 25.4  # styles/default.toml page.margin-right


def words_by_page(pdf):
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True, check=True).stdout
    # pdftotext -bbox writes XHTML; strip the doctype so ElementTree can read it.
    out = re.sub(r"<!DOCTYPE[^>]*>", "", out)
    root = ET.fromstring(out)
    pages = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        w, h = float(page.get("width")), float(page.get("height"))
        words = [(float(x.get("xMin")), float(x.get("yMin")), float(x.get("xMax")), float(x.get("yMax")), x.text or "")
                 for x in page.iter("{http://www.w3.org/1999/xhtml}word")]
        pages.append((w, h, words))
    return pages


def outline_destinations(pdf):
    """(page index, y from the bottom, title) of every outline entry with an /XYZ destination."""
    j = json.loads(subprocess.run(["qpdf", "--json", pdf], capture_output=True, text=True).stdout)
    dests = []
    for entry in walk(j.get("outlines", [])):
        d = entry.get("dest")
        page = entry.get("destpageposfrom1")
        if isinstance(d, list) and len(d) >= 4 and d[1] == "/XYZ" and page:
            dests.append((page - 1, d[3], entry.get("title", "")))
    return dests


def walk(entries):
    for e in entries:
        yield e
        yield from walk(e.get("kids", []))


def check(galley, md, margin_right):
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        pdf = os.path.join(tmp, "out.pdf")
        r = subprocess.run([galley, "-q", "--line-stats", md, "-o", pdf], capture_output=True, text=True,
                           cwd=os.path.dirname(os.path.abspath(md)))
        if r.returncode != 0:
            return [f"galley exited {r.returncode}: {r.stderr.strip()[:200]}"]
        stats = dict(re.findall(r"([a-z ]+?) (\d+(?:\.\d+)?)(?:,|\n|$)", r.stderr))
        pages = words_by_page(pdf)
        for n, (w, h, words) in enumerate(pages, 1):
            limit = w - margin_right + 0.5
            for x0, y0, x1, y1, text in words:
                if x1 > limit:
                    problems.append(f"page {n}: '{text}' ends at x={x1:.1f} > {limit:.1f}")
        for page, y, title in outline_destinations(pdf):
            w, h, words = pages[page]
            top = h - y  # pdftotext measures from the top
            # Text starting below the heading's first line, above the footer.
            below = [t for x0, y0, x1, y1, t in words if y0 > top + 16 and y1 < h - 60]
            if not below:
                problems.append(f"page {page + 1}: heading '{title}' ends the page")
        for key in ("widows", "orphans", "headings at page end"):
            if int(stats.get(key, 0)) > 0:
                problems.append(f"{key}: {stats[key]}")
        if int(stats.get("max consecutive hyphens", 0)) > 2:
            problems.append(f"{stats['max consecutive hyphens']} hyphenated lines in a row")
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("galley")
    ap.add_argument("inputs", nargs="*")
    ap.add_argument("--margin-right", type=float, default=A4_RIGHT_MARGIN)
    ap.add_argument("--bench-pages", type=int, default=0,
                    help="also check a report of about this many pages from bench/generate.py")
    ap.add_argument("--shared", help="also check every corpus document and seed in this shared folder")
    a = ap.parse_args()
    a.galley = os.path.abspath(a.galley)
    tmp = tempfile.TemporaryDirectory()
    if a.bench_pages:
        bench = os.path.join(tmp.name, f"bench-{a.bench_pages}.md")
        generator = os.path.join(os.path.dirname(__file__), "..", "..", "bench", "generate.py")
        subprocess.run([sys.executable, generator, str(a.bench_pages), bench], check=True)
        a.inputs.append(bench)
    if a.shared:
        if os.path.isdir(a.shared):
            for folder, pattern in (("corpus", ".md"), ("seeds", ".txt")):
                d = os.path.join(a.shared, folder)
                for name in sorted(os.listdir(d)) if os.path.isdir(d) else []:
                    # Malformed inputs are the error tests' business, not typesetting's.
                    if name.endswith(pattern) and not name.startswith("bad-") and name != "README.md":
                        a.inputs.append(os.path.join(d, name))
        else:
            print(f"note: {a.shared} not found; corpus documents skipped")
    failed = 0
    for md in a.inputs:
        problems = check(a.galley, os.path.abspath(md), a.margin_right)
        print(("FAIL " if problems else "PASS ") + os.path.basename(md))
        for p in problems[:20]:
            print("    " + p)
        failed += bool(problems)
    print(f"{len(a.inputs) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
