#!/usr/bin/env python3
"""PDF standards and metadata (issue 18): --pdf-standard a-2b / a-2u / ua-1 output passes
check_pdfa.py on the shared corpus and the examples; the XMP packet parses as XML and agrees with
what pdfinfo reads from Info; dates come from SOURCE_DATE_EPOCH or the front matter, never the
clock, so two runs give the same bytes; pictures PDF/A cannot hold are refused by name.

usage: test_pdfa.py GALLEY [--shared DIR] [--out DIR] [-k SUBSTRING ...]

Prints one line per test (PASS / FAIL); exit 0 when nothing failed, 1 otherwise, 2 usage.
"""
import argparse
import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile
import traceback
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CHECKER = HERE / "check_pdfa.py"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
DC = "{http://purl.org/dc/elements/1.1/}"
XMP = "{http://ns.adobe.com/xap/1.0/}"
PDF = "{http://ns.adobe.com/pdf/1.3/}"
TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


class Failure(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Failure(msg)


class Ctx:
    def __init__(self, galley, shared, out):
        self.galley, self.shared, self.out = galley, shared, out

    def run(self, *args, cwd=None, env=None):
        e = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        e.update(env or {})
        p = subprocess.run([str(self.galley), *map(str, args)], cwd=cwd, capture_output=True, env=e, timeout=300)
        p.err = p.stderr.decode("utf-8", "replace")
        return p

    def dir(self, name):
        d = self.out / name
        shutil.rmtree(d, ignore_errors=True)
        d.mkdir(parents=True)
        return d


def checker(pdf, expect):
    """check_pdfa.py, and for ua-1 also check_structure.py (the PDF/UA-1 structure conditions)."""
    p = subprocess.run([sys.executable, str(CHECKER), "-q", "--expect", expect, str(pdf)], capture_output=True,
                       text=True)
    code, report = p.returncode, (p.stdout + p.stderr).strip()
    if "ua-1" in expect:
        s = subprocess.run([sys.executable, str(HERE / "check_structure.py"), str(pdf)], capture_output=True,
                           text=True)
        code = code or s.returncode
        report = "\n".join(r for r in (report, (s.stdout + s.stderr).strip() if s.returncode else "") if r)
    return code, report


def xmp_of(pdf):
    """The XMP packet as `pdfinfo -meta` prints it, parsed."""
    text = subprocess.run(["pdfinfo", "-meta", str(pdf)], capture_output=True).stdout
    check(text.strip(), f"{pdf.name}: pdfinfo -meta prints no metadata")
    return ET.fromstring(text)


def info_of(pdf):
    """pdfinfo's fields (text in UTF-8, dates in ISO 8601)."""
    out = subprocess.run(["pdfinfo", "-enc", "UTF-8", "-isodates", str(pdf)], capture_output=True).stdout.decode()
    fields = {}
    for line in out.splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return fields


def prop(root, tag):
    el = root.find(f".//{RDF}Description/{tag}")
    if el is None:
        return None
    items = [li.text or "" for li in el.iter(f"{RDF}li")]
    return items if items else (el.text or "")


def documents(c):
    """The shared corpus documents that render, and the examples."""
    docs = sorted((c.shared / "corpus").glob("*.md")) if (c.shared / "corpus").is_dir() else []
    return docs + sorted((REPO / "examples").glob("*.md"))


@test
def test_corpus_and_examples_pass_the_checker(c):
    """Every document that renders passes check_pdfa.py as a-2b,ua-1 and as a-2u."""
    d = c.dir("standards")
    rendered = 0
    problems = []
    for md in documents(c):
        plain = c.run(md, "-o", d / f"{md.stem}.plain.pdf", cwd=md.parent)
        for standard in ("a-2b,ua-1", "a-2u"):
            out = d / f"{md.stem}.{standard.replace(',', '_')}.pdf"
            p = c.run(md, "--pdf-standard", standard, "-o", out, cwd=md.parent)
            if plain.returncode != 0:
                check(p.returncode == plain.returncode, f"{md.name}: exit {p.returncode} with {standard}, "
                                                        f"{plain.returncode} without")
                continue
            if p.returncode != 0 and not ("ua-1" in standard and "[pdfua.title]" in p.err):
                problems.append(f"{md.name} --pdf-standard {standard}: exit {p.returncode}: {p.err.strip()}")
                continue
            if p.returncode != 0:
                check(not out.exists(), f"{md.name}: a PDF that claims PDF/UA-1 without a title was written")
                continue
            rendered += 1
            code, report = checker(out, standard)
            # A document without a title cannot meet PDF/UA-1; galley says so (pdfua.title).
            untitled = "pdfua.title" in p.err and all("Matterhorn 06-003" in l or "Matterhorn 07-00" in l
                                                      for l in report.splitlines())
            if code != 0 and not untitled:
                problems.append(f"{md.name} --pdf-standard {standard}:\n{report}")
    check(rendered >= 4, f"only {rendered} renders")
    check(not problems, "\n".join(problems))


@test
def test_xmp_parses_and_agrees_with_info(c):
    """Markup characters, quotes and non-ASCII in the title give XML that parses,
    with the very values pdfinfo reads from Info; dates are the front matter's instant."""
    d = c.dir("xmp")
    title = 'R&D <"draft"> \'Q3\' — Übersicht 日本'
    (d / "a.md").write_text("---\ntitle: '" + title.replace("'", "''") + "'\n"
                            "author: [Ada Lovelace, \"Grace <Hopper>\"]\n"
                            "description: Sales & costs\nkeywords: [pdf, a&b]\ntags: [x]\n"
                            "date: 2024-03-05T06:07:08+01:00\nlang: de-DE\n---\n\nBody.\n", encoding="utf-8")
    for standard in ([], ["--pdf-standard", "a-2b,ua-1"]):
        p = c.run("a.md", *standard, cwd=d)
        check(p.returncode == 0, f"exit {p.returncode}: {p.err}")
        root = xmp_of(d / "a.pdf")
        info = info_of(d / "a.pdf")
        check(prop(root, f"{DC}title") == [title] == [info.get("Title")],
              f"dc:title {prop(root, f'{DC}title')!r}, pdfinfo Title {info.get('Title')!r}")
        check(prop(root, f"{DC}creator") == ['Ada Lovelace, Grace <Hopper>'] == [info.get("Author")],
              f"dc:creator {prop(root, f'{DC}creator')!r}, Author {info.get('Author')!r}")
        check(prop(root, f"{DC}description") == ["Sales & costs"] == [info.get("Subject")],
              f"dc:description {prop(root, f'{DC}description')!r}, Subject {info.get('Subject')!r}")
        check(prop(root, f"{PDF}Keywords") == info.get("Keywords") == "x, pdf, a&b",
              f"pdf:Keywords {prop(root, f'{PDF}Keywords')!r}, Keywords {info.get('Keywords')!r}")
        check(prop(root, f"{DC}subject") == ["x", "pdf", "a&b"], f"dc:subject {prop(root, f'{DC}subject')!r}")
        check(prop(root, f"{DC}language") == ["de-DE"], f"dc:language {prop(root, f'{DC}language')!r}")
        check(prop(root, f"{PDF}Producer") == info.get("Producer") and info.get("Producer", "").startswith("galley"),
              f"pdf:Producer {prop(root, f'{PDF}Producer')!r}, Producer {info.get('Producer')!r}")
        check(prop(root, f"{XMP}CreatorTool") == info.get("Creator"), "xmp:CreatorTool is not Info Creator")
        want = datetime.datetime(2024, 3, 5, 5, 7, 8, tzinfo=datetime.timezone.utc)
        for tag, key in ((f"{XMP}CreateDate", "CreationDate"), (f"{XMP}ModifyDate", "ModDate")):
            x = datetime.datetime.fromisoformat(prop(root, tag))
            i = datetime.datetime.fromisoformat(info.get(key, "").replace("Z", "+00:00"))
            check(x == i == want, f"{tag} {x}, Info {key} {i}, front matter {want}")
        code, report = checker(d / "a.pdf", "a-2b,ua-1" if standard else "a-2b")
        if standard:
            check(code == 0, report)
        else:  # the plain file has XMP that agrees, and no output intent or pdfaid
            check("6.6.3" not in report and "6.6.2.1" not in report and "6.2.2" in report, report)


@test
def test_reproducible_bytes_and_dates_without_a_clock(c):
    """SOURCE_DATE_EPOCH gives Info and XMP the same instant and two runs the same bytes, /ID
    included; with no date at all there is none in either, and still the same bytes."""
    d = c.dir("reproducible")
    (d / "a.md").write_text("# Report\n\nText with a [link](https://example.com).\n")
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    runs = []
    for out in ("1.pdf", "2.pdf"):
        p = c.run("a.md", "--pdf-standard", "a-2u,ua-1", "-o", out, cwd=d, env=env)
        check(p.returncode == 0, p.err)
        runs.append((d / out).read_bytes())
    check(runs[0] == runs[1], "two runs with SOURCE_DATE_EPOCH differ")
    check(re.search(rb"/ID \[<[0-9A-Fa-f]{32}> <[0-9A-Fa-f]{32}>\]", runs[0]), "no trailer /ID")
    root = xmp_of(d / "1.pdf")
    check(prop(root, f"{XMP}CreateDate") == "2023-11-14T22:13:20+00:00",
          f"xmp:CreateDate {prop(root, f'{XMP}CreateDate')!r}")
    check(info_of(d / "1.pdf").get("CreationDate") == "2023-11-14T22:13:20Z", "Info CreationDate")
    for out in ("3.pdf", "4.pdf"):
        check(c.run("a.md", "--pdf-standard", "a-2b", "-o", out, cwd=d).returncode == 0, "render without a date")
    check((d / "3.pdf").read_bytes() == (d / "4.pdf").read_bytes(), "two runs without a date differ")
    root = xmp_of(d / "3.pdf")
    check(prop(root, f"{XMP}CreateDate") is None and "CreationDate" not in info_of(d / "3.pdf"),
          "a date was written without SOURCE_DATE_EPOCH or a front matter date")


@test
def test_pictures_pdfa_cannot_hold_are_refused_by_name(c):
    """A CMYK JPEG and a PDF picture whose font is not embedded stop a PDF/A render with
    pdfa.picture naming the file; without PDF/A they render."""
    d = c.dir("pictures")
    shutil.copy(REPO / "tests/images/cmyk-plain.jpg", d / "cmyk.jpg")
    (d / "helvetica.pdf").write_bytes(pdf_with_helvetica())
    for picture in ("cmyk.jpg", "helvetica.pdf"):
        (d / "a.md").write_text(f"# Pictures\n\n![a picture]({picture})\n")
        p = c.run("a.md", "--pdf-standard", "a-2b", cwd=d)
        check(p.returncode == 1, f"{picture}: exit {p.returncode}: {p.err}")
        check(re.search(rf"{re.escape(picture)}: error: picture '[^']*{re.escape(picture)}' cannot be part of a "
                        rf"PDF/A-2 file.*\[pdfa.picture\]", p.err), f"{picture}: {p.err!r}")
        check(not (d / "a.pdf").exists(), f"{picture}: a PDF was left")
        p = c.run("a.md", cwd=d)
        check(p.returncode == 0, f"{picture} without PDF/A: exit {p.returncode}: {p.err}")
        (d / "a.pdf").unlink()


@test
def test_ua1_refuses_untagged_output_and_names_pictures_without_alt_text(c):
    """ua-1 with --untagged, pdf.tagged = false or imposed sheets is an error (pdfua.untagged)
    and writes nothing; so is a picture without alt text (image.alt), named."""
    d = c.dir("ua1")
    shutil.copy(REPO / "tests/images/vector/paths.svg", d / "p.svg")
    (d / "a.md").write_text("# Report\n\nText.\n")
    for extra in (["--untagged"], ["-M", "galley.pdf.tagged=false"], ["--layout", "2up"]):
        p = c.run("a.md", "--pdf-standard", "ua-1", *extra, cwd=d)
        check(p.returncode == 1 and "[pdfua.untagged]" in p.err, f"{extra}: exit {p.returncode}: {p.err}")
        check(not (d / "a.pdf").exists(), f"{extra}: a PDF was written")
    (d / "b.md").write_text("# Report\n\n![](p.svg)\n")
    p = c.run("b.md", "--pdf-standard", "ua-1", cwd=d)
    check(p.returncode == 1 and "[image.alt]" in p.err and "p.svg" in p.err, f"exit {p.returncode}: {p.err}")
    check(not (d / "b.pdf").exists(), "a PDF that claims PDF/UA-1 with a picture without alt text was written")
    p = c.run("b.md", cwd=d)
    check("[image.alt]" not in p.err, f"without ua-1: {p.err}")


@test
def test_vector_pictures_pass_as_pdfa(c):
    """The test SVGs (gradients, masks, patterns, text, embedded rasters, which cairo marks for
    interpolation) and a PDF chart go into a PDF/A-2u file that passes the checker."""
    d = c.dir("vectors")
    names = [p.name for p in sorted((REPO / "tests/images/vector").iterdir())
             if p.suffix in (".svg", ".pdf") and p.stem not in ("malformed", "broken", "encrypted")]
    for name in names:
        shutil.copy(REPO / "tests/images/vector" / name, d / name)
    (d / "v.md").write_text("# Vectors\n\n" + "\n\n".join(f"![{n}]({n})" for n in names) + "\n")
    p = c.run("v.md", "--pdf-standard", "a-2u,ua-1", cwd=d)
    check(p.returncode == 0 and not p.err, f"exit {p.returncode}: {p.err}")
    code, report = checker(d / "v.pdf", "a-2u,ua-1")
    check(code == 0, report)


@test
def test_missing_glyph_is_no_notdef_in_pdfa(c):
    """A character no font has is warned about and, under PDF/A, drawn as a box path instead of
    the .notdef glyph PDF/A forbids (6.2.11.8)."""
    d = c.dir("notdef")
    (d / "a.md").write_text("# T\n\nA \U000F0000 b\n", encoding="utf-8")
    p = c.run("a.md", "--no-system-fonts", "--pdf-standard", "a-2b", cwd=d)
    check(p.returncode == 0 and "font.glyph" in p.err, f"exit {p.returncode}: {p.err}")
    code, report = checker(d / "a.pdf", "a-2b")
    check(code == 0, report)


@test
def test_transparent_picture_page_names_its_blending_space(c):
    """A page that draws a PNG with alpha has /Group /S /Transparency /CS (PDF 32000-1, 11.4.7;
    PDF/A-2 6.2.10), also without PDF/A."""
    d = c.dir("group")
    shutil.copy(REPO / "tests/images/rgba-8.png", d / "p.png")
    (d / "a.md").write_text("# T\n\n![alpha](p.png)\n")
    check(c.run("a.md", cwd=d).returncode == 0, "render")
    pages = subprocess.run(["qpdf", "--show-pages", str(d / "a.pdf")], capture_output=True, text=True).stdout
    first = re.search(r"page 1: (\d+) 0 R", pages)
    check(first, pages)
    page = subprocess.run(["qpdf", f"--show-object={first.group(1)}", str(d / "a.pdf")], capture_output=True,
                          text=True).stdout
    check("/Group << /CS /DeviceRGB /S /Transparency /Type /Group >>" in page, f"page 1: {page}")


@test
def test_checker_finds_what_pdfa_forbids(c):
    """check_pdfa.py itself fails a file that breaks the conditions: a hand-made PDF (no binary
    comment, no /ID, no XMP, no output intent, Helvetica not embedded), and galley's own PDF/A
    file with its XMP title changed so that it no longer agrees with Info."""
    d = c.dir("checker")
    (d / "bad.pdf").write_bytes(pdf_with_helvetica(bad_icc=True))
    code, report = checker(d / "bad.pdf", "a-2b,ua-1")
    check(code == 1, report)
    for clause in ("6.1.2", "6.1.3", "6.2.2", "6.2.4.2", "6.2.11.4.1", "6.6.2.1", "07-001"):
        check(f": {clause}" in report or clause in report, f"the checker misses {clause}:\n{report}")
    (d / "a.md").write_text("# Report\n\nText.\n")
    check(c.run("a.md", "--pdf-standard", "a-2b", cwd=d).returncode == 0, "render")
    good = (d / "a.pdf").read_bytes()
    check(checker(d / "a.pdf", "a-2b")[0] == 0, "galley's file fails")
    (d / "b.pdf").write_bytes(good.replace(b'"x-default">Report<', b'"x-default">Rep0rt<', 1))
    code, report = checker(d / "b.pdf", "a-2b")
    check(code == 1 and "6.6.3: Info Title 'Report' but XMP dc:title 'Rep0rt'" in report, report)
    code, report = checker(d / "a.pdf", "a-2u")
    check(code == 1 and "6.6.4" in report, f"a-2b declared, a-2u expected: {report}")


def pdf_with_helvetica(bad_icc=False):
    """A one-page PDF that shows text in Helvetica without embedding it; with `bad_icc`, its page
    also names an ICCBased colour space whose profile is no profile."""
    content = b"BT /F1 24 Tf 10 10 Td (Hi) Tj ET"
    spaces = b"/ColorSpace << /CS0 [/ICCBased 6 0 R] >>" if bad_icc else b""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 50] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> " + spaces + b" >> >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    if bad_icc:
        objects.append(b"<< /N 3 /Length 4 >>\nstream\njunk\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("galley", type=Path)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--out", type=Path)
    ap.add_argument("-k", action="append", default=[])
    args = ap.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="galley-pdfa-"))
    c = Ctx(args.galley.resolve(), args.shared.resolve(), out)
    failed = 0
    for fn in TESTS:
        name = fn.__name__.removeprefix("test_")
        if args.k and not any(k in name for k in args.k):
            continue
        try:
            fn(c)
            print(f"PASS {name}")
        except Failure as e:
            failed += 1
            print(f"FAIL {name}: {e}")
        except Exception:
            failed += 1
            print(f"FAIL {name}:\n{traceback.format_exc()}")
    if not args.out:
        shutil.rmtree(out, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
