"""Row review: the rows of the last run with their evidence, status and an empty `verdict`
column, as CSV (`review export --rows -o FILE.csv`); the same file read back
(`review import FILE.csv`). A verdict is `accept` (the row is right), `reject` (it is not
evidence) or `edit` (the row's field cells were edited: the fields that differ from the
row in the store are its correction). Lines without a verdict are skipped.
"""

from __future__ import annotations

import csv
import io

from extract.errors import CorrectionFileError
from extract.fileio import FORMULA_STARTS
from extract.review.apply import typed_field
from extract.store.corrections import EDIT, ROW, VERDICTS, Correction
from extract.store.records import StoredRow
from extract.types import ROW_FIELDS

COLUMNS = ("row_id", "doc_id", "source", "page", *ROW_FIELDS, "evidence", "status", "corrected_by", "verdict")


def _cell(value) -> str:
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_STARTS) else value  # a spreadsheet must not run it
    return "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def _uncell(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def review_csv(stored: list[StoredRow], who: dict[int, str]) -> str:
    """The review file of a run's rows (`who`: correction id -> annotator)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for s in stored:
        row = s.row
        names = sorted({who[c] for c in s.corrections if c in who})
        writer.writerow([_cell(getattr(row, c)) for c in ("row_id", "doc_id", "source", "page", *ROW_FIELDS,
                                                            "evidence")] + [s.status, ";".join(names), ""])
    return out.getvalue()


def read_review(path, current: dict[str, StoredRow], annotator: str) -> list[Correction]:
    """The row corrections of a review file, every line checked first (`current`: the
    rows of the store's last run by id)."""
    def fail(number: int, what: str, todo: str = "fix that line and import again") -> CorrectionFileError:
        return CorrectionFileError(path, f"line {number}: {what}", todo)

    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise fail(1, "not UTF-8 text", "save the file as CSV UTF-8") from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("row_id", "verdict", *ROW_FIELDS) if c not in (reader.fieldnames or [])]
    if missing:
        raise fail(1, f"no {missing[0]!r} column", "import a file written by `review export --rows`")
    out = []
    for record in reader:
        number = reader.line_num
        verdict = (record.get("verdict") or "").strip().lower()
        if not verdict:
            continue
        if verdict not in VERDICTS:
            raise fail(number, f"verdict {verdict!r} is not one of {', '.join(VERDICTS)}")
        row_id = record["row_id"].strip()
        stored = current.get(row_id)
        if stored is None:
            raise fail(number, f"no row {row_id!r} in the store's last run", "export the rows again and review those")
        fields = {}
        if verdict == EDIT:
            for name in ROW_FIELDS:
                try:
                    value = typed_field(name, _uncell(record[name] or "").strip())
                except ValueError:
                    raise fail(number, f"{name} {record[name]!r} is not a number") from None
                if value != getattr(stored.row, name):
                    fields[name] = value
            if not fields:
                raise fail(number, "verdict edit but no field differs from the row", "edit a field or say accept")
        out.append(Correction(kind=ROW, doc_id=stored.row.doc_id, row_id=row_id, verdict=verdict, fields=fields,
                              annotator=annotator))
    return out
