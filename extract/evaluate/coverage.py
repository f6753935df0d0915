"""Coverage report of the gold: numbers in the text that no gold span covers.

Lists every percentage ("97%", "30–40%"), patient count ("86 patients",
"Twenty-five patients", "115 older patients") and age ("46 years") in the prose
blocks of the gold span files (table bodies excluded) that does not overlap a gold
span, with its block and sentence, so a reviewer can confirm that each omission is
deliberate (CMR, ORR, EFS, mortality, population age bounds, subset counts …).

    python -m extract.evaluate.coverage [annotations_dir]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from extract.evaluate.gold import ANNOTATIONS_DIR, load_gold_spans
from extract.numbers import NUMBER_WORDS

_NUMWORD = rf"(?i:(?:{NUMBER_WORDS})(?:[\s-](?:{NUMBER_WORDS}))*)"
PATTERNS = {
    "percent": re.compile(r"(?:[<>≤≥]\s?)?\d+(?:\.\d+)?(?:\s?%)?(?:\s?(?:–|-|to)\s?\d+(?:\.\d+)?)?\s?%"),
    "patients": re.compile(r"\b(?:\d+|" + _NUMWORD + r")\b(?= (?:[\w-]+ ){0,3}?(?:patients|adults|children)\b)"),
    "age": re.compile(r"\b\d+(?:\s?(?:–|-|to)\s?\d+)? years\b"),
}
_SENT_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"(])")
_NO_SPLIT = ("vs.", "e.g.", "i.e.", "al.", "Fig.", "approx.")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of sentences; a light splitter that keeps "vs." and "Fig." inside."""
    out, start = [], 0
    for m in _SENT_END.finditer(text):
        before = text[:m.start()].rsplit(None, 1)
        if before and (before[-1] in _NO_SPLIT or text[:m.start()].endswith(("et al.",))):
            continue
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def is_table_body(text: str) -> bool:
    return "\t" in text


def uncovered(records: list[dict]) -> list[dict]:
    """Candidate values not overlapping a gold span, with block and sentence."""
    out = []
    for rec in records:
        text = rec["text"]
        if is_table_body(text):
            continue
        spans = [(s["start"], s["end"]) for s in rec["spans"]]
        sents = sentences(text)
        for kind, rx in PATTERNS.items():
            for m in rx.finditer(text):
                a, b = m.start(), m.end()
                if any(a < e and s < b for s, e in spans):
                    continue
                ss, se = next((s, e) for s, e in sents if s <= a < e or a == e)
                out.append({"doc_id": rec["doc_id"], "block": rec["block"], "kind": kind,
                            "start": a, "end": b, "text": m.group(0),
                            "sentence": text[ss:se]})
    out.sort(key=lambda x: (x["doc_id"], x["block"], x["start"]))
    return out


def coverage_report(annotations_dir: str | Path | None = None) -> str:
    """Human-readable list of uncovered percentages, patient counts and ages."""
    root = Path(annotations_dir) if annotations_dir else ANNOTATIONS_DIR
    records = load_gold_spans(annotations_dir=root)
    items = uncovered(records)
    lines = [f"# Gold coverage: {len(items)} numbers not covered by a gold span",
             "# (percentages, patient counts, ages in prose blocks; table bodies excluded)"]
    last = None
    for it in items:
        key = (it["doc_id"], it["block"])
        if key != last:
            lines.append(f"\n{it['doc_id']} block {it['block']}")
            last = key
        sent = it["sentence"]
        lines.append(f"  [{it['kind']}] {it['text']!r} @{it['start']}: {sent}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    print(coverage_report(argv[0] if argv else None))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
