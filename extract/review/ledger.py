"""The corrections ledger: `annotations/corrections/`, append-only, one JSONL file per
imported file. Its first line says who imported what when
(`{"ledger": 1, "annotator", "imported_at", "source_file", "source_sha256", "format",
"corrections"}`), each further line is one correction (`Correction.content()`).

The ledger is what keeps corrections: the store holds them too (a run applies them from
there), and `run` brings the store up to the ledger first, so a deleted or fresh store
gets every correction back. A file is never rewritten; importing the same file again
finds its ledger file by the source's sha256 and adds nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

from extract.errors import CorrectionFileError
from extract.fileio import atomic_write_text, numbered_lines
from extract.store.corrections import (
    Correction,
    correction_from_content,
    save_import,
    was_imported,
)
from extract.store.db import Store

LEDGER = Path(__file__).resolve().parents[2] / "annotations" / "corrections"
LEDGER_VERSION = 1


def ledger_name(imported_at: str, source_sha256: str) -> str:
    """'20261208T011500Z-<12 hex of the source>.jsonl': sorts by import time."""
    stamp = imported_at.replace("-", "").replace(":", "")
    return f"{stamp}-{source_sha256[:12]}.jsonl"


def find_entry(ledger: Path, source_sha256: str) -> Path | None:
    """The ledger file of an imported source, if it was imported before."""
    for path in sorted(ledger.glob(f"*-{source_sha256[:12]}.jsonl")) if ledger.is_dir() else []:
        header = _header(path)
        if header.get("source_sha256") == source_sha256:
            return path
    return None


def write_entry(ledger: Path, corrections: list[Correction], *, annotator: str, imported_at: str, source_file: str,
                source_sha256: str, fmt: str) -> Path:
    """A new ledger file for one import (atomic: a crash leaves none or a whole one)."""
    header = {"ledger": LEDGER_VERSION, "annotator": annotator, "imported_at": imported_at,
              "source_file": source_file, "source_sha256": source_sha256, "format": fmt,
              "corrections": len(corrections)}
    lines = [json.dumps(header, ensure_ascii=False, sort_keys=True)]
    lines += [json.dumps(c.content(), ensure_ascii=False, sort_keys=True) for c in corrections]
    path = ledger / ledger_name(imported_at, source_sha256)
    ledger.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, "\n".join(lines) + "\n")
    return path


def _header(path: Path) -> dict:
    lines = numbered_lines(path)
    if not lines:
        return {}
    try:
        header = json.loads(lines[0][1])
    except json.JSONDecodeError:
        return {}
    return header if isinstance(header, dict) else {}


def read_entry(path: Path) -> tuple[dict, list[Correction]]:
    """(header, corrections) of one ledger file; a damaged line is a `CorrectionFileError`
    naming the file and line."""
    lines = numbered_lines(path)
    header = _header(path)
    if header.get("ledger") != LEDGER_VERSION or "source_sha256" not in header:
        raise CorrectionFileError(path, "line 1: not a corrections ledger header",
                                  "restore the file from version control (ledger files are never edited)")
    provenance = {k: header[k] for k in ("annotator", "imported_at", "source_file", "source_sha256")}
    out = []
    for number, line in lines[1:]:
        try:
            data = json.loads(line)
            out.append(correction_from_content(data, **{k: v for k, v in provenance.items() if k != "annotator"},
                                               ledger_file=path.name))
        except (json.JSONDecodeError, KeyError, TypeError) as err:
            raise CorrectionFileError(path, f"line {number}: not a correction ({type(err).__name__}: {err})",
                                      "restore the file from version control (ledger files are never edited)") from None
    return header, out


def read_ledger(ledger: Path) -> list[Correction]:
    """Every correction of the ledger, in import order."""
    paths = sorted(ledger.glob("*.jsonl")) if ledger.is_dir() else []
    return [c for path in paths for c in read_entry(path)[1]]


def sync_ledger(store: Store, ledger: Path) -> int:
    """Add to the store every ledger file it does not hold yet (a new store, a ledger
    pulled from elsewhere); returns how many corrections were added."""
    added = 0
    for path in sorted(ledger.glob("*.jsonl")) if ledger.is_dir() else []:
        header, corrections = read_entry(path)
        if was_imported(store, header["source_sha256"]):
            continue
        added += save_import(store, corrections, source_file=header["source_file"],
                             source_sha256=header["source_sha256"], annotator=header["annotator"],
                             imported_at=header["imported_at"], ledger_file=path.name)
    return added
