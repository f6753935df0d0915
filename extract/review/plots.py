"""Plots for the review page, as SVG text with the same bytes every run (Agg backend, fixed
hash salt, no date, text kept as text; figures made without pyplot, so no display or
global backend is involved): outcomes by study and arm (CR, MRD negativity, OS
rate with its horizon, median OS) and, where gold exists, F1 by entity label and by field."""

from __future__ import annotations

import io

from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from extract.rows.schema import EvidenceRow

STYLE = {"svg.hashsalt": "all-evidence-extract", "svg.fonttype": "none", "font.size": 8,
         "font.family": "DejaVu Sans"}
LABEL_CHARS = 48
OUTCOMES_WIDTH, LABELS_SHARE = 11.0, 0.47  # inches; the share the row labels take
SOURCE_COLORS = {"text": "#3b6ea8", "table": "#d08c2c"}
SCORE_COLORS = ("#3b6ea8", "#d08c2c")


def _svg(figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def _label(row: EvidenceRow, study: str, extra: str = "") -> str:
    study = study or "(no study named)"
    arm = row.agents.replace(";", " + ") or "all"
    text = f"{study} · {arm}{' · ' + row.subgroup if row.subgroup else ''}"
    text = text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1] + "…"
    return f"{text}{extra} [{row.doc_id}, p{row.page or '?'}]"


def _os_horizon(row: EvidenceRow) -> str:
    return f" ({row.os_years:g} y)" if row.os_years is not None else " (horizon ?)"


# (field, title, axis label, label suffix)
OUTCOME_PANELS = (
    ("cr_pct", "Complete remission", "CR %", lambda r: ""),
    ("mrd_neg_pct", "MRD negativity", "MRD-negative %", lambda r: f" ({r.mrd_method})" if r.mrd_method else ""),
    ("os_pct", "Overall survival rate", "OS % at horizon", _os_horizon),
    ("os_median_months", "Median overall survival", "months", lambda r: ""),
)


def outcomes_svg(rows: list[EvidenceRow], studies: dict[str, str] | None = None) -> str | None:
    """One horizontal bar panel per outcome: each row's value, labelled by study (its
    unified name from `studies`, by row id, where given) and arm, coloured by source (text
    or table), rows of one study together; None when no row has an outcome."""
    studies = studies or {}
    panels = []
    for name, title, axis, suffix in OUTCOME_PANELS:
        found = [(r, studies.get(r.row_id, r.trial), getattr(r, name)) for r in rows if getattr(r, name) is not None]
        found.sort(key=lambda rsv: ((rsv[1] or "~").casefold(), rsv[0].agents, rsv[0].subgroup, rsv[2]))
        if found:
            panels.append((title, axis, [_label(r, s, suffix(r)) for r, s, _ in found], [v for _, _, v in found],
                           [SOURCE_COLORS.get(r.source, "#777") for r, _, _ in found], name))
    if not panels:
        return None
    with rc_context(STYLE):
        heights = [max(1.2, 0.17 * len(values) + 0.7) for _, _, _, values, _, _ in panels]
        total = sum(heights)
        figure = Figure(figsize=(OUTCOMES_WIDTH, total))
        # fixed margins (room for the longest label) instead of a layout engine: measuring
        # several hundred labels costs seconds on every export
        figure.subplots_adjust(left=LABELS_SHARE, right=0.86, top=1 - 0.45 / total, bottom=0.45 / total,
                               hspace=0.9 / (total / len(panels)))
        axes = figure.subplots(len(panels), 1, gridspec_kw={"height_ratios": heights}, squeeze=False)
        for ax, (title, axis, labels, values, colors, name) in zip(axes[:, 0], panels):
            positions = range(len(values))
            ax.barh(positions, values, color=colors, height=0.7)
            ax.set_yticks(list(positions), labels)
            ax.invert_yaxis()
            ax.set_title(title, loc="left", fontweight="bold")
            ax.set_xlabel(axis)
            if name != "os_median_months":
                ax.set_xlim(0, 100)
            for y, v in zip(positions, values):
                ax.text(v, y, f" {v:g}", va="center", fontsize=7)
            ax.spines[["top", "right"]].set_visible(False)
        handles = [Patch(color=color, label=f"from the {source}") for source, color in SOURCE_COLORS.items()]
        axes[0, 0].legend(handles=handles, loc="upper left", fontsize=7, bbox_to_anchor=(1.02, 1.0), frameon=False)
        return _svg(figure)


def scores_svg(metrics: dict | None) -> str | None:
    """F1 by entity label (strict and lenient) and by row field; None without gold."""
    if not metrics:
        return None
    entities = metrics.get("entities", {}).get("overall", {})
    strict, lenient = entities.get("strict", {}), entities.get("lenient", {})
    labels = [k for k in strict if isinstance(strict[k], dict) and "f1" in strict[k] and k != "micro"]
    rows = (metrics.get("rows") or {}).get("overall", {}).get("fields", {})
    with rc_context(STYLE):
        figure = Figure(figsize=(8.5, 2.8))
        left, right = figure.subplots(1, 2)
        width = 0.4
        xs = range(len(labels))
        left.bar([x - width / 2 for x in xs], [strict[k]["f1"] or 0 for k in labels], width, label="strict",
                 color=SCORE_COLORS[0])
        left.bar([x + width / 2 for x in xs], [(lenient.get(k) or {}).get("f1") or 0 for k in labels], width,
                 label="lenient", color=SCORE_COLORS[1])
        left.set_xticks(list(xs), labels)
        left.set_title("Entity F1 by label", loc="left", fontweight="bold")
        left.legend(loc="lower right", fontsize=7)
        fields = list(rows)
        right.bar(range(len(fields)), [rows[f].get("f1") or 0 for f in fields], color=SCORE_COLORS[0])
        right.set_xticks(list(range(len(fields))), fields, rotation=45, ha="right")
        right.set_title("Row field F1", loc="left", fontweight="bold")
        for ax in (left, right):
            ax.set_ylim(0, 1.05)
            ax.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()
        return _svg(figure)
