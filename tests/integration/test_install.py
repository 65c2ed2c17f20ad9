#!/usr/bin/env python3
"""Installs the built galley (cmake --install) into a temporary prefix, moves the whole tree
elsewhere, and renders with the moved binary: the data (fonts, styles) must come from beside the
binary, not from the source checkout, and a style's relative font path from the style's folder.

usage: test_install.py BUILD_DIR [--shared DIR]
Exit 0 when it passed, 1 when it failed.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

DOC = """+++
title = "Moved"
+++

# Installed

Text in the style's own font, and a [link](#installed).
"""


def fail(msg):
    print(f"FAIL {msg}")
    sys.exit(1)


def run(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=300, **kw)
    if p.returncode != 0:
        fail(f"{' '.join(map(str, cmd))}: exit {p.returncode}: {p.stderr[-2000:]}")
    return p


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--shared")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        run(["cmake", "--install", args.build, "--prefix", tmp / "prefix"])
        moved = tmp / "elsewhere" / "galley-install"
        moved.parent.mkdir()
        shutil.move(tmp / "prefix", moved)
        galley = moved / "bin" / "galley"
        env = {k: v for k, v in os.environ.items() if k != "GALLEY_DATA_DIR"}
        for part in ("share/galley/fonts/NotoSerif-Regular.ttf", "share/galley/fonts/OFL.txt",
                     "share/galley/styles/default.toml"):
            if not (moved / part).is_file():
                fail(f"the install has no {part}")
        # The bundled fonts are the moved ones, not the checkout's.
        listed = run([galley, "--list-fonts", "--no-system-fonts"], env=env).stdout
        line = next((l for l in listed.splitlines() if l.startswith("Noto Serif\tbundled")), None)
        if not line or str(moved) not in line:
            fail(f"the bundled fonts do not come from the moved install: {listed!r}")
        # A document in another folder, with a style that names a font file by a relative path.
        work = tmp / "work"
        (work / "style" / "fonts").mkdir(parents=True)
        shutil.copy(moved / "share/galley/fonts/NotoSans-Italic.ttf", work / "style" / "fonts" / "Mine.ttf")
        (work / "style" / "handout.toml").write_text('[body]\nfont = "fonts/Mine.ttf"\n')
        (work / "doc").mkdir()
        (work / "doc" / "a.md").write_text(DOC)
        run([galley, "--strict", "--no-system-fonts", "doc/a.md", "--style", "style/handout.toml", "-o", "a.pdf"],
            cwd=work, env=env)
        fonts = run(["pdffonts", work / "a.pdf"]).stdout
        if "NotoSans-Italic" not in fonts:
            fail(f"the style's font file is not in the PDF: {fonts}")
        # Highlighting and SVG pictures come from the moved install's modules (the dynamic
        # loader names the file it initialises); --strict turns a module that cannot be loaded
        # into an error.
        (work / "doc" / "code.md").write_text('```python\nimport os  # a comment\n```\n')
        (work / "doc" / "p.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
                                            '<rect width="40" height="20" fill="#36c"/></svg>')
        (work / "doc" / "svg.md").write_text("![a drawing](p.svg)\n")
        # The loader writes one file per process (LD_DEBUG_OUTPUT), so the picture worker's
        # loading is seen too.
        for doc, module in [("code", "highlight-ksh.so"), ("svg", "picture-vector.so")]:
            trace = work / f"ld-{doc}"
            run([galley, "--strict", f"doc/{doc}.md", "-o", f"{doc}.pdf"], cwd=work,
                env={**env, "LD_DEBUG": "files", "LD_DEBUG_OUTPUT": str(trace)})
            lines = [l for f in work.glob(f"ld-{doc}.*") for l in f.read_text(errors="replace").splitlines()]
            modules = [l for l in lines if module in l and "calling init" in l]
            if not modules or any(str(moved) not in l for l in modules):
                fail(f"{module} does not come from the moved install: {modules!r}")
        # The seed document, when ../shared is there.
        seeds = sorted(Path(args.shared).glob("seeds/*.txt")) if args.shared and Path(args.shared).is_dir() else []
        for seed in seeds:
            run([galley, "-q", seed, "-o", work / "seed.pdf"], cwd=work, env=env)
            run(["qpdf", "--check", work / "seed.pdf"])
        print(f"PASS install, move and render ({len(seeds)} seed documents)")


if __name__ == "__main__":
    main()
