"""Table rows: typed table records -> evidence rows with source=table.

The study label is the trial, unless it names a regimen or product (its words are
agents, e.g. "Hyper-CVAD-blinatumomab", "KTE-X19"): then the trial is empty and the
label's agents join those of the agent column (annotations/GUIDELINES.md §4).
"""

from __future__ import annotations

from collections.abc import Iterable

from extract.knowledge import agent_names
from extract.rows.schema import EvidenceRow, format_bbox, join_agents
from extract.tables.record import TableRecord
from extract.types import FLOAT_COLUMNS



def row_from_record(doc_id: str, record: TableRecord) -> EvidenceRow:
    study = (record.study or "").strip()
    study_agents = agent_names(study) if study else []
    agents = [*study_agents, *agent_names(record.agents_text or "")]
    row = EvidenceRow(
        doc_id=doc_id,
        source="table",
        page=record.page,
        trial="" if study_agents else study,
        agents=join_agents(agents),
        n=int(record.n) if record.n is not None else None,
        mrd_method=record.mrd_method or "",
        evidence="\t".join(str(v) for v in record.cells.values()),
        bbox=format_bbox(record.bbox),
        # a table pasted into a text input: its offsets in the document text
        sent_start=record.sent_start, sent_end=record.sent_end,
    )
    for name in FLOAT_COLUMNS:  # a record carries every float field of a row
        setattr(row, name, getattr(record, name))
    return row


def rows_from_tables(doc_id: str, records: Iterable[TableRecord]) -> list[EvidenceRow]:
    rows = [row_from_record(doc_id, r) for r in records]
    return [r for r in rows if r.has_subject() and r.has_value()]
