#!/usr/bin/env python3
"""Golden tests on the frame dump: render each case with `galley --dump-frames` and compare the
text with tests/golden/expected/NAME.frames.txt.

    run_golden.py GALLEY [--update] [--only NAME ...] [-j N]

Cases are tests/golden/cases/*.md (NAME = file name without .md) and the repository's
examples/*.md (NAME = example-<file name>). Each runs in its own folder (so relative picture
paths resolve as for a user) with SOURCE_DATE_EPOCH=0. A mismatch prints the first lines of a
unified diff, expected against actual. --update rewrites the expected files (and removes those
whose case is gone) instead of comparing. Exit 0 when all pass, 1 otherwise.
"""
import argparse
import concurrent.futures
import difflib
import os
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CASES = HERE / "cases"
EXPECTED = HERE / "expected"
EXAMPLES = ROOT / "examples"
DIFF_LINES = 80


def cases():
    """NAME -> Markdown path, cases first, then the examples."""
    found = {p.stem: p for p in sorted(CASES.glob("*.md"))}
    found.update({f"example-{p.stem}": p for p in sorted(EXAMPLES.glob("*.md"))})
    return found


def render(galley, source):
    """The dump as text, or raises RuntimeError with galley's messages."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="0")
    proc = subprocess.run([galley, source.name, "--dump-frames", "-o", "-"], cwd=source.parent, env=env,
                          capture_output=True, timeout=300)
    if proc.returncode != 0:
        raise RuntimeError(f"galley exited with {proc.returncode}:\n{proc.stderr.decode(errors='replace')}")
    return proc.stdout.decode("utf-8")


def check(galley, name, source, update):
    """(passed, report lines) for one case."""
    expected_path = EXPECTED / f"{name}.frames.txt"
    try:
        actual = render(galley, source)
    except (RuntimeError, subprocess.TimeoutExpired) as e:
        return False, [f"FAIL {name}: {e}"]
    if update:
        old = expected_path.read_text(encoding="utf-8") if expected_path.exists() else None
        if old != actual:
            expected_path.write_text(actual, encoding="utf-8", newline="\n")
            return True, [f"UPDATED {name}"]
        return True, [f"ok {name}"]
    if not expected_path.exists():
        return False, [f"FAIL {name}: no {expected_path.relative_to(ROOT)}; run with --update to create it"]
    expected = expected_path.read_text(encoding="utf-8")
    if expected == actual:
        return True, [f"ok {name}"]
    diff = list(difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                     f"expected/{name}.frames.txt", f"actual {source.relative_to(ROOT)}",
                                     lineterm="", n=2))
    lines = [f"FAIL {name}: the dump differs from the expected file"] + ["    " + d for d in diff[:DIFF_LINES]]
    if len(diff) > DIFF_LINES:
        lines.append(f"    ... {len(diff) - DIFF_LINES} more diff lines")
    return False, lines


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("galley", help="path of the galley executable")
    ap.add_argument("--update", action="store_true", help="rewrite the expected files from the current output")
    ap.add_argument("--only", nargs="+", metavar="NAME", help="run only these cases")
    ap.add_argument("-j", type=int, default=2, help="cases rendered at once (default 2)")
    args = ap.parse_args()
    galley = str(pathlib.Path(args.galley).resolve())

    todo = cases()
    if args.only:
        unknown = [n for n in args.only if n not in todo]
        if unknown:
            print(f"no such case: {', '.join(unknown)}; cases are: {', '.join(todo)}", file=sys.stderr)
            return 2
        todo = {n: todo[n] for n in args.only}
    EXPECTED.mkdir(exist_ok=True)

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.j)) as pool:
        results = list(pool.map(lambda item: check(galley, item[0], item[1], args.update), todo.items()))
    passed = sum(ok for ok, _ in results)
    failed = len(results) - passed
    for _, lines in results:
        print("\n".join(lines))

    # An expected file whose case was removed or renamed would otherwise rot unnoticed.
    if not args.only:
        for stale in sorted(set(p.name[:-len(".frames.txt")] for p in EXPECTED.glob("*.frames.txt")) - set(todo)):
            path = EXPECTED / f"{stale}.frames.txt"
            if args.update:
                path.unlink()
                print(f"REMOVED {path.relative_to(ROOT)} (no case)")
            else:
                print(f"FAIL {stale}: {path.relative_to(ROOT)} has no case; --update removes it")
                failed += 1
    print(f"{passed} passed, {failed} failed")
    if failed and not args.update:
        print("to accept the new output: python3 tests/golden/run_golden.py BUILD/galley --update", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
