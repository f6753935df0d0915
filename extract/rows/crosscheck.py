"""Text <-> table cross-check: a paper's tables and its prose often report the same cohort;
reviewers want to see where they agree and where the paper disagrees with itself."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from extract.rows.schema import EvidenceRow, comparable

COMPARED = ("n", "age_median", "cr_pct", "mrd_neg_pct", "os_pct", "os_years", "os_median_months")


@dataclass
class CrossCheck:
    table_row: EvidenceRow
    text_row: EvidenceRow | None
    agree: list[str]
    disagree: list[tuple[str, object, object]]  # field, table value, text value


def _same_cohort(table: EvidenceRow, text: EvidenceRow) -> float:
    """How strongly two rows look like one cohort. A shared trial name is enough; a shared
    size needs shared agents too (two different studies of 30 patients are common);
    whole-cohort text rows are preferred to subgroup rows."""
    score = 0.0
    if table.trial and comparable("trial", table.trial) == comparable("trial", text.trial):
        score += 3
    t_agents = set(filter(None, table.agents.split(";")))
    x_agents = set(filter(None, text.agents.split(";")))
    if t_agents and t_agents == x_agents:
        score += 2
    elif t_agents and len(t_agents & x_agents) / len(t_agents | x_agents) >= 0.5:
        score += 1  # mostly the same regimen
    if table.n is not None and table.n == text.n:
        score += 2
    if not text.subgroup:
        score += 0.5
    return score


def cross_check(rows: list[EvidenceRow]) -> list[CrossCheck]:
    """Each table row with its best-matching text row of the same document (if any)."""
    text_rows: dict[str, list[EvidenceRow]] = defaultdict(list)  # by document: linear in rows, not quadratic
    for row in rows:
        if row.source == "text":
            text_rows[row.doc_id].append(row)
    checks = []
    for table_row in (r for r in rows if r.source == "table"):
        candidates = text_rows.get(table_row.doc_id, [])
        # the best score; on a tie the later row, as a descending sort of (score, index) gives
        top = max(((_same_cohort(table_row, r), i) for i, r in enumerate(candidates)), default=None)
        best = candidates[top[1]] if top is not None and top[0] >= 3 else None
        agree, disagree = [], []
        if best is not None:
            for name in COMPARED:
                a, b = getattr(table_row, name), getattr(best, name)
                if a is None or b is None:
                    continue
                (agree.append(name) if comparable(name, a) == comparable(name, b)
                 else disagree.append((name, a, b)))
        checks.append(CrossCheck(table_row, best, agree, disagree))
    return checks
