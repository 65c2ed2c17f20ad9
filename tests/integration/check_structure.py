#!/usr/bin/env python3
"""Checks a PDF against the PDF/UA-1 (ISO 14289-1) structure conditions galley implements, as the
Matterhorn Protocol 1.1 words them (docs/ARCHITECTURE.md, "Tagged PDF", lists them).

    check_structure.py FILE.pdf [--strict-headings]

Exits 0 when every condition holds, 1 with one line per failed condition (and per place it failed,
up to a few) otherwise, 2 when the file cannot be read. Needs qpdf. It checks structure only: the
XMP and PDF/A conditions are another checker's.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pdf_structure import Pdf, StructTree, in_artifact, marked_content, mcid_of, mcids_in, text_string  # noqa: E402

# The standard structure types of PDF 32000-1, 14.8.4: any other must be role-mapped to one (02-001).
STANDARD_TYPES = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index", "NonStruct",
    "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD",
    "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby",
    "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form",
}


def name(value):
    return value[1:] if isinstance(value, str) and value.startswith("/") else value


class Report:
    def __init__(self):
        self.failures = {}
        self.warnings = []

    def fail(self, condition, where=""):
        self.failures.setdefault(condition, [])
        if where and len(self.failures[condition]) < 5:
            self.failures[condition].append(where)


def mapped_type(tree, s):
    """A structure type through the role map (02-001 asks that it end in a standard type)."""
    seen = set()
    while s not in STANDARD_TYPES and s not in seen:
        seen.add(s)
        target = tree.role_map.get("/" + s)
        if target is None:
            return None
        s = name(target)
    return s


def attributes(pdf, element):
    """The attribute dicts of an element's /A (a dict, or an array of dicts and revisions)."""
    a = pdf.get(element.get("/A"))
    items = a if isinstance(a, list) else [a] if a is not None else []
    return [pdf.get(x) for x in items if isinstance(pdf.get(x), dict)]


def check_document(pdf, report):
    catalog = pdf.catalog
    mark_info = pdf.get(catalog.get("/MarkInfo")) or {}
    if mark_info.get("/Marked") is not True:
        report.fail("tagged: the catalog's /MarkInfo has no /Marked true (ISO 14289-1 7.1; Matterhorn 06-001)")
    if "/StructTreeRoot" not in catalog:
        report.fail("tagged: no /StructTreeRoot (ISO 14289-1 7.1; Matterhorn 01-006)")
    if not text_string(catalog.get("/Lang", "")).strip():
        report.fail("lang: the catalog has no /Lang (ISO 14289-1 7.2; Matterhorn 11-006)")
    prefs = pdf.get(catalog.get("/ViewerPreferences")) or {}
    if prefs.get("/DisplayDocTitle") is not True:
        report.fail("title: /ViewerPreferences has no /DisplayDocTitle true (ISO 14289-1 7.1; Matterhorn 07-001)")
    info = pdf.get(pdf.trailer.get("/Info")) or {}
    if not text_string(info.get("/Title", "")).strip():
        report.fail("title: the document has no title (ISO 14289-1 7.1; Matterhorn 06-003)")


def check_elements(pdf, tree, report, strict_headings):
    ids = {}
    last_heading = 0
    for ref, e, _depth, _parent in tree.elements:
        s = name(e["/S"])
        t = mapped_type(tree, s)
        if t is None:
            report.fail("role map: a structure type is neither standard nor role-mapped (Matterhorn 02-001)", s)
            continue
        alt = text_string(e.get("/Alt", "")) or text_string(e.get("/ActualText", ""))
        if t == "Figure" and not alt.strip():
            report.fail("figure: a Figure has no /Alt (ISO 14289-1 7.3; Matterhorn 13-004)", ref)
        if t == "Formula" and not alt.strip():
            report.fail("formula: a Formula has no /Alt (ISO 14289-1 7.7; Matterhorn 17-002)", ref)
        if t == "TH" and not any("/Scope" in a for a in attributes(pdf, e)) and "/Headers" not in str(e):
            report.fail("table: a TH has no /Scope (ISO 14289-1 7.5; Matterhorn 15-003)", ref)
        if t == "Note":
            note_id = e.get("/ID")
            if not note_id:
                report.fail("note: a Note has no /ID (ISO 14289-1 7.9; Matterhorn 19-003)", ref)
            elif note_id in ids:
                report.fail("note: two Notes share an /ID (ISO 14289-1 7.9; Matterhorn 19-004)", ref)
            ids[note_id] = ref
        if t in ("H1", "H2", "H3", "H4", "H5", "H6"):
            level = int(t[1])
            if level > last_heading + 1:
                message = f"headings: H{level} follows H{last_heading} (Matterhorn 14-003)"
                if strict_headings:
                    report.fail("headings: a numbered heading level is skipped (Matterhorn 14-003)", ref)
                else:
                    report.warnings.append(message)
            last_heading = level


def check_content(pdf, tree, report):
    """Every painting operator is tagged or an artifact, never both; every MCID on a page is
    referred to by exactly one element, and the parent tree names that element."""
    referenced = {}  # (page, mcid) -> element ref
    objr = {}  # annotation ref -> element ref
    for ref, e, _depth, _parent in tree.elements:
        for page, mcid in tree.content_refs(e):
            if page == "OBJR":
                objr[mcid] = ref
                continue
            key = (page, mcid)
            if key in referenced:
                report.fail("mcid: a marked-content sequence is referred to twice (ISO 32000-1 14.7.4)", f"{page} MCID {mcid}")
            referenced[key] = ref
    parents = tree.parent_tree()
    next_key = tree.root.get("/ParentTreeNextKey") if tree.root else None
    if parents and (next_key is None or next_key <= max(parents)):
        report.fail("parent tree: /ParentTreeNextKey is missing or not above every key (ISO 32000-1 14.7.4.4)")
    seen = set()
    for page_ref in pdf.pages:
        page = pdf.get(page_ref)
        data = pdf.content(page_ref)
        opened = set()
        for op, stack in marked_content(data):
            mcid = mcid_of(stack)
            artifact = in_artifact(stack)
            if mcid is None and not artifact:
                report.fail("content: a painting operator is neither tagged nor an artifact (Matterhorn 01-005)",
                            f"{page_ref} {op}")
            if mcid is not None and artifact:
                report.fail("content: tagged content inside an artifact (Matterhorn 01-004)", f"{page_ref} {op}")
        opened = set(mcids_in(data))  # an empty sequence is marked content too
        for mcid in opened:
            seen.add((page_ref, mcid))
            if (page_ref, mcid) not in referenced:
                report.fail("mcid: marked content no structure element refers to (ISO 32000-1 14.7.4)",
                            f"{page_ref} MCID {mcid}")
        if opened:
            key = page.get("/StructParents")
            entry = parents.get(key) if key is not None else None
            if not isinstance(entry, list):
                report.fail("parent tree: a page with marked content has no /StructParents entry (ISO 32000-1 14.7.4.4)",
                            page_ref)
            else:
                for mcid in opened:
                    if mcid >= len(entry) or entry[mcid] != referenced.get((page_ref, mcid)):
                        report.fail("parent tree: an MCID's entry is not the element that refers to it "
                                    "(ISO 32000-1 14.7.4.4)", f"{page_ref} MCID {mcid}")
        check_annotations(pdf, page_ref, page, objr, parents, report)
    for key in referenced:
        if key not in seen:
            report.fail("mcid: an element refers to marked content that is not on its page", f"{key[0]} MCID {key[1]}")


def check_annotations(pdf, page_ref, page, objr, parents, report):
    annots = pdf.get(page.get("/Annots")) or []
    if annots and page.get("/Tabs") != "/S":
        report.fail("annotations: a page with annotations has no /Tabs /S (ISO 14289-1 7.18.3)", page_ref)
    for a_ref in annots:
        a = pdf.get(a_ref)
        if a.get("/Subtype") in ("/Popup",):
            continue
        if not text_string(a.get("/Contents", "")).strip():
            report.fail("annotations: an annotation has no /Contents (ISO 14289-1 7.18.1; Matterhorn 28-004)", a_ref)
        key = a.get("/StructParent")
        element = parents.get(key) if key is not None else None
        if element is None or objr.get(a_ref) != element:
            report.fail("annotations: an annotation is not in the structure tree through /StructParent and an OBJR "
                        "(ISO 14289-1 7.18.2)", a_ref)
        elif a.get("/Subtype") == "/Link" and name(pdf.get(element).get("/S")) != "Link":
            report.fail("annotations: a link annotation is not inside a Link element (ISO 14289-1 7.18.5; "
                        "Matterhorn 28-011)", a_ref)


def check(path, strict_headings=False):
    report = Report()
    pdf = Pdf(path)
    check_document(pdf, report)
    tree = StructTree(pdf)
    check_elements(pdf, tree, report, strict_headings)
    check_content(pdf, tree, report)
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pdf")
    parser.add_argument("--strict-headings", action="store_true",
                        help="fail on skipped heading levels (Matterhorn 14-003) instead of warning")
    args = parser.parse_args()
    try:
        report = check(args.pdf, args.strict_headings)
    except (OSError, RuntimeError, ValueError, KeyError) as e:
        print(f"{args.pdf}: cannot be read: {e}", file=sys.stderr)
        return 2
    for w in report.warnings:
        print(f"{args.pdf}: warning: {w}", file=sys.stderr)
    for condition, places in report.failures.items():
        print(f"{args.pdf}: FAIL {condition}" + (f" [{', '.join(str(p) for p in places)}]" if places else ""))
    if not report.failures:
        print(f"{args.pdf}: structure conditions hold")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
