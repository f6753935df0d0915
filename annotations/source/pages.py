"""Find the 1-based PDF page where a piece of evidence starts (pdfplumber).

Used once to fill the `page` column of annotations/rows.csv; the result is checked by
hand for rows it cannot place (it raises)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import pdfplumber

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def norm_tokens(text: str) -> list[str]:
    t = unicodedata.normalize("NFKC", text).lower()
    t = t.replace("−", "-").replace("–", "-").replace("∆", " ")
    t = re.sub(r"-\s*\n\s*", "", t)  # line-end hyphenation
    return [w for w in re.split(r"[^a-z0-9]+", t) if w]


@lru_cache(maxsize=None)
def page_streams(doc_id: str) -> list[list[list[str]]]:
    out = []
    with pdfplumber.open(CORPUS / f"{doc_id}.pdf") as pdf:
        for page in pdf.pages:
            mid = page.width / 2
            streams = [norm_tokens(page.extract_text() or "")]
            for box in ((0, 0, mid, page.height), (mid, 0, page.width, page.height)):
                streams.append(norm_tokens(page.crop(box).extract_text() or ""))
            out.append(streams)
    return out


def _contains(stream: list[str], seq: list[str]) -> bool:
    n = len(seq)
    return any(stream[i:i + n] == seq for i in range(len(stream) - n + 1))


def find_page(doc_id: str, evidence: str, k: int = 7) -> int:
    toks = norm_tokens(evidence)
    for start in range(0, max(1, len(toks) - k + 1)):
        seq = toks[start:start + k]
        hits = [i + 1 for i, streams in enumerate(page_streams(doc_id))
                if any(_contains(s, seq) for s in streams)]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1 and start == 0:
            continue
    raise LookupError(f"{doc_id}: no unique page for evidence {evidence[:80]!r}")
