#!/usr/bin/env python3
"""Tagged PDF (issue 18): the structure tree against the document, content streams, PDF/UA checks.

usage: test_tagged.py GALLEY --shared DIR [--examples DIR] [-k SUBSTRING ...]

1. `pdfinfo -struct-text` of each shared corpus document gives its headings, paragraphs, list
   items, table cells and footnotes in source order with the right types: compared with the
   document as libcmark-gfm parses it (through ctypes: the same grammar, none of galley's code).
2. Every text-showing operator of every page is inside an MCID sequence or an /Artifact (the
   content streams walked through qpdf --json), counting both.
3. check_structure.py (PDF/UA-1 structure conditions) holds on the corpus and the examples;
   --untagged and pdf.tagged = false write no structure; bytes stay reproducible with the writer
   thread on or off; a batch of files is tagged file by file; a table over pages is one Table.
Exit 0 when every test passed, 1 otherwise, 77 when the corpus is absent.
"""

import argparse
import ctypes
import os
import re
import subprocess
import sys
import tempfile
import traceback
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import check_structure  # noqa: E402
from pdf_structure import TEXT_OPERATORS, Pdf, in_artifact, marked_content, mcid_of  # noqa: E402

TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, **kw)


def render(galley, md, out, *args, env=None):
    r = run([galley, "-q", str(md), "-o", str(out), *args], env=env)
    return r.returncode == 0 and Path(out).exists()


# --- the document as libcmark-gfm parses it ---------------------------------------------------

_cmark = None


def cmark_xml(markdown):
    global _cmark
    if _cmark is None:
        core = ctypes.CDLL("libcmark-gfm.so")
        ext = ctypes.CDLL("libcmark-gfm-extensions.so")
        ext.cmark_gfm_core_extensions_ensure_registered()
        core.cmark_parser_new.restype = ctypes.c_void_p
        core.cmark_find_syntax_extension.restype = ctypes.c_void_p
        core.cmark_find_syntax_extension.argtypes = [ctypes.c_char_p]
        core.cmark_parser_attach_syntax_extension.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        core.cmark_parser_feed.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t]
        core.cmark_parser_finish.restype = ctypes.c_void_p
        core.cmark_parser_finish.argtypes = [ctypes.c_void_p]
        core.cmark_render_xml.restype = ctypes.c_void_p
        core.cmark_render_xml.argtypes = [ctypes.c_void_p, ctypes.c_int]
        _cmark = core
    core = _cmark
    parser = core.cmark_parser_new(1 << 13)  # CMARK_OPT_FOOTNOTES
    for name in (b"table", b"strikethrough", b"autolink", b"tasklist"):
        core.cmark_parser_attach_syntax_extension(parser, core.cmark_find_syntax_extension(name))
    data = markdown.encode()
    core.cmark_parser_feed(parser, data, len(data))
    root = core.cmark_parser_finish(parser)
    xml = ctypes.string_at(core.cmark_render_xml(root, 0)).decode()
    xml = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]|&#x?0*(?:[0-8bcef]|1[0-9a-f]);", "", xml)  # not XML 1.0
    # This libcmark-gfm's XML renderer names footnote nodes "<unknown>": a reference empty, a
    # definition with its blocks inside.
    xml = xml.replace("<<unknown>", "<unknown").replace("</<unknown>>", "</unknown>")
    return ET.fromstring(re.sub(r'<!DOCTYPE[^>]*>', "", xml))


def body_of(text):
    """The Markdown body after YAML/TOML/JSON front matter (a BOM and CRLF allowed)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    for fence in ("---", "+++"):
        if text.startswith(fence + "\n"):
            end = text.find("\n" + fence + "\n", len(fence))
            if end >= 0:
                return text[end + len(fence) + 2:]
    return text


def plain(node):
    """A node's text as it prints (code spans and text, breaks as spaces), up to its first
    footnote reference (whose number the model does not know)."""
    out = []
    for el in node.iter():
        tag = el.tag.split("}")[-1]
        if tag == "unknown" and not len(el):
            break
        if tag in ("text", "code") and el.text:
            out.append(el.text)
        elif tag in ("softbreak", "linebreak"):
            out.append(" ")
    return "".join(out)


def norm(text):
    """Letters and digits only, lower case: line joins, quotes and spaces aside."""
    return "".join(c for c in text.lower() if c.isalnum())


def model(markdown):
    """(kind, text) in source order: heading levels, paragraphs, items, cells, notes."""
    root = cmark_xml(body_of(markdown))
    out = []

    def walk(node, in_note):
        tag = node.tag.split("}")[-1]
        if tag == "heading":
            out.append((f"H{node.get('level')}", plain(node)))
            return
        if tag == "paragraph":
            # A paragraph of a lone picture is a figure (its alt text is the Figure's /Alt).
            kids = [c for c in node if not (c.tag.split("}")[-1] == "text" and not (c.text or "").strip())]
            lone_image = len(kids) == 1 and kids[0].tag.split("}")[-1] == "image"
            out.append(("Figure" if lone_image else "P", plain(node)))
            return
        if tag == "item":
            out.append(("LI", ""))
        if tag == "table_cell":
            out.append(("TH" if node.get("header") == "true" or in_header[0] else "TD", plain(node)))
            return
        if tag == "table_header":
            in_header[0] = True
        if tag in ("footnote_definition", "unknown") and len(node):
            out.append(("Note", plain(node)))
            return
        for child in node:
            walk(child, in_note)
        if tag == "table_header":
            in_header[0] = False

    in_header = [False]
    walk(root, False)
    return out


def struct_text(pdf):
    """pdfinfo -struct-text as (type, text) per element, text of its own quoted lines joined."""
    out = []
    for line in run(["pdfinfo", "-struct-text", str(pdf)]).stdout.splitlines():
        m = re.match(r"^(\s*)([A-Za-z][A-Za-z0-9]*)(?: <[^>]*>)?(?: \((?:block|inline)\))?:?$", line)
        if m:
            out.append([m.group(2), "", len(m.group(1))])
            continue
        q = re.match(r'^\s*"(.*)"$', line)
        if q and out:
            # Text belongs to the innermost element above it and to its ancestors.
            indent = len(line) - len(line.lstrip())
            for e in reversed(out):
                if e[2] < indent:
                    e[1] += q.group(1)
                    indent = e[2]
                    if e[0] == "Note":  # a note is not part of the paragraph that calls it
                        break
    return [(t, s) for t, s, _ in out]


def in_order(expected, actual, what):
    """Each expected (type, text) found in `actual` after the previous one (text compared by
    norm, a prefix being enough for a paragraph split around a figure)."""
    i = 0
    for kind, text in expected:
        want = norm(text)
        while i < len(actual):
            k, t = actual[i]
            i += 1
            got = norm(t)
            # poppler's -struct-text gives a marked-content sequence's text in content order,
            # which for right-to-left runs is visual order (pdftotext reorders, -struct-text
            # does not): such text is compared reversed too (ARCHITECTURE, Tagged PDF, Limits).
            if any("\u0590" <= c <= "\u08ff" for c in t) and got[::-1] == want:
                got = want
            # A note's text comes after its number (its Lbl).
            if k == kind and (got == want or (kind in ("P", "Note") and want and got.startswith(want[:40])) or
                              (kind == "Note" and want and want[:40] in got)):
                break
        else:
            raise AssertionError(f"{what}: {kind} {text[:60]!r} not found in source order")


@test
def struct_text_follows_the_document(ctx):
    checked = 0
    for md in sorted(ctx.shared.glob("*.md")):
        if ctx.only and not any(k in md.name for k in ctx.only):
            continue
        pdf = ctx.tmp / (md.stem + ".pdf")
        if not render(ctx.galley, md, pdf):
            continue  # the corpus's error cases
        expected = model(md.read_text(encoding="utf-8", errors="replace"))
        actual = struct_text(pdf)
        assert run(["pdfinfo", str(pdf)]).stdout.count("Tagged:          yes") == 1, f"{md.name}: not tagged"
        headings = [(k, t) for k, t in expected if k.startswith("H")]
        in_order(headings, [(k, t) for k, t in actual if k.startswith("H")], f"{md.name} headings")
        cells = [(k, t) for k, t in expected if k in ("TH", "TD")]
        got_cells = [(k, t) for k, t in actual if k in ("TH", "TD")]
        assert [(k, norm(t)) for k, t in cells] == [(k, norm(t)) for k, t in got_cells], \
            f"{md.name}: table cells differ from the document's"
        notes = [(k, t) for k, t in expected if k == "Note"]
        in_order(notes, [(k, t) for k, t in actual if k == "Note"], f"{md.name} notes")
        items = sum(1 for k, _ in expected if k == "LI")
        assert sum(1 for k, _ in actual if k == "LI") >= items, f"{md.name}: fewer LI than list items"
        # Right-to-left and Indic paragraphs are left out: their marked content reads in visual
        # order (see the comment in in_order), several runs a line (ARCHITECTURE, Limits).
        paragraphs = [(k, t) for k, t in expected if k == "P" and norm(t) and
                      not any("\u0590" <= c <= "\u0dff" for c in t)]
        in_order(paragraphs, [(k, t) for k, t in actual if k in ("P", "Lbl")], f"{md.name} paragraphs")
        checked += 1
        print(f"    {md.name}: {len(headings)} headings, {len(paragraphs)} paragraphs, {items} items, "
              f"{len(cells)} cells, {len(notes)} notes in order")
    assert checked >= 5, f"only {checked} corpus documents rendered"


def count_marked(pdf_path):
    pdf = Pdf(pdf_path)
    tagged = artifact = loose = 0
    for page in pdf.pages:
        for op, stack in marked_content(pdf.content(page)):
            if op not in TEXT_OPERATORS:
                continue
            if mcid_of(stack) is not None and not in_artifact(stack):
                tagged += 1
            elif in_artifact(stack) and mcid_of(stack) is None:
                artifact += 1
            else:
                loose += 1
    return tagged, artifact, loose


@test
def every_text_operator_is_tagged_or_an_artifact(ctx):
    docs = sorted(ctx.shared.glob("*.md")) + sorted(ctx.examples.glob("*.md"))
    for md in docs:
        if ctx.only and not any(k in md.name for k in ctx.only):
            continue
        pdf = ctx.tmp / ("ops-" + md.stem + ".pdf")
        if not render(ctx.galley, md, pdf):
            continue
        tagged, artifact, loose = count_marked(pdf)
        print(f"    {md.name}: {tagged} text operators tagged, {artifact} artifacts, {loose} neither")
        assert loose == 0, f"{md.name}: {loose} text operators outside marked content"
        if body_of(md.read_text(encoding="utf-8", errors="replace")).strip():
            assert tagged > 0, f"{md.name}: no tagged text"


@test
def pdf_ua_structure_checker_passes(ctx):
    for md in sorted(ctx.shared.glob("*.md")) + sorted(ctx.examples.glob("*.md")):
        if ctx.only and not any(k in md.name for k in ctx.only):
            continue
        pdf = ctx.tmp / ("ua-" + md.stem + ".pdf")
        if not render(ctx.galley, md, pdf):
            continue
        report = check_structure.check(pdf)
        failures = {k: v for k, v in report.failures.items() if not k.startswith("title: the document has no title")}
        assert not failures, f"{md.name}: {failures}"


@test
def untagged_option_and_style_key_leave_the_structure_out(ctx):
    md = ctx.shared / "gfm-tour.md"
    for args in (["--untagged"], ["-M", "galley.pdf.tagged=false"]):
        pdf = ctx.tmp / "untagged.pdf"
        assert render(ctx.galley, md, pdf, *args), args
        assert "Tagged:          no" in run(["pdfinfo", str(pdf)]).stdout, args
        tagged, artifact, _ = count_marked(pdf)
        assert tagged == 0 and artifact == 0, args


@test
def tagged_bytes_are_reproducible_and_the_same_on_one_or_two_threads(ctx):
    md = ctx.shared / "gfm-tour.md"
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    outs = []
    for threads in ("1", "2", "1"):
        pdf = ctx.tmp / f"repro-{len(outs)}.pdf"
        assert render(ctx.galley, md, pdf, "--threads", threads, env=env)
        outs.append(pdf.read_bytes())
    assert outs[0] == outs[1] == outs[2], "tagged output differs between runs or thread counts"


@test
def a_batch_is_tagged_file_by_file(ctx):
    out = ctx.tmp / "batch"
    mds = [ctx.shared / "gfm-tour.md", ctx.shared / "team-report.md"]
    r = run([ctx.galley, "-q", *map(str, mds), "--output-dir", str(out)])
    assert r.returncode == 0, r.stderr
    for md in mds:
        pdf = out / (md.stem + ".pdf")
        assert not check_structure.check(pdf).failures, pdf


@test
def a_table_over_pages_is_one_table_and_a_note_follows_its_call(ctx):
    rows = "\n".join(f"| r{i} | v{i} |" for i in range(120))
    md = ctx.tmp / "long.md"
    md.write_text("---\ntitle: Long\n---\n\nSee[^a] below.\n\n| K | V |\n|---|---|\n" + rows +
                  "\n\n[^a]: The note.\n", encoding="utf-8")
    pdf = ctx.tmp / "long.pdf"
    assert render(ctx.galley, md, pdf)
    assert int(re.search(r"Pages:\s+(\d+)", run(["pdfinfo", str(pdf)]).stdout).group(1)) >= 3
    s = struct_text(pdf)
    types = [k for k, _ in s]
    assert types.count("Table") == 1 and types.count("TR") == 121, "the table is split in the structure"
    assert [t for k, t in s if k == "TD"][:4] == ["r0", "v0", "r1", "v1"]
    link = types.index("Link")
    assert types[link + 1] == "Note", "the note does not follow its call"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("galley")
    ap.add_argument("--shared", required=True)
    ap.add_argument("--examples", default=str(HERE.parents[1] / "examples"))
    ap.add_argument("-k", action="append", default=[])
    args = ap.parse_args()
    shared = Path(args.shared) / "corpus"
    if not shared.is_dir():
        print(f"SKIP: no corpus at {shared}")
        return 77

    class Ctx:
        pass

    failed = 0
    with tempfile.TemporaryDirectory(prefix="galley-tagged-") as tmp:
        ctx = Ctx()
        ctx.galley, ctx.shared, ctx.examples, ctx.tmp, ctx.only = args.galley, shared, Path(args.examples), Path(tmp), []
        for fn in TESTS:
            try:
                fn(ctx)
                print(f"PASS {fn.__name__}")
            except Exception as e:  # noqa: BLE001 - a failed test prints and counts
                failed += 1
                print(f"FAIL {fn.__name__}: {e}")
                if not isinstance(e, AssertionError):
                    traceback.print_exc()
    print(f"{len(TESTS) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
