#!/usr/bin/env python3
"""CLI behaviour tests for galley (Python standard library + poppler-utils + qpdf only).

usage: test_cli.py GALLEY [--shared DIR] [--group local|shared|all] [-k SUBSTRING ...] [--keep]

--group local   tests that need nothing but the binary (default: all)
--group shared  tests that need ../shared (the seed); exit 77 when ../shared is absent
-k              run only tests whose name contains one of the substrings
--keep          keep the temporary folder and print its path

Prints one line per test (PASS / FAIL / SKIP). Exit 0 when nothing failed, 1 when a test failed, 2 usage,
77 when every selected test was skipped (ctest SKIP_RETURN_CODE).
"""
import argparse
import html
import json
import os
import resource
import pty
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import traceback
import unicodedata
from pathlib import Path

SKIP_CODE = 77
REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 120

TESTS = []  # (name, group, function)


def test(group="local"):
    def deco(fn):
        TESTS.append((fn.__name__.removeprefix("test_"), group, fn))
        return fn
    return deco


class Skip(Exception):
    pass


class Ctx:
    def __init__(self, galley, shared, tmp):
        self.galley = galley
        self.shared = shared
        self.tmp = tmp
        self._n = 0

    def dir(self):
        """A fresh empty folder for one test."""
        self._n += 1
        d = self.tmp / f"t{self._n:02d}"
        d.mkdir()
        return d

    def run(self, *args, cwd=None, stdin=None, env=None):
        e = dict(os.environ)
        e.pop("SOURCE_DATE_EPOCH", None)
        if env:
            e.update(env)
        # stdin: bytes to pipe in, or an open file to read from (as `< file` does).
        feed = {"stdin": stdin} if hasattr(stdin, "fileno") else {"input": stdin}
        p = subprocess.run([str(self.galley), *map(str, args)], cwd=cwd, capture_output=True,
                           timeout=TIMEOUT, env=e, **feed)
        p.err = p.stderr.decode("utf-8", "replace")
        p.err_lines = [l for l in p.err.splitlines() if l.strip()]
        return p


# ---------------------------------------------------------------------------------------------- helpers

def check(cond, msg):
    if not cond:
        raise AssertionError(msg)


def expect_exit(p, code, what=""):
    check(p.returncode == code,
          f"{what}exit status {p.returncode}, expected {code}; stderr: {p.err.strip()[:400]!r}")


def pdfinfo(pdf):
    out = subprocess.run(["pdfinfo", "-isodates", str(pdf)], capture_output=True, text=True).stdout
    info = {}
    for line in out.splitlines():
        if ":" in line:
            k, v = line.split(":", 1)
            info[k.strip()] = v.strip()
    return info


def pages(pdf):
    return int(pdfinfo(pdf).get("Pages", "0"))


def qpdf_ok(pdf):
    return subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True).returncode == 0


def pdftext(pdf, first=None, last=None, layout=False):
    cmd = ["pdftotext", "-enc", "UTF-8"]
    if layout:
        cmd.append("-layout")
    if first:
        cmd += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run(cmd + [str(pdf), "-"], capture_output=True, text=True).stdout


def valid_pdf(pdf, n_pages=None):
    check(pdf.exists(), f"{pdf.name} not written")
    head = pdf.read_bytes()[:5]
    check(head == b"%PDF-", f"{pdf.name} does not start with %PDF- ({head!r})")
    check(qpdf_ok(pdf), f"qpdf --check fails on {pdf.name}")
    if n_pages is not None:
        check(pages(pdf) == n_pages, f"{pdf.name} has {pages(pdf)} pages, expected {n_pages}")


def link_annotations(pdf):
    """(internal, external) counts of /Link annotations, from qpdf --json v2."""
    j = json.loads(subprocess.run(["qpdf", "--json", str(pdf)], capture_output=True, text=True).stdout)
    internal = external = 0
    for k, v in j["qpdf"][1].items():
        val = v.get("value") if isinstance(v, dict) else None
        if not isinstance(val, dict) or val.get("/Subtype") != "/Link":
            continue
        a = val.get("/A")
        if isinstance(a, str) and ("obj:" + a) in j["qpdf"][1]:  # indirect reference "N 0 R"
            a = j["qpdf"][1]["obj:" + a].get("value")
        if isinstance(a, dict) and a.get("/S") == "/URI":
            external += 1
        else:
            internal += 1
    return internal, external


def page_label_ranges(pdf):
    """/PageLabels as (first page index, style, start) from qpdf --json; [] without labels."""
    j = json.loads(subprocess.run(["qpdf", "--json", str(pdf)], capture_output=True, text=True).stdout)
    return [(r["index"], r["label"].get("/S"), r["label"].get("/St", 1)) for r in j.get("pagelabels", [])]


def body_page_offset(pdf):
    """How many pages come before the one labelled 1 in arabic figures (front matter)."""
    for index, style, start in page_label_ranges(pdf):
        if style == "/D":
            return index - (start - 1)
    return 0


def norm(s):
    s = unicodedata.normalize("NFKC", s)
    return re.sub(r"\s+", " ", s).strip()


SMALL_DOC = """+++
title = "CLI test"
+++

# CLI test

Some text with a [link](https://example.org/) and an efficient office.

## Second

More text.
"""


def run_with_terminal_input(c, *args, cwd=None):
    """Runs galley with a terminal (a pty) on standard input, as from an interactive shell."""
    main, sub = pty.openpty()
    try:
        with os.fdopen(sub, "rb", closefd=False) as f:
            return c.run(*args, cwd=cwd, stdin=f)
    finally:
        os.close(main)
        os.close(sub)


# ---------------------------------------------------------------------------------------------- tests

@test()
def test_version(c):
    p = c.run("--version")
    expect_exit(p, 0)
    out = p.stdout.decode() + p.err
    check(re.search(r"\d+\.\d+", out), f"--version prints no version number: {out!r}")


@test()
def test_help(c):
    p = c.run("--help")
    expect_exit(p, 0)
    out = p.stdout.decode() + p.err
    for opt in ("--toc", "--paper", "--style", "--strict", "--output", "--no-system-fonts"):
        check(opt in out, f"--help does not mention {opt}")


@test()
def test_usage_errors_exit_2(c):
    d = c.dir()
    (d / "a.md").write_text("# A\n")
    # No INPUT with a terminal on standard input (with a pipe, the pipe is the input).
    for args in ([], ["a.md", "--no-such-option"], ["a.md", "--paper", "a6"], ["a.md", "-o", ""],
                 ["a.md", "-W", "anchor.missing"], ["a.md", "-M", "=x"], ["a.md", "--diagnostics-format", "xml"]):
        p = run_with_terminal_input(c, *args, cwd=d)
        expect_exit(p, 2, f"galley {' '.join(args)}: ")
        check(p.err.startswith("galley: error: "), f"galley {' '.join(args)}: not galley's error form: {p.err!r}")
    check(not (d / "a.pdf").exists(), "usage error left a.pdf")


@test()
def test_pdf_standard_option_takes_a_checked_list(c):
    """--pdf-standard: a-2b, a-2u, ua-1, comma-separated, any case; an unknown name, an empty one or
    two PDF/A levels is a usage error that says which."""
    d = c.dir()
    (d / "a.md").write_text("# A\n")
    for value, says in (("a-1b", "unknown PDF standard 'a-1b'"), ("a-2b,a-2u", "give one"),
                        ("a-2b,", "empty name")):
        p = c.run("a.md", "--pdf-standard", value, cwd=d)
        expect_exit(p, 2, f"--pdf-standard {value}: ")
        check(says in p.err, f"--pdf-standard {value}: the error does not say {says!r}: {p.err!r}")
    check(not (d / "a.pdf").exists(), "a refused --pdf-standard left a.pdf")
    for value in ("a-2b", "A-2U, ua-1", "ua-1,a-2b"):
        expect_exit(c.run("a.md", "--pdf-standard", value, cwd=d), 0, f"--pdf-standard {value}: ")
    valid_pdf(d / "a.pdf")


@test()
def test_missing_input(c):
    d = c.dir()
    p = c.run("does-not-exist.md", cwd=d)
    expect_exit(p, 1)
    check(len(p.err_lines) == 1, f"expected one stderr line, got {p.err_lines!r}")
    check("does-not-exist.md" in p.err_lines[0], f"stderr does not name the file: {p.err_lines!r}")
    check(list(d.iterdir()) == [], f"files left behind: {[x.name for x in d.iterdir()]}")


BAD_TOML = '+++\ntitle = "ok"\ndescription = "never closed\ndate = 2024-01-01\n+++\n\n# Heading\n\nText.\n'


@test()
def test_bad_front_matter(c):
    d = c.dir()
    (d / "broken.md").write_text(BAD_TOML)
    p = c.run("broken.md", "-o", "out.pdf", cwd=d)
    expect_exit(p, 1)
    check(re.search(r"broken\.md:3\b", p.err), f"stderr does not contain 'broken.md:3': {p.err!r}")
    check(re.search(r"broken\.md:3(:\d+)?: error: ", p.err), f"not in FILE:LINE:COL: error: form: {p.err!r}")
    check(not (d / "out.pdf").exists(), "out.pdf left behind")
    check(sorted(x.name for x in d.iterdir()) == ["broken.md"],
          f"stray files (temporary output?): {sorted(x.name for x in d.iterdir())}")


@test()
def test_bad_front_matter_keeps_old_pdf(c):
    d = c.dir()
    (d / "broken.md").write_text(BAD_TOML)
    old = b"%PDF-1.4\n% an older PDF that must survive a failed run\n%%EOF\n"
    (d / "broken.pdf").write_bytes(old)
    p = c.run("broken.md", cwd=d)  # default output name: broken.pdf
    expect_exit(p, 1)
    check((d / "broken.pdf").read_bytes() == old, "the existing broken.pdf was modified")
    p = c.run("broken.md", "-o", "broken.pdf", cwd=d)
    expect_exit(p, 1)
    check((d / "broken.pdf").read_bytes() == old, "the existing broken.pdf was modified (-o)")
    check(sorted(x.name for x in d.iterdir()) == ["broken.md", "broken.pdf"],
          f"stray files: {sorted(x.name for x in d.iterdir())}")


@test()
def test_unwritable_output(c):
    d = c.dir()
    (d / "a.md").write_text(SMALL_DOC)
    p = c.run("a.md", "-o", d / "no-such-dir" / "a.pdf", cwd=d)
    expect_exit(p, 1)
    check(len(p.err_lines) == 1, f"expected one stderr line, got {p.err_lines!r}")
    check("no-such-dir" in p.err, f"stderr does not name the path: {p.err!r}")
    check(sorted(x.name for x in d.iterdir()) == ["a.md"], f"stray files: {sorted(x.name for x in d.iterdir())}")


@test()
def test_output_never_replaces_the_input(c):
    d = c.dir()
    (d / "a.md").write_text(SMALL_DOC)
    (d / "notes.pdf").write_text(SMALL_DOC)  # Markdown that happens to end in .pdf
    for args in (["a.md", "-o", "a.md"], ["a.md", "-o", "./a.md"], ["notes.pdf"]):
        p = c.run(*args, cwd=d)
        expect_exit(p, 2, f"galley {' '.join(args)}: ")
        check("input" in p.err, f"the error does not say the output is the input: {p.err!r}")
    with open(d / "a.md", "rb") as source:  # the input through stdin
        expect_exit(c.run("-", "-o", "a.md", cwd=d, stdin=source), 2, "galley - -o a.md < a.md: ")
    # The pipe the input comes from, by name: writing into it would block for ever.
    for force in ([], ["--force"]):
        p = c.run("-", "-o", "/dev/stdin", *force, cwd=d, stdin=SMALL_DOC.encode())
        expect_exit(p, 2, f"-o /dev/stdin {force}: ")
        check("pipe" in p.err, f"the error does not say why: {p.err!r}")
    check((d / "a.md").read_text() == SMALL_DOC, "a.md was overwritten")
    check((d / "notes.pdf").read_text() == SMALL_DOC, "notes.pdf was overwritten")


@test()
def test_output_refuses_read_only_style_and_pictures_unless_forced(c):
    d = c.dir()
    (d / "pic.png").write_bytes((REPO / "tests" / "images" / "rgb-8.png").read_bytes())
    picture = (d / "pic.png").read_bytes()
    (d / "a.md").write_text("# Pictures\n\n![a picture](pic.png)\n")
    (d / "s.toml").write_text("[body]\nsize = 11\n")
    (d / "ro.pdf").write_bytes(b"keep")
    os.chmod(d / "ro.pdf", 0o444)
    cases = [(["-o", "ro.pdf"], 2, "read-only"),
             (["--style", "s.toml", "-o", "s.toml"], 2, "the style file"),
             (["-o", "pic.png"], 1, "a file the document uses"),
             (["-o", "sub/../pic.png"], 1, "a file the document uses")]
    (d / "sub").mkdir()
    for args, code, why in cases:
        p = c.run("a.md", *args, cwd=d)
        expect_exit(p, code, f"{args}: ")
        check(why in p.err and "--force" in p.err, f"{args}: the error does not say why or how: {p.err!r}")
    check((d / "ro.pdf").read_bytes() == b"keep", "the read-only file was replaced")
    check((d / "s.toml").read_text() == "[body]\nsize = 11\n", "the style file was replaced")
    check((d / "pic.png").read_bytes() == picture, "the picture was replaced")
    left = sorted(x.name for x in d.iterdir())
    check(left == ["a.md", "pic.png", "ro.pdf", "s.toml", "sub"], f"files left behind: {left}")
    # --force: the user means it.
    expect_exit(c.run("a.md", "-o", "ro.pdf", "--force", cwd=d), 0, "-o ro.pdf --force: ")
    valid_pdf(d / "ro.pdf")


@test()
def test_output_of_another_user_is_not_replaced(c):
    if os.geteuid() != 0:
        raise Skip("needs root to give a file to another user")
    d = c.dir()
    (d / "a.md").write_text(SMALL_DOC)
    (d / "theirs.pdf").write_bytes(b"theirs")
    os.chown(d / "theirs.pdf", 65534, 65534)
    p = c.run("a.md", "-o", "theirs.pdf", cwd=d)
    expect_exit(p, 2, "-o theirs.pdf: ")
    check("another user" in p.err, f"the error does not say whose file it is: {p.err!r}")
    check((d / "theirs.pdf").read_bytes() == b"theirs", "another user's file was replaced")


@test()
def test_input_that_never_ends_is_not_read_to_the_end(c):
    d = c.dir()
    # Capped so that a galley reading /dev/zero without bound fails here instead of the machine.
    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
    p = subprocess.run([str(c.galley), "/dev/zero", "-o", "z.pdf"], cwd=d, capture_output=True,
                       timeout=TIMEOUT, preexec_fn=cap)
    err = p.stderr.decode("utf-8", "replace")
    check(p.returncode == 1, f"galley /dev/zero: exit {p.returncode}: {err!r}")
    check("256 MB" in err, f"galley /dev/zero: the error does not name the limit: {err!r}")
    check(not (d / "z.pdf").exists(), "a PDF was written")


@test()
def test_font_path_resource_path_and_list_fonts(c):
    d = c.dir()
    (d / "myfonts" / "sub").mkdir(parents=True)
    shutil.copy(REPO / "fonts" / "NotoSerif-Italic.ttf", d / "myfonts" / "sub" / "Custom.ttf")
    (d / "pics").mkdir()
    (d / "pics" / "fig.png").write_bytes((REPO / "tests" / "images" / "rgb-8.png").read_bytes())
    doc = "+++\n[galley]\nbody.font = \"Noto Serif\"\n+++\n\nText.\n\n![a figure](fig.png)\n"
    # --font-path: its families are listed, and found by name before the bundled ones.
    p = c.run("--list-fonts", "--no-system-fonts", "--font-path", "myfonts", cwd=d)
    expect_exit(p, 0, "--list-fonts: ")
    out = p.stdout.decode()
    check("Noto Serif\tfont-path\t1 face\t" in out and "sub/Custom.ttf" in out, f"the font folder is not listed first: {out!r}")
    check("Noto Sans Mono\tbundled" in out, f"the bundled fonts are not listed: {out!r}")
    # --resource-path: a picture for a document on standard input.
    p = c.run("-", "-o", "a.pdf", "--strict", "--no-system-fonts", "--font-path", "myfonts", "--resource-path",
              "pics", cwd=d, stdin=doc.encode())
    expect_exit(p, 0, "stdin with --resource-path: ")
    fonts = subprocess.run(["pdffonts", str(d / "a.pdf")], capture_output=True, text=True).stdout
    check("NotoSerif-Italic" in fonts, f"the family from --font-path was not used: {fonts}")
    images = subprocess.run(["pdfimages", "-list", str(d / "a.pdf")], capture_output=True, text=True).stdout
    check(len(images.splitlines()) == 3, f"the picture from --resource-path is not in the PDF: {images}")
    # Without it, the picture is missing (a warning, an error under --strict).
    p = c.run("-", "-o", "b.pdf", "--strict", cwd=d, stdin=doc.encode())
    expect_exit(p, 1, "stdin without --resource-path: ")
    check("image.missing" in p.err, f"no image.missing: {p.err!r}")
    # A folder that does not exist is a usage error.
    expect_exit(c.run("--font-path", "nowhere", "--list-fonts", cwd=d), 2, "--font-path nowhere: ")


@test()
def test_failed_render_ends_a_reader_waiting_on_a_named_pipe(c):
    d = c.dir()
    (d / "broken.md").write_text(BAD_TOML)
    os.mkfifo(d / "pipe.pdf")
    reader = subprocess.Popen(["cat", str(d / "pipe.pdf")], stdout=subprocess.PIPE)
    time.sleep(0.2)
    expect_exit(c.run("broken.md", "-o", "pipe.pdf", cwd=d), 1, "broken.md -o pipe.pdf: ")
    try:
        out, _ = reader.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        reader.kill()
        reader.communicate()
        check(False, "the reader of the named pipe still waits after the failed render")
    check(out == b"", f"the reader got output from a failed render: {out[:40]!r}")


@test()
def test_killed_render_leaves_no_temporary_file(c):
    d = c.dir()
    try:
        os.close(os.open(d, os.O_TMPFILE | os.O_WRONLY, 0o600))
    except (OSError, AttributeError):
        raise Skip("this file system has no unnamed temporary files (O_TMPFILE)")
    (d / "long.md").write_text(("# Part\n\n" + "Words in a long paragraph. " * 400 + "\n\n") * 400)
    proc = subprocess.Popen([str(c.galley), "-q", "long.md", "-o", "out.pdf"], cwd=d)
    time.sleep(0.3)
    proc.kill()
    proc.wait(timeout=TIMEOUT)
    left = sorted(x.name for x in d.iterdir())
    check(left in (["long.md"], ["long.md", "out.pdf"]), f"files left after SIGKILL: {left}")


@test()
def test_output_through_links_devices_and_pipes(c):
    d = c.dir()
    (d / "a.md").write_text(SMALL_DOC)
    # A symbolic link stays a link; the file it leads to gets the PDF.
    (d / "real.pdf").write_bytes(b"old")
    (d / "link.pdf").symlink_to("real.pdf")
    expect_exit(c.run("a.md", "-o", "link.pdf", cwd=d), 0, "-o link.pdf: ")
    check((d / "link.pdf").is_symlink(), "the symbolic link was replaced by a file")
    valid_pdf(d / "real.pdf")
    # A file replaced keeps its permissions.
    os.chmod(d / "real.pdf", 0o600)
    expect_exit(c.run("a.md", "-o", "link.pdf", cwd=d), 0, "-o link.pdf again: ")
    check(stat.S_IMODE(os.stat(d / "real.pdf").st_mode) == 0o600, "a private PDF lost its permissions")
    # A link to a file not there yet creates it.
    (d / "sub").mkdir()
    (d / "dangling.pdf").symlink_to("sub/new.pdf")
    expect_exit(c.run("a.md", "-o", "dangling.pdf", cwd=d), 0, "-o dangling.pdf: ")
    check((d / "dangling.pdf").is_symlink(), "the dangling link was replaced by a file")
    valid_pdf(d / "sub" / "new.pdf")
    # A device is written to, not replaced.
    expect_exit(c.run("a.md", "-o", "/dev/null", cwd=d), 0, "-o /dev/null: ")
    check(Path("/dev/null").is_char_device(), "/dev/null is no longer a device")
    # A named pipe gets the PDF through it.
    os.mkfifo(d / "pipe.pdf")
    reader = subprocess.Popen(["cat", str(d / "pipe.pdf")], stdout=subprocess.PIPE)
    expect_exit(c.run("a.md", "-o", "pipe.pdf", cwd=d), 0, "-o pipe.pdf: ")
    piped = reader.communicate(timeout=60)[0]
    check(piped.startswith(b"%PDF-") and piped.rstrip().endswith(b"%%EOF"), "the pipe did not carry the PDF")
    check(stat.S_ISFIFO(os.lstat(d / "pipe.pdf").st_mode), "the named pipe was replaced")
    # /dev/stdout leads to a pipe through /proc/self/fd/1: written to, not created beside.
    p = c.run("a.md", "-o", "/dev/stdout", cwd=d)
    expect_exit(p, 0, "-o /dev/stdout into a pipe: ")
    check(p.stdout.startswith(b"%PDF-") and p.stdout.rstrip().endswith(b"%%EOF"), "/dev/stdout did not carry the PDF")
    # A folder is refused.
    (d / "folder").mkdir()
    p = c.run("a.md", "-o", "folder", cwd=d)
    expect_exit(p, 1, "-o folder: ")
    check(list((d / "folder").iterdir()) == [], "files written into the folder")


@test()
def test_stdin_to_stdout(c):
    d = c.dir()
    for args in (["-"], ["-", "-o", "-"]):
        p = c.run(*args, cwd=d, stdin=SMALL_DOC.encode())
        expect_exit(p, 0, f"galley {' '.join(args)}: ")
        check(p.stdout.startswith(b"%PDF-"), f"stdout does not start with %PDF-: {p.stdout[:20]!r}")
        check(p.stdout.rstrip().endswith(b"%%EOF"), "stdout does not end with %%EOF")
        out = d / "stdout.pdf"
        out.write_bytes(p.stdout)
        valid_pdf(out)
        check("CLI test" in pdftext(out), "text of the piped document missing")
        out.unlink()
    check(list(d.iterdir()) == [], f"files written to the working folder: {[x.name for x in d.iterdir()]}")


@test()
def test_stdin_to_file(c):
    d = c.dir()
    p = c.run("-", "-o", "piped.pdf", cwd=d, stdin=SMALL_DOC.encode())
    expect_exit(p, 0)
    valid_pdf(d / "piped.pdf")
    check(p.stdout == b"", "stdout not empty when writing to a file")


@test()
def test_txt_extension_default_output(c):
    d = c.dir()
    sub = d / "sub"
    sub.mkdir()
    (sub / "notes.txt").write_text(SMALL_DOC)
    p = c.run("sub/notes.txt", cwd=d)
    expect_exit(p, 0)
    valid_pdf(sub / "notes.pdf")
    check("efficient office" in norm(pdftext(sub / "notes.pdf")), "body text missing from notes.pdf")


@test()
def test_default_output_name(c):
    d = c.dir()
    (d / "report.md").write_text(SMALL_DOC)
    (d / "README").write_text(SMALL_DOC)
    expect_exit(c.run("report.md", cwd=d), 0, "report.md: ")
    valid_pdf(d / "report.pdf")
    expect_exit(c.run("README", cwd=d), 0, "README: ")
    valid_pdf(d / "README.pdf")
    check(sorted(x.name for x in d.iterdir()) == ["README", "README.pdf", "report.md", "report.pdf"],
          f"unexpected files: {sorted(x.name for x in d.iterdir())}")


def _read_until_closed(fd):
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass


@test()
def test_dump_frames(c):
    """--dump-frames writes the frame dump (text) where the PDF would go, and only there."""
    d = c.dir()
    (d / "notes.md").write_text(SMALL_DOC)
    expect_exit(c.run("notes.md", "--dump-frames", cwd=d), 0, "--dump-frames: ")
    check(sorted(x.name for x in d.iterdir()) == ["notes.frames.txt", "notes.md"],
          f"unexpected files: {sorted(x.name for x in d.iterdir())}")
    dump = (d / "notes.frames.txt").read_text(encoding="utf-8")
    check(dump.startswith("galley-frames 1\npage 1 "), f"not a frame dump: {dump[:40]!r}")
    check('"CLI test"' in dump and 'info title "CLI test"' in dump, "title missing from the dump")
    p = c.run("notes.md", "--dump-frames", "-o", "-", cwd=d)
    expect_exit(p, 0, "--dump-frames -o -: ")
    check(p.stdout.decode() == dump, "the dump on stdout differs from the file")
    p = c.run("-", "--dump-frames", cwd=d, stdin=SMALL_DOC.encode())
    check(p.returncode == 0 and p.stdout.decode() == dump, "stdin to stdout gives another dump")
    # Text on a terminal is fine, unlike a PDF. The terminal is drained so a write never blocks.
    main, sub = pty.openpty()
    drain = threading.Thread(target=lambda: _read_until_closed(main), daemon=True)
    drain.start()
    try:
        rc = subprocess.run([str(c.galley), "notes.md", "--dump-frames", "-o", "-"], cwd=d, stdout=sub,
                            stderr=subprocess.PIPE, timeout=TIMEOUT).returncode
        check(rc == 0, f"--dump-frames to a terminal exits {rc}")
        rc = subprocess.run([str(c.galley), "notes.md", "-o", "-"], cwd=d, stdout=sub,
                            stderr=subprocess.PIPE, timeout=TIMEOUT).returncode
        check(rc == 2, f"a PDF to a terminal exits {rc}, not 2")
    finally:
        os.close(sub)
        os.close(main)
    (d / "bad.md").write_text('+++\ntitle = "x\n+++\n')
    p = c.run("bad.md", "--dump-frames", cwd=d)
    expect_exit(p, 1, "bad front matter: ")
    check("no frame dump written" in p.err, f"stderr: {p.err}")
    check(not (d / "bad.frames.txt").exists(), "a failed run left a dump")


@test()
def test_smart_punctuation_extracts_and_can_be_switched_off(c):
    """Issue 14: quotes, apostrophes, dashes, ellipses and primes in the document's language
    reach the text layer with `smart = true`; code and URLs keep what was typed; off by default."""
    d = c.dir()
    body = ("# \"Quoted\" heading\n\n\"Don't\" -- she's 5'10\" --- wait... `\"code\" -- '...'` "
            "and https://example.org/a--b...c and --force.\n")
    on = "[galley]\nsmart = true\n"
    (d / "en.md").write_text(f"+++\n{on}+++\n\n" + body, encoding="utf-8")
    (d / "de.md").write_text(f'+++\nlang = "de"\n{on}+++\n\n"Ja", sagte sie.\n', encoding="utf-8")
    (d / "fr.md").write_text(f'+++\nlang = "fr"\n{on}+++\n\nIl dit "bonjour".\n', encoding="utf-8")
    # Off by default (the corpus's contract: quotes print as typed).
    (d / "off.md").write_text(body, encoding="utf-8")
    for name in ("en", "de", "fr", "off"):
        expect_exit(c.run(f"{name}.md", cwd=d), 0, f"{name}.md: ")
    # A URL broken at its slash at the end of a line reads as one.
    en = pdftext(d / "en.pdf").replace("/\n", "/")
    for want in ("\u201CQuoted\u201D heading", "\u201CDon\u2019t\u201D \u2013 she\u2019s 5\u203210\u2033 \u2014 wait\u2026",
                 '"code" -- \'...\'', "https://example.org/a--b...c", "--force"):
        check(want in en, f"{want!r} not in the text of en.pdf: {en!r}")
    outline = subprocess.run(["qpdf", "--json", "--json-key=outlines", str(d / "en.pdf")], capture_output=True,
                             text=True).stdout
    check("\u201CQuoted\u201D" in json.loads(outline)["outlines"][0]["title"], f"outline: {outline[:300]!r}")
    check("\u201EJa\u201C, sagte sie." in pdftext(d / "de.pdf"), "German quotes")
    # Extractors write the narrow no-break space (mapped in ToUnicode) as a space; the frames hold it.
    check("\u00AB bonjour \u00BB" in pdftext(d / "fr.pdf"), "French guillemets")
    frames = c.run("fr.md", "--dump-frames", "-o", "-", cwd=d).stdout.decode()
    check("\u00AB\\u{202F}bonjour\\u{202F}\u00BB" in frames, f"narrow no-break spaces inside guillemets: {frames!r}")
    off = pdftext(d / "off.pdf")
    check("\"Don't\" -- she's 5'10\" --- wait..." in off, f"smart = false keeps the text as typed: {off!r}")


@test()
def test_link_fragment_matches_a_heading_whatever_its_case(c):
    """Issue 14: `[x](#Span)` finds `## Span` (slug "span") as GitHub does; a fragment that
    matches no slug in any case still warns."""
    d = c.dir()
    (d / "a.md").write_text("# Span\n\nSee [x](#Span), [y](#SPAN), [z](#%C3%9Cber) and [w](#nothing).\n\n"
                            "## \u00dcber\n\nText.\n", encoding="utf-8")
    p = c.run("a.md", cwd=d)
    expect_exit(p, 0)
    internal, _ = link_annotations(d / "a.pdf")
    check(internal == 3, f"{internal} internal links, expected 3")
    missing = [l for l in p.err_lines if "anchor.missing" in l]
    check(len(missing) == 1 and "nothing" in missing[0], f"warnings: {p.err_lines}")


@test()
def test_tables_never_cut_words_between_letters(c):
    """Issue 14: a header of eight long words, a column with an 80-character token beside short
    words, and a table of 25 columns: no word cut between letters (no line.overfull), the header
    words whole or hyphenated at their patterns, the wide table set smaller."""
    d = c.dir()
    hdr = ["Identification", "Responsibilities", "Characteristics", "Administration", "Implementation",
           "Infrastructure", "Documentation", "Requirements"]
    eight = "| " + " | ".join(hdr) + " |\n|" + "---|" * 8 + "\n| " + " | ".join(["a"] * 8) + " |\n"
    token = "https://example.com/" + "x" * 60
    long_token = f"| Name | Link | State |\n|---|---|---|\n| one | {token} | ok |\n| two | short | fine |\n"
    wide = ("| " + " | ".join(f"C{i}" for i in range(1, 26)) + " |\n|" + "---|" * 25 + "\n| " +
            " | ".join(str(i * 3) for i in range(1, 26)) + " |\n")
    # The 160 mm measure these tables were sized for (the default style's is 132 mm).
    page = '+++\n[galley.page]\nmargin-left = "25mm"\nmargin-right = "25mm"\n+++\n\n'
    (d / "t.md").write_text(f"{page}# Tables\n\n{eight}\n{long_token}\n{wide}", encoding="utf-8")
    p = c.run("t.md", cwd=d)
    expect_exit(p, 0)
    check("line.overfull" not in p.err, f"a word was cut: {p.err[:600]!r}")
    text = pdftext(d / "t.pdf")
    joined = re.sub(r"-\s*\n\s*", "", text)
    for word in hdr:
        check(word in joined or word in text.replace("\n", ""), f"header word {word!r} not whole or hyphenated")
    frames = c.run("t.md", "--dump-frames", "-o", "-", cwd=d).stdout.decode()
    sizes = {float(m) for m in re.findall(r'run "Noto Serif" \w+ (\d+\.\d+) [^\n]*"C25"', frames)}
    check(sizes and max(sizes) < 9.5, f"the 25-column table is not set smaller: {sizes}")
    # At the default style's 132 mm measure the 25 columns do not fit at 75 %: smaller still
    # (down to half the size), every "C1" ... "C25" whole, no warning.
    (d / "w.md").write_text(f"# Wide\n\n{wide}", encoding="utf-8")
    p = c.run("w.md", cwd=d)
    expect_exit(p, 0)
    check("line.overfull" not in p.err, f"a word was cut at the default measure: {p.err[:300]!r}")
    header = pdftext(d / "w.pdf", layout=True)
    check(all(re.search(rf"\bC{i}\b", header) for i in range(1, 26)), f"a header cut: {header[:400]!r}")
    frames = c.run("w.md", "--dump-frames", "-o", "-", cwd=d).stdout.decode()
    sizes = {float(m) for m in re.findall(r'run "Noto Serif" \w+ (\d+\.\d+) [^\n]*"C25"', frames)}
    check(sizes and 4.75 <= min(sizes) and max(sizes) < 7.125, f"sizes at the default measure: {sizes}")


def glyph_lines(pdf):
    """Per text line (page, baseline y), the glyphs drawn on it from mutool trace, left to right:
    (x0, x1, character, font size, font name)."""
    out = subprocess.run(["mutool", "trace", str(pdf)], capture_output=True, text=True).stdout
    lines, page, size, font = {}, 0, 10.0, ""
    for l in out.splitlines():
        if "<page " in l:
            page += 1
        if m := re.search(r'<span font="([^"]*)".*trm="([\d.]+) ', l):
            font, size = m.group(1), float(m.group(2))
        if m := re.search(r'<g unicode="(.*?)" glyph="\d+" x="([\d.-]+)" y="([\d.-]+)" adv="([\d.-]+)"', l):
            x, y, adv = float(m.group(2)), float(m.group(3)), float(m.group(4))
            lines.setdefault((page, round(y, 1)), []).append((x, x + adv * size, html.unescape(m.group(1)), size, font))
    return [sorted(lines[k]) for k in sorted(lines, key=lambda k: (k[0], -k[1]))]


@test()
def test_cjk_quotes_gaps_and_forms(c):
    """Issue 14: quotes among Chinese text come from the CJK face and extract without a space;
    a justified Japanese paragraph with inline code and links has no gap wider than 1 em (the
    stretch between characters is drawn where the line puts it); Han text in an English document
    is set in the Simplified Chinese face matching the serif body, kana make it Japanese."""
    d = c.dir()
    zh = "明天下午三点，在会议室“黄浦”开会，讨论“项目计划”和‘预算’的问题，请各部门负责人准时参加会议并带上相关资料。"
    (d / "zh.md").write_text(f'+++\nlang = "en"\n+++\n\n{zh}\n', encoding="utf-8")
    p = c.run("zh.md", cwd=d)
    expect_exit(p, 0)
    text = re.sub(r"\n", "", pdftext(d / "zh.pdf"))
    check("会议室“黄浦”开会" in text and "讨论“项目计划”和‘预算’的问题" in text, f"extracted: {text!r}")
    fonts = subprocess.run(["pdffonts", str(d / "zh.pdf")], capture_output=True, text=True).stdout
    check("NotoSerifCJKsc" in fonts and "CJKjp" not in fonts, f"fonts: {fonts}")
    base = "日本語の文章では文字の間に空白を入れずに書きますが、行末をそろえるには文字間の調整が必要です。"
    parts = []
    for i in range(12):
        parts.append(base[: 10 + (i * 7) % 30])
        parts.append([f"[リンク{i}](https://example.com/{i})", f" `config_{i}.yaml` ",
                      f"[Example Site {i}](https://example.org/) "][i % 3])
    for lang in ("ja", "en"):
        (d / f"ja-{lang}.md").write_text(f'+++\nlang = "{lang}"\n+++\n\n{"".join(parts)}。\n', encoding="utf-8")
        p = c.run(f"ja-{lang}.md", cwd=d)
        expect_exit(p, 0)
        lines = glyph_lines(d / f"ja-{lang}.pdf")
        check(len(lines) > 5, f"{lang}: {len(lines)} lines")
        widest = 0.0
        for line in lines:
            ink = [g for g in line if g[2].strip()]
            for a, b in zip(ink, ink[1:]):
                widest = max(widest, (b[0] - a[1]) / max(a[3], b[3]))
        check(widest <= 1.0, f"{lang}: a gap of {widest:.2f} em")
        fonts = subprocess.run(["pdffonts", str(d / f"ja-{lang}.pdf")], capture_output=True, text=True).stdout
        check("NotoSerifCJKjp" in fonts and "CJKsc" not in fonts, f"{lang}: fonts: {fonts}")


@test()
def test_language_without_patterns_warns_once(c):
    """Issue 14: `lang` with no hyphenation patterns installed says so once (hyphenation.none);
    an installed language (Russian, KOI8-R patterns) and a language not written in an alphabet
    galley hyphenates (Japanese) say nothing."""
    d = c.dir()
    table = "| Column | Other |\n|---|---|\n| ndërkombëtarizimi përfaqësuesit | ndërkombëtare |\n"
    for lang in ("sq", "ru", "ja"):
        (d / f"{lang}.md").write_text(f'+++\nlang = "{lang}"\n+++\n\n{table}\n{table}', encoding="utf-8")
    p = c.run("sq.md", cwd=d)
    expect_exit(p, 0)
    warnings = [l for l in p.err_lines if "hyphenation.none" in l]
    check(len(warnings) == 1 and "sq.md:2:" in warnings[0] and "'sq'" in warnings[0], f"warnings: {p.err_lines}")
    for lang in ("ru", "ja"):
        p = c.run(f"{lang}.md", cwd=d)
        check("hyphenation.none" not in p.err, f"{lang}: {p.err!r}")


@test()
def test_empty_input(c):
    d = c.dir()
    (d / "empty.md").write_bytes(b"")
    p = c.run("empty.md", cwd=d)
    expect_exit(p, 0)
    valid_pdf(d / "empty.pdf", n_pages=1)


@test()
def test_whitespace_only_input(c):
    d = c.dir()
    (d / "ws.md").write_bytes(b"\n\n   \n\t\n  \r\n\n")
    p = c.run("ws.md", cwd=d)
    expect_exit(p, 0)
    valid_pdf(d / "ws.pdf", n_pages=1)


@test()
def test_invalid_utf8(c):
    d = c.dir()
    src = b"# Bytes\n\nFirst paragraph.\n\nBroken \xff\xfe here and more text.\n\nLast paragraph.\n"
    (d / "bytes.md").write_bytes(src)
    p = c.run("bytes.md", cwd=d)
    expect_exit(p, 0)
    check(re.search(r"bytes\.md:5\b", p.err), f"no warning naming bytes.md:5: {p.err!r}")
    check(re.search(r"bytes\.md:5(:\d+)?: warning: ", p.err), f"not in FILE:LINE:COL: warning: form: {p.err!r}")
    valid_pdf(d / "bytes.pdf")
    text = pdftext(d / "bytes.pdf")
    check("\ufffd" in text, f"U+FFFD not in the PDF text: {norm(text)[:200]!r}")
    check("Last paragraph." in text, "text after the bad bytes missing")


ANCHOR_DOC = "# Title\n\nSee [x](#nope) and [ok](#section).\n\n## Section\n\nBody.\n"


@test()
def test_warnings_in_source_order(c):
    # Found by different stages (raw HTML by the Markdown stage, anchors by layout), printed by
    # position as an editor lists them.
    d = c.dir()
    (d / "w.md").write_text("# T\n\nSee [x](#nope) and <blink>raw</blink> text.\n\nMore [y](#gone).\n")
    p = c.run("w.md", cwd=d)
    expect_exit(p, 0)
    positions = [tuple(map(int, m.groups())) for m in re.finditer(r"w\.md:(\d+):(\d+): warning", p.err)]
    check(len(positions) >= 3, f"expected at least three warnings: {p.err!r}")
    check(positions == sorted(positions), f"warnings not in source order: {positions}")


@test()
def test_script_links_and_huge_picture_sizes_are_refused(c):
    """javascript:, data: and file: targets never become PDF links (link.scheme); a picture size
    past any page (1e308cm) is an image.size warning, and the text after it stays on the page."""
    d = c.dir()
    (d / "a.png").write_bytes((REPO / "tests" / "images" / "rgb-8.png").read_bytes())
    (d / "x.md").write_text("Before.\n\n![K](a.png){width=1e308cm}\n\n[js](javascript:alert(1)) "
                            "<a href=\"data:text/html,x\">d</a> [f](FILE:///etc/passwd) [ok](https://example.com)\n\n"
                            "After text.\n")
    p = c.run("x.md", cwd=d)
    expect_exit(p, 0)
    check(p.err.count("[link.scheme]") == 3, f"link.scheme warnings: {p.err!r}")
    check("[image.size]" in p.err, f"no image.size warning: {p.err!r}")
    uris = re.findall(r'"/URI": "([^"]*)"', subprocess.run(["qpdf", "--json", str(d / "x.pdf")], capture_output=True,
                                                            text=True).stdout)
    check([u.removeprefix("u:") for u in uris] == ["https://example.com"], f"URI links: {uris}")
    after = [w for w in page_words(d / "x.pdf", 1) if w[2] == "After"]
    check(after and after[0][1] < 841.89 - 28 * 72 / 25.4, f"'After' is not above the bottom margin: {after}")


@test()
def test_page_of_pages_on_front_matter_pages(c):
    """With a title page and contents numbered i, ii, "Page {page} of {pages}" prints each page's
    number as printed ("Page ii of 1"), never "Page 2 of 1"."""
    d = c.dir()
    (d / "p.md").write_text('+++\ntitle = "T"\ntitlepage = true\ntoc = true\n[galley.footer]\n'
                            'center = "Page {page} of {pages}"\n+++\n# A\n\ntext\n')
    expect_exit(c.run("p.md", cwd=d), 0)
    got = [line.strip() for line in pdftext(d / "p.pdf").split("\n") if line.startswith("Page ")]
    check(got == ["Page i of 1", "Page ii of 1", "Page 1 of 1"], f"folios: {got}")


@test()
def test_display_formula_wider_than_the_measure_is_set_smaller(c):
    """A display formula of 30 terms is set smaller until it fits the measure (no glyph past the
    right margin, every term kept), with a math.overfull warning saying by how much."""
    d = c.dir()
    (d / "m.md").write_text("$$" + "+".join(f"x_{{{i}}}" for i in range(30)) + "$$\n")
    p = c.run("m.md", cwd=d)
    expect_exit(p, 0)
    check("[math.overfull]" in p.err and "% of its size" in p.err, f"no math.overfull: {p.err!r}")
    right = 595.28 - 39 * 72 / 25.4
    out = subprocess.run(["pdftotext", "-bbox", str(d / "m.pdf"), "-"], capture_output=True, text=True).stdout
    xmax = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', out))
    check(xmax <= right + 1, f"the formula reaches x = {xmax:.1f}, past the margin at {right:.1f}")
    check("29" in pdftext(d / "m.pdf"), "the last term is lost")


@test()
def test_missing_anchor_warns(c):
    d = c.dir()
    (d / "anchor.md").write_text(ANCHOR_DOC)
    p = c.run("anchor.md", cwd=d)
    expect_exit(p, 0)
    check("nope" in p.err, f"no warning mentioning 'nope': {p.err!r}")
    check(re.search(r"anchor\.md:3(:\d+)?: warning: .*nope", p.err), f"warning not at anchor.md:3: {p.err!r}")
    valid_pdf(d / "anchor.pdf")


@test()
def test_strict_missing_anchor_fails(c):
    d = c.dir()
    (d / "anchor.md").write_text(ANCHOR_DOC)
    p = c.run("--strict", "anchor.md", "-o", "strict.pdf", cwd=d)
    expect_exit(p, 1)
    check("nope" in p.err, f"stderr does not mention 'nope': {p.err!r}")
    check(not (d / "strict.pdf").exists(), "strict.pdf written despite --strict")
    check(sorted(x.name for x in d.iterdir()) == ["anchor.md"], f"stray files: {sorted(x.name for x in d.iterdir())}")


@test()
def test_pictures_that_never_end_are_not_read(c):
    # A device or a FIFO as a picture could be read forever or block: only regular files are
    # read for what the document refers to, so these are warned about like a missing file.
    d = c.dir()
    os.mkfifo(d / "pipe.png")
    (d / "odd.md").write_text("# Odd\n\n![zeros](/dev/zero)\n\n![pipe](pipe.png)\n\nAfter.\n")
    p = c.run("odd.md", cwd=d)
    expect_exit(p, 0)
    check("/dev/zero" in p.err and "pipe.png" in p.err, f"no warning for the device and the FIFO: {p.err!r}")
    valid_pdf(d / "odd.pdf")
    check("After." in pdftext(d / "odd.pdf"), "text after the pictures missing")


@test()
def test_inputs_cmark_gfm_is_not_linear_on_stop_at_a_located_limit(c):
    # cmark-gfm 0.29.0.gfm.6 is quadratic on these (40,000 columns took 56 s, 50,000 "![[]()"
    # 13 s, a 100,000 x 50 table 7.2 GB): each stops at once with an error at its place.
    d = c.dir()
    cases = {
        "columns.md": ("|" + "a|" * 40000 + "\n|" + "-|" * 40000 + "\n", ":1:513: error:"),
        "brackets.md": ("![[]()" * 50000 + "\n", ":1:\\d+: error:"),
        "cells.md": ("|" + "h|" * 50 + "\n|" + "-|" * 50 + "\n" + ("|" + "cell|" * 50 + "\n") * 3100,
                     ":3001:1: error:"),
        "delimiters.md": ("a\n" + "|-|-|\n|-|-|-|\n" * 5000, ":\\d+:1: error:"),
    }
    for name, (text, where) in cases.items():
        (d / name).write_text(text)
        start = time.monotonic()
        p = c.run(name, "-o", "out.pdf", cwd=d)
        expect_exit(p, 1, f"{name}: ")
        check(re.search(re.escape(name) + where, p.err) and "limit" in p.err,
              f"{name}: no located limit error: {p.err[:300]!r}")
        check(time.monotonic() - start < 5, f"{name}: took {time.monotonic() - start:.1f} s")
        check(not (d / "out.pdf").exists(), f"{name}: a PDF was written")


def png_file(path, width, height):
    """A flat grey 8-bit PNG."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = (b"\0" + b"\x80" * width) * height
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def image_xobjects(pdf):
    j = json.loads(subprocess.run(["qpdf", "--json", str(pdf)], capture_output=True, text=True).stdout)
    return sum(1 for v in j["qpdf"][1].values()
               if isinstance(v, dict) and isinstance(v.get("stream"), dict)
               and v["stream"].get("dict", {}).get("/Subtype") == "/Image")


@test()
def test_one_picture_under_many_spellings_is_embedded_once(c):
    # Twenty spellings of one 100-megapixel path took 5.8 GB: each was decoded on its own.
    d = c.dir()
    (d / "sub").mkdir()
    png_file(d / "a.png", 64, 48)
    os.symlink("a.png", d / "link.png")
    os.link(d / "a.png", d / "hard.png")
    spellings = ["a.png", "./a.png", "sub/../a.png", ".//a.png", "link.png", "hard.png", "sub/../link.png"]
    (d / "pics.md").write_text("".join(f"![p{i}]({s})\n\n" for i, s in enumerate(spellings)))
    p = c.run("pics.md", cwd=d)
    expect_exit(p, 0)
    check(not p.err.strip(), f"warnings: {p.err!r}")
    valid_pdf(d / "pics.pdf")
    check(image_xobjects(d / "pics.pdf") == 1, f"{image_xobjects(d / 'pics.pdf')} image objects, expected 1")


def pdf_objects(pdf):
    """The objects of `pdf` as qpdf --json gives them (object streams resolved)."""
    j = json.loads(subprocess.run(["qpdf", "--json", str(pdf)], capture_output=True, text=True).stdout)
    return [v for v in j["qpdf"][1].values() if isinstance(v, dict)]


def subtypes(pdf, subtype):
    return [v for v in pdf_objects(pdf) if isinstance(v.get("stream"), dict)
            and v["stream"].get("dict", {}).get("/Subtype") == subtype]


VECTOR_DIR = REPO / "tests" / "images" / "vector"
# Every test SVG but clip-mask.svg (librsvg draws an SVG mask as an image of 72 dpi).
VECTOR_SVGS = ["paths", "gradient-linear", "gradient-radial", "text", "transforms", "viewbox-only",
               "embedded-raster", "strokes", "pattern", "units-cm", "css-style", "use-symbol"]


@test()
def test_svg_and_pdf_pictures_are_drawn_as_vectors(c):
    d = c.dir()
    for f in VECTOR_DIR.iterdir():
        shutil.copy(f, d / f.name)
    body = "# Vectors\n\n" + "".join(f"![{n} alt]({n}.svg)\n\n" for n in VECTOR_SVGS)
    body += "![chart one](chart.pdf)\n\n![chart two](chart.pdf#page=2)\n\nThe end.\n"
    (d / "v.md").write_text(body)
    p = c.run("v.md", cwd=d)
    expect_exit(p, 0)
    check(not p.err.strip(), f"warnings: {p.err!r}")
    valid_pdf(d / "v.pdf")
    # The one image is the PNG inside embedded-raster.svg; everything else is paths and text.
    images = subtypes(d / "v.pdf", "/Image")
    check(len(images) == 1 and images[0]["stream"]["dict"].get("/Width") == 64,
          f"images: {[i['stream']['dict'] for i in images]}")
    # A form per picture, and those cairo makes for soft masks and patterns.
    forms = subtypes(d / "v.pdf", "/Form")
    check(len(forms) >= len(VECTOR_SVGS) + 2, f"{len(forms)} forms, expected {len(VECTOR_SVGS) + 2} or more")
    text = " ".join(pdftext(d / "v.pdf").split())
    for words in ["Quarterly revenue", "Bold serif label", "styled with CSS", "Build duration per week",
                  "median minutes", "Failures by stage", "package", "The end."]:
        check(words in text, f"{words!r} not extractable: {text[:600]!r}")
    check("paths alt" in text and "chart two" in text, "captions missing")
    # Reproducible: cairo's subset font names and object order do not change between runs.
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    expect_exit(c.run("v.md", "-o", "a.pdf", cwd=d, env=env), 0)
    expect_exit(c.run("v.md", "-o", "b.pdf", cwd=d, env=env), 0)
    check((d / "a.pdf").read_bytes() == (d / "b.pdf").read_bytes(), "two runs differ")


@test()
def test_broken_vector_pictures_warn_and_print_their_alt_text(c):
    d = c.dir()
    for f in VECTOR_DIR.iterdir():
        shutil.copy(f, d / f.name)
    (d / "b.md").write_text("# Broken\n\n![bad svg alt](malformed.svg)\n\n![locked alt](encrypted.pdf)\n\n"
                            "![broken alt](broken.pdf)\n\n![far page alt](chart.pdf#page=9)\n\nAfter.\n")
    p = c.run("b.md", cwd=d)
    expect_exit(p, 0)
    for line, name, why in [(3, "malformed.svg", "not a readable SVG"), (5, "encrypted.pdf", "encrypted"),
                            (7, "broken.pdf", "not a readable PDF"), (9, "chart.pdf#page=9", "2 pages")]:
        check(re.search(rf"b\.md:{line}:1: warning: image '{re.escape(name)}' [^\n]*{why}[^\n]*\[image\.unsupported\]",
                        p.err), f"no warning for {name} at line {line}: {p.err!r}")
    valid_pdf(d / "b.pdf")
    text = pdftext(d / "b.pdf")
    for alt in ["bad svg alt", "locked alt", "broken alt", "far page alt", "After."]:
        check(alt in text, f"{alt!r} missing")
    check(not subtypes(d / "b.pdf", "/Form"), "a form was written for a broken picture")
    p = c.run("b.md", "--strict", "-o", "strict.pdf", cwd=d)
    expect_exit(p, 1, "--strict: ")
    # A Flate bomb: 0.1 MB of file, 72 MB of page content. Refused at 64 MB, in little memory.
    import zlib
    data = zlib.compress(b"0 0 m\n" * 12_000_000, 9)
    objs = [b"<</Type /Catalog /Pages 2 0 R>>", b"<</Type /Pages /Kids [3 0 R] /Count 1>>",
            b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents 4 0 R>>",
            b"<</Length %d /Filter /FlateDecode>>\nstream\n" % len(data) + data + b"\nendstream"]
    pdf = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objs):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    pdf += b"trailer <</Size 5 /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % xref
    (d / "flate.pdf").write_bytes(pdf)
    (d / "bomb.md").write_text("![bomb alt](flate.pdf)\n")
    status, err, rss, cpu = run_measured(c, "bomb.md", cwd=d)
    check(status == 0 and "more than 64 MB" in err, f"no warning for the bomb: {status} {err!r}")
    check(rss < 200, f"{rss:.0f} MB for a refused picture")


def placed_images(pdf):
    """(width, height, x, y) in points of every raster drawn, from mutool trace, in page order."""
    out = subprocess.run(["mutool", "trace", str(pdf)], capture_output=True, text=True).stdout
    return [tuple(float(m.group(i)) for i in (1, 2, 3, 4)) for m in
            re.finditer(r'<fill_image [^>]*transform="([-\d.]+) -?0 -?0 ([-\d.]+) ([-\d.]+) ([-\d.]+)"', out)]


@test()
def test_picture_sizes_from_attributes_and_img_tags(c):
    d = c.dir()
    shutil.copy(REPO / "tests" / "images" / "rgb-8.png", d / "r.png")  # 64 x 32 px, no resolution stored
    shutil.copy(VECTOR_DIR / "paths.svg", d / "paths.svg")              # 240 x 120 px
    text_width = 595.28 - 2 * 39 * 72 / 25.4                            # A4, the default 39 mm side margins
    (d / "s.md").write_text(
        "# Sizes\n\n![a](r.png){width=60%}\n\n![b](r.png){width=8cm}\n\n![c](r.png){height=2in}\n\n"
        "![d](r.png){width=50% .center}\n\n![e](r.png){: width=\"2in\" height='1in' #fig:e}\n\n"
        "<img src=\"r.png\" width=\"300\" height=\"100\" alt=\"f\">\n\n"
        "Text and <img src=\"r.png\" width=\"40%\" alt=\"g\"> in one paragraph.\n\n"
        "![h](r.png)\n\n![v](paths.svg){width=8cm}\n")
    p = c.run("s.md", cwd=d)
    expect_exit(p, 0)
    check(not p.err.strip(), f"warnings: {p.err!r}")
    valid_pdf(d / "s.pdf")
    cm = 72 / 2.54
    want = [(0.6 * text_width, 0.3 * text_width), (8 * cm, 4 * cm), (288, 144), (text_width / 2, text_width / 4),
            (144, 72), (225, 75), (0.4 * text_width, 0.2 * text_width), (48, 24)]
    got = placed_images(d / "s.pdf")
    check(len(got) == len(want), f"{len(got)} pictures drawn, expected {len(want)}: {got}")
    for (w, h), (gw, gh, x, y) in zip(want, got):
        check(abs(gw - w) <= 0.5 and abs(abs(gh) - h) <= 0.5, f"drawn {gw:.2f} x {gh:.2f}, expected {w:.2f} x {h:.2f}")
    # The SVG: its form (box 180 x 90 pt) is scaled by the one cm before its Do.
    content = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(d / "s.pdf"), "-"],
                             capture_output=True).stdout.decode("latin-1")
    scales = [float(m.group(1)) for m in re.finditer(r"q ([\d.]+) 0 0 ([\d.]+) [-\d.]+ [-\d.]+ cm /Im\d+ Do", content)]
    check(any(abs(180 * sx - 8 * cm) <= 0.5 for sx in scales), f"no form drawn 8 cm wide: scales {scales}")
    text = pdftext(d / "s.pdf")
    for leak in ["{", "}", "width", "<img", "fig:e"]:
        check(leak not in text, f"{leak!r} printed: {text!r}")


@test()
def test_a_tall_picture_among_text_becomes_a_figure_small_ones_stay_inline(c):
    d = c.dir()
    shutil.copy(REPO / "tests" / "images" / "rgb-8.png", d / "r.png")
    shutil.copy(VECTOR_DIR / "paths.svg", d / "paths.svg")
    (d / "t.md").write_text("# Split\n\nBefore the chart ![the chart](paths.svg) after the chart, "
                            "and a badge ![badge](r.png){height=10px} stays.\n")
    p = c.run("t.md", cwd=d)
    expect_exit(p, 0)
    # (pdftotext puts the words after an inline picture on a line of their own: main does too.)
    lines = [l.strip() for l in pdftext(d / "t.pdf").splitlines() if l.strip()]
    check(lines[:3] == ["Split", "Before the chart", "Figure 1. the chart"] and
          " ".join(lines[3:5]) == "after the chart, and a badge stays.", f"lines: {lines}")
    got = placed_images(d / "t.pdf")
    check(len(got) == 1 and abs(got[0][1]) <= 8, f"the badge is not in its line: {got}")


def named_dests(pdf):
    out = subprocess.run(["pdfinfo", "-dests", str(pdf)], capture_output=True, text=True).stdout
    return {m.group(2): int(m.group(1)) for m in re.finditer(r'^\s*(\d+) \[.*\] "([^"]+)"$', out, re.M)}


@test()
def test_figure_and_table_captions_numbers_and_links(c):
    d = c.dir()
    shutil.copy(VECTOR_DIR / "paths.svg", d / "paths.svg")
    body = ("# Captions\n\nSee [the chart](#fig:chart) and [the costs](#tbl:costs).\n\n"
            "![Build duration](paths.svg){#fig:chart}\n\n![](paths.svg)\n\n![Second chart](paths.svg)\n\n"
            "| Stage | Minutes |\n|---|---|\n| lint | 2 |\n\nTable: Cost per stage {#tbl:costs}\n\n"
            ": Before the next\n\n| A | B |\n|---|---|\n| 1 | 2 |\n")
    (d / "c.md").write_text(body)
    p = c.run("c.md", cwd=d)
    expect_exit(p, 0)
    check(not p.err.strip(), f"warnings: {p.err!r}")
    valid_pdf(d / "c.pdf")
    text = " ".join(pdftext(d / "c.pdf").split())
    for words in ["Figure 1. Build duration", "Figure 2. Second chart", "Table 1. Cost per stage",
                  "Table 2. Before the next"]:
        check(words in text, f"{words!r} missing: {text!r}")
    for leak in ["Table:", "{#", "tbl:costs", "fig:chart"]:
        check(leak not in text, f"{leak!r} printed")
    check({"fig:chart", "tbl:costs"} <= set(named_dests(d / "c.pdf")), f"dests: {named_dests(d / 'c.pdf')}")
    links = [v for v in pdf_objects(d / "c.pdf") if isinstance(v.get("value"), dict)
             and v["value"].get("/Subtype") == "/Link"]
    targets = {str(l["value"].get("/Dest") or l["value"].get("/A")) for l in links}
    check(any("fig:chart" in t for t in targets) and any("tbl:costs" in t for t in targets), f"links: {targets}")
    # The label follows the language; numbering can be switched off.
    (d / "de.md").write_text("---\nlang: de\n---\n" + body)
    expect_exit(c.run("de.md", cwd=d), 0)
    de = " ".join(pdftext(d / "de.pdf").split())
    check("Abbildung 1. Build duration" in de and "Tabelle 2. Before the next" in de, f"German labels: {de!r}")
    expect_exit(c.run("c.md", "-o", "off.pdf", "-M", "galley.figure.numbering=false", cwd=d), 0)
    off = " ".join(pdftext(d / "off.pdf").split())
    check("Figure" not in off and "Table 1" not in off and "Build duration" in off and "Cost per stage" in off,
          f"numbering off: {off!r}")


@test()
def test_a_table_caption_stays_with_the_first_rows_across_a_page_break(c):
    d = c.dir()
    rows = "".join(f"| row {i} | {i * 7} |\n" for i in range(30))
    # Fill the page so that the caption would be its last line: it moves on with the table.
    for filler in range(26, 37):
        (d / "t.md").write_text("".join(f"Line {i}.\n\n" for i in range(filler)) +
                                "Table: The long table\n\n| Name | Value |\n|---|---|\n" + rows)
        p = c.run("t.md", cwd=d)
        expect_exit(p, 0)
        for page in range(1, pages(d / "t.pdf") + 1):
            t = pdftext(d / "t.pdf", page)
            if "Table 1. The long table" in t:
                check("Name" in t and "row 0" in t, f"filler {filler}: caption on page {page} without the "
                      f"table's first rows: {t[-200:]!r}")


@test(group="shared")
def test_corpus_svg_is_a_vector_picture(c):
    d = c.dir()
    p = c.run(str(c.shared / "corpus" / "design-notes.md"), "-o", str(d / "notes.pdf"))
    expect_exit(p, 0)
    check("pipeline.svg" not in p.err, f"the SVG was warned about: {p.err!r}")
    check(len(subtypes(d / "notes.pdf", "/Form")) == 1, "the SVG is not a form")
    check(len(subtypes(d / "notes.pdf", "/Image")) == 2, "images other than the PNG and the JPEG")
    text = pdftext(d / "notes.pdf")
    check(all(w in text for w in ["lint", "test", "package"]), "the SVG's labels are not text")


@test()
def test_unreadable_standard_input_is_an_error(c):
    # A read error is not the end of the document (it used to give an empty PDF and exit 0).
    d = c.dir()
    fd = os.open(d, os.O_RDONLY)
    try:
        p = subprocess.run([str(c.galley), "-", "-o", "out.pdf"], cwd=d, stdin=fd, capture_output=True,
                           timeout=TIMEOUT)
    finally:
        os.close(fd)
    p.err = p.stderr.decode("utf-8", "replace")
    expect_exit(p, 1)
    check("standard input" in p.err, f"no error about standard input: {p.err!r}")
    check(not (d / "out.pdf").exists(), "a PDF was written")


def run_measured(c, *args, cwd=None):
    """Runs galley in a child of a Python process of its own; returns (exit status, stderr, peak
    RSS in MB, CPU seconds) of galley alone (RUSAGE_CHILDREN of that process)."""
    code = ("import resource, subprocess, sys\n"
            "p = subprocess.run(sys.argv[1:], capture_output=True)\n"
            "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
            "sys.stdout.write(f'{p.returncode} {u.ru_maxrss} {u.ru_utime + u.ru_stime}\\n')\n"
            "sys.stdout.write(p.stderr.decode('utf-8', 'replace'))\n")
    p = subprocess.run([sys.executable, "-c", code, str(c.galley), *map(str, args)], cwd=cwd,
                       capture_output=True, text=True, timeout=TIMEOUT)
    first, _, err = p.stdout.partition("\n")
    status, rss_kb, cpu = first.split()
    return int(status), err, int(rss_kb) / 1024, float(cpu)


@test()
def test_long_line_without_spaces_is_set_in_bounded_memory(c):
    # A 1 MB line without a space used to cost about 420 bytes of memory per byte (the whole
    # paragraph's break list and breaker nodes); paragraphs are now set in windows.
    d = c.dir()
    letters = "abcdefghijklmnopqrstuvwxyz"
    line = "".join(letters[(i * 7 + i // 26) % 26] for i in range(1_000_000))
    (d / "long.md").write_text(line + "\n")
    status, err, rss, cpu = run_measured(c, "-q", "long.md", "-o", "long.pdf", cwd=d)
    check(status == 0, f"exit status {status}: {err[:400]!r}")
    check(rss < 200, f"peak RSS {rss:.0f} MB for a 1 MB line (limit 200 MB)")
    check(cpu < 10, f"{cpu:.1f} s of CPU for a 1 MB line")
    check(pdftext(d / "long.pdf", 1).replace("\n", "").startswith(line[:200]), "the line's text is not on page 1")


@test()
def test_many_short_spans_without_spaces_take_linear_time(c):
    # "a`" repeated: every backtick is a text node of its own, so a line of boxes with no break
    # between them; the emergency breaks among them were inserted one at a time (quadratic:
    # 800 KB took 3.5 s of CPU, now 0.8 s).
    d = c.dir()
    # 1.6 MB: about 2 s linear, 14 s quadratic; the bound leaves room for a loaded machine.
    (d / "ticks.md").write_text("a`" * 800_000 + "\n")
    status, err, rss, cpu = run_measured(c, "-q", "ticks.md", "-o", "ticks.pdf", cwd=d)
    check(status == 0, f"exit status {status}: {err[:400]!r}")
    check(cpu < 7, f"{cpu:.1f} s of CPU for 1.6 MB of short spans")


@test()
def test_long_code_line_is_wrapped_in_bounded_memory(c):
    # Each wrap copied the rest of the line's glyphs and text: a 5 MB code line took 23 GB.
    d = c.dir()
    line = "".join("abcdefghij"[(i * 7 + i // 10) % 10] for i in range(1_000_000))
    (d / "code.md").write_text("```\n" + line + "\n```\n")
    # No folios: one between two pages would sit inside the extracted line.
    status, err, rss, cpu = run_measured(c, "-q", "code.md", "-o", "code.pdf", "-M", "galley.footer.page-numbers=false",
                                         cwd=d)
    check(status == 0, f"exit status {status}: {err[:400]!r}")
    check(rss < 200, f"peak RSS {rss:.0f} MB for a 1 MB code line (limit 200 MB)")
    text = pdftext(d / "code.pdf").replace("\n", "").replace("\f", "")
    check(line[:5000] in text and line[-5000:] in text, "the code line's text is not all there")


@test()
def test_title_longer_than_the_limit_is_a_located_error(c):
    d = c.dir()
    (d / "title.md").write_text("---\ntitle: " + "x" * 5000 + "\n---\n\nBody.\n")
    p = c.run("title.md", cwd=d)
    expect_exit(p, 1)
    check(re.search(r"title\.md:2:8: error: .*4096 bytes", p.err), f"no located error about the limit: {p.err!r}")
    check(not (d / "title.pdf").exists(), "a PDF was written")


@test()
def test_interrupted_render_leaves_no_temporary_file(c):
    d = c.dir()
    (d / "long.md").write_text(("# Part\n\n" + "Words in a long paragraph. " * 400 + "\n\n") * 400)
    proc = subprocess.Popen([str(c.galley), "-q", "long.md", "-o", "out.pdf"], cwd=d)
    time.sleep(0.3)
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=TIMEOUT)
    left = sorted(x.name for x in d.iterdir())
    check(left in (["long.md"], ["long.md", "out.pdf"]), f"files left after SIGINT: {left}")


@test()
def test_quiet(c):
    d = c.dir()
    (d / "anchor.md").write_text(ANCHOR_DOC)
    for flag in ("-q", "--quiet"):
        p = c.run(flag, "anchor.md", "-o", "q.pdf", cwd=d)
        expect_exit(p, 0, f"{flag}: ")
        check(p.err.strip() == "", f"{flag}: stderr not empty: {p.err!r}")
        valid_pdf(d / "q.pdf")
    # errors are still printed
    (d / "broken.md").write_text(BAD_TOML)
    p = c.run("-q", "broken.md", cwd=d)
    expect_exit(p, 1, "-q broken.md: ")
    check("broken.md:3" in p.err, f"-q suppressed the error: {p.err!r}")


@test()
def test_verbose_lists_fallback_faces(c):
    d = c.dir()
    (d / "he.md").write_text("Shalom: \u05e9\u05dc\u05d5\u05dd.\n", encoding="utf-8")
    p = c.run("-v", "he.md", "-o", "he.pdf", cwd=d)
    expect_exit(p, 0, "-v: ")
    lines = [l for l in p.err.splitlines() if l.startswith("galley: fallback: ")]
    check(len(lines) == 1, f"expected one fallback line, got {p.err!r}")
    check("U+05D5" in lines[0] and "he.md:1:" in lines[0], f"fallback line lacks the characters or the place: {lines!r}")
    p = c.run("he.md", "-o", "he.pdf", cwd=d)
    check("fallback" not in p.err, f"fallback report without -v: {p.err!r}")


@test()
def test_no_system_fonts(c):
    d = c.dir()
    (d / "he.md").write_text("Shalom: \u05e9\u05dc\u05d5\u05dd.\n", encoding="utf-8")
    p = c.run("--no-system-fonts", "-v", "he.md", "-o", "he.pdf", cwd=d)
    expect_exit(p, 0, "--no-system-fonts: ")
    valid_pdf(d / "he.pdf", 1)
    check("galley: fallback:" not in p.err, f"an installed font was used: {p.err!r}")
    check("he.md:1:" in p.err and "U+05E9" in p.err, f"no warning for the Hebrew letters: {p.err!r}")
    fonts = subprocess.run(["pdffonts", str(d / "he.pdf")], capture_output=True, text=True).stdout
    check("Hebrew" not in fonts, f"a Hebrew font is embedded: {fonts!r}")
    p = c.run("--no-system-fonts", "--strict", "he.md", "-o", "strict.pdf", cwd=d)
    expect_exit(p, 1, "--no-system-fonts --strict: ")
    check(not (d / "strict.pdf").exists(), "--strict wrote a PDF despite the missing glyphs")


@test()
def test_reproducible(c):
    d = c.dir()
    (d / "r.md").write_text(SMALL_DOC)
    (d / "x").mkdir()
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    expect_exit(c.run("r.md", "-o", "a.pdf", cwd=d, env=env), 0)
    expect_exit(c.run("r.md", "-o", "x/b.pdf", cwd=d, env=env), 0)
    a, b = (d / "a.pdf").read_bytes(), (d / "x" / "b.pdf").read_bytes()
    check(a == b, f"two runs differ ({len(a)} vs {len(b)} bytes)")
    created = pdfinfo(d / "a.pdf").get("CreationDate", "")
    check(created.startswith("2023-11-14T22:13:20"), f"CreationDate {created!r} is not SOURCE_DATE_EPOCH")


@test()
def test_paper_letter(c):
    d = c.dir()
    (d / "p.md").write_text(SMALL_DOC)
    expect_exit(c.run("p.md", "--paper", "letter", "-o", "l.pdf", cwd=d), 0)
    size = pdfinfo(d / "l.pdf").get("Page size", "")
    check(size.startswith("612 x 792"), f"--paper letter gives {size!r}")
    expect_exit(c.run("p.md", "--paper", "a4", "-o", "a.pdf", cwd=d), 0)
    size = pdfinfo(d / "a.pdf").get("Page size", "")
    check(size.startswith("595.2"), f"--paper a4 gives {size!r}")


@test()
def test_missing_style_file(c):
    d = c.dir()
    (d / "s.md").write_text(SMALL_DOC)
    p = c.run("s.md", "--style", "nope.toml", cwd=d)
    expect_exit(p, 1)
    check("nope.toml" in p.err, f"stderr does not name the style file: {p.err!r}")
    check(not (d / "s.pdf").exists(), "s.pdf written")


TOC_LINE = re.compile(r"^\s*(\S.*?)\s*(?:\.\s*){3,}\s*(\d+)\s*$")


@test()
def test_repeated_warnings_are_counted_not_flooded(c):
    d = c.dir()
    n = 200
    (d / "wide.md").write_text("|" + "|".join(f"Header{i}" for i in range(n)) + "|\n|" + "---|" * n + "\n|" +
                               "|".join(f"cellvalue{i}" for i in range(n)) + "|\n")
    p = c.run("wide.md", cwd=d)
    expect_exit(p, 0)
    overfull = [l for l in p.err_lines if "wider than the line" in l]
    check(len(overfull) == 20, f"expected the first 20 overfull warnings, got {len(overfull)}")
    check(re.search(r"galley: \d+ more like the above \(line\.overfull\) not shown", p.err),
          f"no count of the warnings left out: {p.err_lines[-3:]!r}")
    expect_exit(c.run("wide.md", "--strict", "-o", "strict.pdf", cwd=d), 1, "--strict: ")


@test()
def test_contents_heading_speaks_the_document_language(c):
    d = c.dir()
    for lang, heading in (("de", "Inhalt"), ("fr", "Table des matières"), ("he", "תוכן העניינים"), ("zh-TW", "目錄")):
        (d / "a.md").write_text(f'+++\nlang = "{lang}"\ntoc = true\n+++\n\n# Eins\n\nText.\n\n## Zwei\n\nText.\n')
        expect_exit(c.run("a.md", cwd=d), 0, f"lang {lang}: ")
        check(heading in norm(pdftext(d / "a.pdf")), f"lang {lang}: no {heading!r} heading")
    # A style or the front matter that names the heading wins.
    (d / "a.md").write_text('+++\nlang = "de"\ntoc = true\n[galley]\ntoc.title = "Übersicht"\n+++\n\n# Eins\n\nText.\n\n## Zwei\n\nText.\n')
    expect_exit(c.run("a.md", cwd=d), 0)
    text = pdftext(d / "a.pdf")
    check("Übersicht" in text and "Inhalt" not in text, "the front matter's toc.title did not win")


@test()
def test_first_h1_is_the_title_once(c):
    d = c.dir()
    # Opening with the H1: it is the title block, set once.
    (d / "a.md").write_text("# Alpha report\n\nBody.\n")
    expect_exit(c.run("a.md", cwd=d), 0)
    check(pdftext(d / "a.pdf").count("Alpha report") == 1, "the opening H1 is printed twice")
    check(pdfinfo(d / "a.pdf").get("Title") == "Alpha report", "the PDF Title is not the H1")
    # An H1 after other text stays where it is, once; it still names the PDF.
    (d / "b.md").write_text("Intro first.\n\n# Alpha report\n\nBody.\n")
    expect_exit(c.run("b.md", cwd=d), 0)
    text = pdftext(d / "b.pdf")
    check(text.count("Alpha report") == 1, "an H1 after text is printed twice")
    check(text.index("Intro first.") < text.index("Alpha report"), "the H1 moved before the intro")
    check(pdfinfo(d / "b.pdf").get("Title") == "Alpha report", "the PDF Title is not the first H1")


@test()
def test_toc_without_headings_is_left_out(c):
    d = c.dir()
    (d / "a.md").write_text("+++\ntitle = \"No headings\"\n+++\n\nJust a paragraph.\n")
    expect_exit(c.run("a.md", "--toc", cwd=d), 0)
    text = pdftext(d / "a.pdf")
    check("Just a paragraph." in text, "the paragraph is missing")
    check("Contents" not in text, "an empty table of contents was printed")


def heading_pages(text_by_page, title):
    """Pages (1-based) on which `title` is a line of its own, or a few consecutive lines joined."""
    want = norm(title)
    found = []
    for i, t in enumerate(text_by_page, 1):
        lines = [norm(l) for l in t.splitlines()]
        for j in range(len(lines)):
            for k in (1, 2, 3):
                if norm(" ".join(lines[j:j + k])) == want:
                    found.append(i)
                    break
            else:
                continue
            break
    return found


@test(group="shared")
def test_toc_on_seed(c):
    seed_dir = c.shared / "seeds"
    seeds = sorted(seed_dir.glob("*.txt")) if seed_dir.is_dir() else []
    if not seeds:
        raise Skip("../shared not found")
    seed = seeds[0]
    expect = tomllib.loads(seed.with_name(seed.stem + ".expect.toml").read_text())
    d = c.dir()
    expect_exit(c.run(seed, "--toc", "-o", d / "toc.pdf", cwd=seed_dir), 0, "--toc: ")
    expect_exit(c.run(seed, "-o", d / "plain.pdf", cwd=seed_dir), 0, "without --toc: ")
    pdf = d / "toc.pdf"
    valid_pdf(pdf)
    n = pages(pdf)
    # TOC entries: "Title . . . . N" in the layout text of pages 1-2
    entries = []
    for line in pdftext(pdf, 1, min(2, n), layout=True).splitlines():
        m = TOC_LINE.match(line)
        if m:
            entries.append((m.group(1), int(m.group(2))))
    check(len(entries) >= 10, f"only {len(entries)} TOC entries found on pages 1-2: {entries!r}")
    titles = [norm(t) for t in expect["outline"]["titles"]]
    levels = expect["outline"]["levels"]
    got = [norm(t) for t, _ in entries]
    for i, (t, lv) in enumerate(zip(titles, levels)):
        # The opening H1 is the document's title, not an entry (issue 13).
        if lv <= 2 and not (i == 0 and lv == 1):
            check(t in got, f"TOC lacks the level-{lv} heading {t!r}")
    check(titles[0] not in got or levels[0] != 1, "the title H1 is a TOC entry")
    page_text = [pdftext(pdf, p) for p in range(1, n + 1)]
    # The contents print page labels: the body's pages are numbered from 1 after the front matter.
    offset = body_page_offset(pdf)
    bad = []
    last = 0
    for title, num in entries:
        check(1 <= num + offset <= n, f"TOC entry {title!r} points at page {num} of {n}")
        check(num >= last, f"TOC page numbers decrease at {title!r} ({last} -> {num})")
        last = num
        where = heading_pages(page_text, title)
        if num + offset not in where:
            bad.append(f"{title!r}: TOC says {num}, heading found on {where or 'no page'}")
    check(not bad, "TOC page numbers wrong: " + "; ".join(bad))
    # the TOC entries are links
    toc_int, _ = link_annotations(pdf)
    plain_int, _ = link_annotations(d / "plain.pdf")
    check(toc_int >= plain_int + len(entries),
          f"internal links: {toc_int} with --toc, {plain_int} without; expected at least {len(entries)} more")


# ---------------------------------------------------------------------------------------------- issue 10: the CLI as a tool

@test()
def test_no_input_reads_piped_standard_input(c):
    d = c.dir()
    p = c.run(cwd=d, stdin=SMALL_DOC.encode())
    expect_exit(p, 0)
    check(p.stdout.startswith(b"%PDF-"), f"stdout does not start with %PDF-: {p.stdout[:20]!r}")
    (d / "out.pdf").write_bytes(p.stdout)
    check("CLI test" in pdftext(d / "out.pdf"), "text of the piped document missing")
    with open(d / "out.pdf", "rb") as f:  # a file redirected in is an input as well ...
        expect_exit(c.run("-o", "again.pdf", cwd=d, stdin=f), 1, "a PDF redirected in: ")
    with open(os.devnull, "rb") as f:  # ... but /dev/null (a device) is none
        p = c.run(cwd=d, stdin=f)
    expect_exit(p, 2, "/dev/null on standard input: ")
    check("no INPUT given" in p.err and p.stdout == b"", f"{p.err!r}")


def write_batch(d):
    (d / "a.md").write_text(SMALL_DOC)
    (d / "b.md").write_text("# B\n\nSee [x](#nope) and [y](#gone).\n")
    (d / "broken.md").write_text(BAD_TOML)


@test()
def test_several_inputs_into_a_folder(c):
    d = c.dir()
    write_batch(d)
    p = c.run("-j2", "-o", "out/", "a.md", "b.md", "broken.md", cwd=d)
    expect_exit(p, 1, "one input failed: ")
    valid_pdf(d / "out" / "a.pdf")
    valid_pdf(d / "out" / "b.pdf")
    check(not (d / "out" / "broken.pdf").exists(), "a PDF written for the broken input")
    check(re.search(r"^broken\.md:3(:\d+)?: error: .*\[frontmatter\.toml\]$", p.err, re.M),
          f"the broken input's error is not reported at its line: {p.err!r}")
    # each file's messages together, in input order
    files = [m.group(1) for m in re.finditer(r"^(\w+)\.md:\d+", p.err, re.M)]
    check(files == sorted(files, key=["b", "broken"].index), f"messages not grouped by file in order: {files}")
    summary = p.err_lines[-1]
    check(re.match(r"galley: 3 files, 2 written, 1 failed, 2 pages, [\d.]+ s$", summary), f"summary: {summary!r}")
    # quiet: no summary; an existing folder without '/', and --output-dir, take several inputs
    p = c.run("-q", "-o", "out", "a.md", "b.md", cwd=d)
    expect_exit(p, 0, "-q -o out: ")
    check(p.err == "", f"-q printed: {p.err!r}")
    p = c.run("--output-dir", "new/sub", "a.md", "b.md", cwd=d)
    expect_exit(p, 0, "--output-dir: ")
    valid_pdf(d / "new" / "sub" / "b.pdf")
    # without -o each output goes beside its input
    p = c.run("a.md", "b.md", cwd=d)
    expect_exit(p, 0, "beside: ")
    valid_pdf(d / "a.pdf")
    valid_pdf(d / "b.pdf")


@test()
def test_several_inputs_usage_errors(c):
    d = c.dir()
    write_batch(d)
    (d / "sub").mkdir()
    (d / "sub" / "a.md").write_text(SMALL_DOC)
    for args in (["-o", "one.pdf", "a.md", "b.md"], ["-o", "out/", "a.md", "sub/a.md"], ["a.md", "-"],
                 ["--watch", "a.md", "b.md"], ["--watch", "a.md", "-o", "-"], ["--watch", "-"],
                 ["-", "--output-dir", "out"]):
        p = c.run(*args, cwd=d)
        expect_exit(p, 2, f"galley {' '.join(args)}: ")
        check(p.err.startswith("galley: error: "), f"{args}: {p.err!r}")
    check(not (d / "out").exists() and not (d / "a.pdf").exists(), "a usage error wrote something")


@test()
def test_one_input_into_a_folder(c):
    d = c.dir()
    (d / "a.md").write_text(SMALL_DOC)
    p = c.run("a.md", "-o", "pdf/", cwd=d)
    expect_exit(p, 0)
    valid_pdf(d / "pdf" / "a.pdf")


def corpus_expectations(c):
    corpus = c.shared / "corpus"
    if not corpus.is_dir():
        raise Skip(f"{corpus} not found")
    out = {}
    for md in sorted(corpus.glob("*.md")):
        if md.name == "README.md":
            continue
        expect = tomllib.loads(md.with_suffix(".expect.toml").read_text())
        out[md] = expect["run"]
    return out


@test("shared")
def test_corpus_in_parallel(c):
    expectations = corpus_expectations(c)
    d = c.dir()
    p = c.run("-j2", "-o", "out/", *expectations, cwd=d)
    expect_exit(p, 1, "the malformed documents fail the batch: ")
    for md, run in expectations.items():
        pdf = d / "out" / md.with_suffix(".pdf").name
        if run["exit"] == "success":
            valid_pdf(pdf)
            continue
        check(not pdf.exists(), f"{pdf.name} written for a malformed document")
        err = run["error"]
        lines = [err["line"], *err.get("also_accept_lines", [])]
        where = re.compile(rf"{re.escape(str(md))}:({'|'.join(map(str, lines))})\b.*: error: ")
        check(where.search(p.err), f"{md.name}: no error at line {lines}: {p.err!r}")
    check(re.search(rf"galley: {len(expectations)} files, ", p.err), f"no summary: {p.err_lines[-1:]!r}")


class Watch:
    """galley --watch in the background, its stderr read line by line."""

    def __init__(self, c, *args, cwd):
        self.p = subprocess.Popen([str(c.galley), "--watch", *map(str, args)], cwd=cwd, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.lines = []
        self.cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.p.stderr:
            with self.cond:
                self.lines.append(line.rstrip("\n"))
                self.cond.notify_all()

    def statuses(self):
        return [l for l in self.lines if l.startswith("galley: watch: ")]

    def wait_statuses(self, n, timeout=60):
        with self.cond:
            ok = self.cond.wait_for(lambda: len(self.statuses()) >= n or self.p.poll() is not None, timeout)
            check(ok and len(self.statuses()) >= n, f"expected {n} renders, saw: {self.lines!r}")
            return self.statuses()

    def stop(self):
        self.p.send_signal(signal.SIGINT)
        return self.p.wait(timeout=30)


@test()
def test_watch_renders_again_on_each_edit(c):
    d = c.dir()
    doc = d / "w.md"
    doc.write_text("# One\n\nFirst version.\n")
    w = Watch(c, "w.md", cwd=d)
    try:
        s = w.wait_statuses(1)
        check("wrote w.pdf (1 page" in s[0], f"first status: {s[0]!r}")
        check("First version." in pdftext(d / "w.pdf"), "first render's text missing")
        # an editor that saves through a new file renamed over the old one
        tmp = d / ".w.md.swp"
        tmp.write_text("# Two\n\nSecond version.\n")
        os.replace(tmp, doc)
        s = w.wait_statuses(2)
        check("wrote w.pdf" in s[1], f"second status: {s[1]!r}")
        check("Second version." in pdftext(d / "w.pdf"), "second render's text missing")
        good = (d / "w.pdf").read_bytes()
        doc.write_text(BAD_TOML)  # a bad edit, written in place
        s = w.wait_statuses(3)
        check("failed" in s[2] and "kept the last good w.pdf" in s[2], f"third status: {s[2]!r}")
        check(any(re.match(r"w\.md:3(:\d+)?: error: ", l) for l in w.lines), f"error not reported: {w.lines!r}")
        check((d / "w.pdf").read_bytes() == good, "the last good PDF changed after a bad edit")
        doc.write_text("# Four\n\nFixed version.\n")
        s = w.wait_statuses(4)
        check("wrote w.pdf" in s[3], f"fourth status: {s[3]!r}")
        check("Fixed version." in pdftext(d / "w.pdf"), "the fixed render's text missing")
        # a file the document does not use changes nothing
        (d / "other.md").write_text("x\n")
        time.sleep(0.5)
        check(len(w.statuses()) == 4, f"a render for an unrelated file: {w.statuses()!r}")
    finally:
        code = w.stop()
    check(code == 0, f"Ctrl-C ended --watch with status {code}")
    check(sorted(x.name for x in d.iterdir()) == ["other.md", "w.md", "w.pdf"],
          f"stray files: {sorted(x.name for x in d.iterdir())}")


@test()
def test_watch_follows_pictures_and_style(c):
    d = c.dir()
    src = REPO / "tests" / "images"
    pngs = sorted(src.glob("*.png"))
    if not pngs:
        raise Skip("no PNG under tests/images")
    shutil.copy(pngs[0], d / "pic.png")
    (d / "s.toml").write_text("[page]\nsize = \"a4\"\n")
    (d / "p.md").write_text("# P\n\n![a picture](pic.png)\n")
    w = Watch(c, "--style", "s.toml", "p.md", cwd=d)
    try:
        w.wait_statuses(1)
        (d / "s.toml").write_text("[page]\nsize = \"letter\"\n")
        w.wait_statuses(2)
        check(pdfinfo(d / "p.pdf").get("Page size", "").startswith("612 x 792"), "the style change was not rendered")
        shutil.copy(pngs[0], d / "pic.png")
        w.wait_statuses(3)
    finally:
        check(w.stop() == 0, "Ctrl-C did not end --watch with status 0")


DIAG_DOC = '# T\n\nSee [x](#nope) and <blink title="a,b:c">raw</blink>.\n\nMore [y](#50%25-off).\n'


@test()
def test_text_diagnostics_name_their_code(c):
    d = c.dir()
    (d / "t.md").write_text(DIAG_DOC)
    p = c.run("t.md", cwd=d)
    expect_exit(p, 0)
    for line in p.err_lines:
        check(re.match(r"t\.md:\d+:\d+: warning: .* \[[a-z]+(\.[a-z_]+)+\]$", line), f"no code in {line!r}")
    check(re.search(r"^t\.md:3:\d+: warning: .*nope.* \[anchor\.missing\]$", p.err, re.M), f"{p.err!r}")


def diagnostics_in(c, d, name, form):
    """galley --diagnostics-format FORM on DIAG_DOC saved as NAME: three warnings or more."""
    (d / name).write_text(DIAG_DOC)
    p = c.run("--diagnostics-format", form, name, cwd=d)
    expect_exit(p, 0)
    check(len(p.err_lines) >= 3, f"expected three diagnostics: {p.err!r}")
    return p


@test()
def test_json_diagnostics(c):
    d = c.dir()
    p = diagnostics_in(c, d, "j.md", "json")
    for line in p.err_lines:
        tool = subprocess.run([sys.executable, "-m", "json.tool"], input=line, capture_output=True, text=True)
        check(tool.returncode == 0, f"not JSON: {line!r}: {tool.stderr}")
        obj = json.loads(line)
        check(set(obj) == {"severity", "code", "file", "line", "column", "message"}, f"fields: {sorted(obj)}")
        check(obj["severity"] == "warning" and obj["file"] == "j.md" and obj["line"] > 0, f"{obj}")
    codes = {json.loads(l)["code"] for l in p.err_lines}
    check({"anchor.missing", "html.dropped"} <= codes, f"codes: {codes}")
    (d / "broken.md").write_text(BAD_TOML)
    p = c.run("--diagnostics-format", "json", "broken.md", cwd=d)
    expect_exit(p, 1)
    obj = json.loads(p.err_lines[0])
    check(obj["severity"] == "error" and obj["code"] == "frontmatter.toml" and obj["line"] == 3, f"{obj}")
    # the command line's own errors about a file are diagnostics too
    p = c.run("--diagnostics-format", "json", "j.md", "missing.md", "-o", "out/", cwd=d)
    expect_exit(p, 1)
    objs = [json.loads(l) for l in p.err_lines if l.startswith("{")]
    check(any(o["code"] == "cli.read" and o["file"] == "missing.md" and o["severity"] == "error" for o in objs),
          f"no cli.read error for the missing input: {p.err!r}")


GITHUB_COMMAND = re.compile(r"^::(warning|error) (file=[^,:\r\n]+,)?(line=\d+,)?(col=\d+,)?title=[a-z._]+::[^\r\n]*$")


@test()
def test_github_diagnostics(c):
    p = diagnostics_in(c, c.dir(), "g,h.md", "github")
    for line in p.err_lines:
        check(GITHUB_COMMAND.match(line), f"not a workflow command: {line!r}")
        check("file=g%2Ch.md,line=" in line, f"file property not escaped: {line!r}")
    check(any(l.startswith("::warning ") and "title=anchor.missing::" in l and "50%25" in l for l in p.err_lines),
          f"'%' in the message not escaped: {p.err!r}")
    p = c.run("--diagnostics-format", "github", "missing.md")
    expect_exit(p, 1)
    check(p.err_lines[0].startswith("::error file=missing.md,title=cli.read::cannot read input file"), f"{p.err!r}")


@test()
def test_severity_rules(c):
    d = c.dir()
    (d / "anchor.md").write_text(ANCHOR_DOC)
    p = c.run("-W", "anchor.missing=error", "anchor.md", "-o", "w.pdf", cwd=d)
    expect_exit(p, 1, "-W anchor.missing=error: ")
    check(re.search(r"anchor\.md:3:\d+: error: .*\[anchor\.missing\]", p.err), f"{p.err!r}")
    check(not (d / "w.pdf").exists(), "a PDF written despite the error")
    p = c.run("--strict", "-W", "anchor.missing=ignore", "anchor.md", "-o", "w.pdf", cwd=d)
    expect_exit(p, 0, "--strict -W anchor.missing=ignore: ")
    check(p.err == "", f"an ignored warning printed: {p.err!r}")
    p = c.run("--strict", "-W", "anchor.missing=warning", "anchor.md", "-o", "w.pdf", cwd=d)
    expect_exit(p, 0, "--strict -W anchor.missing=warning: ")
    check("warning: " in p.err, f"{p.err!r}")
    p = c.run("-W", "html.dropped=error", "anchor.md", "-o", "w.pdf", cwd=d)
    expect_exit(p, 0, "a rule for a code that does not occur: ")


@test()
def test_metadata_from_the_command_line(c):
    d = c.dir()
    (d / "m.md").write_text('+++\ntitle = "Old title"\nauthor = "Old"\n+++\n\nBody text.\n')
    p = c.run("-M", "title=New title", "--metadata", "author=Ann Example", "-M", "draft=true", "m.md", cwd=d)
    expect_exit(p, 0)
    info = pdfinfo(d / "m.pdf")
    check(info.get("Title") == "New title" and info.get("Author") == "Ann Example", f"Info: {info}")
    check("DRAFT" in pdftext(d / "m.pdf"), "draft=true gave no DRAFT mark")
    (d / "plain.md").write_text("Body.\n")
    p = c.run("-M", "title=Given", "-M", "galley.page.size=letter", "-M", "date=2024-05-01", "plain.md", cwd=d)
    expect_exit(p, 0, "without front matter: ")
    info = pdfinfo(d / "plain.pdf")
    check(info.get("Title") == "Given" and info.get("Page size", "").startswith("612 x 792"), f"Info: {info}")
    check(info.get("CreationDate", "").startswith("2024-05-01"), f"date: {info.get('CreationDate')!r}")
    p = c.run("-M", "draft=maybe", "plain.md", cwd=d)
    expect_exit(p, 0)
    check(re.search(r"^<command line>: warning: .*'draft'.*\[frontmatter\.type\]$", p.err, re.M), f"{p.err!r}")


@test()
def test_paper_sizes_and_landscape(c):
    d = c.dir()
    (d / "p.md").write_text(SMALL_DOC)
    for paper, size in (("a3", (841.89, 1190.55)), ("a5", (419.53, 595.28)), ("legal", (612, 1008)),
                        ("a4-landscape", (841.89, 595.28)), ("landscape", (841.89, 595.28)),
                        ("Letter-Landscape", (792, 612))):
        p = c.run("p.md", "--paper", paper, "-o", "p.pdf", cwd=d)
        expect_exit(p, 0, f"--paper {paper}: ")
        got = pdfinfo(d / "p.pdf").get("Page size", "")
        m = re.match(r"([\d.]+) x ([\d.]+)", got)
        check(m and all(abs(float(g) - e) < 0.01 for g, e in zip(m.groups(), size)),
              f"--paper {paper} gives {got!r}, expected {size}")


@test()
def test_verbose_says_what_was_written(c):
    d = c.dir()
    (d / "v.md").write_text(SMALL_DOC)
    p = c.run("-v", "v.md", "-o", "out.pdf", cwd=d)
    expect_exit(p, 0)
    check(p.err_lines and re.fullmatch(r"galley: wrote out\.pdf \(\d+ pages?\)", p.err_lines[-1]), f"{p.err!r}")


@test()
def test_empty_headings_are_harmless(c):
    d = c.dir()
    (d / "e.md").write_text("#\n\nText.\n\n## \n\nMore [link](#text-after) text.\n\n###   ###\n\n## Text after\n")
    p = c.run("--strict", "--toc", "e.md", cwd=d)
    expect_exit(p, 0)
    check(p.err == "", f"warnings for empty headings: {p.err!r}")
    valid_pdf(d / "e.pdf")


@test()
def test_man_page_and_completions(c):
    man = subprocess.run([str(c.galley), "--generate", "man"], capture_output=True, text=True)
    check(man.returncode == 0 and man.stdout.startswith(".TH GALLEY 1"), f"man page: {man.stdout[:80]!r}")
    help_text = c.run("--help").stdout.decode()
    options = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", help_text)) - {"--help"}
    rendered = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z"], input=man.stdout, capture_output=True,
                              text=True) if shutil.which("groff") else None
    if rendered:
        check(rendered.returncode == 0 and rendered.stderr == "", f"groff warns: {rendered.stderr[:300]!r}")
    for opt in options:
        check(opt.replace("-", "\\-") in man.stdout, f"the man page lacks {opt}")
    for shell, check_syntax in (("bash", ["bash", "-n"]), ("zsh", ["zsh", "-n"]), ("fish", ["fish", "-n"])):
        script = subprocess.run([str(c.galley), "--generate", shell], capture_output=True, text=True).stdout
        for opt in options:
            name = opt if shell != "fish" else f"-l {opt[2:]}"
            check(name in script, f"the {shell} completion lacks {opt}")
        if shutil.which(check_syntax[0]):
            r = subprocess.run(check_syntax, input=script, capture_output=True, text=True)
            check(r.returncode == 0, f"{shell} rejects its completion: {r.stderr[:300]!r}")
    built = c.galley.parent / "share" / "man" / "galley.1"
    check(built.exists() and built.read_text() == man.stdout, f"{built} missing or not the generated page")


# ---------------------------------------------------------------------------------------------- issue 13: page design

SECTIONS = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliet"]
FILLER = ("The committee met on each working day of the quarter and reviewed the minutes, the budget "
          "lines, the staffing plan and the risks that the auditors had raised in their previous letter. ")


def report_md(front, paragraphs=10):
    """A report of ten H2 sections ("Section Alpha" ...), each of `paragraphs` long paragraphs."""
    body = [front, "# Quarterly report", ""]
    for name in SECTIONS:
        body += [f"## Section {name}", ""]
        body += [FILLER * 5, ""] * paragraphs
    return "\n".join(body) + "\n"


def page_words(pdf, page):
    """(yMin, yMax, word, xMin) of every word on a page, from pdftotext -bbox (y grows downwards)."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True).stdout
    words = []
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', out):
        words.append((float(m.group(2)), float(m.group(3)), html.unescape(m.group(4)), float(m.group(1))))
    return words


@test()
def test_header_and_footer_templates_page_n_of_m_and_running_heads(c):
    d = c.dir()
    front = ('+++\ntitle = "Quarterly report"\n[galley]\nfooter.center = "Page {page} of {pages}"\n'
             'header.right = "{section}"\nheader.left = "{title}"\nheader.rule-width = "0.5pt"\n+++\n')
    (d / "r.md").write_text(report_md(front))
    expect_exit(c.run("r.md", cwd=d), 0)
    n = pages(d / "r.pdf")
    check(25 <= n <= 35, f"{n} pages, expected about 30")
    current = None
    for k in range(1, n + 1):
        words = page_words(d / "r.pdf", k)
        top_edge, bottom_edge = 25 * 72 / 25.4, 842 - 28 * 72 / 25.4  # the text area (A4, default margins)
        header = [w for w in words if w[1] <= top_edge]
        footer = [w for w in words if w[0] >= bottom_edge]
        body = [w for w in words if w[1] > top_edge and w[0] < bottom_edge]
        footer_text = " ".join(w[2] for w in footer)
        check(footer_text == f"Page {k} of {n}", f"page {k}: footer {footer_text!r}")
        # The section in force: the first H2 that starts on the page, else the last one before.
        body_text = " ".join(w[2] for w in body)
        starting = [s for s in SECTIONS if f"Section {s}" in body_text]
        expected = f"Section {starting[0]}" if starting else current
        if starting:
            current = f"Section {starting[-1]}"
        header_text = " ".join(w[2] for w in header)
        if k == 1:
            check(header == [], f"page 1 has a header: {header_text!r}")
        else:
            check(header_text == f"Quarterly report {expected}", f"page {k}: header {header_text!r}, "
                  f"expected 'Quarterly report {expected}'")
        # Nothing overlaps: header words end above every body word, footer words start below.
        if body and header:
            check(max(w[1] for w in header) < min(w[0] for w in body), f"page {k}: the header overlaps the body")
        if body and footer:
            check(min(w[0] for w in footer) > max(w[1] for w in body), f"page {k}: the footer overlaps the body")


@test()
def test_first_page_and_even_page_templates_and_front_matter_params(c):
    d = c.dir()
    front = ('---\ntitle: Handbook\nclient: ACME Corp\nparams:\n  project: Apollo\n'
             'galley:\n  footer:\n    center: ""\n    right: "{page}"\n    even-left: "{page}"\n'
             '    first-center: "{params.client} / {params.project}"\n  header:\n    first-page: true\n'
             '    center: "{{{title}}}"\n---\n')
    (d / "r.md").write_text(report_md(front, paragraphs=2))
    expect_exit(c.run("r.md", cwd=d), 0)
    n = pages(d / "r.pdf")
    check(n >= 3, f"{n} pages")
    first = norm(pdftext(d / "r.pdf", 1))
    check("ACME Corp / Apollo" in first, "page 1 lacks the first-page footer with {params.client}")
    check("{Handbook}" in first, "page 1 lacks the header with escaped braces")
    for k in (2, 3):
        words = page_words(d / "r.pdf", k)
        folio = [w for w in words if w[2] == str(k) and w[0] > 780]
        check(len(folio) == 1, f"page {k}: no folio {k} at the foot")
        left = folio[0][3] < 200
        check(left == (k % 2 == 0), f"page {k}: folio on the {'left' if left else 'right'}")


@test()
def test_long_header_slots_share_the_width_instead_of_overprinting(c):
    d = c.dir()
    long = "A very long running head that would never fit in a third of the line at all"
    front = (f'+++\ntitle = "T"\n[galley]\nheader.first-page = true\nheader.left = "{long} left"\n'
             f'header.center = "{long} centre"\nheader.right = "{long} right"\n+++\n')
    (d / "r.md").write_text(front + "\nBody text.\n")
    expect_exit(c.run("r.md", cwd=d), 0)
    top = 20 * 72 / 25.4  # the header's baseline is 13 mm below the top edge, the text starts at 25 mm
    header = sorted((w for w in page_words(d / "r.pdf", 1) if w[1] < top), key=lambda w: w[3])
    check(len(header) >= 3, f"header words {header}")
    boxes = re.finditer(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="([\d.]+)">',
                        subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(d / "r.pdf"), "-"],
                                       capture_output=True, text=True).stdout)
    spans = sorted((float(m.group(1)), float(m.group(2))) for m in boxes if float(m.group(3)) < top)
    for (a0, a1), (b0, b1) in zip(spans, spans[1:]):
        check(a1 <= b0 + 0.01, f"header words overlap: {a0:.1f}-{a1:.1f} and {b0:.1f}-{b1:.1f}")
    margin = 39 * 72 / 25.4
    check(spans[0][0] >= margin - 0.5 and spans[-1][1] <= 595.276 - margin + 0.5, f"header runs past the text: {spans}")
    text = " ".join(w[2] for w in header)
    check(text.startswith("A very") and "…" in text, f"header reads {text!r}")


@test()
def test_title_page_contents_and_page_labels(c):
    d = c.dir()
    front = ('+++\ntitle = "Quarterly report"\ntitlepage = true\ntoc = true\n'
             'abstract = "What the quarter brought, in brief."\n+++\n')
    (d / "r.md").write_text(report_md(front, paragraphs=3))
    expect_exit(c.run("r.md", cwd=d), 0)
    pdf = d / "r.pdf"
    n = pages(pdf)
    # Title page i, contents ii, body from 1 (qpdf --json's page labels).
    check(page_label_ranges(pdf) == [(0, "/r", 1), (2, "/D", 1)], f"page labels {page_label_ranges(pdf)}")
    title_page = norm(pdftext(pdf, 1))
    check("Quarterly report" in title_page and "What the quarter brought" in title_page,
          "the title page lacks the title or the abstract")
    check("Contents" not in title_page, "the contents start on the title page")
    # The printed folios agree with the labels.
    for k, folio in ((1, "i"), (2, "ii"), (3, "1"), (n, str(n - 2))):
        last_word = pdftext(pdf, k).split()[-1]
        check(last_word == folio, f"page {k}: folio {last_word!r}, label {folio!r}")
    # The contents print labels: each entry's number is the label of the page its heading is on.
    entries = [TOC_LINE.match(l) for l in pdftext(pdf, 2, 2, layout=True).splitlines()]
    entries = [(norm(m.group(1)), int(m.group(2))) for m in entries if m]
    check(len(entries) == len(SECTIONS), f"{len(entries)} contents entries: {entries}")
    check("Quarterly report" not in [t for t, _ in entries], "the title H1 is a contents entry")
    for title, num in entries:
        check(title in norm(pdftext(pdf, num + 2)), f"{title!r} is not on the page labelled {num}")
    # Without a title page or contents, no labels at all.
    (d / "plain.md").write_text(report_md("", paragraphs=1))
    expect_exit(c.run("plain.md", cwd=d), 0)
    check(page_label_ranges(d / "plain.pdf") == [], "a plain document has page labels")
    # The abstract is printed under the title block without a title page too.
    (d / "a.md").write_text('+++\ntitle = "T"\nabstract = "A short abstract."\n+++\n\nBody text.\n')
    expect_exit(c.run("a.md", cwd=d), 0)
    text = norm(pdftext(d / "a.pdf"))
    check(text.index("Abstract") < text.index("A short abstract.") < text.index("Body text."), text)
    # A logo on the title page (front matter `logo`, as pandoc's Eisvogel template takes it).
    (d / "logo.png").write_bytes((REPO / "tests" / "images" / "rgb-8.png").read_bytes())
    (d / "l.md").write_text('---\ntitle: T\ntitlepage: true\nlogo: logo.png\n---\n\nBody.\n')
    expect_exit(c.run("l.md", cwd=d), 0)
    listed = subprocess.run(["pdfimages", "-f", "1", "-l", "1", "-list", str(d / "l.pdf")], capture_output=True,
                            text=True).stdout.splitlines()[2:]
    check(len(listed) == 1, f"the title page has {len(listed)} pictures, expected the logo")
    (d / "l.md").write_text('---\ntitle: T\ntitlepage: true\nlogo: none.png\n---\n\nBody.\n')
    p = c.run("l.md", cwd=d)
    expect_exit(p, 0)
    check("none.png" in p.err and "l.md:4" in p.err, f"a missing logo is not warned about at its key: {p.err!r}")


def outline_titles(pdf):
    """(level, title) of every bookmark, from qpdf --json."""
    j = json.loads(subprocess.run(["qpdf", "--json", str(pdf)], capture_output=True, text=True).stdout)
    out = []
    def walk(items, level):
        for it in items:
            out.append((level, it["title"]))
            walk(it.get("kids", []), level + 1)
    walk(j.get("outlines", []), 1)
    return out


@test()
def test_toc_depth_and_numbered_sections(c):
    d = c.dir()
    md = ('---\ntitle: Manual\ntoc: true\ntoc-depth: 2\nnumbersections: true\n---\n\n# Manual\n\n'
          '## Setup\n\nText.\n\n### Tools\n\nText.\n\n## Use\n\nText.\n\n### Daily\n\nText.\n\n#### Deep\n\nText.\n')
    (d / "m.md").write_text(md)
    expect_exit(c.run("m.md", cwd=d), 0)
    contents = norm(pdftext(d / "m.pdf", 1))
    check("1 Setup" in contents and "2 Use" in contents, f"numbered entries missing: {contents!r}")
    check("Tools" not in contents and "Daily" not in contents, "toc-depth 2 lists h3 headings")
    body = norm(pdftext(d / "m.pdf", 2, pages(d / "m.pdf")))
    for heading in ("1 Setup", "1.1 Tools", "2 Use", "2.1 Daily", "2.1.1 Deep"):
        check(heading in body, f"the body lacks the numbered heading {heading!r}")
    titles = [t.replace("\u2002", " ") for _, t in outline_titles(d / "m.pdf")]
    for heading in ("1 Setup", "1.1 Tools", "2.1 Daily"):
        check(heading in titles, f"the bookmarks lack {heading!r} (h3 stays in the bookmarks): {titles}")
    # The command line: --toc-depth 3 and --number-sections over a document without them.
    (d / "n.md").write_text(md.replace("toc-depth: 2\nnumbersections: true\n", ""))
    expect_exit(c.run("n.md", "--toc-depth", "3", "--number-sections", cwd=d), 0)
    contents = norm(pdftext(d / "n.pdf", 1))
    check("1.1 Tools" in contents and "Deep" not in contents, f"--toc-depth 3: {contents!r}")
    # A format with letters and a closing dot.
    (d / "f.md").write_text(md.replace("---\n\n#", '[galley]\n---\n\n#').replace(
        "numbersections: true\n", "numbersections: true\ngalley:\n  numbering:\n    format: 'A.1.'\n").replace("[galley]\n", ""))
    expect_exit(c.run("f.md", cwd=d), 0)
    body = norm(pdftext(d / "f.pdf"))
    check("A. Setup" in body and "A.1. Tools" in body and "B.1. Daily" in body, f"format A.1.: {body!r}")


@test()
def test_pandoc_front_matter_keys_take_effect(c):
    d = c.dir()
    md = ('---\ntitle: Notes\npapersize: letter\ngeometry: margin=2cm\nfontsize: 12pt\n'
          'mainfont: DejaVu Serif\nlinestretch: 1.5\ndocumentclass: article\n---\n\nSome body text here.\n')
    (d / "p.md").write_text(md)
    p = c.run("p.md", "-v", "--dump-frames", "-o", "p.txt", cwd=d)
    expect_exit(p, 0)
    dump = (d / "p.txt").read_text()
    check(dump.splitlines()[1].startswith("page 1 612.00x792.00"), "papersize: letter not applied")
    body = [l for l in dump.splitlines() if '"Some body text here."' in l]
    check(len(body) == 1, "body run not found")
    check(body[0].startswith('  run "DejaVu Serif" regular 12.00'), f"mainfont/fontsize not applied: {body[0]}")
    x = float(re.search(r" ([\d.]+),[\d.]+ \"", body[0]).group(1))
    check(abs(x - 2 * 72 / 2.54) < 0.01, f"geometry margin=2cm not applied: text starts at x={x}")
    check("documentclass (p.md:8)" in p.err, f"-v does not list the unused key documentclass: {p.err!r}")
    # A geometry option galley does not read is a warning at the key.
    (d / "q.md").write_text('---\ngeometry: "paperwidth=10cm, margin=1in"\n---\n\nText.\n')
    p = c.run("q.md", cwd=d)
    expect_exit(p, 0)
    check("q.md:2" in p.err and "paperwidth" in p.err, f"no located warning for paperwidth: {p.err!r}")


@test()
def test_bundled_styles_by_name(c):
    d = c.dir()
    p = c.run("--list-styles")
    expect_exit(p, 0)
    names = [l.split("\t")[0] for l in p.stdout.decode().splitlines()]
    check(names == ["default", "handout", "memo"], f"--list-styles: {names}")
    (d / "r.md").write_text(report_md('+++\ntitle = "Memo to staff"\ndate = 2026-01-15\n+++\n', paragraphs=2))
    expect_exit(c.run("r.md", "--style", "handout", "--dump-frames", "-o", "h.txt", cwd=d), 0, "handout: ")
    check('run "Noto Sans" regular 12.00' in (d / "h.txt").read_text(), "--style handout: body not in 12 pt Noto Sans")
    p = c.run("r.md", "--style", "memo", "-o", "m.pdf", cwd=d)
    expect_exit(p, 0, "memo: ")
    check(p.err == "", f"memo: warnings {p.err!r}")
    n = pages(d / "m.pdf")
    check(f"Page 2 of {n}" in pdftext(d / "m.pdf", 2) and "2026-01-15" in pdftext(d / "m.pdf", 2),
          "--style memo: page 2 lacks 'Page 2 of N' or the dated header")
    # A file of that name here wins over the bundled style; an unknown name is an error.
    (d / "memo").write_text('[body]\nsize = "9pt"\n')
    expect_exit(c.run("r.md", "--style", "memo", "--dump-frames", "-o", "f.txt", cwd=d), 0)
    check('regular 9.00' in (d / "f.txt").read_text(), "a style file named memo did not win")
    p = c.run("r.md", "--style", "nosuch", cwd=d)
    expect_exit(p, 1)
    check("nosuch" in p.err, f"unknown style name: {p.err!r}")


@test(group="shared")
def test_bundled_styles_on_the_corpus(c):
    corpus = c.shared / "corpus"
    docs = [m for m in sorted(corpus.glob("*.md")) if m.with_name(m.stem + ".expect.toml").exists()
            and tomllib.loads(m.with_name(m.stem + ".expect.toml").read_text())["run"]["exit"] == "success"]
    if not docs:
        raise Skip("../shared not found")
    d = c.dir()
    for style in ("default", "handout", "memo"):
        for doc in docs:
            out = d / f"{doc.stem}-{style}.pdf"
            p = c.run(doc, "--style", style, "-o", out, cwd=corpus)
            expect_exit(p, 0, f"{doc.name} --style {style}: ")
            check("style." not in p.err, f"{doc.name} --style {style}: {p.err[:300]!r}")
            valid_pdf(out)


@test()
def test_math_formulas_dollars_and_errors(c):
    d = c.dir()
    (d / "m.md").write_text("It costs $5 and $10, and $a_b$ and $c_d$ stay formulas.\n\n"
                            "$$x = \\frac{-b \\pm \\sqrt{b^2-4ac}}{2a} \\tag{7}$$\n\n"
                            "Bad: $\\alpha + \\nope{x}$ here.\n")
    p = c.run("m.md", cwd=d)
    expect_exit(p, 0)
    valid_pdf(d / "m.pdf", 1)
    # The prices stay text; the formulas are math italic letters, not emphasis or dollars.
    text = pdftext(d / "m.pdf")
    check("It costs $5 and $10, and" in text, f"prices: {text[:200]!r}")
    check("\U0001D44E" in text and "$a_b$" not in text, f"inline formula: {text[:200]!r}")
    check("(7)" in text, "the \\tag label is not printed")
    # The error is located inside the formula (line 5, column 16 is the backslash of \nope),
    # and the formula is kept, as code.
    check(re.search(r"m\.md:5:16: warning: unknown command '\\nope'.*\[math\.syntax\]", p.err),
          f"math.syntax warning: {p.err!r}")
    check("$\\alpha + \\nope{x}$" in text, f"the bad formula is not shown as code: {text!r}")
    fonts = subprocess.run(["pdffonts", str(d / "m.pdf")], capture_output=True, text=True).stdout
    check("LatinModernMath" in fonts, f"no math font embedded: {fonts}")


EMOJI = {"suitcase": "\U0001F9F3", "thumbs": "\U0001F44D\U0001F3FD", "flag": "\U0001F1E9\U0001F1EA",
         "family": "\U0001F468\u200D\U0001F469\u200D\U0001F467", "keycap": "1\uFE0F\u20E3"}

EMOJI_DOC = """+++
title = "Emoji"
+++

# Trip {suitcase} plan

Packing {suitcase}, approval {thumbs}, flag {flag}, family {family} and step {keycap} done.

| Item | State |
|------|-------|
| Bag {suitcase} | ok {thumbs} |

```
echo "{suitcase} packed" # {flag}
```

Water H<sub>2</sub>O {suitcase}<sub>{family}</sub>.
""".format(**EMOJI)

EMOJI_RTL = "\u05E9\u05DC\u05D5\u05DD {flag} \u05E2\u05D5\u05DC\u05DD {thumbs} \u05D8\u05D5\u05D1.\n".format(**EMOJI)


def image_objects(pdf):
    """type ("image", "smask") -> [object number of each picture drawn], from pdfimages -list."""
    out = {}
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True).stdout
    for line in listing.splitlines()[2:]:
        cols = line.split()
        out.setdefault(cols[2], []).append(int(cols[10]))
    return out


@test()
def test_colour_emoji_are_pictures_that_copy_as_their_code_points(c):
    d = c.dir()
    (d / "e.md").write_text(EMOJI_DOC, encoding="utf-8")
    # Each sequence alone in a paragraph: one picture each (ZWJ family, skin tone, flag, keycap).
    for name, e in EMOJI.items():
        (d / f"{name}.md").write_text(f"Here is the {e} as one picture.\n", encoding="utf-8")
        p = c.run(f"{name}.md", "-o", f"{name}.pdf", "--strict", cwd=d)
        expect_exit(p, 0, f"{name}: ")
        images = image_objects(d / f"{name}.pdf")
        check(len(images.get("image", [])) == 1 and len(images.get("smask", [])) == 1,
              f"{name}: not one picture with its mask: {images}")
        text = pdftext(d / f"{name}.pdf", 1)
        check(f"Here is the {e} as one picture." in text, f"{name}: pdftotext gives {text!r}")
    p = c.run("e.md", "-o", "e.pdf", "--strict", cwd=d)
    expect_exit(p, 0, "e.md: ")
    valid_pdf(d / "e.pdf", 1)
    text = pdftext(d / "e.pdf")
    for line in ["Trip {suitcase} plan", "Packing {suitcase}, approval {thumbs}, flag {flag}, family {family} and step "
                 "{keycap} done.", "Bag {suitcase} ok {thumbs}", 'echo "{suitcase} packed" # {flag}',
                 "Water H2O {suitcase}{family}."]:
        check(line.format(**EMOJI) in text, f"pdftotext lacks {line.format(**EMOJI)!r}: {text!r}")
    # Five distinct glyphs, each one XObject however often drawn (heading, text, table, code, <sub>).
    images = image_objects(d / "e.pdf")
    check(len(images["image"]) == 12 and len(set(images["image"])) == 5, f"pictures: {images}")
    check(len(set(images["smask"])) == 5, f"masks: {images}")
    check((1, "Trip {suitcase} plan".format(**EMOJI)) in outline_titles(d / "e.pdf"),
          f"bookmark: {outline_titles(d / 'e.pdf')}")
    # Tagged (the default): the pictures are artifacts, the structure conditions hold.
    structure = subprocess.run([sys.executable, str(REPO / "tests" / "integration" / "check_structure.py"),
                                str(d / "e.pdf")], capture_output=True, text=True)
    check(structure.returncode == 0, f"check_structure: {structure.stdout}{structure.stderr}")
    # Right-to-left text extracts as it does with the monochrome font.
    mono = '+++\n[galley.fallback]\nemoji-color = false\n+++\n\n'
    (d / "rtl.md").write_text(EMOJI_RTL, encoding="utf-8")
    (d / "rtl-mono.md").write_text(mono + EMOJI_RTL, encoding="utf-8")
    for name in ("rtl", "rtl-mono"):
        expect_exit(c.run(f"{name}.md", cwd=d), 0, f"{name}: ")
    check(len(image_objects(d / "rtl.pdf")["image"]) == 2, "the right-to-left emoji are not pictures")
    check(pdftext(d / "rtl.pdf") == pdftext(d / "rtl-mono.pdf"),
          f"right-to-left text extracts otherwise: {pdftext(d / 'rtl.pdf')!r} vs {pdftext(d / 'rtl-mono.pdf')!r}")


EMOJI_30 = ["😀", "🧳", "👍🏽", "👋🏿", "🧑🏻\u200d💻", "👩\u200d❤️\u200d👨", "👨\u200d👩\u200d👧\u200d👦", "🏳️\u200d🌈",
            "🏴\u200d☠️", "🇩🇪", "🇯🇵", "🇺🇦", "🇧🇷", "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F",
            "1️⃣", "#️⃣", "*️⃣", "❤️", "☺️", "🫨", "🩷", "🫎", "🪼", "🐦\u200d⬛", "🪽", "🫚", "🪯", "🧑\u200d🚀",
            "🤷🏽\u200d♀️", "🙇\u200d♂️"]


@test()
def test_thirty_emoji_of_every_kind_are_one_picture_each_and_copy_back(c):
    """Issue 12, acceptance 5: ZWJ families, skin tones, flags (a tag sequence too), keycaps and
    Unicode 15 emoji: one picture each, no .notdef, and the same code points from pdftotext."""
    d = c.dir()
    (d / "e.md").write_text("Thirty: " + " ".join(EMOJI_30) + " end.\n", encoding="utf-8")
    expect_exit(c.run("e.md", "--strict", cwd=d), 0, "30 emoji: ")
    text = " ".join(pdftext(d / "e.pdf").split())
    check("Thirty: " + " ".join(EMOJI_30) + " end." in text, f"pdftotext: {text!r}")
    images = image_objects(d / "e.pdf")
    check(len(images["image"]) == 30 and len(set(images["image"])) == 30, f"pictures: {images}")
    trace = subprocess.run(["mutool", "trace", str(d / "e.pdf")], capture_output=True, text=True,
                           errors="replace").stdout
    check('glyph="0"' not in trace, "a .notdef glyph is drawn")
    # The keycap #️⃣ is one picture: its "#" is not set apart in the text face.
    spans = re.findall(r'<span font="([^"]+)"(.*?)</span>', trace, re.S)
    check(not any("NotoColorEmoji" not in font and 'unicode="#"' in body for font, body in spans),
          "the # of #️⃣ is set in the text face")


@test()
def test_emoji_color_false_sets_emoji_in_the_monochrome_font(c):
    d = c.dir()
    (d / "m.md").write_text('+++\n[galley.fallback]\nemoji-color = false\n+++\n\n' + EMOJI_DOC.split("+++\n", 2)[2],
                            encoding="utf-8")
    p = c.run("m.md", cwd=d)
    expect_exit(p, 0)
    check("style." not in p.err, f"the key is not taken: {p.err!r}")
    check(image_objects(d / "m.pdf") == {}, f"pictures with emoji-color = false: {image_objects(d / 'm.pdf')}")
    fonts = subprocess.run(["pdffonts", str(d / "m.pdf")], capture_output=True, text=True).stdout
    check("Symbola" in fonts and "NotoColorEmoji" not in fonts, f"fonts: {fonts}")
    check("approval {thumbs}".format(**EMOJI) in pdftext(d / "m.pdf"), f"text: {pdftext(d / 'm.pdf')!r}")


# ---------------------------------------------------------------------------------------------- main

# ---------------------------------------------------------------------------------------------- handouts

A4_W, A4_H = 595.276, 841.89


def ten_page_report(front=""):
    """Ten pages, one H2 each ("Part k"), page k holding the word "Markerk"; page 1 links to part 7
    and to a web page."""
    parts = [front]
    for k in range(1, 11):
        parts.append(f"## Part {k}\n\nMarker{k} " + FILLER * 2 + "\n")
        if k == 1:
            parts.append("See [part seven](#part-7) and [the site](https://example.com/).\n")
        if k < 10:
            parts.append("<!-- pagebreak -->\n")
    return "\n".join(parts)


def qpdf_json(pdf):
    """(pages as dicts, resolve) from qpdf --json v2: resolve follows an "N 0 R" reference."""
    j = json.loads(subprocess.run(["qpdf", "--json", str(pdf)], capture_output=True, text=True).stdout)
    objs = j["qpdf"][1]

    def resolve(v):
        if isinstance(v, str) and v.endswith(" R") and ("obj:" + v) in objs:
            return objs["obj:" + v].get("value")
        return v
    page_refs = [p["object"] for p in j["pages"]]
    catalog = resolve(objs["trailer"]["value"]["/Root"])
    return [resolve(r) for r in page_refs], page_refs, catalog, resolve


def word_box(pdf, page, word):
    """(xMin, yMin, xMax, yMax) of the first word equal to `word` on a page (y down), or None."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True).stdout
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', out):
        if html.unescape(m.group(5)) == word:
            return tuple(float(m.group(i)) for i in range(1, 5))
    return None


@test()
def test_two_up_sheets_place_pages_scaled_in_reading_order_with_working_links(c):
    d = c.dir()
    (d / "r.md").write_text(ten_page_report())
    expect_exit(c.run("r.md", "-o", "plain.pdf", cwd=d), 0)
    valid_pdf(d / "plain.pdf", 10)
    p = c.run("r.md", "--layout", "2up", "-o", "up.pdf", cwd=d)
    expect_exit(p, 0, "--layout 2up: ")
    valid_pdf(d / "up.pdf", 5)
    sheets, refs, catalog, resolve = qpdf_json(d / "up.pdf")
    for k, sheet in enumerate(sheets):
        box = [float(v) for v in sheet["/MediaBox"]]
        check(abs(box[2] - A4_H) < 0.01 and abs(box[3] - A4_W) < 0.01, f"sheet {k + 1}: MediaBox {box}, not landscape A4")
    s = A4_W / A4_H  # two portrait A4 pages side by side on a landscape A4 sheet
    for k in range(1, 11):
        sheet, right = (k + 1) // 2, k % 2 == 0
        before = word_box(d / "plain.pdf", k, f"Marker{k}")
        after = word_box(d / "up.pdf", sheet, f"Marker{k}")
        check(before and after, f"Marker{k} not found on page {k} / sheet {sheet}")
        ox = A4_H / 2 if right else 0
        expect = (before[0] * s + ox, before[1] * s, before[2] * s + ox, before[3] * s)
        check(all(abs(a - e) < 0.5 for a, e in zip(after, expect)),
              f"Marker{k} on sheet {sheet} at {after}, expected {expect} (scale {s:.4f})")
    for sheet in range(1, 6):
        text = pdftext(d / "up.pdf", sheet)
        first, second = text.find(f"Marker{2 * sheet - 1}"), text.find(f"Marker{2 * sheet}")
        check(0 <= first < second, f"sheet {sheet}: page {2 * sheet - 1} does not read before page {2 * sheet}")
        # In content order (-raw: what copying and most extractors see) all of one page, then the other.
        raw = subprocess.run(["pdftotext", "-raw", "-f", str(sheet), "-l", str(sheet), str(d / "up.pdf"), "-"],
                             capture_output=True, text=True).stdout
        order = [raw.find(w) for w in (f"Part {2 * sheet - 1}\n", f"Marker{2 * sheet - 1}", f"Part {2 * sheet}\n",
                                        f"Marker{2 * sheet}")]
        check(0 <= order[0] < order[1] < order[2] < order[3], f"sheet {sheet}: raw text order {order}")
    # The links moved with page 1 (left half) and part 7's destination is on sheet 4, left half.
    annots = [resolve(a) for a in resolve(sheets[0].get("/Annots", []))]
    check(len(annots) == 2, f"sheet 1 has {len(annots)} link annotations, expected 2")
    for a in annots:
        r = [float(v) for v in a["/Rect"]]
        check(0 <= r[0] < r[2] <= A4_H / 2 and 0 <= r[1] < r[3] <= A4_W, f"link rect {r} not on the left page")
    dests = resolve(catalog["/Dests"])
    dest = resolve(dests["/part-7"])
    check(dest[0] == refs[3], f"#part-7 points at page object {dest[0]}, expected sheet 4 ({refs[3]})")
    heading = word_box(d / "up.pdf", 4, "Part")
    check(heading is not None, "no 'Part' on sheet 4")
    x, y = float(dest[2]), float(dest[3])
    check(x < A4_H / 2 and abs(x - heading[0]) < 30, f"#part-7 at x {x}, the heading at {heading[0]}")
    check(A4_W - y <= heading[1] + 1 and heading[1] - (A4_W - y) < 30, f"#part-7 at y {y}, the heading's top at {A4_W - heading[1]}")
    # The bookmark goes to the same sheet and place.
    j = json.loads(subprocess.run(["qpdf", "--json", str(d / "up.pdf")], capture_output=True, text=True).stdout)
    marks = {}
    def walk(items):
        for it in items:
            marks[it["title"]] = it
            walk(it.get("kids", []))
    walk(j.get("outlines", []))
    check("Part 7" in marks, f"no bookmark 'Part 7' in {sorted(marks)}")
    check(marks["Part 7"]["destpageposfrom1"] == 4, f"bookmark 'Part 7' on sheet {marks['Part 7']['destpageposfrom1']}")
    bx, by = (float(v) for v in marks["Part 7"]["dest"][2:4])
    check(abs(bx - x) < 0.01 and abs(by - y) < 0.01, f"bookmark 'Part 7' at {bx},{by}, the destination at {x},{y}")
    # Right to left: page 1 on the right.
    (d / "rtl.md").write_text(ten_page_report('---\ndir: rtl\n---\n'))
    expect_exit(c.run("rtl.md", "--layout", "2up", "-o", "rtl.pdf", cwd=d), 0)
    one, two = word_box(d / "rtl.pdf", 1, "Marker1"), word_box(d / "rtl.pdf", 1, "Marker2")
    check(one and two and one[0] > A4_H / 2 > two[0], f"RTL 2-up: Marker1 at {one}, Marker2 at {two}")


def booklet_sides(pdf, n_sides, width):
    """For each side of a booklet PDF, (left page, right page) by the "Markerk" words, None for blank."""
    sides = []
    for k in range(1, n_sides + 1):
        cells = [None, None]
        for m in range(1, 40):
            box = word_box(pdf, k, f"Marker{m}")
            if box:
                cells[0 if box[0] < width / 2 else 1] = m
        sides.append(tuple(cells))
    return sides


@test()
def test_booklet_imposes_ten_pages_on_three_sheets_that_fold_into_page_order(c):
    d = c.dir()
    (d / "r.md").write_text(ten_page_report())
    p = c.run("r.md", "--layout", "booklet", "--sheet", "a4", "-o", "b.pdf", cwd=d)
    expect_exit(p, 0, "--layout booklet: ")
    valid_pdf(d / "b.pdf", 6)  # 3 sheets, front and back
    sides = booklet_sides(d / "b.pdf", 6, A4_H)
    check(sides == [(None, 1), (2, None), (10, 3), (4, 9), (8, 5), (6, 7)], f"booklet sides {sides}")
    # Print duplex flipped on the short edge, stack, fold, read leaf by leaf.
    read = []
    for s in range(3):
        read += [sides[2 * s][1], sides[2 * s + 1][0]]
    for s in reversed(range(3)):
        read += [sides[2 * s + 1][1], sides[2 * s][0]]
    check(read == list(range(1, 11)) + [None, None], f"the folded booklet reads {read}")
    # The same from the style table.
    (d / "s.md").write_text(ten_page_report('+++\n[galley.print]\nlayout = "booklet"\n+++\n'))
    expect_exit(c.run("s.md", "-o", "s.pdf", cwd=d), 0)
    valid_pdf(d / "s.pdf", 6)


def gray_pixels(pdf, page, dpi=72):
    """(width, height, bytes) of a page rendered in grey by pdftoppm (1 px = 1 pt at 72 dpi)."""
    raw = subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf)],
                         capture_output=True).stdout
    m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", raw)
    return int(m.group(1)), int(m.group(2)), raw[m.end():]


@test()
def test_crop_marks_and_bleed_set_the_print_boxes_and_draw_marks_outside_the_trim(c):
    d = c.dir()
    (d / "r.md").write_text(ten_page_report())
    p = c.run("r.md", "--marks", "crop", "--bleed", "3mm", "-o", "m.pdf", cwd=d)
    expect_exit(p, 0, "--marks crop --bleed 3mm: ")
    valid_pdf(d / "m.pdf", 10)
    expect_exit(c.run("r.md", "--bleed", "3xx", "-o", "bad.pdf", cwd=d), 2, "--bleed 3xx: ")
    mm = 72 / 25.4
    margin = 11 * mm  # 3 mm from the trim (the bleed), 6 mm of mark, 2 mm beyond
    sheets, _, _, _ = qpdf_json(d / "m.pdf")
    for k, page in enumerate(sheets):
        media = [float(v) for v in page["/MediaBox"]]
        trim = [float(v) for v in page["/TrimBox"]]
        bleed = [float(v) for v in page["/BleedBox"]]
        for got, want, name in ((media, [0, 0, A4_W + 2 * margin, A4_H + 2 * margin], "MediaBox"),
                                (trim, [margin, margin, margin + A4_W, margin + A4_H], "TrimBox"),
                                (bleed, [margin - 3 * mm, margin - 3 * mm, margin + A4_W + 3 * mm,
                                         margin + A4_H + 3 * mm], "BleedBox")):
            check(all(abs(a - b) < 0.01 for a, b in zip(got, want)), f"page {k + 1}: {name} {got}, expected {want}")
    # The marks: ink in the corners outside the bleed, none between the trim and the bleed's edge.
    w, h, px = gray_pixels(d / "m.pdf", 1)
    dark = lambda x0, y0, x1, y1: sum(1 for y in range(int(y0), int(y1)) for x in range(int(x0), int(x1))
                                      if px[y * w + x] < 128)
    check(dark(0, 0, margin - 3 * mm - 1, margin + 1) > 0, "no crop mark at the top left corner")
    check(dark(0, h - margin - 1, margin - 3 * mm - 1, h) > 0, "no crop mark at the bottom left corner")
    check(dark(w - margin + 3 * mm + 1, 0, w, margin + 1) > 0, "no crop mark at the top right corner")
    check(dark(margin - 3 * mm + 1, margin - 3 * mm + 1, margin - 1, h - margin + 3 * mm - 1) == 0,
          "ink in the bleed on the left")
    # Page positions: the page is moved by the margin, not scaled.
    before, after = word_box(d / "m.pdf", 1, "Marker1"), None
    expect_exit(c.run("r.md", "-o", "plain.pdf", cwd=d), 0)
    after = word_box(d / "plain.pdf", 1, "Marker1")
    check(abs(before[0] - after[0] - margin) < 0.1 and abs(before[1] - after[1] - margin) < 0.1,
          f"Marker1 at {before} with marks, {after} without")


@test()
def test_odd_chapters_blank_versos_and_mirrored_margins(c):
    d = c.dir()
    front = ('+++\ntitle = "Handbook"\n[galley]\nh1.new-page = "odd"\npage.margin-inner = "30mm"\n'
             'page.margin-outer = "15mm"\nheader.left = "{section}"\nheader.first-page = true\n+++\n')
    body = [front]
    for k, paras in enumerate((3, 9, 4, 1), start=1):
        body += [f"# Chapter {k}", ""] + [FILLER * 5 + "\n"] * paras
    (d / "r.md").write_text("\n".join(body))
    expect_exit(c.run("r.md", cwd=d), 0)
    n = pages(d / "r.pdf")
    mm = 72 / 25.4
    chapters_seen = 0
    for k in range(1, n + 1):
        text = norm(pdftext(d / "r.pdf", k))
        all_words = page_words(d / "r.pdf", k)
        # A chapter heading in the text area (the running head, above it, names one too).
        for i, w in enumerate(all_words[:-1]):
            if w[2] == "Chapter" and w[0] > 60:
                check(k % 2 == 1, f"Chapter {all_words[i + 1][2]} starts on page {k}, an even page")
                chapters_seen += 1
        words = [w for w in page_words(d / "r.pdf", k) if 100 < w[0] < 700]
        if not text:
            check(k % 2 == 0, f"page {k} is blank but odd")
            continue
        if not words:  # the title block's page
            continue
        left = min(w[3] for w in words)
        inner_left = k % 2 == 1
        want = (30 if inner_left else 15) * mm
        check(abs(left - want) < 1, f"page {k}: text starts at {left:.1f} pt, expected {want:.1f} (mirrored margins)")
    check(chapters_seen == 4, f"{chapters_seen} chapter starts found, expected 4")
    blanks = [k for k in range(1, n + 1) if not norm(pdftext(d / "r.pdf", k))]
    check(blanks, "no blank verso was added")
    # Labelled, when the style says so.
    (d / "l.md").write_text("\n".join(body).replace('h1.new-page = "odd"', 'h1.new-page = "odd"\n'
                                                    'page.blank-text = "This page is intentionally left blank"'))
    expect_exit(c.run("l.md", cwd=d), 0)
    labelled = [k for k in range(1, n + 1) if norm(pdftext(d / "l.pdf", k)) == "This page is intentionally left blank"]
    check(labelled == blanks, f"labelled blank pages {labelled}, blank pages {blanks}")


DIALECT_DIR = REPO / "tests" / "integration" / "data" / "dialect"

# Issue 15: one document per dialect feature: (text in order, text that must not show, warning
# codes expected, internal links expected).
DIALECT_DOCUMENTS = {
    "alerts": (["Note", "Useful information", "Tip", "Important", "Warning", "Caution", "An Obsidian title",
                "[!NOTE] An escaped marker keeps its quote."], ["[!TIP]", "[!info]", "\\["], [], 0),
    "definitions": (["Apple", "A fruit that grows on trees.", "A technology company.", "Orange", "A citrus fruit.",
                     "Its further paragraph, indented four spaces.", "Valencia", 'print("orange")', "Pear", "Quince",
                     "Term: not a definition stays a paragraph."], [": A", "    Its"], [], 0),
    "attributes": (["See the setup, the kramdown one and the appendix.", "Setup steps", "Kramdown heading",
                    "Appendix"], ["{#", "{:", "{.", "{width"], [], 3),
    "shortcodes": (["Version 1.4.2 is out; see the notes.", "The release picture", "func main() {",
                    'fmt.Println("hello")', "Note", "Back up your data before upgrading.", "More details",
                    "Hidden until opened.", "[params]", 'version = "1.4.2"', "debug = false"],
                   ["{{", "}}", "param \"", "highlight"], ["shortcode.unknown"], 1),
    "emoji": (["\U0001F389 tada", "\U0001F44D +1", "\u274C", "\U0001F517 link", "Code stays: :tada:, and :tada: too.",
               "Times stay: 10:30:00."], [":rocket:", ":link:"], [], 0),
    "html-inline": (["Water is H2O and area is r2. Press Ctrl+C.", "Marked, inserted, deleted,", "HTML and a link.",
                     "After a break.", "A square"], ["<", "hidden comment"], [], 0),
    "html-table": (["Release dates", "Version", "Date", "Notes", "1.0", "2024-01-05", "First stable release",
                    "Fixes & a link", "Spans two columns", "last"], ["<t", "&amp;", "<code>"], [], 0),
    "details": (["Click to expand", "Some Markdown inside the details.", "a list item", "One block",
                 "Plain text in one HTML block.", "After the details."], ["<", "*Markdown*"], [], 0),
    "pandoc": (["Water is H2O, area is r2 and 210 is 1024; struck stays struck.", "stay: H~2~O."],
               ["~2~O,", "^", "~~"], [], 0),
    "escapes": (["[!NOTE] Stays a quote with a literal marker.", "Prints :tada: as typed, and :tada: too, while",
                 "\U0001F389 is the emoji.", "Term : not a definition."], ["\\", "&#58;"], [], 0),
}


@test()
def test_dialect_documents_print_without_markup_leftovers(c):
    """Issue 15's acceptance: each dialect feature's test document prints its text without
    markup, with only the warnings it means to cause; headings in the outline without their
    attributes, links to custom ids resolved."""
    d = c.dir()
    shutil.copytree(DIALECT_DIR, d / "docs")
    for stem, (sequence, absent, warnings, links) in DIALECT_DOCUMENTS.items():
        p = c.run(f"{stem}.md", "-o", f"{stem}.pdf", cwd=d / "docs")
        expect_exit(p, 0, f"{stem}: ")
        pdf = d / "docs" / f"{stem}.pdf"
        valid_pdf(pdf)
        codes = sorted(set(re.findall(r"\[([a-z.]+)\]$", p.err, re.M)))
        check(codes == warnings, f"{stem}: warnings {p.err_lines}")
        text = " ".join(pdftext(pdf).split())
        at = 0
        for phrase in sequence:
            found = text.find(phrase, at)
            check(found >= 0, f"{stem}: {phrase!r} missing (or out of order) in {text[:600]!r}")
            at = found + len(phrase)
        for leftover in absent:
            check(leftover not in text, f"{stem}: {leftover!r} printed: {text[:600]!r}")
        for _level, title in outline_titles(pdf):
            check("{" not in title and "<" not in title, f"{stem}: outline title {title!r}")
        internal, _ = link_annotations(pdf)
        check(internal == links, f"{stem}: {internal} internal links, expected {links}")
    # The printed contents too hold the headings without their attributes.
    p = c.run("attributes.md", "--toc", "-o", "toc.pdf", cwd=d / "docs")
    expect_exit(p, 0)
    toc = " ".join(pdftext(d / "docs" / "toc.pdf", 1).split())
    check("Setup steps" in toc and "Kramdown heading" in toc and "{" not in toc, f"contents: {toc!r}")
    emoji = " ".join(pdftext(d / "docs" / "emoji.pdf").split())
    # Each of the 50 list items starts with its emoji, not with a code.
    count = len(re.findall(r"\u2022 [^\x00-\x7f]", emoji))
    check(count == 50, f"{count} of 50 emoji codes printed as emoji: {emoji[:300]!r}")
    check(":" not in emoji.split("Code stays")[0], f"an emoji code printed as text: {emoji[:300]!r}")


@test()
def test_html_tables_and_pandoc_scripts_are_set_as_their_markdown_twins(c):
    """An HTML table of plain rows and cells is laid out exactly as the same GFM table, and
    pandoc's H~2~O and x^3^ (style key pandoc) exactly as <sub> and <sup>: equal frame dumps."""
    d = c.dir()
    pairs = [
        ("| A | B |\n|---|--:|\n| *x* | 2 |\n| `c` | 3 |\n",
         '<table>\n<tr><th>A</th><th align="right">B</th></tr>\n<tr><td><em>x</em></td><td>2</td></tr>\n'
         "<tr><td><code>c</code></td><td>3</td></tr>\n</table>\n"),
        ("---\ngalley:\n  pandoc: true\n---\n\nH~2~O and x^3^, ~~gone~~.\n",
         "---\ngalley:\n  pandoc: false\n---\n\nH<sub>2</sub>O and x<sup>3</sup>, ~gone~.\n"),
    ]
    for markdown, twin in pairs:
        dumps = []
        for name, text in (("a.md", markdown), ("b.md", twin)):
            (d / name).write_text(text)
            p = c.run(name, "--dump-frames", "-o", "-", cwd=d)
            expect_exit(p, 0)
            check(not p.err.strip(), f"warnings: {p.err!r}")
            dumps.append(p.stdout.decode())
        check(dumps[0] == dumps[1] and "run " in dumps[0], f"the frames differ for {twin!r}")


def main():
    ap = argparse.ArgumentParser(description="galley CLI tests")
    ap.add_argument("galley")
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--group", choices=("local", "shared", "all"), default="all")
    ap.add_argument("-k", nargs="*", default=None, help="only tests whose name contains one of these")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    a = ap.parse_args()
    galley = Path(a.galley).resolve()
    if not galley.exists():
        print(f"error: {galley} not found", file=sys.stderr)
        return 2
    selected = [(n, g, f) for n, g, f in TESTS
                if (a.group == "all" or g == a.group) and (not a.k or any(k in n for k in a.k))]
    tmp = Path(tempfile.mkdtemp(prefix="galley-cli-"))
    c = Ctx(galley, Path(a.shared).resolve(), tmp)
    counts = {"PASS": 0, "FAIL": 0, "SKIP": 0}
    try:
        for name, _g, fn in selected:
            try:
                fn(c)
                status, msg = "PASS", ""
            except Skip as e:
                status, msg = "SKIP", str(e)
            except AssertionError as e:
                status, msg = "FAIL", str(e)
            except subprocess.TimeoutExpired as e:
                status, msg = "FAIL", f"timed out after {e.timeout}s: {e.cmd}"
            except Exception:
                status, msg = "FAIL", "exception: " + traceback.format_exc().strip().splitlines()[-1]
            counts[status] += 1
            print(f"{status} {name}" + (f": {msg}" if msg else ""), flush=True)
    finally:
        if a.keep:
            print(f"temporary files kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"== {counts['PASS']} passed, {counts['FAIL']} failed, {counts['SKIP']} skipped")
    if counts["FAIL"]:
        return 1
    if selected and counts["SKIP"] == len(selected):
        print("SKIP: ../shared not found")
        return SKIP_CODE
    return 0


if __name__ == "__main__":
    sys.exit(main())
