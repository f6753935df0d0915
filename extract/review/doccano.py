"""doccano: review tasks out as sequence-labelling JSONL (`{"text", "label": [[start, end,
LABEL], ...]}` per line, our keys beside them as the example's metadata), the JSONL export
back in.

doccano exports every example, annotated or not, so a line is a correction when its spans
differ from the pipeline's pre-annotation we exported (`extract_predicted`), and an
unchanged line adds nothing. Spans come as `label` (sequence labelling), `labels`, or
`entities` (`{"start_offset", "end_offset", "label"}`, projects with relations); our keys
at the top of the line or inside `meta`.
"""

from __future__ import annotations

import json

from extract.fileio import numbered_lines
from extract.review.tasks import PREDICTED, ReviewBlock, TaskChecker, spans_digest
from extract.store.corrections import Correction


def line(block: ReviewBlock) -> dict:
    return {"text": block.text, "label": [[s.start, s.end, s.label] for s in block.spans], **block.keys()}


def tasks_jsonl(blocks: list[ReviewBlock]) -> str:
    return "".join(json.dumps(line(b), ensure_ascii=False) + "\n" for b in blocks)


def _spans(checker: TaskChecker, number: int, record: dict) -> list:
    if isinstance(record.get("entities"), list):
        raw = [(e.get("start_offset"), e.get("end_offset"), e.get("label")) if isinstance(e, dict) else (None,) * 3
               for e in record["entities"]]
    else:
        raw = record.get("label", record.get("labels", []))
    if not isinstance(raw, list):
        raise checker.fail(number, "'label' is not a list of [start, end, LABEL]")
    out = []
    for item in raw:
        if not isinstance(item, (list, tuple)) or len(item) != 3:
            raise checker.fail(number, f"span {item!r} is not [start, end, LABEL]")
        out.append(checker.span(number, record["text"], *item, None))
    return out


def read_export(path, checker: TaskChecker, annotator: str | None = None) -> list[Correction]:
    """The span corrections of a doccano JSONL export, every line checked first."""
    out = []
    for number, text in numbered_lines(path):
        try:
            record = json.loads(text)
        except json.JSONDecodeError as err:
            raise checker.fail(number, f"not valid JSON ({err.msg})") from None
        if not isinstance(record, dict):
            raise checker.fail(number, "not a JSON object")
        meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
        data = checker.keys(number, {**meta, **record})
        spans = _spans(checker, number, record)
        if spans_digest(spans) == data.get(PREDICTED):
            continue
        who = record.get("user") or record.get("annotator")
        out.append(checker.correction(number, data, spans, annotator or (f"doccano:{who}" if who else "")))
    return out
