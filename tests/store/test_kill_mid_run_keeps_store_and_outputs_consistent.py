"""A run killed (SIGKILL) at a random moment leaves the store and the output folder
consistent: the store holds the runs committed before (SQLite's journal undoes a half
transaction); every output file is whole, the old run's or the new run's, never a cut
file; the next store command completes an interrupted export, and the folder then holds
exactly one run's set, with no temporary file left.

The killed process is the real command line, slowed at its write points (renames, row
inserts) so that random kill times land inside the write phase; it says on stderr when
that phase begins."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from factories.evidence_texts import BOLD, acme

from extract.store.db import STORE_NAME
from extract.store.export import SET_NAMES, STAGING_PREFIX

REPO = Path(__file__).resolve().parents[2]
SEED = 13
DRIVER = """
import os, sys, time
import extract.store.db as db
SLOW = float(os.environ["SLOW_WRITES"])
_replace, _insert, _save = os.replace, db.Store._insert_row_version, db.Store.save_run

def replace(a, b):
    time.sleep(SLOW)
    _replace(a, b)

def insert(self, row):
    time.sleep(SLOW / 4)
    return _insert(self, row)

def save(self, run):
    print("WRITING", file=sys.stderr, flush=True)
    return _save(self, run)

os.replace, db.Store._insert_row_version, db.Store.save_run = replace, insert, save
from extract.cli import main
if __name__ == "__main__":  # worker processes (-j) import this script again: only the parent runs
    sys.exit(main(sys.argv[1:]))
"""


def _set(out: Path) -> dict[str, bytes]:
    return {n: (out / n).read_bytes() for n in SET_NAMES if (out / n).exists()}


def _latest(out: Path) -> int:
    conn = sqlite3.connect(out / STORE_NAME)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return conn.execute("SELECT MAX(run_id) FROM runs WHERE status = 'complete'").fetchone()[0]
    finally:
        conn.close()


def _killed_run(inputs: Path, out: Path, driver: Path, delay: float, after_marker: bool) -> None:
    env = {**os.environ, "SLOW_WRITES": "0.2", "PYTHONPATH": str(REPO)}  # this checkout's package; writes slowed so every kill delay (<= 0.9 s after "WRITING") lands inside the write phase
    proc = subprocess.Popen([sys.executable, str(driver), "run", str(inputs), "-o", str(out)], cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        if after_marker:
            for line in proc.stderr:
                if line.strip() == "WRITING":
                    break
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL, f"the run ended before the kill (exit {proc.returncode})"


def test_sigkill_at_random_points_leaves_one_whole_set(folder, refresh, tmp_path):
    folder.write("acme.txt", acme(83))
    folder.write("bold.txt", BOLD)
    assert refresh() == 0
    pristine = tmp_path / "after-run-1"
    folder.copy_to(pristine)
    old = _set(folder.out)
    # the new state of the inputs, and the set an uninterrupted run on it writes
    folder.write("acme.txt", acme(85))
    folder.write("cara.txt", BOLD.replace("BOLD-3", "CARA-1"))
    reference = tmp_path / "reference"
    shutil.copytree(pristine, reference)
    from extract.pipeline import run

    assert run([str(folder.inputs)], reference) == 0
    new = _set(reference)
    assert new != old
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")

    rng = random.Random(SEED)
    trials = [(rng.uniform(0.0, 0.9), True) for _ in range(5)] + [(rng.uniform(0.5, 5.0), False)]
    outcomes = []
    for delay, after_marker in trials:
        shutil.rmtree(folder.out)
        shutil.copytree(pristine, folder.out)
        _killed_run(folder.inputs, folder.out, driver, delay, after_marker)
        where = f"kill {delay:.2f} s after {'the write phase began' if after_marker else 'start'} (seed {SEED})"
        for name, data in _set(folder.out).items():  # every file whole: one run's or the other's
            assert data in (old.get(name), new.get(name)), f"{name} is cut or mixed: {where}"
        repaired = subprocess.run([sys.executable, "-m", "extract", "runs", "-o", str(folder.out)], cwd=REPO,
                                  capture_output=True, text=True, timeout=120)
        assert repaired.returncode == 0, repaired.stderr
        latest = _latest(folder.out)
        assert _set(folder.out) == {1: old, 2: new}[latest], where
        leftovers = [p.name for p in folder.out.iterdir()
                     if p.name.startswith(STAGING_PREFIX) or p.name.endswith((".tmp", "-journal"))]
        assert not leftovers, (leftovers, where)
        outcomes.append(latest)
    # the next run after a kill completes normally on the repaired folder
    assert refresh() == 0 and _set(folder.out)["rows.csv"] == new["rows.csv"]
    assert set(outcomes) <= {1, 2}
