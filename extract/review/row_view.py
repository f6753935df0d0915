"""What the review page shows of one row: its fields, its evidence with the entities marked
(those read into the row told apart from the others), the crop of its page to ask for, its
validation flags and text <-> table disagreements in words."""

from __future__ import annotations

from collections import defaultdict

from extract.review.boxes import CropRequest, parse_box
from extract.rows.crosscheck import cross_check
from extract.rows.schema import EvidenceRow
from extract.store.export import number_text
from extract.store.records import StoredRow

# field -> the entity label its value is read from
FIELD_LABELS = {"trial": "TRIAL", "agents": "AGENT", "n": "N", "age_median": "AGE", "age_min": "AGE",
                "age_max": "AGE", "cr_pct": "CR", "mrd_neg_pct": "MRD", "mrd_method": "MRD", "os_pct": "OS",
                "os_years": "OS", "os_median_months": "OS"}
SHOWN_FIELDS = ("trial", "agents", "subgroup", "n", "age_median", "age_min", "age_max", "cr_pct", "mrd_neg_pct",
                "mrd_method", "os_pct", "os_years", "os_median_months")


def flag_words(flag: str) -> str:
    """A validation expectation as a reviewer reads it."""
    name, _, column = flag.partition("(")
    column = column.rstrip(")")
    if name.endswith("to_be_between"):
        return f"{column} is outside the range it can take"
    if name.endswith("in_type_list"):
        return f"{column} is not a number of the expected kind"
    if name.endswith("a_to_be_greater_than_b"):
        high, _, low = column.partition("/")
        return f"{high} is below {low}"
    if "rule_has_subject" in column:
        return "no study and no agents: the row names no cohort"
    if "rule_has_value" in column:
        return "no outcome value"
    if "rule_n_whole" in column:
        return "N is not a whole number"
    if column == "mrd_method":
        return "the MRD method is not a known assay"
    if name.endswith("to_not_be_null"):
        return f"{column} is missing"
    if name.endswith("lengths_to_be_between"):
        return f"{column} is empty or too long"
    return flag


def _in_sentence(row: EvidenceRow, entities: list[dict]) -> list[dict]:
    if row.sent_start is None or row.sent_end is None:
        return []
    return [e for e in entities if e["start"] >= row.sent_start and e["end"] <= row.sent_end]


def is_read_into(entity: dict, row: EvidenceRow) -> bool:
    """Whether the row holds this entity's value (a sentence often gives several of a kind:
    "70% versus 75%"): a number equal to one of the row's fields of the entity's label."""
    value = entity.get("value") or {}
    if entity["label"] in ("TRIAL", "AGENT"):
        return True
    numbers = {round(float(v), 2) for k, v in value.items() if k in ("number", "low", "high", "years")
               and isinstance(v, (int, float))}
    fields = [round(float(getattr(row, f)), 2) for f, label in FIELD_LABELS.items()
              if label == entity["label"] and isinstance(getattr(row, f), (int, float))]
    return bool(numbers & set(fields))


def _sentence(row: EvidenceRow, text: str, entities: list[dict]) -> tuple[str, list[list]]:
    """The row's evidence and the spans to highlight in it, [start, end, label, read into
    the row] with offsets relative to the evidence."""
    if row.source == "text" and row.sent_start is not None and row.sent_end is not None:
        sentence = text[row.sent_start:row.sent_end]
        marks = [[e["start"] - row.sent_start, e["end"] - row.sent_start, e["label"], is_read_into(e, row)]
                 for e in _in_sentence(row, entities)]
        return sentence, marks
    # a table row: its cells, the ones holding a value of the row marked
    cells = row.evidence.split("\t")
    values = {number_text(getattr(row, f)) for f in SHOWN_FIELDS if isinstance(getattr(row, f), (int, float))}
    sentence, marks = "", []
    for cell in cells:
        if sentence:
            sentence += " | "
        if any(v and v in cell.split(" ")[0].strip("∆*†‡") for v in values) or any(
                v and cell.strip().startswith(v) for v in values):
            marks.append([len(sentence), len(sentence) + len(cell), "VALUE", True])
        sentence += cell
    return sentence, marks


def crop_request(row: EvidenceRow, entities: list[dict]) -> CropRequest | None:
    box = parse_box(row.bbox)
    if box is None or not row.page:
        return None
    found = [e for e in _in_sentence(row, entities) if e.get("page") == row.page]
    read = [e for e in found if is_read_into(e, row)] or found
    values = tuple(b for e in read if (b := parse_box(e.get("bbox"))) is not None)
    return CropRequest(page=row.page, evidence=box, values=values)


def _read_from(name: str, marks: list[list], sentence: str) -> str:
    label = FIELD_LABELS.get(name)
    return " · ".join(dict.fromkeys(sentence[s:e] for s, e, lab, read in marks if lab == label and read)) \
        if label else ""


def disagreements(rows: list[EvidenceRow]) -> tuple[dict[str, list[str]], list[str]]:
    """Text <-> table disagreements in words: by row id, and as lines for the page."""
    by_row: dict[str, list[str]] = defaultdict(list)
    lines = []
    for check in cross_check(rows):
        if check.text_row is None:
            continue
        for name, table_value, text_value in check.disagree:
            words = (f"{name}: the table says {number_text(table_value)}, the text "
                     f"(p{check.text_row.page or '?'}) says {number_text(text_value)}")
            by_row[check.table_row.row_id].append(words)
            by_row[check.text_row.row_id].append(words.replace("the text", "this text", 1))
            lines.append(f"{check.table_row.doc_id} · {check.table_row.trial or check.table_row.agents} · {words}")
    return by_row, lines


def row_record(stored: StoredRow, study: str, text: str, entities: list[dict], crop: str | None,
                disagreements: list[str], path: str) -> dict:
    row = stored.row
    sentence, marks = _sentence(row, text, entities)
    fields = [[name, number_text(v) if isinstance(v, (int, float)) else v, _read_from(name, marks, sentence)]
              for name in SHOWN_FIELDS if (v := getattr(row, name)) not in (None, "")]
    flags = [f for f in stored.flags.split(";") if f]
    return {"row_id": row.row_id, "doc_id": row.doc_id, "source": row.source, "page": row.page, "study": study,
            "trial": row.trial, "agents": row.agents.replace(";", " + "), "subgroup": row.subgroup,
            "n": number_text(row.n), "age": number_text(row.age_median), "cr": number_text(row.cr_pct),
            "mrd": number_text(row.mrd_neg_pct),
            "os": number_text(row.os_pct) + (f" @{number_text(row.os_years)}y" if row.os_pct is not None
                                              and row.os_years is not None else ""),
            "os_median": number_text(row.os_median_months), "flags": [flag_words(f) for f in flags],
            "status": stored.status or "predicted", "fields": fields, "sentence": sentence, "marks": marks,
            "crop": crop, "disagreements": disagreements, "path": path}
