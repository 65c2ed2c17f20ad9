"""Reading a PDF's objects, content streams and structure tree through `qpdf --json` (tests only).

Shared by check_structure.py (the PDF/UA-1 structure conditions) and the integration tests that
walk content streams and compare the structure tree with the document.
"""

import base64
import json
import re
import subprocess

_REF = re.compile(r"^(\d+) (\d+) R$")


class Pdf:
    """The objects of a PDF as qpdf's JSON (version 2) gives them, streams decoded."""

    def __init__(self, path):
        out = subprocess.run(["qpdf", "--json=2", "--decode-level=generalized", "--json-stream-data=inline", str(path)],
                             capture_output=True, check=False)
        if out.returncode not in (0, 3):
            raise RuntimeError(f"qpdf --json failed on {path}: {out.stderr.decode(errors='replace')}")
        doc = json.loads(out.stdout)
        self.objects = {}
        self.streams = {}
        for key, entry in doc["qpdf"][1].items():
            if key == "trailer":
                self.trailer = entry["value"]
                continue
            ref = key[len("obj:"):]
            if "stream" in entry:
                self.objects[ref] = entry["stream"]["dict"]
                data = entry["stream"].get("data")
                self.streams[ref] = base64.b64decode(data) if data is not None else b""
            else:
                self.objects[ref] = entry["value"]
        self.catalog = self.get(self.trailer["/Root"])
        self.pages = []
        self._collect_pages(self.trailer["/Root"] and self.catalog["/Pages"])

    def get(self, value):
        """`value` with an indirect reference resolved (once)."""
        if isinstance(value, str) and _REF.match(value):
            return self.objects.get(value)
        return value

    def _collect_pages(self, ref):
        node = self.get(ref)
        if node.get("/Type") == "/Pages":
            for kid in node["/Kids"]:
                self._collect_pages(kid)
        else:
            self.pages.append(ref)

    def content(self, page_ref):
        """The page's content stream bytes (its /Contents, joined when an array)."""
        contents = self.get(page_ref).get("/Contents")
        refs = contents if isinstance(contents, list) else [contents]
        return b"\n".join(self.streams.get(r, b"") for r in refs if r)


def text_string(value):
    """A PDF string from qpdf's JSON ("u:..." is text, "b:..." hex bytes) as Python text."""
    if not isinstance(value, str):
        return ""
    if value.startswith("u:"):
        return value[2:]
    if value.startswith("b:"):
        return bytes.fromhex(value[2:]).decode("latin-1")
    return value


_DELIMS = b"()<>[]{}/%"
_SPACE = b" \t\r\n\f\x00"


def tokens(data):
    """The tokens of a content stream: ('op', name), ('name', n), ('num', x), ('str', bytes),
    ('dict', {...}) for << >> (flat: names to the token after them), ('[', None), (']', None)."""
    i, n = 0, len(data)
    while i < n:
        c = data[i]
        if c in _SPACE:
            i += 1
        elif c == ord("%"):
            while i < n and data[i] not in b"\r\n":
                i += 1
        elif c == ord("("):
            depth, j, out = 1, i + 1, bytearray()
            while j < n and depth:
                b = data[j]
                if b == ord("\\"):
                    out.append(data[j + 1] if j + 1 < n else 0)
                    j += 2
                    continue
                if b == ord("("):
                    depth += 1
                elif b == ord(")"):
                    depth -= 1
                    if depth == 0:
                        break
                out.append(b)
                j += 1
            yield ("str", bytes(out))
            i = j + 1
        elif data[i:i + 2] == b"<<":
            yield ("<<", None)
            i += 2
        elif data[i:i + 2] == b">>":
            yield (">>", None)
            i += 2
        elif c == ord("<"):
            j = data.index(b">", i)
            yield ("str", bytes.fromhex(data[i + 1:j].decode().replace(" ", "").replace("\n", "")))
            i = j + 1
        elif c in b"[]":
            yield (chr(c), None)
            i += 1
        elif c == ord("/"):
            j = i + 1
            while j < n and data[j] not in _SPACE and data[j] not in _DELIMS:
                j += 1
            yield ("name", data[i + 1:j].decode("latin-1"))
            i = j
        else:
            j = i
            while j < n and data[j] not in _SPACE and data[j] not in _DELIMS:
                j += 1
            word = data[i:j].decode("latin-1")
            i = j
            try:
                yield ("num", float(word))
            except ValueError:
                yield ("op", word)


TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}
PAINT_OPERATORS = TEXT_OPERATORS | {"Do", "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "sh"}


def marked_content(data):
    """Walks a content stream's marked content: yields (operator, stack) for every painting
    operator, where stack lists the open sequences outermost first as (tag, properties) with
    properties a dict of the inline property list (name -> value token) or None."""
    stack, operands = [], []
    it = tokens(data)
    for kind, value in it:
        if kind == "<<":
            props, key = {}, None
            for k2, v2 in it:
                if k2 == ">>":
                    break
                if key is None and k2 == "name":
                    key = v2
                    continue
                if k2 == "<<":  # a nested dict (/Artifact's /Attached): skip it
                    depth = 1
                    for k3, _ in it:
                        depth += {"<<": 1, ">>": -1}.get(k3, 0)
                        if depth == 0:
                            break
                    v2 = {}
                props[key] = (k2, v2)
                key = None
            operands.append(("dict", props))
        elif kind == "op":
            if value == "BDC":
                tag = operands[-2][1] if len(operands) >= 2 else None
                props = operands[-1][1] if operands and operands[-1][0] == "dict" else None
                stack.append((tag, props))
            elif value == "BMC":
                stack.append((operands[-1][1] if operands else None, None))
            elif value == "EMC":
                if stack:
                    stack.pop()
            elif value in PAINT_OPERATORS:
                yield value, list(stack)
            operands = []
        else:
            operands.append((kind, value))


def mcid_of(stack):
    """The MCID of the innermost sequence on `stack` that has one, else None."""
    for tag, props in reversed(stack):
        if props and "MCID" in props:
            return int(props["MCID"][1])
    return None


def in_artifact(stack):
    return any(tag == "Artifact" for tag, _ in stack)


def mcids_in(data):
    """Every MCID a content stream opens, in order."""
    out = []
    toks = list(tokens(data))
    for i, (kind, value) in enumerate(toks):
        if kind == "op" and value == "BDC":
            # /Tag <</MCID n>> BDC: find MCID in the dict just before.
            j = i - 1
            while j >= 0 and toks[j][0] != "<<":
                if toks[j] == ("name", "MCID") and toks[j + 1][0] == "num":
                    out.append(int(toks[j + 1][1]))
                j -= 1
    return out


class StructTree:
    """The structure tree: elements as dicts with their type, kids (elements, (page, mcid)
    pairs, ('OBJR', ref)) and attributes, in tree order."""

    def __init__(self, pdf):
        self.pdf = pdf
        root_ref = pdf.catalog.get("/StructTreeRoot")
        self.root = pdf.get(root_ref) if root_ref else None
        self.role_map = (pdf.get(self.root.get("/RoleMap")) or {}) if self.root else {}
        self.elements = []  # (ref, dict, depth) in tree order
        if self.root:
            kids = self.root.get("/K")
            for k in kids if isinstance(kids, list) else [kids]:
                self._walk(k, 0, None)

    def _walk(self, ref, depth, parent):
        e = self.pdf.get(ref)
        if not isinstance(e, dict) or e.get("/Type", "/StructElem") != "/StructElem" or "/S" not in e:
            return
        self.elements.append((ref, e, depth, parent))
        kids = e.get("/K")
        for k in kids if isinstance(kids, list) else ([] if kids is None else [kids]):
            if isinstance(k, str) and _REF.match(k) and isinstance(self.pdf.get(k), dict) and "/S" in self.pdf.get(k):
                self._walk(k, depth + 1, ref)

    def content_refs(self, element):
        """(page_ref, mcid) for each MCR kid of `element`, ('OBJR', ref) for object references."""
        out = []
        kids = element.get("/K")
        for k in kids if isinstance(kids, list) else ([] if kids is None else [kids]):
            if isinstance(k, (int, float)):
                out.append((element.get("/Pg"), int(k)))
            elif isinstance(k, dict) and k.get("/Type") == "/MCR":
                out.append((k.get("/Pg", element.get("/Pg")), int(k["/MCID"])))
            elif isinstance(k, dict) and k.get("/Type") == "/OBJR":
                out.append(("OBJR", k.get("/Obj")))
            elif isinstance(k, str) and _REF.match(k):
                obj = self.pdf.get(k)
                if isinstance(obj, dict) and obj.get("/Type") == "/MCR":
                    out.append((obj.get("/Pg", element.get("/Pg")), int(obj["/MCID"])))
                elif isinstance(obj, dict) and obj.get("/Type") == "/OBJR":
                    out.append(("OBJR", obj.get("/Obj")))
        return out

    def parent_tree(self):
        """The parent tree's entries: key -> value (a ref, or a list of refs)."""
        out = {}

        def walk(node):
            node = self.pdf.get(node)
            if not node:
                return
            nums = node.get("/Nums", [])
            for i in range(0, len(nums) - 1, 2):
                out[int(nums[i])] = self.pdf.get(nums[i + 1]) if not isinstance(nums[i + 1], list) else nums[i + 1]
                if isinstance(nums[i + 1], str) and _REF.match(nums[i + 1]):
                    target = self.pdf.get(nums[i + 1])
                    out[int(nums[i])] = nums[i + 1] if isinstance(target, dict) and "/S" in target else target
            for kid in node.get("/Kids", []):
                walk(kid)

        if self.root and "/ParentTree" in self.root:
            walk(self.root["/ParentTree"])
        return out
