"""rows.xlsx: the rows table as a workbook a reviewer can filter and annotate: header row
frozen and filtered, evidence wrapped, numbers as numbers, every text cell stored as text
(a cell starting with "=" is never a formula). Same bytes every run: the workbook's dates
are fixed and its zip entries carry one timestamp."""

from __future__ import annotations

import io
import math
import re
import zipfile
from datetime import datetime

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

FIXED_TIME = datetime(2000, 1, 1)
MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
WIDE_COLUMNS = {"evidence": 80, "agents": 28, "trial": 22, "subgroup": 22, "path": 30, "flags": 24}
WRAPPED = frozenset({"evidence", "flags"})


def _cell_value(value):
    """A frame value as a cell value: None for missing, whole numbers as int, others to two
    decimals (as rows.csv writes them)."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        rounded = round(value, 2)
        return int(rounded) if rounded.is_integer() else rounded
    return value


def _stable_zip(data: bytes) -> bytes:
    """The zip rewritten with fixed entry times and modification date (openpyxl stamps
    the time of writing on both, whatever the workbook's properties say)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = MODIFIED.sub(rb"\g<1>" + FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>",
                                       content)
            target.writestr(entry, content)
    return out.getvalue()


def rows_workbook(frame: pd.DataFrame, title: str = "rows") -> bytes:
    """The table as .xlsx bytes."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    columns = list(frame.columns)
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for record in frame.itertuples(index=False):
        sheet.append([_cell_value(v) for v in record])
    for column_cells in sheet.iter_cols(min_row=2):
        for cell in column_cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, even where it starts like a formula
    for index, name in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = WIDE_COLUMNS.get(name, max(8, len(name) + 2))
        if name in WRAPPED:
            for cell in sheet[letter][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    if len(frame):
        sheet.auto_filter.ref = sheet.dimensions
    book.properties.created = book.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    return _stable_zip(buffer.getvalue())
