"""Label Studio: review tasks out (JSON tasks with the pipeline's entities as
`predictions`, and the labelling config for our labels), the JSON export back in.

A task: `{"data": {"text", extract_* keys}, "predictions": [{"model_version", "result":
[{"id", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start",
"end", "text", "labels": [LABEL]}}]}]}`. In the export, a task's latest submitted (not
cancelled) annotation is the annotator's version of the block: it becomes one span
correction; a task nobody annotated is no correction.
"""

from __future__ import annotations

import json
from xml.sax.saxutils import quoteattr

from extract.review.tasks import ReviewBlock, TaskChecker
from extract.store.corrections import Correction
from extract.types import LABELS

FROM_NAME, TO_NAME = "label", "text"
# one colour per label, in LABELS order (the tool shows them; no meaning beyond that)
COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2")


def labelling_config() -> str:
    """The project's labelling config: our seven labels over the task text."""
    labels = "\n".join(f"    <Label value={quoteattr(label)} background={quoteattr(colour)}/>"
                       for label, colour in zip(LABELS, COLOURS))
    return (f'<View>\n  <Labels name="{FROM_NAME}" toName="{TO_NAME}">\n{labels}\n  </Labels>\n'
            f'  <Text name="{TO_NAME}" value="$text"/>\n</View>\n')


def task(block: ReviewBlock, model_version: str) -> dict:
    result = [{"id": f"p{i}", "from_name": FROM_NAME, "to_name": TO_NAME, "type": "labels",
               "value": {"start": s.start, "end": s.end, "text": s.text, "labels": [s.label]}}
              for i, s in enumerate(block.spans)]
    return {"data": {"text": block.text, **block.keys()},
            "predictions": [{"model_version": model_version, "result": result}]}


def tasks_json(blocks: list[ReviewBlock], model_version: str) -> str:
    return json.dumps([task(b, model_version) for b in blocks], ensure_ascii=False, indent=1) + "\n"


def _elements(text: str) -> list[tuple[int, object]]:
    """(line, value) of each element of a top-level JSON array, so an error can name the
    line a task starts on."""
    decoder = json.JSONDecoder()
    i = len(text) - len(text.lstrip())
    if not text[i:i + 1] == "[":
        raise ValueError("not a JSON list of tasks")
    i += 1
    out = []
    while True:
        while i < len(text) and text[i] in " \t\r\n,":
            i += 1
        if i >= len(text):
            raise ValueError("the list is not closed")
        if text[i] == "]":
            return out
        value, end = decoder.raw_decode(text, i)
        out.append((text.count("\n", 0, i) + 1, value))
        i = end


def _annotator(annotation: dict) -> str:
    who = annotation.get("completed_by")
    if isinstance(who, dict):
        who = who.get("email") or who.get("username") or who.get("id")
    return f"label-studio:{who}" if who not in (None, "") else ""


def read_export(path, checker: TaskChecker, annotator: str | None = None) -> list[Correction]:
    """The span corrections of a Label Studio JSON export, every task checked first."""
    try:
        elements = _elements(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as err:
        raise checker.fail(1, f"not a Label Studio JSON export ({err})",
                           "export the project as JSON (not JSON_MIN, CSV or CONLL)") from None
    out = []
    for line, item in elements:
        if not isinstance(item, dict):
            raise checker.fail(line, "a task is not a JSON object")
        data = checker.keys(line, item.get("data"))
        done = [a for a in item.get("annotations") or [] if isinstance(a, dict) and not a.get("was_cancelled")]
        if not done:
            continue
        latest = max(done, key=lambda a: (str(a.get("updated_at") or a.get("created_at") or ""), a.get("id") or 0))
        spans = []
        for region in latest.get("result") or []:
            if not isinstance(region, dict) or region.get("type") != "labels":
                continue
            value = region.get("value") or {}
            labels = value.get("labels") or []
            if len(labels) != 1:
                raise checker.fail(line, f"a region carries {len(labels)} labels", "give each region one label")
            spans.append(checker.span(line, data["text"], value.get("start"), value.get("end"), labels[0],
                                      value.get("text")))
        out.append(checker.correction(line, data, spans, annotator or _annotator(latest)))
    return out
