#!/usr/bin/env python3
"""A checker for the PDF/A-2 (ISO 19005-2:2011) conditions galley's output must meet, and the
metadata-level conditions of PDF/UA-1 (ISO 14289-1, Matterhorn Protocol 1.02). There is no veraPDF
here; this reads the file with `qpdf --json` and the Python standard library. docs/ARCHITECTURE.md
("PDF/A and PDF/UA") lists what it covers; every condition below names its clause.

usage: check_pdfa.py FILE.pdf... [--expect LIST] [-q]

--expect LIST   the standards the file must declare, as galley's --pdf-standard takes them
                (a-2b, a-2u, ua-1, comma-separated); without it, the file's own XMP says which
                conditions apply (pdfaid:part/conformance, pdfuaid:part)

Prints one line per failed condition, `FILE: CLAUSE: message`, and exits 1 if there was one,
0 when every file passes, 2 on a usage error or a file qpdf cannot read.
"""
import argparse
import base64
import datetime
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Schemas PDF/A-2 takes as known without an extension schema (6.6.2.3.1: those of XMP 2005).
PREDEFINED = {NS["dc"], NS["xmp"], NS["pdf"], NS["pdfaid"], NS["pdfaExtension"],
              "http://ns.adobe.com/xap/1.0/rights/", "http://ns.adobe.com/xap/1.0/mm/",
              "http://ns.adobe.com/xap/1.0/bj/", "http://ns.adobe.com/xap/1.0/t/pg/",
              "http://ns.adobe.com/xmp/1.0/DynamicMedia/", "http://ns.adobe.com/photoshop/1.0/",
              "http://ns.adobe.com/camera-raw-settings/1.0/", "http://ns.adobe.com/exif/1.0/",
              "http://ns.adobe.com/tiff/1.0/", "http://ns.adobe.com/exif/1.0/aux/"}
# 6.5.1: actions PDF/A-2 forbids; a Named action only with these names.
FORBIDDEN_ACTIONS = {"/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/Hide", "/SetOCGState",
                     "/Rendition", "/Trans", "/GoTo3DView", "/JavaScript"}
NAMED_ACTIONS = {"/NextPage", "/PrevPage", "/FirstPage", "/LastPage"}
# 6.2.10: the blend modes of ISO 32000-1 (11.3.5).
BLEND_MODES = {"/Normal", "/Compatible", "/Multiply", "/Screen", "/Overlay", "/Darken", "/Lighten",
               "/ColorDodge", "/ColorBurn", "/HardLight", "/SoftLight", "/Difference", "/Exclusion",
               "/Hue", "/Saturation", "/Color", "/Luminosity"}
REF = re.compile(r"^(\d+) (\d+) R$")
PDF_DATE = re.compile(r"^D:(\d{4})(\d\d)?(\d\d)?(\d\d)?(\d\d)?(\d\d)?([-+Z])?(\d\d)?'?(\d\d)?'?$")


def parse_standards(text):
    out = {"archive": None, "ua1": False}
    for name in filter(None, (n.strip().lower() for n in text.split(","))):
        if name in ("a-2b", "a-2u"):
            out["archive"] = name[-1].upper()
        elif name == "ua-1":
            out["ua1"] = True
        else:
            raise ValueError(f"unknown standard {name!r}")
    return out


class Pdf:
    """The objects of a file: dicts as qpdf writes them (raw, with their filters), and stream data
    decoded where qpdf can."""

    def __init__(self, path):
        self.path = Path(path)
        self.bytes = self.path.read_bytes()
        raw = self._json("--decode-level=none", "--json-stream-data=none")
        decoded = self._json("--decode-level=generalized", "--json-stream-data=inline")
        self.objects = {}   # "n 0 R" -> value, or {"stream": dict} for a stream
        self.data = {}      # "n 0 R" -> decoded bytes (or raw, where qpdf cannot decode)
        for key, value in raw["qpdf"][1].items():
            if key == "trailer":
                self.trailer = value["value"]
            elif key.startswith("obj:"):
                ref = key[4:]
                self.objects[ref] = value["value"] if "value" in value else {"stream": value["stream"]["dict"]}
        for key, value in decoded["qpdf"][1].items():
            if key.startswith("obj:") and "stream" in value and "data" in value["stream"]:
                self.data[key[4:]] = base64.b64decode(value["stream"]["data"])

    def _json(self, *args):
        p = subprocess.run(["qpdf", "--json", "--json-key=qpdf", *args, str(self.path)], capture_output=True)
        if p.returncode not in (0, 3):
            raise RuntimeError(f"qpdf cannot read {self.path}: {p.stderr.decode(errors='replace').strip()}")
        return json.loads(p.stdout)

    def get(self, v):
        """`v` with a reference followed; a stream gives its dict."""
        seen = 0
        while isinstance(v, str) and REF.match(v) and seen < 32:
            v = self.objects.get(v)
            seen += 1
        if isinstance(v, dict) and "stream" in v and len(v) == 1:
            return v["stream"]
        return v

    def is_stream(self, ref):
        v = self.objects.get(ref)
        return isinstance(v, dict) and "stream" in v and len(v) == 1

    def walk(self):
        """Every dict in the file (stream dicts too), with the reference of its object."""
        def visit(v, ref):
            if isinstance(v, dict):
                yield ref, v
                for x in v.values():
                    yield from visit(x, ref)
            elif isinstance(v, list):
                for x in v:
                    yield from visit(x, ref)
        for ref, v in self.objects.items():
            yield from visit(self.get(ref) if self.is_stream(ref) else v, ref)


def text_value(v):
    """A qpdf JSON string ("u:text" or "b:hex") as text."""
    if not isinstance(v, str):
        return None
    if v.startswith("u:"):
        return v[2:]
    if v.startswith("b:"):
        b = bytes.fromhex(v[2:])
        return b[2:].decode("utf-16-be") if b[:2] == b"\xfe\xff" else b.decode("latin-1")
    return None


def string_bytes(v):
    if isinstance(v, str) and v.startswith("b:"):
        return len(v[2:]) // 2
    if isinstance(v, str) and v.startswith("u:"):
        t = v[2:]
        return len(t) if all(ord(c) < 128 for c in t) else 2 + len(t.encode("utf-16-be"))
    return 0


def instant(text, xmp):
    """A PDF or XMP date as a UTC datetime, or None when it does not parse."""
    try:
        if xmp:
            return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(datetime.timezone.utc)
        m = PDF_DATE.match(text)
        if not m:
            return None
        y, mo, d, h, mi, s, sign, th, tm = m.groups()
        t = datetime.datetime(int(y), int(mo or 1), int(d or 1), int(h or 0), int(mi or 0), int(s or 0),
                              tzinfo=datetime.timezone.utc)
        if sign in "+-" and sign:
            off = datetime.timedelta(hours=int(th or 0), minutes=int(tm or 0))
            t = t - off if sign == "+" else t + off
        return t
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------- content
TOKEN = re.compile(rb"\s*(?:(%[^\r\n]*)|(\()|(<<|>>|\[|\]|\{|\})|(<[0-9A-Fa-f\s]*>)|(/[^\s/\[\]()<>{}%]*)"
                   rb"|([-+]?(?:\d+\.?\d*|\.\d+))|([^\s/\[\]()<>{}%]+))")


def literal_string(data, i):
    """The bytes of the literal string opening at data[i] ('('), and the index after it."""
    out, depth, i = bytearray(), 1, i + 1
    escapes = {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}
    while i < len(data):
        c = data[i]
        if c == 0x5C:  # backslash
            i += 1
            if i >= len(data):
                break
            e = data[i]
            if e in escapes:
                out.append(escapes[e])
            elif 0x30 <= e <= 0x37:
                j = i
                while j < len(data) and j < i + 3 and 0x30 <= data[j] <= 0x37:
                    j += 1
                out.append(int(data[i:j], 8) & 0xFF)
                i = j - 1
            elif e in (10, 13):
                if e == 13 and i + 1 < len(data) and data[i + 1] == 10:
                    i += 1
            else:
                out.append(e)
        elif c == 0x28:
            depth += 1
            out.append(c)
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                return bytes(out), i + 1
            out.append(c)
        else:
            out.append(c)
        i += 1
    return bytes(out), i


def operations(data):
    """(operands, operator) of a content stream; strings as bytes, names as '/Name' text, numbers
    as floats, arrays as lists. Inline images are skipped."""
    i, operands, stack = 0, [], []
    while i < len(data):
        m = TOKEN.match(data, i)
        if not m or m.end() == i:
            i += 1
            continue
        i = m.end()
        comment, paren, delim, hexstr, name, number, word = m.groups()
        target = stack[-1] if stack else operands
        if comment:
            continue
        if paren:
            s, i = literal_string(data, m.start(2))
            target.append(s)
        elif hexstr:
            h = re.sub(rb"\s", b"", hexstr[1:-1])
            target.append(bytes.fromhex((h + b"0" if len(h) % 2 else h).decode()))
        elif delim in (b"[", b"<<"):
            stack.append([])
        elif delim in (b"]", b">>"):
            if stack:
                done = stack.pop()
                (stack[-1] if stack else operands).append(done)
        elif name is not None:
            target.append(name.decode("latin-1"))
        elif number:
            target.append(float(number))
        elif word:
            op = word.decode("latin-1")
            if op == "BI":
                end = re.compile(rb"\sEI(?=\s|$)").search(data, i)
                i = end.end() if end else len(data)
                operands = []
                continue
            if op in ("true", "false", "null"):
                target.append(op)
                continue
            yield operands, op
            operands, stack = [], []


def truetype_advances(data):
    """(unitsPerEm, advance width per glyph id) of a TrueType font program, or None."""
    try:
        tables = {}
        for i in range(int.from_bytes(data[4:6], "big")):
            e = data[12 + 16 * i:28 + 16 * i]
            tables[e[:4]] = (int.from_bytes(e[8:12], "big"), int.from_bytes(e[12:16], "big"))
        head, hhea, hmtx, maxp = (tables[t][0] for t in (b"head", b"hhea", b"hmtx", b"maxp"))
        upem = int.from_bytes(data[head + 18:head + 20], "big")
        metrics = int.from_bytes(data[hhea + 34:hhea + 36], "big")
        glyphs = int.from_bytes(data[maxp + 4:maxp + 6], "big")
        advances = [int.from_bytes(data[hmtx + 4 * g:hmtx + 4 * g + 2], "big") for g in range(metrics)]
        return upem, advances + [advances[-1]] * max(0, glyphs - metrics)
    except (KeyError, IndexError, ValueError):
        return None


def w_entries(w, pdf):
    """(CID, width) of a CIDFont /W array: `c [w1 w2 ...]` and `c_first c_last w` (9.7.4.3)."""
    w = [pdf.get(x) for x in w]
    i = 0
    while i < len(w):
        if i + 1 < len(w) and isinstance(w[i + 1], list):
            for k, width in enumerate(w[i + 1]):
                yield int(w[i]) + k, pdf.get(width)
            i += 2
        elif i + 2 < len(w):
            for cid in range(int(w[i]), int(w[i + 1]) + 1):
                yield cid, w[i + 2]
            i += 3
        else:
            break


def cmap_map(data):
    """A ToUnicode CMap's code -> text (bfchar and bfrange), codes as ints."""
    out = {}
    text = data.decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            out[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be", "replace")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, rest in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]*>)", block):
            lo, hi = int(lo, 16), int(hi, 16)
            if rest.startswith("["):
                for k, dst in enumerate(re.findall(r"<([0-9A-Fa-f]*)>", rest)):
                    out[lo + k] = bytes.fromhex(dst).decode("utf-16-be", "replace")
            else:
                b = bytearray(bytes.fromhex(rest[1:-1]))
                for code in range(lo, min(hi, lo + 65536) + 1):
                    out[code] = bytes(b).decode("utf-16-be", "replace")
                    if b:
                        b[-1] = (b[-1] + 1) & 0xFF
    return out


class Checker:
    def __init__(self, pdf, expect):
        self.pdf = pdf
        self.expect = expect
        self.failures = []
        self.fonts = {}   # font object ref -> {"two_byte", "tounicode", "gid0_cids"}

    def fail(self, clause, message):
        self.failures.append(f"{clause}: {message}")

    # -------------------------------------------------------------------------------- the file
    def file_structure(self):
        data = self.pdf.bytes
        head = data[:1024].split(b"\n")
        if not re.match(rb"^%PDF-1\.[0-7]\r?$", head[0]):
            self.fail("6.1.2", f"the header is {head[0][:12]!r}, not %PDF-1.n")
        comment = head[1] if len(head) > 1 else b""
        if not (comment.startswith(b"%") and sum(b > 127 for b in comment[1:5]) == 4):
            self.fail("6.1.2", "the header is not followed by a comment of four bytes above 127")
        tail = data[data.rfind(b"%%EOF") + 5:]
        if data.rfind(b"%%EOF") < 0 or tail not in (b"", b"\n", b"\r", b"\r\n"):
            self.fail("6.1.3", "bytes follow the last %%EOF")
        ids = self.pdf.trailer.get("/ID")
        if not (isinstance(ids, list) and len(ids) == 2 and all(isinstance(x, str) for x in ids)):
            self.fail("6.1.3", "the trailer has no /ID of two strings")
        if "/Encrypt" in self.pdf.trailer:
            self.fail("6.1.3", "the file is encrypted (/Encrypt in the trailer)")
        for ref, v in self.pdf.objects.items():
            if not self.pdf.is_stream(ref):
                continue
            d = v["stream"]
            for key in ("/F", "/FFilter", "/FDecodeParms"):
                if key in d:
                    self.fail("6.1.7.1", f"stream {ref} has {key} (external content)")
            filters = d.get("/Filter", [])
            for f in filters if isinstance(filters, list) else [filters]:
                if f in ("/LZWDecode", "/Crypt"):
                    self.fail("6.1.7.2", f"stream {ref} uses {f}")
        for ref, d in self.pdf.walk():
            for k, v in d.items():
                if len(k.encode()) - 1 > 127:
                    self.fail("6.1.13", f"object {ref} has a name longer than 127 bytes")
                if string_bytes(v) > 32767:
                    self.fail("6.1.13", f"object {ref} /{k[1:]} is a string longer than 32767 bytes")
                if isinstance(v, int) and not -2**31 <= v < 2**31:
                    self.fail("6.1.13", f"object {ref} /{k[1:]} is an integer outside 32 bits")

    # --------------------------------------------------------------------------- output intent
    def output_intent(self):
        catalog = self.pdf.get(self.pdf.trailer.get("/Root"))
        intents = [self.pdf.get(i) for i in self.pdf.get(catalog.get("/OutputIntents")) or []]
        pdfa = [i for i in intents if isinstance(i, dict) and i.get("/S") == "/GTS_PDFA1"]
        if not pdfa:
            self.fail("6.2.2", "no PDF/A output intent (/OutputIntents with /S /GTS_PDFA1)")
            return None
        profiles = {i.get("/DestOutputProfile") for i in pdfa}
        if len(profiles) != 1:
            self.fail("6.2.2", "the PDF/A output intents do not share one /DestOutputProfile")
        ref = next(iter(profiles))
        profile = self.pdf.get(ref)
        data = self.pdf.data.get(ref, b"")
        if not isinstance(profile, dict) or len(data) < 128 or data[36:40] != b"acsp":
            self.fail("6.2.2", "the output intent's /DestOutputProfile is not an ICC profile stream")
            return None
        space = data[16:20]
        components = {b"RGB ": 3, b"CMYK": 4, b"GRAY": 1}.get(space)
        if profile.get("/N") != components:
            self.fail("6.2.2", f"the ICC profile's /N is {profile.get('/N')}, its colour space {space!r}")
        if data[12:16] not in (b"mntr", b"prtr"):
            self.fail("6.2.2", f"the ICC profile's class is {data[12:16]!r}, not an output (prtr) or monitor (mntr)")
        if data[8] > 4:
            self.fail("6.2.2", f"the ICC profile has version {data[8]}, above 4")
        if not text_value(pdfa[0].get("/OutputConditionIdentifier")):
            self.fail("6.2.2", "the output intent has no /OutputConditionIdentifier")
        return space

    # ------------------------------------------------------------------- colour and transparency
    def colour_and_graphics(self, space):
        forbidden = "/DeviceCMYK" if space == b"RGB " else "/DeviceRGB" if space == b"CMYK" else None
        bad_op = {"k", "K"} if forbidden == "/DeviceCMYK" else {"rg", "RG"} if forbidden else set()
        for ref, d in self.pdf.walk():
            for key in ("/ColorSpace", "/CS"):
                v = self.pdf.get(d.get(key))
                names = [v] if isinstance(v, str) else (v if key == "/ColorSpace" and isinstance(v, list) and
                                                        v and v[0] in ("/Indexed",) else [])
                if isinstance(v, dict):  # a resource dict of named colour spaces
                    names = [self.pdf.get(x) for x in v.values()]
                    names = [n if isinstance(n, str) else (n[1] if isinstance(n, list) and len(n) > 1 and
                                                          n[0] == "/Indexed" else None) for n in names]
                if forbidden and forbidden in names:
                    self.fail("6.2.4.3", f"object {ref} uses {forbidden[1:]} with a {space.decode().strip()} output intent")
            if d.get("/Type") == "/ExtGState" or any(k in d for k in ("/TR", "/TR2", "/HTP", "/HTO")):
                if "/TR" in d:
                    self.fail("6.2.5", f"object {ref}: a graphics state with a transfer function (/TR)")
                if "/TR2" in d and d["/TR2"] != "/Default":
                    self.fail("6.2.5", f"object {ref}: /TR2 other than /Default")
                for key in ("/HTP", "/HTO"):
                    if key in d:
                        self.fail("6.2.5", f"object {ref}: a graphics state with {key}")
            bm = d.get("/BM")
            for mode in bm if isinstance(bm, list) else [bm] if bm else []:
                if mode not in BLEND_MODES:
                    self.fail("6.2.10", f"object {ref}: blend mode {mode} is not one of ISO 32000-1's")
            if d.get("/Subtype") == "/Image" and "/Width" in d:
                if d.get("/Interpolate") is True:
                    self.fail("6.2.8", f"image {ref} has /Interpolate true")
                for key in ("/Alternates", "/OPI"):
                    if key in d:
                        self.fail("6.2.8", f"image {ref} has {key}")
                if d.get("/BitsPerComponent", 8) not in (1, 2, 4, 8, 16):
                    self.fail("6.2.8", f"image {ref} has {d.get('/BitsPerComponent')} bits per component")
            if d.get("/Subtype") == "/PS" or d.get("/Subtype2") == "/PS":
                self.fail("6.2.9", f"object {ref} is a PostScript XObject")
            if d.get("/Subtype") == "/Form" and ("/OPI" in d or "/Ref" in d):
                self.fail("6.2.9", f"form {ref} has {'/OPI' if '/OPI' in d else '/Ref'} (external content)")
        return bad_op

    def icc_profiles(self):
        """6.2.4.2: every ICCBased colour space holds a valid profile (version 4 or below) whose /N
        matches its colour space."""
        seen = set()
        for ref, d in self.pdf.walk():
            for v in d.values():
                v = self.pdf.get(v)
                arrays = [v] if isinstance(v, list) else [self.pdf.get(x) for x in v.values()] if isinstance(v, dict) else []
                for a in arrays:
                    if not (isinstance(a, list) and len(a) == 2 and a[0] == "/ICCBased" and a[1] not in seen):
                        continue
                    seen.add(a[1])
                    data, n = self.pdf.data.get(a[1], b""), (self.pdf.get(a[1]) or {}).get("/N")
                    components = {b"RGB ": 3, b"CMYK": 4, b"GRAY": 1}.get(data[16:20]) if len(data) >= 128 else None
                    if len(data) < 128 or data[36:40] != b"acsp" or data[8] > 4 or components != n:
                        self.fail("6.2.4.2", f"ICC profile {a[1]} is not a valid profile of version 4 or below "
                                             f"with /N {n}")

    def transparency_groups(self, has_intent):
        """6.2.10: without an output intent, a page that holds transparency names its blending
        colour space (/Group /CS)."""
        if has_intent:
            return
        for n, page_ref in enumerate(self.pages(), 1):
            page = self.pdf.get(page_ref)
            group = self.pdf.get(page.get("/Group")) or {}
            if self.page_transparent(page) and "/CS" not in group:
                self.fail("6.2.10", f"page {n} holds transparency but has no /Group with /CS")

    def page_transparent(self, page):
        text = json.dumps(self.reachable(page.get("/Resources")))
        return any(s in text for s in ('"/SMask"', '"/S": "/Transparency"', '"/CA"', '"/ca"'))

    def reachable(self, v, seen=None):
        seen = set() if seen is None else seen
        if isinstance(v, str) and REF.match(v):
            if v in seen:
                return None
            seen.add(v)
            return self.reachable(self.pdf.get(v), seen)
        if isinstance(v, dict):
            return {k: self.reachable(x, seen) for k, x in v.items() if k != "/Parent"}
        if isinstance(v, list):
            return [self.reachable(x, seen) for x in v]
        return v

    # ------------------------------------------------------------------------------------ fonts
    def font_programs(self):
        for ref, d in self.pdf.walk():
            if d.get("/Type") != "/Font" or d.get("/Subtype") in ("/Type0", "/Type3"):
                continue
            desc = self.pdf.get(d.get("/FontDescriptor"))
            name = d.get("/BaseFont", ref)
            if not isinstance(desc, dict) or not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                self.fail("6.2.11.4.1", f"font {name} ({ref}) is not embedded")
            if d.get("/Subtype") == "/CIDFontType2" and "/CIDToGIDMap" not in d:
                self.fail("6.2.11.3.2", f"font {name} ({ref}) is a CIDFontType2 without /CIDToGIDMap")

    def glyph_widths(self):
        """6.2.11.5: the /W widths of TrueType CID fonts agree with the advances of the embedded
        program (hmtx), to one unit in 1000."""
        for ref, d in self.pdf.walk():
            if d.get("/Subtype") != "/CIDFontType2":
                continue
            desc = self.pdf.get(d.get("/FontDescriptor")) or {}
            program = self.pdf.data.get(desc.get("/FontFile2")) if isinstance(desc.get("/FontFile2"), str) else None
            metrics = truetype_advances(program) if program else None
            if not metrics:
                continue  # not embedded, or not TrueType: reported elsewhere
            upem, advances = metrics
            cid_map = d.get("/CIDToGIDMap")
            table = self.pdf.data.get(cid_map) if isinstance(cid_map, str) and REF.match(cid_map) else None
            bad = []
            for cid, width in w_entries(self.pdf.get(d.get("/W")) or [], self.pdf):
                gid = cid if table is None else (table[2 * cid] << 8 | table[2 * cid + 1]
                                                 if 2 * cid + 1 < len(table) else None)
                if gid is None or gid >= len(advances):
                    bad.append(f"CID {cid} has no glyph")
                elif abs(width - advances[gid] * 1000 / upem) > 1:
                    bad.append(f"CID {cid}: /W {width}, the font {advances[gid] * 1000 / upem:.1f}")
            if bad:
                self.fail("6.2.11.5", f"font {d.get('/BaseFont', ref)}: {'; '.join(bad[:4])}")

    def font_info(self, ref):
        if ref in self.fonts:
            return self.fonts[ref]
        d = self.pdf.get(ref) or {}
        info = {"name": d.get("/BaseFont", ref), "two_byte": d.get("/Subtype") == "/Type0",
                "type3": d.get("/Subtype") == "/Type3", "tounicode": None, "gid0": None}
        tu = d.get("/ToUnicode")
        if isinstance(tu, str) and REF.match(tu) and tu in self.pdf.data:
            info["tounicode"] = cmap_map(self.pdf.data[tu])
        if info["two_byte"] and d.get("/Encoding") == "/Identity-H":
            cid = self.pdf.get((d.get("/DescendantFonts") or [None])[0]) or {}
            m = cid.get("/CIDToGIDMap")
            if m == "/Identity" or cid.get("/Subtype") == "/CIDFontType0":
                info["gid0"] = {0}
            elif isinstance(m, str) and m in self.pdf.data:
                b = self.pdf.data[m]
                info["gid0"] = {i // 2 for i in range(0, len(b) - 1, 2) if b[i] == 0 and b[i + 1] == 0}
        self.fonts[ref] = info
        return info

    def pages(self):
        root = self.pdf.get(self.pdf.trailer.get("/Root"))
        out, todo = [], [root.get("/Pages")]
        while todo:
            ref = todo.pop(0)
            node = self.pdf.get(ref) or {}
            if node.get("/Type") == "/Pages":
                todo[0:0] = node.get("/Kids", [])
            else:
                out.append(ref)
        return out

    def content(self, unicode_level, bad_ops):
        """Walks every page's content and the forms it draws: glyphs shown (6.2.11.8: no
        .notdef; 6.2.11.7.2 for level U: each maps to Unicode) and colour operators."""
        missing, notdef, zero, ops_seen = {}, {}, set(), set()
        for n, page_ref in enumerate(self.pages(), 1):
            page = self.pdf.get(page_ref)
            contents = page.get("/Contents")
            refs = contents if isinstance(contents, list) else [contents]
            data = b"\n".join(self.pdf.data.get(r, b"") for r in refs if isinstance(r, str))
            self.run(data, self.pdf.get(page.get("/Resources")) or {}, n, set(),
                     unicode_level, bad_ops, missing, notdef, zero, ops_seen)
        for (font, page), codes in sorted(notdef.items()):
            self.fail("6.2.11.8", f"page {page}: font {font} shows .notdef (codes {sorted(codes)[:5]})")
        for (font, page), codes in sorted(missing.items()):
            self.fail("6.2.11.7.2", f"page {page}: font {font} has codes without a Unicode value: "
                                    f"{[hex(c) for c in sorted(codes)[:8]]}")
        for font, page in sorted(zero):
            self.fail("6.2.11.7.2", f"page {page}: font {font} maps a code to U+0000, U+FEFF or U+FFFE")
        for op, page in sorted(ops_seen):
            self.fail("6.2.4.3", f"page {page}: operator {op} paints in a device space the output intent forbids")

    def run(self, data, resources, page, forms, unicode_level, bad_ops, missing, notdef, zero, ops_seen):
        fonts = self.pdf.get(resources.get("/Font")) or {}
        xobjects = self.pdf.get(resources.get("/XObject")) or {}
        font, stack = None, []
        for operands, op in operations(data):
            if op == "q":
                stack.append(font)
            elif op == "Q" and stack:
                font = stack.pop()
            elif op == "Tf" and operands and isinstance(operands[0], str):
                ref = fonts.get(operands[0])
                font = self.font_info(ref) if isinstance(ref, str) else None
            elif op in ("Tj", "'", '"', "TJ") and font:
                strings = [x for x in (operands[-1] if op == "TJ" and operands and isinstance(operands[-1], list)
                                       else operands[-1:]) if isinstance(x, bytes)]
                for s in strings:
                    codes = [s[i] << 8 | s[i + 1] for i in range(0, len(s) - 1, 2)] if font["two_byte"] else list(s)
                    for c in codes:
                        if not font["type3"] and font["gid0"] is not None and c in font["gid0"]:
                            notdef.setdefault((font["name"], page), set()).add(c)
                        if unicode_level:
                            text = (font["tounicode"] or {}).get(c)
                            if not text:
                                missing.setdefault((font["name"], page), set()).add(c)
                            elif any(ch in "\u0000\ufeff\ufffe" for ch in text):
                                zero.add((font["name"], page))
            elif op in bad_ops:
                ops_seen.add((op, page))
            elif op == "Do" and operands and isinstance(operands[0], str):
                ref = xobjects.get(operands[0])
                xo = self.pdf.get(ref)
                if isinstance(xo, dict) and xo.get("/Subtype") == "/Form" and ref not in forms:
                    inner = self.pdf.get(xo.get("/Resources")) or resources
                    self.run(self.pdf.data.get(ref, b""), inner, page, forms | {ref}, unicode_level, bad_ops,
                             missing, notdef, zero, ops_seen)

    # ------------------------------------------------------------------------ annotations, actions
    def annotations_and_actions(self):
        for n, page_ref in enumerate(self.pages(), 1):
            page = self.pdf.get(page_ref)
            if "/AA" in page:
                self.fail("6.5.2", f"page {n} has additional actions (/AA)")
            for a_ref in self.pdf.get(page.get("/Annots")) or []:
                a = self.pdf.get(a_ref) or {}
                sub = a.get("/Subtype")
                if sub in ("/3D", "/Sound", "/Screen", "/Movie"):
                    self.fail("6.3.1", f"page {n}: a {sub[1:]} annotation")
                if sub == "/Popup":
                    continue
                flags = a.get("/F")
                if not isinstance(flags, int):
                    self.fail("6.3.2", f"page {n}: annotation {a_ref} ({sub}) has no /F")
                elif not flags & 4 or flags & (1 | 2 | 32 | 256):
                    self.fail("6.3.2", f"page {n}: annotation {a_ref} has /F {flags}: Print must be set, "
                                       "Invisible, Hidden, NoView and ToggleNoView clear")
                if sub != "/Link" and "/AP" not in a:
                    self.fail("6.3.3", f"page {n}: annotation {a_ref} ({sub}) has no appearance (/AP)")
        for ref, d in self.pdf.walk():
            s = d.get("/S")
            if s in FORBIDDEN_ACTIONS and ("/Type" not in d or d.get("/Type") == "/Action"):
                self.fail("6.5.1", f"object {ref}: a {s[1:]} action")
            if s == "/Named" and d.get("/N") not in NAMED_ACTIONS:
                self.fail("6.5.1", f"object {ref}: a Named action {d.get('/N')}")
        catalog = self.pdf.get(self.pdf.trailer.get("/Root"))
        if "/AA" in catalog:
            self.fail("6.5.2", "the catalog has additional actions (/AA)")
        names = self.pdf.get(catalog.get("/Names")) or {}
        if "/JavaScript" in names:
            self.fail("6.5.1", "the catalog's /Names holds JavaScript")
        if "/EmbeddedFiles" in names:
            self.fail("6.8", "the file embeds files (galley embeds none; each would have to be PDF/A)")
        if catalog.get("/NeedsRendering") is True:
            self.fail("6.4.2", "the catalog has /NeedsRendering true")
        form = self.pdf.get(catalog.get("/AcroForm")) or {}
        if "/XFA" in form or form.get("/NeedAppearances") is True:
            self.fail("6.4.1", "the interactive form has /XFA or /NeedAppearances true")
        if "/OCProperties" not in catalog and any("/OC" in d for _, d in self.pdf.walk()):
            self.fail("6.9", "optional content (/OC) without /OCProperties in the catalog")

    # --------------------------------------------------------------------------------- metadata
    def metadata(self):
        """6.6.2.1 and 6.6.3: an XMP packet that parses, identifies the standards and agrees with
        Info; returns what the packet declares."""
        catalog = self.pdf.get(self.pdf.trailer.get("/Root"))
        ref = catalog.get("/Metadata")
        meta = self.pdf.get(ref)
        if not isinstance(meta, dict) or not self.pdf.is_stream(ref):
            self.fail("6.6.2.1", "the catalog has no /Metadata stream")
            return None
        if meta.get("/Type") != "/Metadata" or meta.get("/Subtype") != "/XML":
            self.fail("6.6.2.1", "the metadata stream is not /Type /Metadata /Subtype /XML")
        if "/Filter" in meta:
            self.fail("6.6.2.1", "the metadata stream is compressed (/Filter)")
        packet = self.pdf.data.get(ref, b"")
        header = re.match(rb"<\?xpacket ([^?]*)\?>", packet)
        if not header:
            self.fail("6.6.2.1", "the metadata has no xpacket header")
        elif re.search(rb"\b(bytes|encoding)=", header.group(1)):
            self.fail("6.6.2.1", "the xpacket header has a bytes or encoding attribute")
        try:
            root = ET.fromstring(packet)
        except ET.ParseError as e:
            self.fail("6.6.2.1", f"the XMP packet is not well-formed XML: {e}")
            return None
        props = {}
        for desc in root.iter(f"{{{NS['rdf']}}}Description"):
            for key, value in desc.attrib.items():  # properties written as attributes
                if key.startswith("{") and not key.startswith(f"{{{NS['rdf']}}}"):
                    props.setdefault(key, value)
            for el in desc:
                props.setdefault(el.tag, el)
        described = {el.text for el in root.iter(f"{{{NS['pdfaSchema']}}}namespaceURI")}
        # A PDF/A rule: checked in check() only when the file is to be PDF/A.
        self.undescribed = [tag for tag in props if tag[1:].split("}")[0] not in PREDEFINED | described]
        self.info_agrees(props)
        return props

    def info_agrees(self, props):
        info = self.pdf.get(self.pdf.trailer.get("/Info")) or {}

        def xmp_text(tag, kind):
            el = props.get(f"{{{NS[tag.split(':')[0]]}}}{tag.split(':')[1]}")
            if el is None:
                return None
            if isinstance(el, str):
                return el
            if kind == "simple":
                return el.text or ""
            items = list(el.iter(f"{{{NS['rdf']}}}li"))
            if kind == "alt":
                for li in items:
                    if li.get(XML_LANG) == "x-default":
                        return li.text or ""
                return None
            return [li.text or "" for li in items]

        pairs = [("/Title", "dc:title", "alt"), ("/Subject", "dc:description", "alt"),
                 ("/Keywords", "pdf:Keywords", "simple"), ("/Creator", "xmp:CreatorTool", "simple"),
                 ("/Producer", "pdf:Producer", "simple")]
        for key, tag, kind in pairs:
            a, b = text_value(info.get(key)), xmp_text(tag, kind)
            if a is not None and a != b:
                self.fail("6.6.3", f"Info {key[1:]} {a!r} but XMP {tag} {b!r}")
        author, creators = text_value(info.get("/Author")), xmp_text("dc:creator", "seq")
        if author is not None and creators != [author]:
            self.fail("6.6.3", f"Info Author {author!r} but XMP dc:creator {creators!r} (one entry, the same)")
        for key, tag in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
            a, b = text_value(info.get(key)), xmp_text(tag, "simple")
            if a is None:
                continue
            ta, tb = instant(a, False), instant(b, True) if b else None
            if ta is None or ta != tb:
                self.fail("6.6.3", f"Info {key[1:]} {a!r} but XMP {tag} {b!r} (not the same instant)")

    def identification(self, props, want):
        """6.6.4 (pdfaid) and the PDF/UA identifier; returns the standards the file declares."""
        def value(prefix, name):
            v = props.get(f"{{{NS[prefix]}}}{name}") if props else None
            return v if isinstance(v, str) or v is None else (v.text or "")
        part, conformance, ua = value("pdfaid", "part"), value("pdfaid", "conformance"), value("pdfuaid", "part")
        declared = {"archive": conformance if part == "2" else None, "ua1": ua == "1"}
        if part is not None and (part != "2" or conformance not in ("A", "B", "U")):
            self.fail("6.6.4", f"pdfaid:part {part!r} conformance {conformance!r} is not PDF/A-2 A, B or U")
        if want is not None:
            if want["archive"] and declared["archive"] != want["archive"]:
                self.fail("6.6.4", f"the XMP declares pdfaid part {part!r} conformance {conformance!r}, not "
                                   f"2 {want['archive']}")
            if want["ua1"] and not declared["ua1"]:
                self.fail("UA-1 5 (Matterhorn 06-002)", "the XMP has no pdfuaid:part 1")
        return declared

    def ua_metadata(self, props):
        catalog = self.pdf.get(self.pdf.trailer.get("/Root"))
        title = props.get(f"{{{NS['dc']}}}title") if props else None
        if title is None or not "".join(title.itertext()).strip():
            self.fail("UA-1 7.1 (Matterhorn 06-003)", "the XMP has no dc:title")
        prefs = self.pdf.get(catalog.get("/ViewerPreferences")) or {}
        if prefs.get("/DisplayDocTitle") is not True:
            self.fail("UA-1 7.1 (Matterhorn 07-001/07-002)", "/ViewerPreferences has no /DisplayDocTitle true")

    def check(self):
        self.file_structure()
        props = self.metadata()
        declared = self.identification(props, self.expect)
        want = self.expect or declared
        if want["archive"]:
            for tag in getattr(self, "undescribed", []):
                self.fail("6.6.2.3.1", f"XMP property {tag} is of a schema PDF/A-2 neither predefines nor "
                                       "the packet describes (pdfaExtension)")
            space = self.output_intent()
            bad_ops = self.colour_and_graphics(space)
            self.icc_profiles()
            self.transparency_groups(space is not None)
            self.font_programs()
            self.glyph_widths()
            self.content(want["archive"] == "U", bad_ops)
            self.annotations_and_actions()
        if want["ua1"]:
            self.ua_metadata(props)
        return self.failures


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pdf", nargs="+")
    ap.add_argument("--expect", help="standards the file must declare: a-2b, a-2u, ua-1, comma-separated")
    ap.add_argument("-q", action="store_true", help="print failures only")
    args = ap.parse_args()
    try:
        expect = parse_standards(args.expect) if args.expect else None
    except ValueError as e:
        ap.error(str(e))
    failed = False
    for path in args.pdf:
        try:
            failures = Checker(Pdf(path), expect).check()
        except (RuntimeError, OSError) as e:
            print(f"{path}: {e}", file=sys.stderr)
            return 2
        for f in failures:
            print(f"{path}: {f}")
        failed |= bool(failures)
        if not failures and not args.q:
            print(f"{path}: ok")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
