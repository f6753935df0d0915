"""Page images for the review page: the part of a PDF page around a row's evidence, with
the boxes of its values drawn, as small PNG bytes (pdfplumber's page images; each page is
rendered once and its crops are cut from it).

A crop is asked for as a `CropRequest` (page, the evidence's box, the value boxes); equal
requests give one image. A PDF that is missing, changed since the run or unreadable gives
no images and one line saying why, never an error: the page is still written.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable
from pathlib import Path

from PIL import Image, ImageDraw

from extract.errors import ExtractError
from extract.pdf.opening import open_pdf
from extract.review.boxes import Box, CropRequest

RESOLUTION = 110  # dots per inch: legible sentence text at a few tens of kB per crop
MARGIN_X, MARGIN_Y = 12.0, 28.0  # points of context around the evidence
LINE_HEIGHT_MAX = 40.0  # an evidence box taller than this is a block, not a line: crop to the values
PALETTE_COLORS = 32  # a palette PNG: text on white needs few colours
EVIDENCE_FILL, EVIDENCE_STROKE = (255, 221, 87, 70), (214, 162, 0)
VALUE_FILL, VALUE_STROKE = (220, 38, 38, 40), (200, 20, 20)

def _union(boxes: Iterable[Box]) -> Box:
    boxes = list(boxes)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _region(request: CropRequest, width: float, height: float) -> Box:
    evidence = request.evidence
    basis = list(request.values)
    if not basis or evidence[3] - evidence[1] <= LINE_HEIGHT_MAX:
        basis.append(evidence)
    _, top, _, bottom = _union(basis)
    x0, _, x1, _ = _union((evidence, *request.values))  # the evidence's width: its column
    return (max(0.0, x0 - MARGIN_X), max(0.0, top - MARGIN_Y),
            min(width, x1 + MARGIN_X), min(height, bottom + MARGIN_Y))


def _png(image) -> bytes:
    """PNG bytes with no metadata (same bytes every run)."""
    buffer = io.BytesIO()
    image.convert("RGB").quantize(colors=PALETTE_COLORS).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _pixels(box: Box, origin: Box, scale: float) -> tuple[float, float, float, float]:
    return ((box[0] - origin[0]) * scale, (box[1] - origin[1]) * scale,
            (box[2] - origin[0]) * scale, (box[3] - origin[1]) * scale)


def _crop(page_image, request: CropRequest, width: float, height: float) -> bytes | None:
    """The request's region cut from the rendered page, boxes drawn on a translucent layer."""
    region = _region(request, width, height)
    if region[2] - region[0] < 1 or region[3] - region[1] < 1:
        return None
    scale = RESOLUTION / 72
    base = page_image.crop(tuple(round(v) for v in _pixels(region, (0, 0, 0, 0), scale))).convert("RGBA")
    layer = Image.new("RGBA", base.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    draw.rectangle(_pixels(request.evidence, region, scale), fill=EVIDENCE_FILL, outline=EVIDENCE_STROKE, width=1)
    for box in request.values:
        draw.rectangle(_pixels(box, region, scale), fill=VALUE_FILL, outline=VALUE_STROKE, width=2)
    return _png(Image.alpha_composite(base, layer))


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# What a crop's pixels depend on besides the PDF and the request: this module's drawing code.
_DRAWING = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def cache_key(sha256: str, request: CropRequest) -> str:
    """The key a crop is kept under between runs: the PDF's content, the crop, the drawing."""
    return hashlib.sha256(f"{sha256}|{request.key}|{RESOLUTION}|{_DRAWING}".encode()).hexdigest()[:24]


def page_crops(path: str, sha256: str | None, requests: Iterable[CropRequest],
               cached: dict[str, bytes] | None = None) -> tuple[dict[str, bytes], str]:
    """PNG bytes by request key for the crops of one PDF, and "" or the line saying why
    there are none. `cached`: images kept from earlier runs by `cache_key`; the PDF is
    opened only for the crops not among them."""
    file = Path(path)
    if not file.is_file():
        return {}, f"{path}: not found at export time; page images left out (run again where the file is)"
    if sha256 and file_sha256(file) != sha256:
        return {}, f"{path}: changed since this run; page images left out (run again to read it)"
    requests = list(requests)
    kept = {r.key: cached[cache_key(sha256, r)] for r in requests
            if sha256 and cached and cache_key(sha256, r) in cached}
    if len(kept) == len({r.key for r in requests}):
        return kept, ""  # every crop kept from an earlier run: the PDF is not opened
    try:
        pdf = open_pdf(file)
    except ExtractError as err:
        return {}, f"page images left out: {err.one_line()}"
    by_page: dict[int, list[CropRequest]] = {}
    for request in requests:
        by_page.setdefault(request.page, []).append(request)
    out = {}
    try:
        for number in sorted(by_page):
            if not 1 <= number <= len(pdf.pages):
                continue
            page = pdf.pages[number - 1]
            rendered = page.to_image(resolution=RESOLUTION).original  # each page once, its crops cut from it
            for request in by_page[number]:
                if request.key not in out:
                    png = kept.get(request.key) or _crop(rendered, request, float(page.width), float(page.height))
                    if png is not None:
                        out[request.key] = png
    finally:
        pdf.close()
    return out, ""
