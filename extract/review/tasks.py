"""Review tasks: one per tagged block of a document, with the entities the pipeline (and
the corrections applied so far) put in it, and the keys that recognise it on re-import.
Both annotation tools get the same tasks (`labelstudio`, `doccano` write them), and their
exports come back through the same checks (`read_spans`).

Offsets count code points of the block text (Python string indices). Label Studio stores
code points too: its editor turns the browser's UTF-16 positions into code points
(`charsToCodePoints`, `[...text].length`, in label-studio 1.23's web bundle; since
label-studio-frontend #308), so no conversion is needed; doccano's JSONL spans index the
text as Python does.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass

from extract.errors import CorrectionFileError
from extract.store.corrections import SPAN, Correction, SpanFix
from extract.types import LABELS

# Our keys inside a task's data (Label Studio) or beside its text (doccano's metadata).
DOC_ID, DOC_SHA256, BLOCK_START, BLOCK_END, BLOCK_SHA256, PAGE, KIND, OFFSETS, PREDICTED = (
    "extract_doc_id", "extract_doc_sha256", "extract_block_start", "extract_block_end", "extract_block_sha256",
    "extract_page", "extract_kind", "extract_offsets", "extract_predicted")
REQUIRED_KEYS = (DOC_ID, DOC_SHA256, BLOCK_START, BLOCK_END, BLOCK_SHA256)
CODE_POINTS = "code points"


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class ReviewBlock:
    doc_id: str
    doc_sha256: str
    block_start: int
    text: str
    page: int
    kind: str
    spans: list[SpanFix]

    def keys(self) -> dict:
        return {DOC_ID: self.doc_id, DOC_SHA256: self.doc_sha256, BLOCK_START: self.block_start,
                BLOCK_END: self.block_start + len(self.text), BLOCK_SHA256: text_sha256(self.text), PAGE: self.page, KIND: self.kind, OFFSETS: CODE_POINTS,
                PREDICTED: spans_digest([(s.start, s.end, s.label) for s in self.spans])}


def spans_digest(spans) -> str:
    """A short digest of (start, end, label) spans: what the pipeline predicted."""
    text = ";".join(f"{s},{e},{label}" for s, e, label in sorted(spans))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def block_spans(entities: list[dict], start: int, end: int) -> list[SpanFix]:
    """The entity records (document offsets) inside one block, block-relative."""
    return [SpanFix(e["start"] - start, e["end"] - start, e["label"], e["text"]) for e in entities
            if start <= e["start"] and e["end"] <= end]


# ---------------------------------------------------------------- reading exports back


def _clusters(text: str) -> list[tuple[int, int, str]]:
    """(start, end, normal form) of each character with its combining marks, a CRLF
    counting as one line break: the units two renderings of one text share."""
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(text):
        j = i + 1
        if text[i] == "\r" and j < len(text) and text[j] == "\n":
            j += 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        piece = text[i:j]
        out.append((i, j, "\n" if piece in ("\r\n", "\r") else unicodedata.normalize("NFC", piece)))
        i = j
    return out


def offset_map(seen: str, original: str) -> dict[int, int] | None:
    """Offsets in `seen` (the text a tool returned) -> offsets in `original` (the text we
    exported), when the two differ only in Unicode normalisation or line breaks; None when
    they differ in anything else."""
    a, b = _clusters(seen), _clusters(original)
    if len(a) != len(b) or any(x[2] != y[2] for x, y in zip(a, b)):
        return None
    out = {x[0]: y[0] for x, y in zip(a, b)}
    out.update({x[1]: y[1] for x, y in zip(a, b)})
    out[0] = 0
    return out


def same_text(a: str, b: str) -> bool:
    return unicodedata.normalize("NFC", a) == unicodedata.normalize("NFC", b)


class TaskChecker:
    """Checks the tasks of one export file and turns them into corrections; the first bad
    one raises `CorrectionFileError` naming the file and line (nothing is imported then).
    `originals(doc_sha256, block_start, block_end)` gives the exported block text when the
    tool returned it re-normalised (from the store), or None."""

    def __init__(self, path, originals=None):
        self.path = path
        self.originals = originals or (lambda *_: None)

    def fail(self, line: int, what: str, todo: str = "export the tasks again or fix that record") -> CorrectionFileError:
        return CorrectionFileError(self.path, f"line {line}: {what}", todo)

    def keys(self, line: int, data) -> dict:
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            raise self.fail(line, "task has no text", "import an export of tasks written by `review export`")
        missing = [k for k in REQUIRED_KEYS if k not in data]
        if missing:
            raise self.fail(line, f"task is not ours (no {missing[0]})",
                            "import only tasks written by `python -m extract review export`")
        if not (isinstance(data[BLOCK_START], int) and isinstance(data[BLOCK_END], int)
                and isinstance(data[DOC_ID], str)):
            raise self.fail(line, f"task keys are damaged ({DOC_ID}, {BLOCK_START}, {BLOCK_END})")
        self.original(line, data)  # the text first: spans on another text mean nothing
        return data

    def original(self, line: int, data: dict) -> tuple[str, dict[int, int] | None]:
        """The exported block text and the offset map from the returned one (None: the same)."""
        seen = data["text"]
        if text_sha256(seen) == data[BLOCK_SHA256]:
            return seen, None
        original = self.originals(data[DOC_SHA256], data[BLOCK_START], data[BLOCK_END])
        if original is not None and text_sha256(original) == data[BLOCK_SHA256]:
            mapping = offset_map(seen, original)
            if mapping is not None:
                return original, mapping
        raise self.fail(line, "task text differs from the exported block (its sha256 does not match)",
                        "import the tool's export of the tasks unedited")

    def span(self, line: int, text: str, start, end, label, covered: str | None) -> tuple[int, int, str]:
        if label not in LABELS:
            raise self.fail(line, f"unknown label {label!r}", f"use one of {', '.join(LABELS)}")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise self.fail(line, f"span offsets {start!r}..{end!r} outside the task text ({len(text)} characters)")
        if covered is not None and not same_text(covered, text[start:end]):
            raise self.fail(line, f"span text {covered!r} is not the task text at {start}..{end} "
                                  f"({text[start:end]!r})")
        return start, end, label

    def correction(self, line: int, data: dict, spans: list[tuple[int, int, str]], annotator: str) -> Correction:
        """The correction of one task: its spans moved onto the exported block text."""
        original, mapping = self.original(line, data)
        fixes = []
        for start, end, label in spans:
            if mapping is not None:
                if start not in mapping or end not in mapping:
                    raise self.fail(line, f"span {start}..{end} cuts a character of the task text")
                start, end = mapping[start], mapping[end]
            fixes.append(SpanFix(start, end, label, original[start:end]))
        fixes.sort(key=lambda s: (s.start, s.end, s.label))
        return Correction(kind=SPAN, doc_id=data[DOC_ID], doc_sha256=data[DOC_SHA256],
                          block_start=data[BLOCK_START], block_text=original, spans=tuple(fixes), annotator=annotator)
