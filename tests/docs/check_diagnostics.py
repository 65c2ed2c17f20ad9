#!/usr/bin/env python3
"""Keeps docs/DIAGNOSTICS.md complete: every diagnostic code the sources emit is in its tables,
and every code in its tables is still emitted.

usage: check_diagnostics.py SRC_DIR DIAGNOSTICS_MD

A code is emitted where the sources call `.warn(` or `.error(` on a sink, or build a Diagnostic
from `Severity::...` and a literal. The code is the call's first argument: the code-shaped
string literals in it (`"image.missing"`; both arms of a `?:`), or, when it holds no literal, the
literals that the function it calls returns in the same file (`code_of(format)`). A first
argument that is neither is reported, so a code never hides in a variable.
A code in the document is a table row of its "## Codes" section whose first cell is `` `code` ``.
Exit 0 when both lists agree, 1 otherwise (each difference printed).
"""
import re
import sys
from pathlib import Path

CODE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")
STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
CALL = re.compile(r"\.(?:warn|error)\(")
SEVERITY = re.compile(r'Severity::\w+\s*,\s*"([^"]*)"')
DOC_ROW = re.compile(r"^\|\s*`([^`]+)`\s*\|", re.M)


def strip_comments(text):
    """Comments blanked out (string literals kept), so positions and line numbers stay."""
    out = []
    i = 0
    while i < len(text):
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = len(text) if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = len(text) if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text[i] in "\"'":
            j = i + 1
            while j < len(text) and text[j] != text[i]:
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def first_argument(text, start):
    """The text from `start` (just after an opening parenthesis) to the first comma or closing
    parenthesis at depth 0, skipping string and character literals."""
    depth = 0
    i = start
    while i < len(text):
        c = text[i]
        if c in "\"'":
            j = i + 1
            while j < len(text) and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif c == "," and depth == 0:
            break
        i += 1
    return text[start:i]


def returned_literals(text, function):
    """Code-shaped literals that `function`, defined in `text`, returns."""
    m = re.search(r"\b" + re.escape(function) + r"\s*\([^;{)]*\)\s*(?:const\s*)?\{", text)
    if not m:
        return set()
    depth, i = 1, m.end()
    while i < len(text) and depth:
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        i += 1
    body = text[m.end():i]
    return {s for s in re.findall(r'return\s+"([^"]*)"', body) if CODE.match(s)}


def emitted_codes(src):
    codes = {}  # code -> first "file:line"
    problems = []
    for path in sorted(src.rglob("*")):
        if path.suffix not in (".cpp", ".h"):
            continue
        text = strip_comments(path.read_text(encoding="utf-8"))
        line_of = lambda pos: text.count("\n", 0, pos) + 1
        where = lambda pos: f"{path.relative_to(src.parent)}:{line_of(pos)}"
        for m in CALL.finditer(text):
            arg = first_argument(text, m.end())
            found = {s for s in STRING.findall(arg) if CODE.match(s)}
            if not found:
                for function in re.findall(r"\b([A-Za-z_]\w*)\s*\(", arg):
                    found |= returned_literals(text, function)
            if not found:
                problems.append(f"{where(m.start())}: cannot tell the diagnostic code of {arg.strip()!r}; "
                                "write it as a string literal")
            for code in found:
                codes.setdefault(code, where(m.start()))
        for m in SEVERITY.finditer(text):
            codes.setdefault(m.group(1), where(m.start()))
    return codes, problems


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    src, doc = Path(sys.argv[1]), Path(sys.argv[2])
    emitted, problems = emitted_codes(src)
    text = doc.read_text(encoding="utf-8")
    codes_section = re.search(r"^## Codes$(.*?)(?=^## |\Z)", text, re.M | re.S)
    documented = set(DOC_ROW.findall(codes_section.group(1) if codes_section else ""))
    for code in sorted(set(emitted) - documented):
        problems.append(f"{emitted[code]}: code '{code}' is not in {doc.name}")
    for code in sorted(documented - set(emitted)):
        problems.append(f"{doc.name}: code '{code}' is documented but nothing in {src} emits it")
    for p in problems:
        print(p)
    if not problems:
        print(f"{len(emitted)} diagnostic codes, all documented")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
