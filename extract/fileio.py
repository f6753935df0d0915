"""File reading and writing shared by every stage.

Writes go to a temporary sibling that is then renamed, so a crash never leaves a
half-written file or destroys the previous one. `read_jsonl` is the one JSONL reader:
package data, pipeline folders and project files alike.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from importlib.resources.abc import Traversable
from pathlib import Path

import pandas as pd

_UMASK = os.umask(0)
os.umask(_UMASK)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json(path: Path, data) -> None:
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=2, default=_jsonable) + "\n")


def write_jsonl(path: Path, records: Iterable[dict]) -> None:
    atomic_write_text(path, "".join(json.dumps(r, ensure_ascii=False, default=_jsonable) + "\n" for r in records))


# A spreadsheet runs a cell that starts with one of these as a formula ("=HYPERLINK(...)").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_csv(path: Path, frame: pd.DataFrame) -> None:
    """`frame` as CSV; text cells a spreadsheet would run as a formula are written as text,
    and a carriage return inside a cell as a line break (the CSV writer quotes a cell with
    "\n" but not one with a lone "\r", which a reader takes for the end of the row)."""
    atomic_write_text(path, as_spreadsheet_text(frame).to_csv(index=False))


def as_spreadsheet_text(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells starting like a formula get a leading apostrophe, which
    spreadsheets read as "this cell is text" (OWASP's advice on CSV injection)."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_object_dtype(out[column]) or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(_as_text_cell)
    return out


def _as_text_cell(value):
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_STARTS):
        value = "'" + value
    return value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value


def _jsonable(value):
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, (set, tuple)):
        return list(value)
    return str(value)


def read_jsonl(source: Path | Traversable) -> list[dict]:
    """The objects of a JSONL file, one a line; blank lines and lines starting with `//`
    (comments in hand-written data files) are skipped."""
    return [obj for _, obj in read_numbered_jsonl(source)]


def read_numbered_jsonl(source: Path | Traversable) -> list[tuple[int, dict]]:
    """(line number, object) of every object line of a JSONL file, so a checker can say
    which line of a hand-written data file is wrong. Skips what `read_jsonl` skips."""
    return [(number, json.loads(line)) for number, line in numbered_lines(source)]


def numbered_lines(source: Path | Traversable) -> list[tuple[int, str]]:
    """(line number, line) of the lines of a JSONL file that hold an object: blank lines and
    `//` comment lines are skipped. The one rule every JSONL reader of the project follows."""
    text = source.read_text(encoding="utf-8")
    return [(number, line) for number, line in enumerate(text.splitlines(), start=1)
            if line.strip() and not line.lstrip().startswith("//")]
