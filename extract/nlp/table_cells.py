"""Entities in tab-separated table rows (reference texts): component ``all_table_cells_v1``.

A run of lines with at least two tabs is a table; its first line is the header. Each
column is typed from its header with the column cues held by the component
(``columns.jsonl``: ``{"label", "regex"}``, filled by `build_nlp` from the tables stage's
header meanings, extract/knowledge/table_headers.jsonl, matched case-insensitively); rows with more cells than the header are
aligned on the right (the study column often has no header). Cells become spans as the
annotation guidelines §3 say: the study label without its citation is TRIAL, or AGENT
when it names a regimen/product; each agent of the agent column is AGENT; N, AGE, CR
and MRD cells are whole cells; an OS cell gives one span per '/'-separated value.

For PDFs the tables stage reads tables; this component only sees tables that arrive
as text.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from extract import numbers
from extract.knowledge import find_agents
from extract.nlp import attributes  # noqa: F401
from extract.nlp.attributes import doc_text
from extract.nlp.spans import add_value_spans
from extract.nlp.stored import StoredRules
from extract.textnorm import nfkc_form
from extract.types import AgentValue, EntityValue, TrialValue

_CITATION = re.compile(r"\s*\[[\d,\s\-]+\]\s*$")


def column_types(header: list[str], columns: list[dict]) -> list[str | None]:
    out = []
    for cell in header:
        h = nfkc_form(cell)
        label = None
        for col in columns:
            if re.search(col["regex"], h, re.I):
                label = col["label"]
                break
        out.append(label)
    return out


def cell_spans(cell: str, label: str | None) -> list[tuple[int, int, str, EntityValue]]:
    """Spans (cell-relative) for one cell of a typed column. Pure."""
    stripped = cell.strip()
    if not stripped or label is None:
        return []
    lead = len(cell) - len(cell.lstrip())
    if label in ("STUDY", "AGENT"):
        body = _CITATION.sub("", stripped)
        end = lead + len(body)
        hits = find_agents(body)
        if label == "STUDY":
            if hits:
                agents = sorted({c for _, _, c in hits})
                return [(lead, end, "AGENT", AgentValue(";".join(agents), tuple(agents)))]
            return [(lead, end, "TRIAL", TrialValue(body))] if body else []
        spans = []
        for start, stop, agents in _join_hyphenated(body, hits):
            spans.append((lead + start, lead + stop, "AGENT", AgentValue(";".join(agents), tuple(agents))))
        return spans
    if numbers.is_missing(numbers.split_markers(stripped)[0]):
        return []
    end = lead + len(stripped)
    if label == "N":
        v = numbers.parse_count(stripped)
        return [(lead, end, "N", v)] if v else []
    if label == "AGE":
        v = numbers.parse_age(stripped)
        return [(lead, end, "AGE", v)] if v else []
    if label in ("CR", "MRD"):
        text, markers = numbers.split_markers(stripped)
        v = numbers.parse_percent(text if "%" in text else text + "%")
        if v is None:
            return []
        return [(lead, end, label, replace(v, markers=markers) if markers else v)]
    if label == "OS":
        spans = []
        pos = lead
        for i, part in enumerate(stripped.split("/")):
            p_lead = len(part) - len(part.lstrip())
            body = part.strip()
            start = pos + p_lead
            pos += len(part) + 1
            if not body or numbers.is_missing(numbers.split_markers(body)[0]):
                continue
            parsed = numbers.parse_os_cell(body if i == 0 else "NA/" + body)
            value = parsed["rate"] if i == 0 else parsed["median"]
            if value is None:
                continue
            spans.append((start, start + len(body), "OS", value))
        return spans
    return []


def _join_hyphenated(text: str, hits) -> list[tuple[int, int, list[str]]]:
    """Merge agent mentions joined by a hyphen/slash (one regimen word) into one span."""
    out: list[list] = []
    for start, end, canonical in hits:
        if out and (start == out[-1][1] or (start == out[-1][1] + 1 and text[out[-1][1]] in "-/")):
            out[-1][1] = end
            if canonical not in out[-1][2]:
                out[-1][2].append(canonical)
        elif out and start == out[-1][0]:
            if canonical not in out[-1][2]:
                out[-1][2].append(canonical)
        else:
            out.append([start, end, [canonical]])
    return [(s, e, sorted(c)) for s, e, c in out]


def table_spans(text: str, columns: list[dict]) -> list[tuple[int, int, str, EntityValue]]:
    """Spans (text-relative) for every tab-separated table in `text`. Pure."""
    lines = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    out = []
    i = 0
    while i < len(lines):
        if lines[i][1].count("\t") < 2:
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j][1].count("\t") >= 2:
            j += 1
        header = lines[i][1].split("\t")
        types = column_types(header, columns)
        study_default = "STUDY" if any(c["label"] == "STUDY" for c in columns) else None
        for start, line in lines[i + 1:j]:
            cells = line.split("\t")
            shift = len(cells) - len(types)
            row_types = ([(study_default if k == 0 else None) for k in range(shift)] + types) if shift > 0 else types[:len(cells)]
            offset = start
            for k, cell in enumerate(cells):
                label = row_types[k] if k < len(row_types) else None
                if k == 0 and label is None:
                    label = study_default
                for s, e, lab, value in cell_spans(cell, label):
                    out.append((offset + s, offset + e, lab, value))
                offset += len(cell) + 1
        i = j
    return out


class TableCellTagger(StoredRules):
    # columns are derived from the tables stage's header rules (see `build_nlp`): plain dicts
    stored_rules = {"columns.jsonl": ("columns", None)}

    def __init__(self, nlp: Language, name: str = "all_table_cells", *, columns: list[dict] | None = None):
        self.name = name
        self.columns: list[dict] = list(columns or [])

    def add_columns(self, columns: list[dict]) -> None:
        self.columns.extend(columns)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc):
        if not self.columns or "\t" not in doc_text(doc):
            return []
        return table_spans(doc_text(doc), self.columns)

    def set_annotations(self, doc: Doc, found) -> None:
        add_value_spans(doc, found)


@Language.factory("all_table_cells_v1", default_config={"columns": None},
                  assigns=["doc.ents", "span._.value"], requires=["doc.ents"])
def make_table_cell_tagger(nlp: Language, name: str, *, columns: list[dict] | None) -> TableCellTagger:
    return TableCellTagger(nlp, name, columns=columns)
