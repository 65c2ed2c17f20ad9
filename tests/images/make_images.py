#!/usr/bin/env python3
"""Writes the test pictures in this folder: one PNG per colour type and bit depth the PNG format has
(grey, grey + alpha, palette with and without tRNS, RGB, RGB + alpha; 1 to 16 bits), with and without
a stored resolution, and baseline JPEGs in grey, YCbCr and CMYK (Adobe-inverted and plain), with and
without a JFIF density. Standard library only (zlib + struct; a small baseline JPEG encoder), so the
files can be rebuilt anywhere: python3 make_images.py [OUT_DIR].

Every picture shows the same thing, so a test can sample it: the left half is the "left" colour and
the right half the "right" colour named below (alpha pictures: the right half is fully transparent).
"""
import math
import struct
import sys
import zlib
from pathlib import Path

W, H = 64, 32
RED, BLUE, GREY = (220, 30, 30), (30, 60, 200), (128, 128, 128)


# ---- PNG -------------------------------------------------------------------------------------------

def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(color_type: int, depth: int, rows: list[bytes], extra: list[bytes] = ()) -> bytes:
    ihdr = struct.pack(">IIBBBBB", W, H, depth, color_type, 0, 0, 0)
    raw = b"".join(b"\0" + r for r in rows)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + b"".join(extra) +
            chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def pack(samples: list[int], depth: int) -> bytes:
    """Packs samples of `depth` bits (1, 2, 4, 8, 16) into a row, big-endian as PNG wants."""
    if depth == 16:
        return b"".join(struct.pack(">H", s) for s in samples)
    if depth == 8:
        return bytes(samples)
    out, acc, n = bytearray(), 0, 0
    for s in samples:
        acc = (acc << depth) | s
        n += depth
        if n == 8:
            out.append(acc)
            acc, n = 0, 0
    if n:
        out.append(acc << (8 - n))
    return bytes(out)


def scale(v8: int, depth: int) -> int:
    return round(v8 * ((1 << depth) - 1) / 255)


def halves(left, right) -> list:
    return [left if x < W // 2 else right for x in range(W)]


def phys(dpi: float) -> bytes:
    ppm = round(dpi / 0.0254)
    return chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1))


def write_pngs(out: Path) -> None:
    def grey_rows(depth, alpha=False):
        rows = []
        for _ in range(H):
            samples = []
            for x in range(W):
                v = scale(64 if x < W // 2 else 200, depth)
                samples += [v, (1 << depth) - 1 if x < W // 2 else 0] if alpha else [v]
            rows.append(pack(samples, depth))
        return rows

    def rgb_rows(depth, alpha=False):
        rows = []
        for _ in range(H):
            samples = []
            for x in range(W):
                c = RED if x < W // 2 else BLUE
                samples += [scale(v, depth) for v in c]
                if alpha:
                    samples.append((1 << depth) - 1 if x < W // 2 else 0)
            rows.append(pack(samples, depth))
        return rows

    def palette_rows(depth):
        return [pack(halves(0, 1), depth) for _ in range(H)]

    plte = chunk(b"PLTE", bytes(RED + BLUE))
    files = {
        "grey-1.png": png(0, 1, [pack(halves(0, 1), 1) for _ in range(H)]),
        "grey-8.png": png(0, 8, grey_rows(8)),
        "grey-16.png": png(0, 16, grey_rows(16)),
        "grey-trns-8.png": png(0, 8, grey_rows(8), [chunk(b"tRNS", struct.pack(">H", 200))]),
        "grey-alpha-8.png": png(4, 8, grey_rows(8, True)),
        "grey-alpha-16.png": png(4, 16, grey_rows(16, True)),
        "palette-8.png": png(3, 8, palette_rows(8), [plte]),
        "palette-4-trns.png": png(3, 4, palette_rows(4), [plte, chunk(b"tRNS", bytes([255, 0]))]),
        "palette-1.png": png(3, 1, palette_rows(1), [plte]),
        "rgb-8.png": png(2, 8, rgb_rows(8)),
        "rgb-16.png": png(2, 16, rgb_rows(16)),
        "rgb-trns-8.png": png(2, 8, rgb_rows(8), [chunk(b"tRNS", struct.pack(">HHH", *BLUE))]),
        "rgba-8.png": png(6, 8, rgb_rows(8, True)),
        "rgba-16.png": png(6, 16, rgb_rows(16, True)),
        "rgb-300dpi.png": png(2, 8, rgb_rows(8), [phys(300)]),
        "rgb-72dpi.png": png(2, 8, rgb_rows(8), [phys(72)]),
    }
    for name, data in files.items():
        (out / name).write_bytes(data)
    good = files["rgb-8.png"]
    (out / "truncated.png").write_bytes(good[: len(good) // 2])


# ---- JPEG (baseline, 8-bit, one sample per component per MCU, standard tables) ----------------------

ZIGZAG = [0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27,
          20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58,
          59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63]
QUANT = [16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69,
         56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104,
         113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99]
DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
DC_VALS = list(range(12))
AC_BITS = [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7D]
AC_VALS = bytes.fromhex(
    "01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728"
    "292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a83848586878889"
    "8a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2"
    "e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9fa")


def huffman_codes(bits, vals):
    codes, code, k = {}, 0, 0
    for length in range(1, 17):
        for _ in range(bits[length - 1]):
            codes[vals[k]] = (code, length)
            code += 1
            k += 1
        code <<= 1
    return codes


DC_CODES, AC_CODES = huffman_codes(DC_BITS, DC_VALS), huffman_codes(AC_BITS, AC_VALS)


class BitWriter:
    def __init__(self):
        self.out, self.acc, self.n = bytearray(), 0, 0

    def put(self, code, length):
        for i in range(length - 1, -1, -1):
            self.acc = (self.acc << 1) | ((code >> i) & 1)
            self.n += 1
            if self.n == 8:
                self.out.append(self.acc)
                if self.acc == 0xFF:
                    self.out.append(0)
                self.acc, self.n = 0, 0

    def flush(self):
        while self.n:
            self.put(1, 1)


def magnitude(v):
    size = abs(v).bit_length()
    return size, (v if v >= 0 else v + (1 << size) - 1)


def encode_block(block, bw, prev_dc):
    coeffs = []
    for v in range(8):
        for u in range(8):
            s = 0.0
            for y in range(8):
                for x in range(8):
                    s += (block[y * 8 + x] - 128) * math.cos((2 * x + 1) * u * math.pi / 16) * \
                         math.cos((2 * y + 1) * v * math.pi / 16)
            cu = 1 / math.sqrt(2) if u == 0 else 1
            cv = 1 / math.sqrt(2) if v == 0 else 1
            coeffs.append(round(s * cu * cv / 4 / QUANT[v * 8 + u]))
    zz = [coeffs[i] for i in ZIGZAG]
    size, bits = magnitude(zz[0] - prev_dc)
    bw.put(*DC_CODES[size])
    bw.put(bits, size)
    run = 0
    for k in range(1, 64):
        if zz[k] == 0:
            run += 1
            continue
        while run > 15:
            bw.put(*AC_CODES[0xF0])
            run -= 16
        size, bits = magnitude(zz[k])
        bw.put(*AC_CODES[(run << 4) | size])
        bw.put(bits, size)
        run = 0
    if run:
        bw.put(*AC_CODES[0x00])
    return zz[0]


def segment(marker, data):
    return bytes([0xFF, marker]) + struct.pack(">H", len(data) + 2) + data


def jpeg(planes, app: bytes) -> bytes:
    """planes: one W*H list of 0..255 samples per component."""
    n = len(planes)
    dqt = segment(0xDB, b"\0" + bytes(QUANT[i] for i in ZIGZAG))
    sof = segment(0xC0, struct.pack(">BHHB", 8, H, W, n) + b"".join(bytes([i + 1, 0x11, 0]) for i in range(n)))
    dht = segment(0xC4, b"\x00" + bytes(DC_BITS) + bytes(DC_VALS) + b"\x10" + bytes(AC_BITS) + AC_VALS)
    sos = segment(0xDA, bytes([n]) + b"".join(bytes([i + 1, 0]) for i in range(n)) + b"\x00\x3f\x00")
    bw, prev = BitWriter(), [0] * n
    for by in range(0, H, 8):
        for bx in range(0, W, 8):
            for c in range(n):
                block = [planes[c][(by + y) * W + bx + x] for y in range(8) for x in range(8)]
                prev[c] = encode_block(block, bw, prev[c])
    bw.flush()
    return b"\xff\xd8" + app + dqt + sof + dht + sos + bytes(bw.out) + b"\xff\xd9"


def jfif(units=0, density=1):
    return segment(0xE0, b"JFIF\0\x01\x01" + struct.pack(">BHHBB", units, density, density, 0, 0))


def adobe(transform):
    return segment(0xEE, b"Adobe" + struct.pack(">HHHB", 100, 0, 0, transform))


def write_jpegs(out: Path) -> None:
    def plane(f):
        return [f(RED if x < W // 2 else BLUE) for y in range(H) for x in range(W)]

    def clamp(v):
        return max(0, min(255, round(v)))

    grey = [[64 if x < W // 2 else 200 for y in range(H) for x in range(W)]]
    ycc = [plane(lambda c: clamp(0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2])),
           plane(lambda c: clamp(128 - 0.168736 * c[0] - 0.331264 * c[1] + 0.5 * c[2])),
           plane(lambda c: clamp(128 + 0.5 * c[0] - 0.418688 * c[1] - 0.081312 * c[2]))]
    # CMYK of the two colours: k = 1 - max(rgb), c = (1 - r - k) / (1 - k), ...
    def cmyk(c, i):
        r, g, b = (v / 255 for v in c)
        k = 1 - max(r, g, b)
        return clamp(255 * (k if i == 3 else (1 - (r, g, b)[i] - k) / (1 - k)))
    cmyk_planes = [plane(lambda c, i=i: cmyk(c, i)) for i in range(4)]
    inverted = [[255 - v for v in p] for p in cmyk_planes]
    files = {
        "grey.jpg": jpeg(grey, jfif()),
        "rgb.jpg": jpeg(ycc, jfif()),
        "rgb-300dpi.jpg": jpeg(ycc, jfif(1, 300)),
        "cmyk-adobe.jpg": jpeg(inverted, adobe(0)),
        "cmyk-plain.jpg": jpeg(cmyk_planes, b""),
    }
    for name, data in files.items():
        (out / name).write_bytes(data)


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    out.mkdir(parents=True, exist_ok=True)
    write_pngs(out)
    write_jpegs(out)
    (out / "not-an-image.gif").write_bytes(b"GIF89a" + bytes(20))


if __name__ == "__main__":
    main()
