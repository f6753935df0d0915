"""The key of the review files: a sha256 over everything they are drawn from, carried by
review.html (`<meta name="review-key">`), so a refresh where nothing changed takes the files
in the output folder as they are instead of drawing page images and plots again."""

from __future__ import annotations

import hashlib
import json
import re
from importlib import metadata
from pathlib import Path

from extract.store.records import DocumentEntry, StoredRow

PACKAGE = Path(__file__).resolve().parents[1]
# what draws the page besides the stored data (named one by one, so a change elsewhere in
# the package leaves the key, and review.html, as they are): this stage's drawing modules,
# the export's table helpers, the rows' cross-check and names, the knowledge data of study
# names, and the drawing libraries
DRAWN_BY = tuple(f"review/{m}.py" for m in ("boxes", "crops", "key", "needs_look", "page", "plots", "render",
                                             "row_view", "spreadsheet", "trials")) + (
    "store/export.py", "rows/crosscheck.py", "rows/schema.py", "knowledge/groups.jsonl",
    "knowledge/study_aliases.jsonl", "knowledge/cues.jsonl")
DRAWING_LIBRARIES = ("matplotlib", "openpyxl", "pdfplumber", "pypdfium2", "pillow")
REVIEW_NAMES = ("review.html", "trials.csv", "rows.xlsx", "plot-outcomes.svg", "plot-scores.svg")
KEY_META = re.compile(rb'<meta name="review-key" content="([0-9a-f]{64})">')


def _drawing_code() -> bytes:
    digest = hashlib.sha256()
    for name in DRAWN_BY:
        file = PACKAGE / name
        digest.update(name.encode("utf-8") + b"\0" + (file.read_bytes() if file.is_file() else b"none"))
    for name in DRAWING_LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode("utf-8"))
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none".encode("utf-8"))
    return digest.digest()


def _on_disk(path: str) -> str:
    """A PDF as the page images would find it now: its sha256, or "missing"."""
    file = Path(path)
    return hashlib.sha256(file.read_bytes()).hexdigest() if file.is_file() else "missing"


def content_key(documents: list[DocumentEntry], stored_rows: list[StoredRow], texts: dict[str, str],
                entities: dict[str, list[dict]], metrics_text: str | None) -> str:
    """sha256 over everything the review files are drawn from (see the module docstring)."""
    digest = hashlib.sha256(_drawing_code())
    for doc in documents:
        on_disk = _on_disk(doc.path) if doc.ok and doc.path.lower().endswith(".pdf") else ""
        digest.update(json.dumps([doc.doc_id, doc.path, doc.sha256, doc.ok, doc.status if not doc.ok else "",
                                  doc.error, doc.pages, doc.n_entities, doc.n_rows, on_disk]).encode("utf-8"))
        digest.update(texts.get(doc.doc_id, "").encode("utf-8"))
        digest.update(json.dumps(entities.get(doc.doc_id, []), sort_keys=True, default=str).encode("utf-8"))
    for stored in stored_rows:
        digest.update(json.dumps([stored.row.to_record(), stored.flags, stored.status], sort_keys=True,
                                 default=str).encode("utf-8"))
    digest.update((metrics_text or "").encode("utf-8"))
    return digest.hexdigest()


def drawn_before(out_dir: Path, key: str) -> dict[str, bytes] | None:
    """The review files in the output folder when they were drawn from the same content."""
    page = out_dir / "review.html"
    if not page.is_file():
        return None
    data = page.read_bytes()
    found = KEY_META.search(data[:4096])
    if found is None or found.group(1).decode("ascii") != key:
        return None
    files = {name: (out_dir / name).read_bytes() for name in REVIEW_NAMES if (out_dir / name).is_file()}
    return files if "trials.csv" in files and "rows.xlsx" in files else None
