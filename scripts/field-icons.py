#!/usr/bin/env python3
"""Draws the field app's icon: a signed work order (white sheet with a check mark) on the app's blue.

Writes src/Werkbon.Field/wwwroot/icon.svg and icon-192.png / icon-512.png from the same shapes, with
nothing but the standard library. The artwork stays inside the central 80 % circle, so the icons also
serve as maskable icons. Run it again after changing a shape: python3 scripts/field-icons.py
"""
import math
import struct
import zlib
from pathlib import Path

BLUE = (0x0B, 0x4F, 0x6C)
WHITE = (0xFF, 0xFF, 0xFF)
GREEN = (0x1F, 0x7A, 0x3D)

# Shapes on a 512 x 512 canvas.
SHEET = (156, 120, 356, 400, 22)    # left, top, right, bottom, corner radius
CLIP = (206, 96, 306, 148, 14)
CHECK = [(204, 262), (244, 304), (314, 214)]
CHECK_WIDTH = 34
LINES = [(196, 344, 316, 344)]       # a line of "text" under the check mark
LINE_WIDTH = 14


def in_rounded(x, y, shape):
    left, top, right, bottom, r = shape
    if x < left or x > right or y < top or y > bottom:
        return False
    cx = min(max(x, left + r), right - r)
    cy = min(max(y, top + r), bottom - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def near_segment(x, y, a, b, width):
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
    px, py = ax + t * dx, ay + t * dy
    return (x - px) ** 2 + (y - py) ** 2 <= (width / 2) ** 2


def colour_at(x, y):
    if any(near_segment(x, y, CHECK[i], CHECK[i + 1], CHECK_WIDTH) for i in range(len(CHECK) - 1)):
        return GREEN
    if any(near_segment(x, y, (l[0], l[1]), (l[2], l[3]), LINE_WIDTH) for l in LINES):
        return BLUE
    if in_rounded(x, y, CLIP):
        return WHITE if not in_rounded(x, y, (CLIP[0] + 12, CLIP[1] + 12, CLIP[2] - 12, CLIP[3] - 30, 6)) else BLUE
    if in_rounded(x, y, SHEET):
        return WHITE
    return BLUE


def png(size):
    scale = 512 / size
    samples = 3
    rows = []
    for j in range(size):
        row = bytearray([0])
        for i in range(size):
            r = g = b = 0
            for sj in range(samples):
                for si in range(samples):
                    c = colour_at((i + (si + 0.5) / samples) * scale, (j + (sj + 0.5) / samples) * scale)
                    r += c[0]
                    g += c[1]
                    b += c[2]
            n = samples * samples
            row += bytes((round(r / n), round(g / n), round(b / n)))
        rows.append(bytes(row))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")


def hex_colour(c):
    return "#%02x%02x%02x" % c


def svg():
    def rect(shape, fill):
        left, top, right, bottom, r = shape
        return f'<rect x="{left}" y="{top}" width="{right - left}" height="{bottom - top}" rx="{r}" fill="{fill}"/>'

    check = " ".join(f"{x},{y}" for x, y in CHECK)
    lines = "".join(
        f'<line x1="{l[0]}" y1="{l[1]}" x2="{l[2]}" y2="{l[3]}" stroke="{hex_colour(BLUE)}" stroke-width="{LINE_WIDTH}" stroke-linecap="round"/>'
        for l in LINES)
    hole = (CLIP[0] + 12, CLIP[1] + 12, CLIP[2] - 12, CLIP[3] - 30, 6)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">'
        f'<rect width="512" height="512" fill="{hex_colour(BLUE)}"/>'
        + rect(SHEET, hex_colour(WHITE))
        + rect(CLIP, hex_colour(WHITE))
        + rect(hole, hex_colour(BLUE))
        + f'<polyline points="{check}" fill="none" stroke="{hex_colour(GREEN)}" stroke-width="{CHECK_WIDTH}" stroke-linecap="round" stroke-linejoin="round"/>'
        + lines
        + "</svg>\n")


def main():
    out = Path(__file__).resolve().parent.parent / "src" / "Werkbon.Field" / "wwwroot"
    (out / "icon.svg").write_text(svg(), encoding="utf-8")
    for size in (192, 512):
        (out / f"icon-{size}.png").write_bytes(png(size))


if __name__ == "__main__":
    main()
