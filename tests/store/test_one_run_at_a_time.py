"""A run holds its store for as long as it reads and writes it (`extract.store.db.run_lock`):
a second run on the same store stops at once with one line, never interleaving exports."""

from extract.cli import main
from extract.store.db import STORE_NAME, run_lock


def test_a_second_run_on_a_store_in_use_stops_with_one_line(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Inotuzumab gave a CR rate of 80% in 40 adults.", encoding="utf-8")
    out = tmp_path / "out"
    with run_lock(out / STORE_NAME):  # another run holds the store
        assert main(["run", str(tmp_path / "in"), "-o", str(out), "-j", "1", "-q"]) == 1
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(err) == 1 and "another run is using this store" in err[0] and STORE_NAME in err[0]
    assert not (out / "rows.csv").exists()


def test_the_lock_is_released_when_a_run_ends(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Inotuzumab gave a CR rate of 80% in 40 adults.", encoding="utf-8")
    out = tmp_path / "out"
    args = ["run", str(tmp_path / "in"), "-o", str(out), "-j", "1", "-q", "--no-fail-on-validation"]
    assert main(args) == 0
    assert main(args) == 0
    with run_lock(out / STORE_NAME):  # free again
        pass
