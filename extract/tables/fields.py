"""Header cells -> spec fields by meaning, cells -> typed values, markers -> footnotes.

Header meanings are package data (extract/knowledge/table_headers.jsonl); MRD-method names come from
the shared cue data (extract/knowledge/cues.jsonl); values are parsed by the same pure functions of
extract.numbers that the text stage uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extract.knowledge import mrd_method_patterns, read_rules
from extract.knowledge.rules import TableHeaderRule
from extract.numbers import (
    footnote_markers,
    is_missing,
    parse_age,
    parse_count,
    parse_horizon,
    parse_months,
    parse_os_cell,
    parse_pct_cell,
    split_citation,
    split_markers,
)
from extract.tables.record import TableRecord
from extract.textnorm import nfkc_form


@dataclass(frozen=True)
class Rule:
    """One data line: text matching `pattern` (case-insensitive) means `label`."""

    label: str
    pattern: re.Pattern


@lru_cache(maxsize=1)
def header_rules() -> tuple[Rule, ...]:
    """Header meanings, in file order; each line checked by `TableHeaderRule` (called when
    the nlp pipeline is built, so a bad line fails then)."""
    return tuple(Rule(line.field, re.compile(line.pattern, re.I)) for line in read_rules(TableHeaderRule))


@lru_cache(maxsize=1)
def method_rules() -> tuple[Rule, ...]:
    """MRD assay names: the same data the text stage uses (knowledge/cues.jsonl)."""
    return tuple(Rule(method, pattern) for pattern, method in mrd_method_patterns())


def header_field(header: str, rules: tuple[Rule, ...] | None = None) -> str | None:
    """The spec field a header cell means ('Complete remission, %' -> 'cr_pct'); None if unknown.
    Rules are tried in file order: the first match wins."""
    text = nfkc_form(header)
    if not text:
        return None
    for rule in rules if rules is not None else header_rules():
        if rule.pattern.search(text):
            return rule.label
    return None


def looks_like_labels(cells: list[str]) -> bool:
    """Cells of a study/label column: mostly text with letters, not numbers."""
    filled = [c for c in cells if c.strip()]
    if not filled:
        return False
    texty = sum(1 for c in filled if re.search(r"[A-Za-z]{2,}", c) and parse_count(c) is None
                and not is_missing(c))
    return texty >= 0.6 * len(filled)


def map_columns(header: list[str], columns: list[list[str]]) -> list[str | None]:
    """Field of each column by header meaning. An empty header above label-like cells is the
    study column (when no other column is); each field is given to its first column only,
    except `os`, which may be split into a rate and a median column."""
    fields: list[str | None] = [header_field(h) for h in header]
    seen: set[str] = set()
    for i, f in enumerate(fields):
        if f is not None and f != "os":
            if f in seen:
                fields[i] = None
            seen.add(f)
    for i, h in enumerate(header):
        if not h.strip() and "study" not in fields and i < len(columns) and looks_like_labels(columns[i]):
            fields[i] = "study"
    return fields


def mrd_method(text: str, rules: tuple[Rule, ...] | None = None) -> str | None:
    """'... flow cytometry ...' -> 'flow'; a text naming two methods -> None (method unknown)."""
    found = {r.label for r in (rules if rules is not None else method_rules()) if r.pattern.search(nfkc_form(text))}
    return found.pop() if len(found) == 1 else None


_LETTER_NOTE_RE = re.compile(r"^(?P<m>[a-h])[\s.:)]\s*(?P<text>[A-Z0-9∆Δ].*)$")
_LETTER_CELL_RE = re.compile(r"^(?P<value>.*?[\d)%])\s?(?P<m>[a-h])$")


def marker_notes(footnotes: list[str]) -> dict[str, str]:
    """Marker -> the footnote text that explains it, for all footnotes of a table.
    Symbols (∆, *, †...) and, where a note starts 'a Text', superscript letters."""
    notes: dict[str, str] = {}
    for note in footnotes:
        for marker, text in footnote_markers(note).items():
            notes.setdefault(marker, text)
        letter = _LETTER_NOTE_RE.match(nfkc_form(note))
        if letter:
            notes.setdefault(letter["m"], letter["text"])
    return notes


def split_letter_marker(cell: str, notes: dict[str, str]) -> tuple[str, tuple[str, ...]]:
    """'97a' -> ('97', ('a',)) when the table has a note 'a ...'; otherwise the cell unchanged."""
    m = _LETTER_CELL_RE.match(cell.strip())
    if m and m["m"] in notes:
        return m["value"], (m["m"],)
    return cell, ()


_COUNT_PCT_HEADER = re.compile(r"\b(?:n|no\.?)\s*\(\s*%\s*\)", re.I)
_COUNT_PCT_CELL = re.compile(r"^\s*\d+\s*\(\s*(?P<pct>\d+(?:[.,]\d+)?)\s*%?\s*\)")


def rate_value(cell: str, header: str) -> float | None:
    """A CR or MRD cell in percent; under an 'n (%)' header '65 (67)' is 67 %."""
    if _COUNT_PCT_HEADER.search(nfkc_form(header)):
        m = _COUNT_PCT_CELL.match(split_markers(cell)[0])
        if m:
            return float(m["pct"].replace(",", "."))
    v = parse_pct_cell(cell)
    return v.number if v is not None else None


def os_values(cell: str, header: str) -> dict[str, float | None]:
    """An OS cell read with its header: a 'Median OS (months)' column holds medians; a rate
    without a horizon in the cell takes the header's ('3-year OS, %')."""
    head = nfkc_form(header).lower()
    says_median = "median" in head
    says_rate = "%" in head or "rate" in head or parse_horizon(head) is not None or "year" in head
    out: dict[str, float | None] = {"os_pct": None, "os_years": None, "os_median_months": None}
    in_months = bool(re.search(r"\bmo(?:s|nths?)?\b", cell, re.I)) and "%" not in cell
    if (says_median and not says_rate) or (not says_rate and in_months):
        text, _ = split_markers(cell)
        if not is_missing(text):
            out["os_median_months"] = parse_months(text)
        return out
    parsed = parse_os_cell(cell)
    rate, median = parsed["rate"], parsed["median"]
    if rate is not None:
        out["os_pct"] = rate.number
        out["os_years"] = rate.years if rate.years is not None else parse_horizon(head)
    if median is not None:
        out["os_median_months"] = median.number
    return out


def _num(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def row_record(rec: TableRecord, cells: list[str], header: list[str], fields: list[str | None],
               notes: dict[str, str]) -> TableRecord:
    """`rec` with the typed fields of its data row (cells as printed, header texts, column fields)."""
    used: dict[str, str] = {}
    for printed, head, field in zip(cells, header, fields):
        text, letters = split_letter_marker(printed, notes)
        markers = split_markers(text)[1] + letters
        for m in markers:
            if m in notes:
                used[m] = notes[m]
        if field == "study":
            rec.study, rec.ref = split_citation(text) if text.strip() else (None, None)
        elif field == "agents":
            rec.agents_text = split_citation(text)[0] or None
        elif field == "n":
            v = parse_count(text)
            if v is not None:
                rec.n, rec.n_markers = int(v.number), list(v.markers + letters)
        elif field == "age":
            v = parse_age(text)
            if v is not None:
                rec.age_median, rec.age_min, rec.age_max = _num(v.number), _num(v.low), _num(v.high)
        elif field in ("cr_pct", "mrd_neg_pct"):
            setattr(rec, field, _num(rate_value(text, head)))
            if field == "mrd_neg_pct" and rec.mrd_neg_pct is not None:
                said = [notes[m] for m in markers if m in notes]
                rec.mrd_method = mrd_method(" ".join(said)) if said else mrd_method(head)
        elif field == "os":
            for key, value in os_values(text, head).items():
                if value is not None and getattr(rec, key) is None:
                    setattr(rec, key, _num(value))
    rec.notes = used
    return rec


def table_records(table) -> list[TableRecord]:
    """One typed record per data row of a `read.Table` (row is 1-based within the table)."""
    records = text_table_records(table.header_texts, table.row_texts, table.footnotes, table.number)
    for rec in records:
        cells = table.rows[rec.row - 1]
        rec.page, rec.bbox = cells[0].page, _row_box(cells)
    return records


def text_table_records(header: list[str], rows: list[list[str]], footnotes: list[str],
                       number: str = "") -> list[TableRecord]:
    """Typed records of a table given as cell texts: a PDF table's cells, or a
    tab-separated table inside a text input. Page and box are the caller's to add."""
    width = max([len(header)] + [len(r) for r in rows])
    header = header + [""] * (width - len(header))
    columns = [[row[i] if i < len(row) else "" for row in rows] for i in range(width)]
    fields = map_columns(header, columns)
    notes = marker_notes(footnotes)
    records = []
    for i, row in enumerate(rows, start=1):
        filled = [c for c in row if c.strip()]
        if len(filled) < 2:
            continue  # a group label or stray line, not a result row
        rec = row_record(TableRecord(table=_table_number(number), row=i), row, header, fields, notes)
        rec.cells = {(h or (f or f"col{j + 1}")): c for j, (h, f, c) in enumerate(zip(header, fields, row))}
        records.append(rec)
    return records


def _table_number(number: str) -> int | str:
    return int(number) if number.isdigit() else number


def _row_box(cells) -> list[float] | None:
    boxes = [c.bbox for c in cells if c.bbox]
    if not boxes:
        return None
    return [min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)]
