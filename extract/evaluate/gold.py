"""Gold annotations: I/O, source resolution, agreement and counts.

The gold lives in ``annotations/``:

- ``annotations/source/<doc_id>.txt``: the hand-written annotation source, one
  section per block (``== <block>``), one line per span
  (``LABEL<space>span text[ @k | @all]``). Written by reading the text; this module
  only turns span texts into character offsets.
- ``annotations/spans/<doc_id>.jsonl``: one record per annotated block
  ``{"doc_id", "block", "offset", "text", "spans": [{"start", "end", "label", "text"}]}``
  with ``start``/``end`` relative to the block text (document offset = offset + start).
- ``annotations/rows.csv``: gold evidence rows (columns of the extraction spec).

Span resolution (``resolve_source``) is strict: a span text that is not found in its
block, or that matches more than once without an occurrence index, raises
``GoldSourceError`` naming the file, block and line.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pandas as pd
import spacy
from spacy.tokens import DocBin

from extract.errors import CorrectionFileError
from extract.fileio import atomic_write_bytes, numbered_lines, write_jsonl

from extract.types import FLOAT_COLUMNS, INT_COLUMNS, LABELS, SPEC_COLUMNS, TEXT_COLUMNS
ANNOTATIONS_DIR = Path(__file__).resolve().parents[2] / "annotations"

# Blocks that are never annotated (the reference list). Everything else of each
# reference text is in the span file.
def _documents_meta(annotations_dir: Path | None = None) -> dict:
    """annotations/documents.json: per document, the reference-list blocks (never annotated)
    and the agreement-sample pool. A document without an entry has neither."""
    path = (Path(annotations_dir) if annotations_dir else ANNOTATIONS_DIR) / "documents.json"
    return json.loads(path.read_text(encoding="utf-8"))["documents"] if path.exists() else {}


def reference_list_blocks(doc_id: str, annotations_dir: Path | None = None) -> frozenset[int]:
    meta = _documents_meta(annotations_dir).get(doc_id, {})
    return frozenset(meta.get("reference_list_blocks", []))


class GoldSourceError(ValueError):
    """A hand-written span cannot be resolved to exactly one place in its block."""


@dataclass(frozen=True)
class Block:
    doc_id: str
    index: int
    offset: int
    text: str


# --------------------------------------------------------------------------- text


def reference_path(doc_id: str, annotations_dir: Path | None = None) -> Path:
    root = Path(annotations_dir) if annotations_dir else ANNOTATIONS_DIR
    return root / "text" / f"{doc_id}.reference.txt"


def read_reference(doc_id: str, annotations_dir: Path | None = None) -> str:
    return reference_path(doc_id, annotations_dir).read_text(encoding="utf-8")


def split_blocks(doc_id: str, text: str) -> list[Block]:
    """Blank-line separated blocks with their character offsets in ``text``."""
    blocks, pos = [], 0
    for i, part in enumerate(text.split("\n\n")):
        blocks.append(Block(doc_id, i, pos, part))
        pos += len(part) + 2
    return blocks


def annotated_blocks(doc_id: str, annotations_dir: Path | None = None) -> list[Block]:
    skip = reference_list_blocks(doc_id, annotations_dir)
    return [b for b in split_blocks(doc_id, read_reference(doc_id, annotations_dir))
            if b.index not in skip and b.text.strip()]


# ------------------------------------------------------------------------ source

_SPEC_RE = re.compile(r"^(?P<label>[A-Z]+) (?P<text>.+?)(?: @(?P<occ>all|\d+))?$")


def _boundary_matches(text: str, needle: str) -> list[int]:
    """Start offsets of ``needle`` in ``text`` not glued to a letter or digit."""
    out, start = [], 0
    while True:
        i = text.find(needle, start)
        if i < 0:
            return out
        j = i + len(needle)
        before_ok = i == 0 or not text[i - 1].isalnum() or not needle[0].isalnum()
        after_ok = j == len(text) or not text[j].isalnum() or not needle[-1].isalnum()
        # a number is not glued to a decimal part: "6" is not in "23.6", "7" not in "7.7"
        if needle[0].isdigit() and i >= 2 and text[i - 1] in ".," and text[i - 2].isdigit():
            before_ok = False
        if (needle[-1].isdigit() and j + 1 < len(text) and text[j] in ".,"
                and text[j + 1].isdigit()):
            after_ok = False
        if before_ok and after_ok:
            out.append(i)
        start = i + 1


def _overlaps(a: tuple[int, int], spans: Iterable[dict]) -> bool:
    return any(a[0] < s["end"] and s["start"] < a[1] for s in spans)


def parse_source(path: Path) -> dict[int, list[tuple[int, str, str, str | None]]]:
    """``{block: [(line_no, label, text, occ)]}`` from a hand-written source file."""
    sections: dict[int, list] = {}
    current = None
    for no, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("=="):
            current = int(line[2:].split()[0])
            if current in sections:
                raise GoldSourceError(f"{path}:{no}: block {current} listed twice")
            sections[current] = []
            continue
        m = _SPEC_RE.match(line)
        if current is None or not m or m["label"] not in LABELS:
            raise GoldSourceError(f"{path}:{no}: cannot parse {line!r} "
                                  f"(want 'LABEL text [@k|@all]' after '== block')")
        sections[current].append((no, m["label"], m["text"], m["occ"]))
    return sections


def resolve_block(block: Block, items, where: str = "") -> list[dict]:
    """Turn ``(line_no, label, text, occ)`` items into spans on ``block.text``.

    Lines are resolved in order. Without ``@k`` the text must match exactly once
    (ignoring places already taken by earlier spans of the block); ``@k`` takes the
    k-th match counting every match in the block; ``@all`` takes every match not
    already taken.
    """
    spans: list[dict] = []
    for no, label, needle, occ in items:
        loc = f"{where}:{no} block {block.index} {label} {needle!r}"
        hits = _boundary_matches(block.text, needle)
        if not hits:
            raise GoldSourceError(f"{loc}: not found in block text")
        if occ == "all":
            chosen = [h for h in hits if not _overlaps((h, h + len(needle)), spans)]
            if not chosen:
                raise GoldSourceError(f"{loc}: @all but every match is already taken")
        elif occ:
            k = int(occ)
            if not 1 <= k <= len(hits):
                raise GoldSourceError(f"{loc}: @{k} but only {len(hits)} matches")
            chosen = [hits[k - 1]]
        else:
            free = [h for h in hits if not _overlaps((h, h + len(needle)), spans)]
            if len(free) != 1:
                raise GoldSourceError(f"{loc}: ambiguous ({len(free)} free matches); "
                                      f"add @k or @all")
            chosen = free
        for h in chosen:
            span = {"start": h, "end": h + len(needle), "label": label, "text": needle}
            if _overlaps((span["start"], span["end"]), spans):
                raise GoldSourceError(f"{loc}: overlaps an earlier span")
            spans.append(span)
    spans.sort(key=lambda s: s["start"])
    return spans


def resolve_source(doc_id: str, annotations_dir: Path | None = None) -> list[dict]:
    """Resolve ``annotations/source/<doc_id>.txt`` into span-file records.

    Every annotated block must have a section (possibly empty) in the source, so a
    block that was never read cannot slip into the gold as "no entity".
    """
    root = Path(annotations_dir) if annotations_dir else ANNOTATIONS_DIR
    src = root / "source" / f"{doc_id}.txt"
    sections = parse_source(src)
    blocks = annotated_blocks(doc_id, root)
    known = {b.index for b in blocks}
    extra = sorted(set(sections) - known)
    if extra:
        raise GoldSourceError(f"{src}: sections for blocks that are not annotated: {extra}")
    missing = [b.index for b in blocks if b.index not in sections]
    if missing:
        raise GoldSourceError(f"{src}: blocks without a section (not read yet?): {missing}")
    return [{"doc_id": doc_id, "block": b.index, "offset": b.offset, "text": b.text,
             "spans": resolve_block(b, sections[b.index], str(src))} for b in blocks]


def write_spans(doc_id: str, annotations_dir: Path | None = None) -> Path:
    root = Path(annotations_dir) if annotations_dir else ANNOTATIONS_DIR
    records = resolve_source(doc_id, root)
    out = root / "spans" / f"{doc_id}.jsonl"
    write_jsonl(out, records)  # atomic: a crash leaves the previous gold whole
    return out


# ------------------------------------------------------------------------- load


def read_span_file(path: Path) -> list[dict]:
    """Records of a span file (gold or an annotator's corrections), checked line by line:
    a bad record raises `CorrectionFileError` naming the file, line and what to fix."""
    path = Path(path)
    return [_checked_record(path, number, line) for number, line in numbered_lines(path)]


def _checked_record(path: Path, number: int, line: str) -> dict:
    def bad(what: str, todo: str) -> CorrectionFileError:
        return CorrectionFileError(path, f"line {number}: {what}", todo)

    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise bad(f"not valid JSON ({err.msg})", "fix the JSON syntax of that line") from None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str) \
            or not isinstance(record.get("spans"), list):
        raise bad("record needs a 'text' string and a 'spans' list", "see annotations/GUIDELINES.md §0")
    text = record["text"]
    for span in record["spans"]:
        label = span.get("label") if isinstance(span, dict) else None
        if label not in LABELS:
            raise bad(f"unknown label {label!r}", f"use one of {', '.join(LABELS)}")
        start, end = span.get("start"), span.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise bad(f"span offsets {start!r}..{end!r} outside the block text", "fix start/end")
        if "text" in span and text[start:end] != span["text"]:
            raise bad(f"span text {span['text']!r} does not match the block at {start}..{end}",
                      "fix the offsets or the span text")
    return record


def load_gold_spans(doc_id: str | None = None,
                    annotations_dir: Path | None = None) -> list[dict]:
    """Span-file records (one per block) of one document or of all documents."""
    root = Path(annotations_dir) if annotations_dir else ANNOTATIONS_DIR
    ids = [doc_id] if doc_id else sorted(p.stem for p in (root / "spans").glob("*.jsonl"))
    out: list[dict] = []
    for d in ids:
        out.extend(read_span_file(root / "spans" / f"{d}.jsonl"))
    return out


def load_gold_rows(annotations_dir: Path | None = None):
    """Gold rows as a DataFrame: str columns as strings ('' for missing), numeric
    columns as nullable floats / Int64 (missing = <NA>, never 0)."""
    root = Path(annotations_dir) if annotations_dir else ANNOTATIONS_DIR
    df = pd.read_csv(root / "rows.csv", dtype={c: str for c in TEXT_COLUMNS},
                     keep_default_na=False, na_values={c: [""] for c in SPEC_COLUMNS if c not in TEXT_COLUMNS})
    for c in INT_COLUMNS:
        df[c] = pd.to_numeric(df[c]).astype("Int64")
    for c in FLOAT_COLUMNS:
        df[c] = pd.to_numeric(df[c]).astype("Float64")
    return df[list(SPEC_COLUMNS)]


# ----------------------------------------------------------------------- spaCy


def to_docbin(out_path: str | Path, annotations_dir: Path | None = None):
    """Write the gold as a spaCy DocBin (one Doc per annotated block, ``doc.ents``).

    Built on ``spacy.blank("en")`` with ``char_span(alignment_mode="strict")``.
    Spans that do not align with spaCy's default tokenizer are left out of that Doc
    and returned in ``misaligned`` (doc_id, block, start, end, label, text) — the
    pipeline's own tokenizer is expected to split them (e.g. ``NA/7.7``).
    Returns ``(docbin, misaligned)``.
    """
    nlp = spacy.blank("en")
    db = DocBin(store_user_data=True)
    misaligned: list[tuple] = []
    for rec in load_gold_spans(annotations_dir=annotations_dir):
        doc = nlp.make_doc(rec["text"])
        ents = []
        for s in rec["spans"]:
            span = doc.char_span(s["start"], s["end"], label=s["label"],
                                 alignment_mode="strict")
            if span is None:
                misaligned.append((rec["doc_id"], rec["block"], s["start"], s["end"],
                                   s["label"], s["text"]))
            else:
                ents.append(span)
        doc.ents = ents
        doc.user_data["doc_id"] = rec["doc_id"]
        doc.user_data["block"] = rec["block"]
        db.add(doc)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(Path(out_path), db.to_bytes())
    return db, misaligned


# ------------------------------------------------------------------- agreement


def make_agreement_sample(seed: int = 2025, fraction: float = 0.2) -> list[dict]:
    """The blind-annotation sample: ``fraction`` of the paragraph/caption pool."""
    meta = _documents_meta()
    pool = [(d, b) for d in sorted(meta) for b in sorted(meta[d].get("agreement_pool_blocks", []))]
    k = round(fraction * len(pool))
    chosen = sorted(random.Random(seed).sample(pool, k))
    return [{"doc_id": d, "block": b} for d, b in chosen]


def _span_set(records: Iterable[dict], keys: set[tuple[str, int]]) -> set[tuple]:
    out = set()
    for r in records:
        if (r["doc_id"], r["block"]) in keys:
            for s in r["spans"]:
                out.add((r["doc_id"], r["block"], s["start"], s["end"], s["label"]))
    return out


def span_agreement(first: list[dict], second: list[dict],
                   sample: list[dict] | None = None) -> dict:
    """Strict span agreement (same block, start, end, label) between two passes.

    Returns ``{label: {"tp", "only_first", "only_second", "f1"}}`` plus ``"micro"``,
    restricted to the blocks in ``sample`` (default: the blocks of ``second``).
    F1 = 2·tp / (2·tp + only_first + only_second), symmetric in the two passes.
    """
    keys = ({(s["doc_id"], s["block"]) for s in sample} if sample
            else {(r["doc_id"], r["block"]) for r in second})
    a, b = _span_set(first, keys), _span_set(second, keys)
    out = {}
    for label in LABELS + ("micro",):
        aa = {x for x in a if label == "micro" or x[4] == label}
        bb = {x for x in b if label == "micro" or x[4] == label}
        tp = len(aa & bb)
        fa, fb = len(aa - bb), len(bb - aa)
        f1 = 2 * tp / (2 * tp + fa + fb) if (tp + fa + fb) else float("nan")
        out[label] = {"tp": tp, "only_first": fa, "only_second": fb, "f1": f1}
    return out


def agreement_differences(first: list[dict], second: list[dict],
                          sample: list[dict] | None = None) -> list[tuple]:
    """Spans found by one pass only: (pass, doc_id, block, start, end, label, text)."""
    keys = ({(s["doc_id"], s["block"]) for s in sample} if sample
            else {(r["doc_id"], r["block"]) for r in second})
    texts = {}
    for r in list(first) + list(second):
        texts[(r["doc_id"], r["block"])] = r["text"]
    a, b = _span_set(first, keys), _span_set(second, keys)
    diffs = [("first",) + x for x in sorted(a - b)] + [("second",) + x for x in sorted(b - a)]
    return [d[:6] + (texts[(d[1], d[2])][d[3]:d[4]],) for d in diffs]


def format_agreement(result: dict) -> str:
    lines = ["| label | both | first only | second only | F1 |", "|---|---|---|---|---|"]
    for label, v in result.items():
        f1 = "–" if v["f1"] != v["f1"] else f"{v['f1']:.3f}"
        lines.append(f"| {label} | {v['tp']} | {v['only_first']} | {v['only_second']} | {f1} |")
    return "\n".join(lines)


# ----------------------------------------------------------------------- counts


def label_counts(annotations_dir: Path | None = None) -> str:
    """Markdown table of span counts per label and document, plus row counts."""
    recs = load_gold_spans(annotations_dir=annotations_dir)
    docs = sorted({r["doc_id"] for r in recs})
    c = Counter((r["doc_id"], s["label"]) for r in recs for s in r["spans"])
    nblocks = Counter(r["doc_id"] for r in recs)
    head = "| label | " + " | ".join(docs) + " | total |"
    lines = [head, "|---" * (len(docs) + 2) + "|"]
    for label in LABELS:
        vals = [c[(d, label)] for d in docs]
        lines.append(f"| {label} | " + " | ".join(map(str, vals)) + f" | {sum(vals)} |")
    tot = [sum(c[(d, l)] for l in LABELS) for d in docs]
    lines.append("| all spans | " + " | ".join(map(str, tot)) + f" | {sum(tot)} |")
    lines.append("| blocks | " + " | ".join(str(nblocks[d]) for d in docs)
                 + f" | {sum(nblocks.values())} |")
    root = Path(annotations_dir) if annotations_dir else ANNOTATIONS_DIR
    if (root / "rows.csv").exists():
        rows = load_gold_rows(root)
        for src in ("text", "table"):
            vals = [int(((rows.doc_id == d) & (rows.source == src)).sum()) for d in docs]
            lines.append(f"| rows ({src}) | " + " | ".join(map(str, vals))
                         + f" | {sum(vals)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    cmd = argv[0] if argv else "build"
    if cmd == "build":
        # every document with a hand-written source: annotators add documents by adding files
        for source in sorted((ANNOTATIONS_DIR / "source").glob("*.txt")):
            print(write_spans(source.stem))
    elif cmd == "counts":
        print(label_counts())
    elif cmd == "sample":
        print(json.dumps(make_agreement_sample(), indent=1))
    elif cmd == "agreement":
        # first pass = the snapshot taken before the second pass was read
        # (annotations/agreement/first_pass/); "gold" = the adjudicated span files.
        ag = ANNOTATIONS_DIR / "agreement"
        second = read_span_file(ag / "second_pass.jsonl")
        sample = json.loads((ag / "sample.json").read_text())
        first = [r for p in sorted((ag / "first_pass").glob("*.jsonl"))
                 for r in read_span_file(p)]
        for name, mine in (("first pass vs second pass", first),
                           ("adjudicated gold vs second pass", load_gold_spans())):
            print(f"## {name}")
            print(format_agreement(span_agreement(mine, second, sample)))
            for d in agreement_differences(mine, second, sample):
                print(*d, sep="\t")
    elif cmd == "docbin":
        _, bad = to_docbin(argv[1] if len(argv) > 1 else "gold.spacy")
        for b in bad:
            print("misaligned:", *b, sep="\t")
    else:
        print("usage: python -m extract.evaluate.gold [build|counts|sample|agreement|docbin [out]]")
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
