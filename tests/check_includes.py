#!/usr/bin/env python3
"""Checks the layering of galley's stages (DESIGN.md section 1), in the spirit of HarfBuzz's
check-includes.py.

The stage order is read from GALLEY_STAGES in the top CMakeLists.txt and each stage's DEPS from
its galley_stage() call in src/<stage>/CMakeLists.txt. Then:
- a stage's DEPS name only stages before it;
- a file under src/<stage>/ includes headers of its own stage and of the stages its DEPS reach
  (transitively), nothing else: the compiler refuses most other includes already (each stage's
  include path holds only its own folder), this also catches "../other/x.h" and explains why;
- a third-party header appears only in the stages that own it (OWNERS below);
- headers under include/ (the public API) include no stage and no third-party header.

Usage: check_includes.py [SOURCE_DIR]. Prints one line per violation and a summary; exits 1 when
anything failed.
"""

import os
import re
import sys

# Third-party headers and the stages that own them: (include pattern, library, owners).
OWNERS = [
    (r"cmark", "cmark-gfm", {"markdown"}),
    (r"utf8proc\.h$", "utf8proc", {"markdown"}),
    (r"toml\+\+/", "toml++", {"frontmatter"}),
    (r"yaml-cpp/", "yaml-cpp", {"frontmatter"}),
    (r"nlohmann/", "nlohmann-json", {"frontmatter"}),
    (r"(ft2build\.h$|freetype/)", "FreeType", {"font"}),
    (r"fontconfig/", "fontconfig", {"font"}),
    (r"(hb\.h$|hb-.*\.h$|harfbuzz/)", "HarfBuzz", {"shape", "math", "pdf"}),
    (r"unicode/", "ICU", {"shape"}),
    (r"hyphen\.h$", "libhyphen", {"linebreak"}),
    (r"nettle/", "nettle", {"pdf"}),
    (r"libdeflate\.h$", "libdeflate", {"pdf"}),
    (r"png\.h$", "libpng", {"pdf"}),
    (r"librsvg/", "librsvg", {"picture"}),
    (r"cairo(-pdf)?\.h$", "cairo", {"picture"}),
    (r"qpdf/", "libqpdf", {"picture"}),
    (r"(KSyntaxHighlighting/|^Q[A-Z]|qt5?/)", "KSyntaxHighlighting and Qt", {"highlight"}),
    (r"CLI/", "CLI11", {"cli"}),
    (r"^emoji_table\.inc$", "the emoji table generated at build time (tools/gen_emoji.py)", {"markdown"}),
    (r"doctest/", "doctest", set()),
]

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
SOURCE_EXTENSIONS = (".h", ".hpp", ".cpp", ".cc")


class ConfigError(Exception):
    pass


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def strip_cmake_comments(text):
    return re.sub(r"#[^\n]*", "", text)


def stage_order(root):
    top = strip_cmake_comments(read(os.path.join(root, "CMakeLists.txt")))
    m = re.search(r"set\(\s*GALLEY_STAGES\s+([^)]*)\)", top)
    if not m:
        raise ConfigError("CMakeLists.txt: no set(GALLEY_STAGES ...)")
    return m.group(1).split()


def declared_deps(root, stage):
    """The stage names after DEPS in the galley_stage() call of src/<stage>/CMakeLists.txt."""
    path = os.path.join(root, "src", stage, "CMakeLists.txt")
    text = strip_cmake_comments(read(path))
    m = re.search(r"galley_stage\(\s*" + re.escape(stage) + r"\b([^)]*)\)", text)
    if not m:
        raise ConfigError(f"src/{stage}/CMakeLists.txt: no galley_stage({stage} ...) call")
    deps, in_deps = [], False
    for word in m.group(1).split():
        if word in ("SOURCES", "DEPS", "PRIVATE"):
            in_deps = word == "DEPS"
        elif in_deps:
            deps.append(word.removeprefix("galley_"))
    return deps


def include_lines(path):
    for number, line in enumerate(read(path).splitlines(), 1):
        m = INCLUDE.match(line)
        if m:
            yield number, m.group(1), m.group(2)


def owner_of(header):
    for pattern, library, owners in OWNERS:
        if re.match(pattern, header):
            return library, owners
    return None


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                           os.path.join(os.path.dirname(__file__), ".."))
    src = os.path.join(root, "src")
    try:
        stages = stage_order(root)
        deps = {s: declared_deps(root, s) for s in stages}
    except (ConfigError, OSError) as e:
        print(f"check_includes: {e}")
        return 2
    for _, library, owners in OWNERS:
        if not owners <= set(stages):
            print(f"check_includes: OWNERS names unknown stages for {library}: "
                  f"{sorted(owners - set(stages))}")
            return 2

    order = " ".join(stages)
    passed = failed = 0

    def report(problems):
        nonlocal passed, failed
        for p in problems:
            print(p)
        if problems:
            failed += 1
        else:
            passed += 1

    # DEPS point backwards, so the allowed sets can be built in stage order.
    allowed = {}
    for i, stage in enumerate(stages):
        problems = []
        reach = set()
        for d in deps[stage]:
            if d not in stages[:i]:
                where = "comes after it" if d in stages else "is no stage"
                problems.append(f"src/{stage}/CMakeLists.txt: DEPS names {d}, which {where} "
                                f"(order: {order})")
            else:
                reach |= {d} | allowed[d]
        allowed[stage] = reach
        report(problems)

    for entry in sorted(os.listdir(src)):
        if os.path.isdir(os.path.join(src, entry)) and entry not in stages:
            report([f"src/{entry}/: a folder that is not a stage; add it to GALLEY_STAGES in "
                    f"CMakeLists.txt (order: {order})"])

    def check_file(path, stage):
        """Problems of one file; stage is None for the public headers under include/."""
        rel = os.path.relpath(path, root)
        problems = []
        for line, delimiter, header in include_lines(path):
            written = f'"{header}"' if delimiter == '"' else f"<{header}>"
            target = None
            if delimiter == '"':
                # A quoted include is found next to the including file first: "../pdf/x.h".
                beside = os.path.relpath(
                    os.path.normpath(os.path.join(os.path.dirname(path), header)), src)
                if os.path.isfile(os.path.join(src, beside)):
                    target = beside.split(os.sep)[0]
            first = header.split("/")[0]
            if target is None and first in stages:
                target = first
            if target is not None:
                if stage is None:
                    problems.append(f"{rel}:{line}: includes {written} but public headers under "
                                    f"include/ may not use the stages (src/{target}/)")
                elif target != stage and target not in allowed[stage]:
                    reason = ("it comes later" if stages.index(target) > stages.index(stage)
                              else f"it is not among its DEPS (reached: "
                                   f"{' '.join(s for s in stages if s in allowed[stage])})")
                    problems.append(f"{rel}:{line}: includes {written} but stage {stage} may not "
                                    f"use {target}: {reason} (order: {order})")
                continue
            if first == "galley":
                continue
            owned = owner_of(header)
            if owned and stage not in owned[1]:
                owners = ", ".join(s for s in stages if s in owned[1]) or "tests only"
                who = f"stage {stage}" if stage else "include/ (the public API)"
                problems.append(f"{rel}:{line}: includes {written} but {who} may not use "
                                f"{owned[0]}, which belongs to: {owners}")
            elif not owned and delimiter == '"':
                problems.append(f"{rel}:{line}: includes {written}, which is no stage header "
                                f'(spell those "<stage>/x.h") and no known third-party header')
        report(problems)

    for stage in stages:
        for dirpath, dirnames, filenames in os.walk(os.path.join(src, stage)):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith(SOURCE_EXTENSIONS):
                    check_file(os.path.join(dirpath, name), stage)
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, "include")):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(SOURCE_EXTENSIONS):
                check_file(os.path.join(dirpath, name), None)

    print(f"layering ({order}): {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
