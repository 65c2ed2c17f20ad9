#!/usr/bin/env python3
"""Integration driver: run galley over the shared corpus, the seed and examples/, then check every PDF.

usage:
  run_corpus.py GALLEY [--shared DIR] [--out DIR] [--known-failures FILE] [--examples DIR]
                       [--no-corpus] [--only NAME ...] [--soft] [-v]

For every ../shared/corpus/*.md (and every ../shared/seeds/*.txt) it runs, with the document's folder as
the working directory,

    GALLEY X.md -o OUT/X.pdf            (stderr -> OUT/X.stderr)
    python3 check_expect.py X.expect.toml OUT/X.pdf --exit CODE --stderr OUT/X.stderr

and adds the global acceptance checks for every successful document:

  * galley did not crash (exit status 0 or 1, no signal, no timeout);
  * `qpdf --check` exits 0 (the checker accepts 3 = warnings; we do not);
  * `pdffonts` lists only embedded, subset fonts: galley's CID fonts (CID TrueType / CID Type 0C,
    optionally "(OT)") and the simple fonts SVG and PDF pictures bring (TrueType, Type 1C, Type 3);
  * no glyph is drawn outside the page according to `mutool trace` (pdftotext -bbox drops text that is
    entirely off the page, so check_expect.py's word-box check cannot see it);
  * stderr lines are `FILE:LINE:COL: warning|error: message` or `galley: ...` (soft, reported only).

Text outside the MediaBox is checked by check_expect.py itself. examples/*.md (--examples) have no
expectation file unless one is put next to them; they get the global checks plus the checker's global
checks (qpdf, pages >= 1, nothing clipped, no dangling internal link) through a generated minimal
expectation file; a real examples/X.expect.toml is used when present.

Known failures (--known-failures FILE): lines `document: check-substring  # reason`. `document` is the
file name or its stem (`gfm-tour` or `gfm-tour.md`); `check-substring` is matched against the failing
check lines (for example `images 0 >= 4`, or `URI link 'https://`); `*` matches every failing check of
that document. A matching hard failure is reported as XFAIL and does not fail the run; an entry whose
check now passes is reported as XPASS (does not fail the run either; remove the entry).

Exit status: 0 all hard checks pass (or are known failures), 1 a hard check failed, 2 usage,
77 the shared folder is missing (ctest SKIP_RETURN_CODE) and there is nothing else to check.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

SKIP = 77
REPO = Path(__file__).resolve().parents[2]
ALLOWED_FONT_TYPES = {"CID TrueType", "CID TrueType (OT)", "CID Type 0C", "CID Type 0C (OT)",
                      # fonts an SVG or PDF picture brings (cairo writes simple subset fonts)
                      "TrueType", "TrueType (OT)", "Type 1C", "Type 1C (OT)", "Type 3"}
DIAG_RE = re.compile(r"^(.+):(\d+):(\d+): (warning|error): .+$|^galley: .+$")


@dataclass
class Doc:
    name: str            # display name, e.g. "gfm-tour" or "seed/000_d55ac59a4849594c"
    source: Path         # input file
    expect: Path | None  # expectation file (None: examples without one)
    kind: str            # "corpus", "seed", "example"


@dataclass
class Result:
    doc: Doc
    exit: int | None = None
    hard: list = field(default_factory=list)    # failing hard check lines (without the "FAIL " tag)
    soft: list = field(default_factory=list)
    xfail: list = field(default_factory=list)
    xpass: list = field(default_factory=list)   # known-failure entries that did not fail
    checker_out: str = ""
    evaluated: bool = True                      # False when the checks could not run (no PDF, crash)


def parse_known_failures(path):
    entries = []  # (doc, substring, reason, lineno)
    if not path:
        return entries
    p = Path(path)
    if not p.exists():
        print(f"warning: known-failures file {p} not found; ignoring", file=sys.stderr)
        return entries
    for n, raw in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        reason = ""
        if " #" in line:
            line, reason = line.split(" #", 1)
            line, reason = line.strip(), reason.strip()
        if ":" not in line:
            print(f"warning: {p}:{n}: expected 'document: check-substring', ignoring", file=sys.stderr)
            continue
        d, sub = line.split(":", 1)
        d = d.strip()
        for suffix in (".md", ".txt"):
            if d.endswith(suffix):
                d = d[: -len(suffix)]
        entries.append((d, sub.strip(), reason, n))
    return entries


def doc_key(doc):
    """The name a known-failures line uses: the file stem."""
    return doc.source.stem


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def check_fonts(pdf):
    """Return a list of failure messages (empty: ok) for pdffonts output."""
    p = run(["pdffonts", str(pdf)])
    if p.returncode != 0:
        return [f"pdffonts failed: {p.stderr.strip()[:200]}"]
    lines = p.stdout.splitlines()
    dash = next((i for i, l in enumerate(lines) if l.startswith("---")), None)
    if dash is None:
        return [f"pdffonts: unexpected output {p.stdout[:200]!r}"]
    bad = []
    for l in lines[dash + 1:]:
        if not l.strip():
            continue
        # name type... encoding emb sub uni objnum gen: parse from the right (type may contain spaces,
        # a long name may push the fixed columns)
        t = l.split()
        if len(t) < 8:
            bad.append(f"unparsable pdffonts row {l!r}")
            continue
        name, ftype, emb, sub = t[0], " ".join(t[1:-6]), t[-5], t[-4]
        probs = []
        if ftype not in ALLOWED_FONT_TYPES:
            probs.append(f"type {ftype!r}")
        if emb != "yes":
            probs.append("not embedded")
        if sub != "yes":
            probs.append("not subset")
        if probs:
            bad.append(f"font {name}: " + ", ".join(probs))
    return bad


def check_clipping(pdf):
    """Fallback when check_expect.py is unavailable: word boxes inside the page (1pt tolerance)."""
    out = run(["pdftotext", "-bbox", str(pdf), "-"]).stdout
    bad = 0
    page = None
    for line in out.splitlines():
        m = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', line)
        if m:
            page = (float(m.group(1)), float(m.group(2)))
            continue
        m = re.search(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)"', line)
        if m and page:
            x0, y0, x1, y1 = map(float, m.groups())
            if x0 < -1 or y0 < -1 or x1 > page[0] + 1 or y1 > page[1] + 1:
                bad += 1
    return bad


TRACE_PAGE = re.compile(r'<page number="(\d+)" mediabox="([-\d.e ]+)"')
TRACE_TEXT = re.compile(r'<(fill_text|stroke_text|clip_text|clip_stroke_text|ignore_text)\b.*?transform="([-\d.e ]+)"')
TRACE_SPAN = re.compile(r'<span\b.*?trm="([-\d.e ]+)"')
TRACE_GLYPH = re.compile(r'<g\b.*?unicode="([^"]*)".*?x="([-\d.e]+)" y="([-\d.e]+)"(?: adv="([-\d.e]+)")?')


def check_glyphs_outside(pdf, tol=1.0):
    """Glyphs drawn (fill/stroke) entirely or partly off the page, from `mutool trace`.

    pdftotext -bbox silently drops characters that lie completely outside the page, so the word-box check
    cannot see them. mutool trace lists every glyph origin and advance; both ends of the advance vector,
    mapped to device space (page box origin at the top left), must lie inside the page (+- tol pt).
    Returns (count, first few examples) or None when mutool is unavailable.
    """
    if shutil.which("mutool") is None:
        return None
    p = subprocess.run(["mutool", "trace", str(pdf)], capture_output=True, text=True, errors="replace")
    bad, examples = 0, []
    page = 0; w = h = 0.0; T = None; trm = (1, 0); drawn = False
    for line in p.stdout.splitlines():
        m = TRACE_PAGE.search(line)
        if m:
            page = int(m.group(1))
            x0, y0, x1, y1 = map(float, m.group(2).split())
            w, h = x1 - x0, y1 - y0
            continue
        m = TRACE_TEXT.search(line)
        if m:
            drawn = m.group(1) in ("fill_text", "stroke_text")
            T = list(map(float, m.group(2).split()))
            continue
        m = TRACE_SPAN.search(line)
        if m:
            a, b, _c, _d = map(float, m.group(1).split())
            trm = (a, b)
            continue
        if not drawn or T is None:
            continue
        m = TRACE_GLYPH.search(line)
        if not m:
            continue
        x, y = float(m.group(2)), float(m.group(3))
        adv = float(m.group(4) or 0)
        out = False
        for (px, py) in ((x, y), (x + adv * trm[0], y + adv * trm[1])):
            dx = T[0] * px + T[2] * py + T[4]
            dy = T[1] * px + T[3] * py + T[5]
            if dx < -tol or dy < -tol or dx > w + tol or dy > h + tol:
                out = True
        if out:
            bad += 1
            if len(examples) < 3:
                examples.append(f"p{page} {m.group(1)!r}@({x:.0f},{y:.0f})")
    return bad, examples


def expects_success(doc):
    if doc.expect is None:
        return True
    import tomllib
    with open(doc.expect, "rb") as f:
        return tomllib.load(f).get("run", {}).get("exit", "success") != "failure"


def run_doc(doc, galley, out, checker, timeout):
    res = Result(doc)
    stem = doc.name.replace("/", "__")
    pdf = out / f"{stem}.pdf"
    err = out / f"{stem}.stderr"
    for f in (pdf, err):
        if f.exists():
            f.unlink()
    cmd = [str(galley), doc.source.name, "-o", str(pdf)]
    try:
        with open(err, "wb") as ef:
            p = subprocess.run(cmd, cwd=doc.source.parent, stdout=subprocess.DEVNULL, stderr=ef, timeout=timeout)
        res.exit = p.returncode
    except subprocess.TimeoutExpired:
        res.hard.append(f"galley timed out after {timeout}s")
        res.evaluated = False
        return res
    except OSError as e:
        res.hard.append(f"cannot run galley: {e}")
        res.evaluated = False
        return res

    if res.exit < 0:
        res.hard.append(f"galley crashed (signal {-res.exit})")
    elif res.exit not in (0, 1):
        res.hard.append(f"galley exit status {res.exit} (expected 0 or 1)")

    # stderr format (soft)
    stderr_text = err.read_text(encoding="utf-8", errors="replace")
    odd = [l for l in stderr_text.splitlines() if l.strip() and not DIAG_RE.match(l)]
    if odd:
        res.soft.append(f"stderr line not in FILE:LINE:COL: warning|error: form: {odd[0][:100]!r}")

    success = expects_success(doc)

    # the checker (or its fallback)
    expect = doc.expect
    if expect is None and checker is not None:
        expect = out / f"{stem}.expect.toml"
        expect.write_text(f'schema = 1\nsource = "{doc.source.name}"\n[run]\nexit = "success"\n', encoding="utf-8")
    if expect is not None and checker is not None:
        p = run([sys.executable, str(checker), str(expect), str(pdf), "--exit", str(res.exit), "--stderr", str(err)],
                timeout=max(timeout, 600))
        res.checker_out = p.stdout + p.stderr
        for line in p.stdout.splitlines():
            if line.startswith("FAIL "):
                res.hard.append(line[5:])
            elif line.startswith("SOFT "):
                res.soft.append(line[5:])
        if p.returncode not in (0, 1) or "Traceback" in p.stderr:
            res.hard.append(f"checker error (exit {p.returncode}): {p.stderr.strip().splitlines()[-1:]}")
    elif success:
        # no checker: our own minimal global checks
        if res.exit != 0:
            res.hard.append(f"exit status 0 ({res.exit})")
        if not pdf.exists():
            res.hard.append("PDF exists")
        else:
            info = run(["pdfinfo", str(pdf)]).stdout
            m = re.search(r"^Pages:\s+(\d+)", info, re.M)
            if not m or int(m.group(1)) < 1:
                res.hard.append("pdfinfo: at least one page")
            n = check_clipping(pdf)
            if n:
                res.hard.append(f"no text outside the page ({n} words outside)")

    # global acceptance checks on successful documents
    if success:
        if pdf.exists() and res.exit == 0:
            q = run(["qpdf", "--check", str(pdf)])
            if q.returncode != 0:
                detail = [l for l in (q.stdout + q.stderr).splitlines() if "WARNING" in l or "error" in l.lower()]
                res.hard.append(f"global: qpdf --check exit {q.returncode}: {' | '.join(detail[:3])[:200]}")
            for msg in check_fonts(pdf):
                res.hard.append(f"global: pdffonts: {msg}")
            g = check_glyphs_outside(pdf)
            if g and g[0]:
                res.hard.append(f"global: {g[0]} glyphs drawn outside the page (mutool trace): {', '.join(g[1])}")
        else:
            res.evaluated = False
    return res


def apply_known(results, known):
    for d, sub, reason, n in known:
        matched_doc = [r for r in results if doc_key(r.doc) == d]
        for r in matched_doc:
            hits = [h for h in r.hard if sub == "*" or sub in h]
            if hits:
                for h in hits:
                    r.hard.remove(h)
                    r.xfail.append(f"{h}  [{reason}]" if reason else h)
            elif r.evaluated:
                r.xpass.append(f"{sub}" + (f"  [{reason}]" if reason else ""))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("galley", help="path to the galley binary")
    ap.add_argument("--shared", default=str(REPO.parent / "shared"), help="shared folder (default: <repo>/../shared)")
    ap.add_argument("--out", default="integration-out", help="output folder (created)")
    ap.add_argument("--known-failures", default=None, help="known-failures.txt")
    ap.add_argument("--examples", default=None, help="also check every *.md in this folder")
    ap.add_argument("--no-corpus", action="store_true", help="only the examples (no shared corpus or seed)")
    ap.add_argument("--only", nargs="*", default=None, help="only these documents (stems)")
    ap.add_argument("--timeout", type=int, default=300, help="seconds per galley run")
    ap.add_argument("--soft", action="store_true", help="also list soft failures")
    ap.add_argument("-v", "--verbose", action="store_true", help="print the full checker output of failing documents")
    a = ap.parse_args()

    galley = Path(a.galley).resolve()
    if not galley.exists():
        print(f"error: galley binary {galley} not found", file=sys.stderr)
        return 2
    for tool in ("pdftotext", "pdfinfo", "pdffonts", "qpdf"):
        if shutil.which(tool) is None:
            print(f"error: {tool} not found (install poppler-utils and qpdf)", file=sys.stderr)
            return 2

    shared = Path(a.shared).resolve()
    docs = []
    checker = None
    if (shared / "corpus" / "check_expect.py").exists():
        checker = shared / "corpus" / "check_expect.py"
    if not a.no_corpus:
        if not shared.is_dir():
            if not a.examples:
                print(f"SKIP: ../shared not found ({shared})")
                return SKIP
            print(f"note: ../shared not found ({shared}); corpus and seed skipped")
        else:
            for md in sorted((shared / "corpus").glob("*.md")):
                if md.name.lower() == "readme.md":
                    continue
                exp = md.with_name(md.stem + ".expect.toml")
                docs.append(Doc(md.stem, md, exp if exp.exists() else None, "corpus"))
            for txt in sorted((shared / "seeds").glob("*.txt")):
                exp = txt.with_name(txt.stem + ".expect.toml")
                docs.append(Doc(f"seed/{txt.stem}", txt, exp if exp.exists() else None, "seed"))
    if a.examples:
        ex = Path(a.examples).resolve()
        found = sorted(ex.glob("*.md")) if ex.is_dir() else []
        found = [m for m in found if m.name.lower() != "readme.md"]
        if not found:
            print(f"note: no examples in {ex}")
        for md in found:
            exp = md.with_name(md.stem + ".expect.toml")
            docs.append(Doc(f"example/{md.stem}", md, exp if exp.exists() else None, "example"))
    if a.only:
        docs = [d for d in docs if d.source.stem in a.only or d.name in a.only]
    if not docs:
        print("nothing to check")
        return 0

    out = Path(a.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    known = parse_known_failures(a.known_failures)

    results = [run_doc(d, galley, out, checker, a.timeout) for d in docs]
    apply_known(results, known)

    width = max(len(r.doc.name) for r in results)
    n_fail = 0
    for r in results:
        status = "FAIL " if r.hard else "PASS "
        n_fail += bool(r.hard)
        extra = [f"{len(r.hard)} hard"] if r.hard else []
        if r.xfail: extra.append(f"{len(r.xfail)} xfail")
        if r.xpass: extra.append(f"{len(r.xpass)} xpass")
        if r.soft: extra.append(f"{len(r.soft)} soft")
        ex = f"  ({', '.join(extra)})" if extra else ""
        print(f"{status}{r.doc.name:<{width}}  exit={r.exit}{ex}")
        for h in r.hard:
            print(f"        FAIL  {h}")
        for h in r.xfail:
            print(f"        XFAIL {h}")
        for h in r.xpass:
            print(f"        XPASS {h}  (known failure now passes: remove it from the list)")
        if a.soft:
            for h in r.soft:
                print(f"        SOFT  {h}")
        if a.verbose and r.hard and r.checker_out:
            print("        --- checker output ---")
            for l in r.checker_out.splitlines():
                print(f"        | {l}")
    # known-failure entries naming a document that was not run
    names = {doc_key(r.doc) for r in results}
    for d, sub, _reason, n in known:
        if d not in names and not a.only:
            print(f"note: known-failures line {n}: no document {d!r}")
    print(f"== {len(results)} documents: {len(results) - n_fail} passed, {n_fail} failed; "
          f"{sum(len(r.xfail) for r in results)} xfail, {sum(len(r.xpass) for r in results)} xpass, "
          f"{sum(len(r.soft) for r in results)} soft failures; outputs in {out}")
    return 1 if n_fail else 0


if __name__ == "__main__":
    sys.exit(main())
