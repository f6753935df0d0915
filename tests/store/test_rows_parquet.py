"""`run --parquet` writes rows.parquet beside rows.csv, in the same set (pip extra [parquet]):
the same rows, typed, the same bytes on a second run, and gone again when a later run does
not ask for it."""

import pandas as pd

from extract.cli import main

ABSTRACT = "Inotuzumab was given to 40 adults; the CR rate was 80% and the 2-year OS was 61.5%."


def _run(tmp_path, *extra: str) -> int:
    return main(["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "1", "-q",
                 "--no-fail-on-validation", *extra])


def test_rows_parquet_holds_the_rows_csv_table_typed_and_the_same_bytes_twice(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ABSTRACT, encoding="utf-8")
    assert _run(tmp_path, "--parquet") == 0
    out = tmp_path / "out"
    table = pd.read_parquet(out / "rows.parquet")
    rows = pd.read_csv(out / "rows.csv", keep_default_na=False, dtype=str)
    assert list(table.columns) == list(rows.columns)
    assert list(table["row_id"]) == list(rows["row_id"])
    first = table.iloc[0]
    assert (first["agents"], int(first["n"]), float(first["cr_pct"]), float(first["os_pct"])) == \
        ("inotuzumab", 40, 80.0, 61.5)
    data = (out / "rows.parquet").read_bytes()
    assert _run(tmp_path, "--parquet", "--full") == 0
    assert (out / "rows.parquet").read_bytes() == data
    assert _run(tmp_path) == 0  # a run that does not ask for it: the set has no rows.parquet
    assert not (out / "rows.parquet").exists()
