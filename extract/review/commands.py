"""What the review commands write: task files, the rows review file, and the corrections
as gold (`eval --gold corrections`, `annotations build`)."""

from __future__ import annotations

import sys
from pathlib import Path

from extract.errors import CorrectionFileError
from extract.fileio import atomic_write_text, write_jsonl
from extract.review import doccano, labelstudio
from extract.review.ledger import LEDGER, read_ledger
from extract.review.rows_review import review_csv
from extract.store.corrections import SPAN, Correction, annotators
from extract.store.db import Store

LABEL_CONFIG_SUFFIX = ".label-config.xml"
MODEL_VERSION = "extract"


def export_tasks(blocks: list, fmt: str, out: Path) -> None:
    """Label Studio: the tasks JSON and, beside it, `<name>.label-config.xml`; doccano: JSONL."""
    if fmt == "doccano":
        atomic_write_text(out, doccano.tasks_jsonl(blocks))
        print(f"{out}: {len(blocks)} task(s) for doccano (sequence labelling JSONL)")
        return
    atomic_write_text(out, labelstudio.tasks_json(blocks, MODEL_VERSION))
    config = out.with_name(out.stem + LABEL_CONFIG_SUFFIX)
    atomic_write_text(config, labelstudio.labelling_config())
    print(f"{out}: {len(blocks)} task(s) for Label Studio; labelling config {config}")


def export_rows(store: Store, out: Path) -> int:
    latest = store.latest_run()
    if latest is None:
        print(f"error: {store.path}: no complete run to review; run `python -m extract run` first", file=sys.stderr)
        return 1
    if out.suffix.lower() != ".csv":
        print(f"error: {out}: the rows review file is CSV; pass -o FILE.csv", file=sys.stderr)
        return 2
    rows = store.run_rows(latest.run_id)
    atomic_write_text(out, review_csv(rows, annotators(store)))
    print(f"{out}: {len(rows)} row(s) of run {latest.run_id}; fill `verdict` (accept / reject / edit) and "
          f"`python -m extract review import {out}`")
    return 0


# ---------------------------------------------------------------- corrections as gold


def latest_blocks(corrections: list[Correction]) -> dict[str, list[Correction]]:
    """Per document, the latest span correction of each block, in document order."""
    by_block: dict[tuple[str, int, str], Correction] = {}
    for c in corrections:
        if c.kind == SPAN:
            by_block[(c.doc_id, c.block_start, c.block_text)] = c
    out: dict[str, list[Correction]] = {}
    for (doc_id, _, _), c in sorted(by_block.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        out.setdefault(doc_id, []).append(c)
    return out


def corrected_references(ledger: Path | None = None) -> dict[str, tuple[str, list[tuple[int, int, str]]]]:
    """Per corrected document: a reference text (its corrected blocks, blank line between)
    and the gold spans in it: what `eval --gold corrections` scores the pipeline on."""
    out = {}
    for doc_id, blocks in latest_blocks(read_ledger(ledger or LEDGER)).items():
        parts, spans, offset = [], [], 0
        for c in blocks:
            parts.append(c.block_text)
            spans += [(offset + s.start, offset + s.end, s.label) for s in c.spans]
            offset += len(c.block_text) + 2
        out[doc_id] = ("\n\n".join(parts), spans)
    return out


def fold_corrections(doc_ids: list[str], ledger: Path | None, annotations_dir: Path | None) -> list[str]:
    """Write the corrections of documents into annotations/: a document without gold gets
    `text/<doc>.reference.txt` (its corrected blocks) and `spans/<doc>.jsonl`; a document
    with gold gets the spans of every gold block whose text a correction has, the rest kept.
    Returns one line per document."""
    from extract.evaluate.gold import (  # lazy: gold I/O, only here
        ANNOTATIONS_DIR,
        read_span_file,
        reference_path,
    )

    root = Path(annotations_dir) if annotations_dir else ANNOTATIONS_DIR
    corrected = latest_blocks(read_ledger(ledger or LEDGER))
    wanted = doc_ids or sorted(corrected)
    lines = []
    for doc_id in wanted:
        blocks = corrected.get(doc_id)
        if not blocks:
            raise CorrectionFileError(ledger or LEDGER, f"no span correction of {doc_id}",
                                      "import corrections of that document first (`review import`)")
        span_file = root / "spans" / f"{doc_id}.jsonl"
        if span_file.exists():
            records = read_span_file(span_file)
            by_text = {c.block_text: c for c in blocks}
            folded = 0
            for record in records:
                c = by_text.get(record["text"])
                if c is not None:
                    record["spans"] = _span_records(c)
                    folded += 1
            write_jsonl(span_file, records)
            lines.append(f"{doc_id}: {folded} of {len(blocks)} corrected block(s) folded into {span_file} "
                         f"(the others are not blocks of its reference text)")
            continue
        text, records, offset = [], [], 0
        for i, c in enumerate(blocks):
            records.append({"doc_id": doc_id, "block": i, "offset": offset, "text": c.block_text,
                            "spans": _span_records(c)})
            text.append(c.block_text)
            offset += len(c.block_text) + 2
        atomic_write_text(reference_path(doc_id, root), "\n\n".join(text))
        write_jsonl(span_file, records)
        lines.append(f"{doc_id}: {len(blocks)} corrected block(s) -> {span_file}")
    return lines


def _span_records(c: Correction) -> list[dict]:
    return [{"start": s.start, "end": s.end, "label": s.label, "text": s.text} for s in c.spans]


def corrections_markdown(scores: dict) -> str:
    """The entity scores against the corrections, as eval prints them."""
    overall = scores["overall"]
    lines = ["## Entities (corrected blocks of the corrections ledger)", "",
             "| label | strict P | strict R | strict F1 | lenient F1 |", "|---|---|---|---|---|"]
    for label, s in overall["strict"].items():
        lines.append(f"| {label} | {_f(s['precision'])} | {_f(s['recall'])} | {_f(s['f1'])} "
                     f"| {_f(overall['lenient'][label]['f1'])} |")
    return "\n".join(lines) + "\n"


def _f(value) -> str:
    return "n/a" if value is None else f"{value:.3f}"
