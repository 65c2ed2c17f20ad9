#!/usr/bin/env python3
"""Tables, footnotes and figures, end to end: generated documents run through the galley CLI and checked
with poppler-utils and qpdf (Python standard library only).

usage: test_layout.py GALLEY [-k SUBSTRING ...] [--keep]

Each test prints PASS or FAIL and the figures it measured. Exit 0 when nothing failed, 1 otherwise, 2 usage.

  big_table           20,000 rows x 6 columns: time, peak memory, the header on every page
  long_cells          a 200-character URL and a 70-word sentence in cells: inside the text width, one link
  tall_row            a row taller than a page splits inside its cells; the header repeats
  footnote_pages      30+ pages, 100 notes at random places: each note starts on the page of its reference
  footnote_details    notes in tables, lists and quotes; multi-paragraph notes with code; undefined references
  figures             every PNG and JPEG kind, relative paths, scaling rules, missing and unsupported files
  code_highlight      one code block per language: token colours (mutool trace), lines copied exactly
  inline_html         <sub> <sup> smaller and shifted, <kbd> framed, <mark> shaded, no tags in the text
  callouts            GitHub alerts titled in the document's language, bars in the kinds' colours
  emoji_codes         50 GitHub emoji short codes copy back as their emoji from the text layer
  code_grid           CJK, emoji, fullwidth, marks and tabs on the monospace grid (mutool trace); wrapped line copied whole
  code_line_numbers   line numbers by fence and style: drawn right-aligned, not in the extracted text
  code_diff_tint      diff blocks: added and removed lines tinted across the background
  inline_code_text    inline code's runs of spaces copied as typed, lines in order
  code_split_order    a block of padded log lines split three lines onto the next page reads in order
"""
import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

from test_cli import check, pages, pdftext, qpdf_ok

REPO = Path(__file__).resolve().parents[2]
IMAGES = REPO / "tests" / "images"
TIMEOUT = 120

# The default style's page (A4) and margins (25 mm), in points: where text may go.
PAGE_WIDTH = 595.276
# The default style's side margins (styles/default.toml page.margin-left/right).
MARGIN = 39 * 72 / 25.4

TESTS = []


def test(fn):
    TESTS.append((fn.__name__.removeprefix("test_"), fn))
    return fn


class Run:
    """One galley run: exit status, stderr, wall time and the process's peak RSS."""

    def __init__(self, galley, md, *args, cwd=None):
        self.pdf = md.with_suffix(".pdf")
        with tempfile.TemporaryFile() as err:
            start = time.monotonic()
            p = subprocess.Popen([str(galley), str(md), "-o", str(self.pdf), *args], cwd=cwd,
                                 stdout=subprocess.DEVNULL, stderr=err)
            _, status, usage = os.wait4(p.pid, 0)  # wait4: the resource usage of this child alone
            self.seconds = time.monotonic() - start
            p.returncode = self.code = os.waitstatus_to_exitcode(status)
            err.seek(0)
            self.err = err.read().decode("utf-8", "replace")
        self.max_rss_mb = usage.ru_maxrss / 1024

    def ok(self):
        check(self.code == 0, f"exit {self.code}: {self.err[:500]}")
        check(qpdf_ok(self.pdf), "qpdf --check fails")
        return self


def page_texts(pdf):
    return pdftext(pdf).split("\f")[: pages(pdf)]


def words_with_boxes(pdf):
    """(page, xMin, yMin, xMax, yMax, word) from pdftotext -bbox."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True).stdout
    page, words = 0, []
    for line in out.splitlines():
        if "<page " in line:
            page += 1
        m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if m:
            words.append((page, *map(float, m.groups()[:4]), m.group(5)))
    return words


def top_lines(pdf):
    """The words of each page's topmost line, from their boxes (pdftotext's reading order may
    interleave table columns)."""
    by_page = {}
    for page, x0, y0, x1, y1, word in words_with_boxes(pdf):
        by_page.setdefault(page, []).append((y0, word))
    tops = []
    for page in sorted(by_page):
        top = min(y for y, _ in by_page[page])
        tops.append([w for y, w in by_page[page] if y < top + 2])
    return tops


def pages_headed_by(pdf, header):
    """How many pages after the first (where the table starts below a heading) have `header`
    as their top line."""
    return sum(1 for words in top_lines(pdf)[1:] if all(h in words for h in header))


def check_inside_text_width(pdf):
    outside = [w for w in words_with_boxes(pdf) if w[1] < MARGIN - 1 or w[3] > PAGE_WIDTH - MARGIN + 1]
    check(not outside, f"{len(outside)} words outside the text width, e.g. {outside[:3]}")


def uri_links(pdf):
    """URI of every URI link annotation, from qpdf --json."""
    j = json.loads(subprocess.run(["qpdf", "--json", str(pdf)], capture_output=True, text=True).stdout)
    objects = j["qpdf"][1]
    uris = []
    for v in objects.values():
        val = v.get("value") if isinstance(v, dict) else None
        if not isinstance(val, dict) or val.get("/Subtype") != "/Link":
            continue
        a = val.get("/A")
        if isinstance(a, str) and ("obj:" + a) in objects:
            a = objects["obj:" + a].get("value")
        if isinstance(a, dict) and a.get("/S") == "/URI":
            uris.append(a["/URI"].removeprefix("u:"))
    return uris


def pdfimages(pdf):
    """Rows of pdfimages -list: dicts with type, width, height, color, bpc, x-ppi, y-ppi."""
    out = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True).stdout.splitlines()
    rows = []
    for line in out[2:]:
        f = line.split()
        rows.append({"page": int(f[0]), "type": f[2], "width": int(f[3]), "height": int(f[4]), "color": f[5],
                     "bpc": int(f[7]), "object": int(f[10]), "x-ppi": int(f[12]), "y-ppi": int(f[13])})
    return rows


WORDS = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau "
         "upsilon phi chi psi omega").split()


def prose(rng, n):
    return " ".join(rng.choices(WORDS, k=n))


# ------------------------------------------------------------------------------------------------ tables

@test
def test_big_table(c):
    rng = random.Random(20000)
    rows = ["# Orders", "", "| Order | Customer | Region | Amount | Status | Comment |", "|---:|---|---|--:|:-:|---|"]
    for i in range(1, 20001):
        rows.append(f"| {i} | Customer {rng.randint(1, 999)} | {rng.choice(['EU', 'US', 'APAC'])} | "
                    f"{rng.randint(100, 9999999) / 100:.2f} | {rng.choice(['open', 'paid', 'late'])} | "
                    f"{prose(rng, rng.randint(1, 6))} |")
    md = c.dir() / "big.md"
    md.write_text("\n".join(rows) + "\n")
    r = Run(c.galley, md).ok()
    n = pages(r.pdf)
    texts = page_texts(r.pdf)
    with_header = pages_headed_by(r.pdf, ["Order", "Customer", "Region", "Amount", "Status", "Comment"])
    c.note(f"{n} pages in {r.seconds:.2f} s, peak RSS {r.max_rss_mb:.0f} MB, header atop {with_header} "
           f"continued pages")
    check(r.seconds < 10, f"took {r.seconds:.1f} s")
    check(r.max_rss_mb < 512, f"peak RSS {r.max_rss_mb:.0f} MB")
    check(with_header == n - 1, f"header on {with_header} of {n - 1} continued pages")
    check(re.search(r"^20000\b", texts[-1], re.M), "row 20000 is not on the last page")


@test
def test_long_cells(c):
    url = "https://reports.example.com/archive/2024/q3/" + "/".join(
        f"segment-{i:02d}_part.{i}" for i in range(12)) + "?query=alpha&filter=beta#section-final"
    url = url[:200] if len(url) >= 200 else url + "x" * (200 - len(url))
    sentence = " ".join(f"word{i}" if i % 7 == 0 else WORDS[i % len(WORDS)] for i in range(70)) + "."
    md = c.dir() / "cells.md"
    md.write_text(f"# Long cells\n\n| Source | Link | Notes |\n|---|---|---|\n| report | {url} | {sentence} |\n")
    r = Run(c.galley, md).ok()
    check_inside_text_width(r.pdf)
    uris = uri_links(r.pdf)
    c.note(f"URL {len(url)} chars set as {uris.count(url)} link area(s), all with the same URI")
    check(uris and set(uris) == {url}, f"link URIs {set(uris)}")
    flat = re.sub(r"\s+", "", pdftext(r.pdf))
    check(url.replace("-", "") in flat.replace("-", ""), "the URL text is not complete")
    check(all(f"word{i}" in flat for i in range(0, 70, 7)), "the sentence is not complete")


@test
def test_tall_row(c):
    rng = random.Random(7)
    long_text = " ".join(f"{prose(rng, 30)} marker{i}." for i in range(60))
    md = c.dir() / "tall.md"
    md.write_text("# Tall row\n\n| Item | Text | Other |\n|---|---|---|\n"
                  f"| first | {long_text} | {prose(rng, 200)} |\n| second | short | end |\n")
    r = Run(c.galley, md).ok()
    n = pages(r.pdf)
    check(n >= 2, f"{n} pages: the row did not need to split")
    texts = page_texts(r.pdf)
    flat = " ".join(texts)
    missing = [i for i in range(60) if f"marker{i}." not in flat]
    check(not missing, f"lines lost where the row split: {missing[:5]}")
    headers = pages_headed_by(r.pdf, ["Item", "Text", "Other"])
    c.note(f"a row across {n} pages; header atop {headers} continued pages")
    check(headers == n - 1, f"header on {headers} of {n - 1} continued pages")
    check_inside_text_width(r.pdf)


# ---------------------------------------------------------------------------------------------- footnotes

@test
def test_footnote_pages(c):
    """Each reference is the word refN, followed at once by its marker; each note starts with noteN."""
    rng = random.Random(100)
    notes = {}
    for n in range(1, 101):
        length = rng.choice([6, 12, 25, 40]) if n % 17 else 180  # a few long ones continue overleaf
        body = f"note{n}q {prose(rng, length)}"
        if n % 10 == 0:
            body += f"\n\n    {prose(rng, 12)}\n\n    ```\n    code line of note {n}\n    ```"
        notes[n] = body
    refs = sorted(rng.sample(range(700), 100))  # word slots for the references
    blocks, slot, n = [], 0, 1
    for b in range(330):
        words = prose(rng, 45).split()
        for k in range(len(words)):
            if n <= 100 and refs[n - 1] == slot:
                words[k] = f"ref{n}q[^n{n}]"
                n += 1
            slot += 0.5
        kind = b % 10
        text = " ".join(words)
        if kind == 3:
            blocks.append(f"- {text}\n- {prose(rng, 10)}")
        elif kind == 6:
            blocks.append(f"> {text}")
        elif kind == 8:
            half = len(words) // 2
            blocks.append(f"| A | B |\n|---|---|\n| {' '.join(words[:half])} | {' '.join(words[half:])} |")
        else:
            blocks.append(text)
    check(n == 101, f"only {n - 1} references placed")
    md = c.dir() / "notes.md"
    md.write_text("# Footnotes\n\n" + "\n\n".join(blocks) + "\n\n" +
                  "\n\n".join(f"[^n{k}]: {v}" for k, v in notes.items()) + "\n")
    r = Run(c.galley, md).ok()
    texts = page_texts(r.pdf)
    count = len(texts)

    def first_page(token):
        for p, t in enumerate(texts, 1):
            if re.search(rf"\b{token}", t):
                return p
        return None

    wrong = []
    for k in range(1, 101):
        ref, note = first_page(f"ref{k}q"), first_page(f"note{k}q")
        if ref is None or note != ref:
            wrong.append((k, ref, note))
    c.note(f"{count} pages, 100 notes, {100 - len(wrong)} on the page of their reference")
    check(count >= 30, f"only {count} pages")
    check(not wrong, f"notes not on their reference's page (note, reference page, note page): {wrong[:5]}")
    flat = " ".join(texts)
    check(all(flat.count(f"note{k}q") == 1 for k in range(1, 101)), "a note is missing or printed twice")
    check(all(f"code line of note {k}" in flat for k in range(10, 101, 10)), "code in a note is missing")


@test
def test_footnote_details(c):
    md = c.dir() / "details.md"
    md.write_text("""# Notes

Text with a note[^a] and the same note again[^a], and a missing one[^nope].

- In a list[^b].

> In a quote[^c].

| Cell | Other |
|---|---|
| In a cell[^d] | x |

[^a]: Note A, first paragraph.

    Second paragraph of note A.

    ```
    code in note A
    ```

[^b]: Note B.
[^c]: Note C.
[^d]: Note D.
[^unused]: Never referenced.
""")
    r = Run(c.galley, md).ok()
    text = pdftext(r.pdf)
    for s in ["Note A, first paragraph.", "Second paragraph of note A.", "code in note A", "Note B.", "Note C.",
              "Note D.", "[^nope]"]:
        check(s in text, f"missing {s!r}")
    check("Never referenced" not in text, "an unreferenced note is printed")
    check(re.search(r"details\.md:3:\d+: warning: footnote reference \[\^nope\]", r.err), "no warning for [^nope]")
    check(re.search(r"details\.md:\d+:\d+: warning: footnote \[\^unused\]", r.err), "no warning for [^unused]")
    check(text.count("Note A, first") == 1, "note A printed twice")


# ------------------------------------------------------------------------------------------------ figures

@test
def test_figures(c):
    d = c.dir()
    doc_dir, pics = d / "doc", d / "doc" / "pics"
    pics.mkdir(parents=True)
    names = sorted(p.name for p in IMAGES.iterdir() if p.suffix in (".png", ".jpg") and p.name != "truncated.png")
    for p in IMAGES.iterdir():
        if p.suffix in (".png", ".jpg", ".gif"):
            shutil.copy(p, pics / p.name)
    lines = ["# Figures", ""]
    for name in names:
        lines += [f"![Picture {name}](pics/{name})", ""]
    lines += ["Same file twice is embedded once: ![inline](pics/rgb-8.png) in a line.", "",
              "![Missing picture](pics/nowhere.png)", "",
              "![Broken picture](pics/truncated.png)", "",
              "![Not a picture](pics/not-an-image.gif)", "",
              "![Remote picture](https://example.com/x.png)", ""]
    md = doc_dir / "figures.md"
    md.write_text("\n".join(lines))
    r = Run(c.galley, md, cwd=d).ok()  # run from elsewhere: paths are relative to the Markdown file
    uses = [row for row in pdfimages(r.pdf) if row["type"] == "image"]
    first_use = {}
    for row in uses:
        first_use.setdefault(row["object"], row)
    c.note(f"{len(uses)} pictures drawn from {len(first_use)} image objects for {len(names)} files")
    check(len(first_use) == len(names), f"{len(first_use)} image objects for {len(names)} files")
    check(len(uses) == len(names) + 1, f"{len(uses)} pictures drawn, expected {len(names) + 1}")
    inline = uses[-1]
    check(inline["y-ppi"] > 150, f"the inline picture is not scaled to the line height: {inline}")
    # Natural size: 96 ppi without a stored resolution, the stored one, but never coarser than 150 ppi.
    ppi = sorted(row["x-ppi"] for row in first_use.values())
    check(ppi.count(300) == 2, f"300 dpi pictures not at 300 ppi: {ppi}")
    check(150 in ppi, f"the 72 dpi picture is not set at 150 ppi: {ppi}")
    check(ppi.count(96) >= len(names) - 3, f"pictures without a resolution not at 96 ppi: {ppi}")
    text = pdftext(r.pdf)
    for alt in ["Missing picture", "Broken picture", "Not a picture", "Remote picture"]:
        check(alt in text, f"alt text {alt!r} not printed")
    for what, pattern in [("missing", r"figures\.md:\d+:1: warning: image 'pics/nowhere\.png' not found"),
                          ("truncated", r"warning: image 'pics/truncated\.png' cannot be used: truncated PNG"),
                          ("gif", r"warning: image 'pics/not-an-image\.gif' cannot be used"),
                          ("remote", r"warning: image 'https://example\.com/x\.png' is not a local file")]:
        check(re.search(pattern, r.err), f"no warning for the {what} picture: {r.err[:600]}")
    strict = Run(c.galley, md, "--strict", cwd=d)
    check(strict.code == 1, f"--strict exits {strict.code}")


@test
def test_big_picture_fits_page(c):
    """A picture larger than the page is scaled to the text width and height, keeping its aspect."""
    import struct
    import zlib
    d = c.dir()
    w, h = 3000, 9000
    raw = b"".join(b"\0" + bytes([200, 40, 40]) * w for _ in range(h))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    (d / "tall.png").write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
                                 chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b""))
    md = d / "tall.md"
    md.write_text("# Tall\n\nText before.\n\n![A very tall picture](tall.png)\n\nText after.\n")
    r = Run(c.galley, md).ok()
    rows = pdfimages(r.pdf)
    check(len(rows) == 1, f"{len(rows)} images")
    check(abs(rows[0]["x-ppi"] - rows[0]["y-ppi"]) <= 1, f"aspect ratio changed: {rows[0]}")
    check(rows[0]["page"] == 2, f"the picture is on page {rows[0]['page']}, not moved to page 2")
    texts = page_texts(r.pdf)
    check("A very tall picture" in texts[1], "the caption is not on the picture's page")
    check_inside_text_width(r.pdf)


# -------------------------------------------------------------------------------------------------- main

class Ctx:
    def __init__(self, galley, tmp):
        self.galley, self.tmp, self._n, self.notes = galley, tmp, 0, []

    def dir(self):
        self._n += 1
        d = self.tmp / f"{self._n:02d}"
        d.mkdir(parents=True)
        return d

    def note(self, text):
        self.notes.append(text)


# ------------------------------------------------------------------------------------------------ code

HIGHLIGHT_DOC = REPO / "tests" / "integration" / "data" / "highlight-languages.md"
CODE_TEXT_COLOR = ".102 .102 .102"  # the default style's code colour, #1a1a1a


def code_blocks(md_text):
    """(language, source lines with tabs expanded) of each fenced block, in order."""
    blocks = []
    for m in re.finditer(r"^```(\S*)\n(.*?)^```$", md_text, re.M | re.S):
        blocks.append((m.group(1), [line.expandtabs(4) for line in m.group(2).rstrip("\n").split("\n")]))
    return blocks


def mono_colors_by_heading(pdf):
    """The fill colours of code (mono font) glyphs after each heading "Language X", by X, from mutool trace."""
    trace = subprocess.run(["mutool", "trace", str(pdf)], capture_output=True, text=True, errors="replace").stdout
    current, colors = None, {}
    for m in re.finditer(r'<fill_text [^>]*color="([^"]*)".*?<span font="([^"]*)".*?</fill_text>', trace, re.S):
        text = "".join(re.findall(r'unicode="([^"]*)"', m.group(0)))
        if "Mono" not in m.group(2):
            if text.startswith("Language"):
                current = text.removeprefix("Language").strip()
            continue
        if current:
            colors.setdefault(current, set()).add(m.group(1))
    return colors


@test
def test_code_highlight(c):
    """Each fenced block of highlight-languages.md (the issue's 30 languages) is coloured by its language: at
    least three token colours besides the text colour in each of the first 20, two in the rest; pdftotext
    gives back every line exactly as written, with and without -layout; code.highlight = false sets them all
    in one colour; an unknown language is plain with a note under -v and no warning."""
    d = c.dir()
    source = HIGHLIGHT_DOC.read_text()
    blocks = code_blocks(source)
    check(len(blocks) >= 30, f"{len(blocks)} blocks in {HIGHLIGHT_DOC.name}")
    md = d / "languages.md"
    md.write_text(source + "\n## Language unknown\n\n```nosuchlanguage\nplain words 42 \"here\"\n```\n")
    r = Run(c.galley, md, "-v").ok()
    check("warning" not in r.err, f"warnings: {r.err[:400]}")
    check(re.search(r"note: code language 'nosuchlanguage' is not known; set plain; first at \S*languages\.md:\d+",
                    r.err), f"no note for the unknown language: {r.err[:400]}")
    colors = mono_colors_by_heading(r.pdf)
    counts = {lang: len(colors.get(lang, set()) - {CODE_TEXT_COLOR}) for lang, _ in blocks}
    c.note("token colours: " + " ".join(f"{lang}={n}" for lang, n in counts.items()))
    few = [lang for i, (lang, _) in enumerate(blocks) if counts[lang] < (3 if i < 20 else 2)]
    check(not few, f"too few token colours in {few}")
    check(colors.get("unknown") == {CODE_TEXT_COLOR}, f"the unknown language is coloured: {colors.get('unknown')}")

    check_code_text(r.pdf, [(f"Language {lang}", lines) for lang, lines in blocks])

    off = Run(c.galley, md, "-M", "galley.code.highlight=false").ok()
    check(all(v == {CODE_TEXT_COLOR} for v in mono_colors_by_heading(off.pdf).values()),
          "code.highlight = false still colours code")
    check(pdftext(off.pdf) == pdftext(r.pdf), "the text differs with highlighting off")


def traced_glyphs(pdf):
    """(character, font size, x, y) of every glyph of page 1, in drawing order, from mutool trace."""
    trace = subprocess.run(["mutool", "trace", str(pdf)], capture_output=True, text=True, errors="replace").stdout
    glyphs, size = [], 0.0
    for line in trace.splitlines():
        if m := re.search(r'<span font="[^"]*".*trm="([-\d.]+) ', line):
            size = float(m.group(1))
        elif m := re.search(r'<g unicode="([^"]*)" glyph="[^"]*" x="([-\d.]+)" y="([-\d.]+)"', line):
            glyphs.append((m.group(1), size, float(m.group(2)), float(m.group(3))))
    return glyphs, trace


@test
def test_inline_html(c):
    """Inline HTML with a plain meaning: sub- and superscripts at 70 % lowered 0.2 em and raised 0.33 em,
    a framed key cap, a shaded <mark>; the text layer has the words without any tag."""
    d = c.dir()
    md = d / "html.md"
    md.write_text("H<sub>2</sub>O and x<sup>3</sup>; press <kbd>Q</kbd> for <mark>marked</mark> "
                  "<u>under</u> <del>gone</del>.\n")
    r = Run(c.galley, md, "--strict").ok()
    glyphs, trace = traced_glyphs(r.pdf)
    chars = "".join(g[0] for g in glyphs)
    for base, script, shift in (("H2", "2", -0.2), ("x3", "3", 0.33)):
        at = chars.index(base)
        (_, size, _, y), (_, small, _, y2) = glyphs[at], glyphs[at + 1]
        c.note(f"{script}: {small:.2f} pt, {y2 - y:+.2f} pt")
        check(abs(small - 0.7 * size) < 0.01, f"'{script}' is {small} pt next to {size} pt")
        check(abs((y2 - y) - shift * size) < 0.05, f"'{script}' moved {y2 - y:.2f} pt, not {shift * size:.2f}")
    q = glyphs[chars.index("Q")]
    boxes = [[float(v) for v in re.findall(r'x="([-\d.]+)"', b)]
             for b in re.findall(r"<stroke_path[^>]*>(.*?)</stroke_path>", trace, re.S)]
    check(any(len(xs) >= 4 and min(xs) < q[2] < max(xs) and max(xs) - min(xs) < 20 for xs in boxes),
          "no frame around the key")
    check('color="1 .941 .627"' in trace, "no <mark> shade")
    text = pdftext(r.pdf)
    check("H2O and x3; press Q for marked under gone." in " ".join(text.split()), f"text: {text!r}")
    check("<" not in text, f"a tag in the text: {text!r}")
    # Nested scripts stop shrinking at half the body size (TeX's scriptscript size).
    md.write_text("a" + "<sup>x" * 6 + "</sup>" * 6 + " b\n")
    r = Run(c.galley, md, "--strict").ok()
    sizes = [g[1] for g in traced_glyphs(r.pdf)[0]]
    check(min(sizes) >= 0.5 * max(sizes) - 0.01, f"nested superscripts shrink to {min(sizes)} pt")


@test
def test_callouts(c):
    """The five GitHub alerts in a German document: titled Hinweis ... Vorsicht in the kinds' colours
    (mutool trace), no marker left in the text; an Obsidian title is the author's."""
    d = c.dir()
    md = d / "alerts.md"
    kinds = ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"]
    md.write_text("---\nlang: de\n---\n\n" + "".join(f"> [!{k}]\n> Text {k.lower()}.\n\n" for k in kinds) +
                  "> [!info] Eigener Titel\n> Mehr.\n")
    r = Run(c.galley, md, "--strict").ok()
    text = " ".join(pdftext(r.pdf).split())
    want = ("Hinweis Text note. Tipp Text tip. Wichtig Text important. Warnung Text warning. Vorsicht Text caution. "
            "Eigener Titel Mehr.")
    check(want in text, f"text: {text!r}")
    check("[!" not in text, f"a marker in the text: {text!r}")
    trace = subprocess.run(["mutool", "trace", str(r.pdf)], capture_output=True, text=True).stdout
    for hexcolor in ("0969da", "1a7f37", "8250df", "9a6700", "cf222e"):
        rgb = [int(hexcolor[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        pattern = " ".join(f"{v:.3f}".rstrip("0").rstrip(".").removeprefix("0") or "0" for v in rgb)
        check(f'color="{pattern}"' in trace, f"no colour {hexcolor} ({pattern}) drawn")


EMOJI_CODES = {
    "+1": "\U0001F44D", "tada": "\U0001F389", "x": "\u274C", "warning": "\u26A0", "heavy_check_mark": "\u2714",
    "white_check_mark": "\u2705", "rocket": "\U0001F680", "bug": "\U0001F41B", "sparkles": "\u2728",
    "fire": "\U0001F525", "memo": "\U0001F4DD", "bulb": "\U0001F4A1", "star": "\u2B50", "heart": "\u2764",
    "smile": "\U0001F604", "wink": "\U0001F609", "eyes": "\U0001F440", "construction": "\U0001F6A7",
    "lock": "\U0001F512", "wrench": "\U0001F527", "hammer": "\U0001F528", "package": "\U0001F4E6",
    "zap": "\u26A1", "boom": "\U0001F4A5", "art": "\U0001F3A8", "recycle": "\u267B", "red_circle": "\U0001F534",
    "arrow_right": "\u27A1", "arrow_up": "\u2B06", "information_source": "\u2139", "question": "\u2753",
    "exclamation": "\u2757", "no_entry": "\u26D4", "heavy_plus_sign": "\u2795", "heavy_minus_sign": "\u2796",
    "calendar": "\U0001F4C6", "books": "\U0001F4DA", "link": "\U0001F517", "pushpin": "\U0001F4CC",
    "100": "\U0001F4AF", "-1": "\U0001F44E", "thumbsup": "\U0001F44D", "lipstick": "\U0001F484",
    "globe_with_meridians": "\U0001F310", "stop_sign": "\U0001F6D1", "clock1": "\U0001F550",
    "white_circle": "\u26AA", "arrow_down": "\u2B07", "hourglass": "\u231B", "key": "\U0001F511",
}


@test
def test_emoji_codes(c):
    """Each of 50 GitHub short codes, one per line, copies back from the PDF as its emoji."""
    d = c.dir()
    md = d / "emoji.md"
    md.write_text("".join(f"- {name}: :{name}:\n" for name in EMOJI_CODES))
    r = Run(c.galley, md).ok()
    got = {}
    for line in pdftext(r.pdf).splitlines():
        name, _, rest = line.partition(": ")
        got[name.strip(" \u2022")] = rest.replace("\ufe0f", "").strip()
    wrong = {n: got.get(n) for n, e in EMOJI_CODES.items() if got.get(n) != e}
    check(not wrong, f"codes not copied back as their emoji: {wrong}")
    check(":" + "tada:" not in pdftext(r.pdf), "a code left in the text")


def check_code_text(pdf, blocks):
    """Each (heading, source lines) block's lines come back from pdftotext exactly, in order and
    with their runs of spaces (trailing spaces aside), right after the heading line: with no flags,
    and with -layout once the block's common indent (where the page's grid puts its left edge) is
    removed."""
    plain = [line.rstrip() for line in pdftext(pdf).replace("\f", "\n").split("\n")]
    layout = [line.rstrip() for line in pdftext(pdf, layout=True).replace("\f", "\n").split("\n")]
    for heading, lines in blocks:
        want = [line.rstrip() for line in lines]
        at = plain.index(heading)
        got = [line for line in plain[at + 1:] if line][: len(want)]
        check(got == [w for w in want if w], f"{heading}: pdftotext gives {got}, not {want}")
        at = next(i for i, line in enumerate(layout) if line.strip() == heading)
        got = [line for line in layout[at + 1:] if line.strip()][: len(want)]
        indent = min(len(line) - len(line.lstrip()) for line in got) - min(
            len(w) - len(w.lstrip()) for w in want if w.strip())
        got = [line[indent:] for line in got]
        check(got == [w for w in want if w.strip()], f"{heading}: pdftotext -layout gives {got}, not {want}")


LOG_LINES = """2026-12-05 10:00:01 INFO  starting worker pool with 8 threads
2026-12-05 10:00:02 DEBUG  loaded configuration from /etc/app.toml
2026-12-05 10:00:02 WARN  cache directory missing, creating it
2026-12-05 10:00:03 INFO  listening on 0.0.0.0:8080
2026-12-05 10:00:04 ERROR  upstream timed out after 30 s
2026-12-05 10:00:05 INFO  retrying request 1 of 3
2026-12-05 10:00:06 INFO  request succeeded
2026-12-05 10:00:07 WARN  slow response: 2.4 s
2026-12-05 10:00:08 INFO  shutting down
2026-12-05 10:00:09 INFO  bye""".split("\n")


@test
def test_code_split_order(c):
    """Log lines with two spaces after the level, split so that the next page holds three of them:
    pdftotext (no flags) reads that page's lines in source order, each whole (poppler read the
    short page as two columns: the three dates and levels, then the three messages)."""
    d = c.dir()
    # Filler paragraphs move the block by a paragraph, the bottom margin by a millimetre at a time.
    found = None
    for n in range(10, 60):
        md = d / f"split{n}.md"
        md.write_text("".join(f"Filler paragraph {i}.\n\n" for i in range(n)) + "```\n" + "\n".join(LOG_LINES) +
                      "\n```\n")
        r = Run(c.galley, md).ok()
        if pages(r.pdf) == 2 and 0 < pdftext(r.pdf, 2).count("2026-12-05") <= 3:
            for margin in range(28, 60):
                r = Run(c.galley, md, "-M", f"galley.page.margin-bottom={margin}mm").ok()
                if pages(r.pdf) == 2 and pdftext(r.pdf, 2).count("2026-12-05") == 3:
                    found = (n, margin)
                    break
            if found:
                break
    check(found, "no filler length and margin leave exactly three log lines on page 2")
    n = f"{found[0]} / {found[1]} mm"
    c.note(f"{n} filler paragraphs / bottom margin")
    got = [line for line in pdftext(r.pdf, 2).split("\n") if "2026-" in line or "INFO" in line or "WARN" in line]
    check(got == LOG_LINES[-3:], f"page 2 reads {got}, not {LOG_LINES[-3:]}")
    got = [line for line in pdftext(r.pdf, 1).split("\n") if line.startswith("2026")]
    check(got == LOG_LINES[:-3], f"page 1 reads {got}, not {LOG_LINES[:-3]}")


GRID_BLOCK = ["name    | value", "漢字    | CJK ideographs", "😀😀    | emoji", "👨\u200d👩\u200d👧      | one picture",
              "ｆｕｌｌ| fullwidth",
              "café    | combining acute", "❤️xx    | emoji by U+FE0F", "\tx   | tab", "漢\tx   | tab after CJK"]


def bar_columns(pdf):
    """x of every '|' glyph, in content order, from mutool trace."""
    trace = subprocess.run(["mutool", "trace", str(pdf)], capture_output=True, text=True, errors="replace").stdout
    return [float(x) for x in re.findall(r'<g unicode="\|" glyph="\d+" x="([\d.]+)"', trace)]


@test
def test_code_grid(c):
    """Wide characters (CJK, fullwidth forms) and emoji take two monospace cells, a base with a
    combining mark one, tabs stop every code.tab-size cells: the column after them lines up with the
    row above (glyph positions from mutool trace). A wrapped line copies as the one source line."""
    d = c.dir()
    md = d / "grid.md"
    long_line = "wrapped = [" + ", ".join(f"'item{i:02d}'" for i in range(30)) + "]"
    md.write_text("```\n" + "\n".join(GRID_BLOCK) + "\n" + long_line + "\n```\n")
    r = Run(c.galley, md).ok()
    xs = bar_columns(r.pdf)
    check(len(xs) == len(GRID_BLOCK), f"{len(xs)} bars found, not {len(GRID_BLOCK)}")
    c.note(f"bar x {min(xs):.3f}..{max(xs):.3f}")
    check(max(xs) - min(xs) < 0.01, f"the bars do not line up: {xs}")
    # The tab after 漢 (two cells) stops at cell 4: two spaces, where Python's expandtabs gives three.
    want = [line.expandtabs(4) for line in GRID_BLOCK[:-1]] + ["漢  x   | tab after CJK", long_line]
    check_code_text(r.pdf, [(want[0], want[1:])])
    check(len([line for line in pdftext(r.pdf, layout=True).split("\n") if line.strip()]) > len(want),
          "the long line does not wrap")
    eight = Run(c.galley, md, "-M", "galley.code.tab-size=8").ok()
    xs8 = bar_columns(eight.pdf)
    check(xs8[7] - xs8[0] > 1 and abs(xs8[7] - xs8[8]) < 0.01,
          f"code.tab-size = 8: the tab rows are not at the next stop: {xs8}")
    # A line with Hebrew keeps the writer's right-to-left extraction (no line stretch, no grid):
    # poppler reverses right-to-left stretches, so a logical line would read backwards.
    rtl = d / "rtl.md"
    rtl.write_text("English prose so that the page reads left to right. " * 4 +
                   "\n\n```\ndef greet():\n    x = \"שלום עולם\"\n    return x\n```\n")
    text = pdftext(Run(c.galley, rtl).ok().pdf)
    check("שלום עולם" in text, f"the Hebrew string does not read in order: {text!r}")


NUMBER_INK = ".42 .42 .42"


def drawn_numbers(pdf):
    """(text, x of its right edge) of each line number drawn (mutool trace: runs in the number ink)."""
    trace = subprocess.run(["mutool", "trace", str(pdf)], capture_output=True, text=True, errors="replace").stdout
    numbers = []
    for m in re.finditer(r'<fill_text [^>]*color="' + NUMBER_INK + r'".*?</fill_text>', trace, re.S):
        glyphs = re.findall(r'<g unicode="([^"]*)" glyph="\d+" x="([\d.]+)"', m.group(0))
        numbers.append(("".join(u for u, _ in glyphs), float(glyphs[-1][1])))
    return numbers


@test
def test_code_line_numbers(c):
    """Line numbers by fence ({.numberLines startFrom=N}, {linenos=true,linenostart=N}, {.number-lines},
    linenos=false) and by code.line-numbers: drawn right-aligned (mutool trace), absent from pdftotext's text
    (which equals the text of the same document without numbers), on the first output line of a wrapped line."""
    d = c.dir()
    wrapped = "    return x  # " + "a comment long enough to wrap " * 4
    blocks = ['```python {.numberLines startFrom="98"}\ndef f(x):\n' + wrapped + '\nprint(f(1))\n```',
              "```go {linenos=true,linenostart=7}\npackage main\n```", "```{.sh .number-lines}\necho hi\n```",
              "```text {linenos=false}\nnever numbered\n```", "```\nplain block\n```"]
    md = d / "numbers.md"
    md.write_text("\n\n".join(blocks) + "\n")
    bare = d / "bare.md"
    bare.write_text(re.sub(r"^```\S*.*$", lambda m: "```" if m.group(0) != "```" else m.group(0),
                           md.read_text(), flags=re.M))
    styled = d / "styled.md"
    styled.write_text(md.read_text())
    fenced, on, none = Run(c.galley, md).ok(), Run(c.galley, styled, "-M", "galley.code.line-numbers=true").ok(), \
        Run(c.galley, bare).ok()
    got = drawn_numbers(fenced.pdf)
    check([t for t, _ in got] == ["98", "99", "100", "7", "1"], f"numbers drawn: {got}")
    check(len({round(x, 2) for _, x in got[:3]}) == 1, f"numbers not right-aligned: {got[:3]}")
    got = [t for t, _ in drawn_numbers(on.pdf)]
    check(got == ["98", "99", "100", "7", "1", "1"], f"with code.line-numbers = true: {got}")
    # Compared line by line without empty lines: the gutter narrows the measure, so the long
    # line wraps once more, and poppler reads the taller gap after it as a paragraph break.
    def lines(pdf):
        return [line for line in pdftext(pdf).split("\n") if line.strip()]
    text = pdftext(none.pdf)
    check(lines(fenced.pdf) == lines(none.pdf) and lines(on.pdf) == lines(none.pdf),
          f"line numbers change the extracted text: {pdftext(on.pdf)[:300]!r}")
    check(wrapped.rstrip() in [line.rstrip() for line in text.split("\n")], "the wrapped line is not copied whole")


ADDED_TINT, REMOVED_TINT = ".902 1 .925", "1 .922 .914"


def tints(pdf):
    """(colour, x0, x1) of each filled path in a diff tint, from mutool trace."""
    trace = subprocess.run(["mutool", "trace", str(pdf)], capture_output=True, text=True, errors="replace").stdout
    found = []
    for m in re.finditer(r'<fill_path [^>]*color="([^"]*)".*?</fill_path>', trace, re.S):
        if m.group(1) in (ADDED_TINT, REMOVED_TINT):
            xs = [float(x) for x in re.findall(r' x="([\d.]+)"', m.group(0))]
            found.append((m.group(1), min(xs), max(xs)))
    return found


@test
def test_code_diff_tint(c):
    """A diff block tints its added lines green and removed lines red across the background (not the ---/+++
    file headers); the same lines in a block of another language are not tinted; the text is unchanged."""
    d = c.dir()
    lines = ["--- a/x", "+++ b/x", "@@ -1,2 +1,2 @@", "-old line", "+new line", " same"]
    md = d / "diff.md"
    md.write_text("```diff\n" + "\n".join(lines) + "\n```\n\n```text\n" + "\n".join(lines) + "\n```\n")
    r = Run(c.galley, md).ok()
    got = tints(r.pdf)
    check([t for t, _, _ in got] == [REMOVED_TINT, ADDED_TINT], f"tints: {got}")
    check(all(abs(x0 - MARGIN) < 0.01 and abs(x1 - (PAGE_WIDTH - MARGIN)) < 0.01 for _, x0, x1 in got),
          f"a tint does not span the code background: {got}")
    text = [line.rstrip() for line in pdftext(r.pdf).split("\n") if line.strip()]
    check(text[: 2 * len(lines)] == lines + lines, f"text: {text}")


@test
def test_inline_code_text(c):
    """Inline code with runs of spaces, in a paragraph of two lines on a narrow page: pdftotext gives the
    lines in order with the spaces as typed (poppler read the gaps as columns: 'Inline kubectl', 'text.',
    'get')."""
    d = c.dir()
    md = d / "inline.md"
    md.write_text('+++\n[galley.page]\nsize = ["80mm", "60mm"]\nmargins = "5mm"\n+++\n\n'
                  "Inline `kubectl  get  pods` and `a  b` in text.\n")
    r = Run(c.galley, md).ok()
    got = [line.rstrip() for line in pdftext(r.pdf).split("\n") if line.strip()]
    check(len(got) >= 3 and " ".join(got[:-1]) == "Inline kubectl  get  pods and a  b in text.",
          f"pdftotext gives {got}")  # the last line is the folio


def main():
    ap = argparse.ArgumentParser(description="galley tables, footnotes and figures tests")
    ap.add_argument("galley")
    ap.add_argument("-k", nargs="*", default=None, help="only tests whose name contains one of these")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    a = ap.parse_args()
    galley = Path(a.galley).resolve()
    if not galley.exists():
        print(f"error: {galley} not found", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="galley-layout-"))
    failed = 0
    try:
        for name, fn in TESTS:
            if a.k and not any(k in name for k in a.k):
                continue
            c = Ctx(galley, tmp / name)
            try:
                fn(c)
                status, msg = "PASS", ""
            except AssertionError as e:
                status, msg = "FAIL", str(e)
            except Exception:
                status, msg = "FAIL", "exception: " + traceback.format_exc().strip().splitlines()[-1]
            failed += status == "FAIL"
            figures = f" [{'; '.join(c.notes)}]" if c.notes else ""
            print(f"{status} {name}" + (f": {msg}" if msg else "") + figures, flush=True)
    finally:
        if a.keep:
            print(f"temporary files kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
