"""The main job on the corpus read by two worker processes and by a Dask cluster writes the
same bytes as in one process (tests/test_pipeline.py pins those: outputs/); Ctrl-C stops
the workers, exits 130 with one line and leaves the store consistent."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psutil
from dask.distributed import LocalCluster
from test_pipeline import REPO, exported_bytes, run_cli

from extract.engines import DASK
from extract.pipeline import Engine, run
from extract.store.db import STORE_NAME
from extract.store.export import SET_NAMES


def assert_same_set_as_committed(out: Path) -> None:
    committed = REPO / "outputs"
    names = sorted(p.name for p in committed.iterdir() if p.name in SET_NAMES)
    assert names == sorted(p.name for p in out.iterdir() if p.name in SET_NAMES)
    for name in names:
        assert exported_bytes(out / name) == exported_bytes(committed / name), name


def test_two_worker_processes_write_the_same_bytes_as_one(tmp_path):
    done = run_cli("run", "corpus", "-o", str(tmp_path), "-j", "2")
    assert done.returncode == 0, done.stderr
    assert "2 read (24 pages" in done.stderr and "in 2 worker processes" in done.stderr
    assert_same_set_as_committed(tmp_path)


def test_the_dask_engine_writes_the_same_bytes_as_the_local_one(tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)  # rows.csv names each file as given: corpus/...
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        engine = Engine(engine=DASK, scheduler=cluster.scheduler_address, quiet=True)
        assert run(["corpus"], tmp_path, engine=engine) == 0
    assert_same_set_as_committed(tmp_path)


def _alive_in_group(group: int) -> list[str]:
    """Live processes of a process group (a zombie that no init reaped is not alive)."""
    alive = []
    for process in psutil.process_iter(["status", "cmdline"]):
        try:
            if os.getpgid(process.pid) == group and process.info["status"] != psutil.STATUS_ZOMBIE:
                alive.append(" ".join(process.info["cmdline"] or []))
        except (ProcessLookupError, psutil.Error):
            continue
    return alive


def test_ctrl_c_stops_the_workers_and_exits_130_in_one_line(tmp_path):
    out = tmp_path / "out"
    # as in a terminal: SIGINT not ignored in the run (a handler, unlike SIG_IGN, is not inherited over exec)
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        proc = subprocess.Popen([sys.executable, "-m", "extract", "run", "corpus", "-o", str(out), "-j", "2"],
                                cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)
    finally:
        signal.signal(signal.SIGINT, before)
    deadline = time.monotonic() + 60
    while len(_alive_in_group(proc.pid)) < 3 and time.monotonic() < deadline:  # the run and its 2 workers
        time.sleep(0.2)
    time.sleep(1)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends on Ctrl-C: the whole process group
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert stderr.splitlines() == [stderr.strip()] and stderr.startswith("interrupted:")
    time.sleep(1)
    assert not _alive_in_group(proc.pid), "processes outlived the interrupted run"
    conn = sqlite3.connect(out / STORE_NAME)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == 0  # no half run
    finally:
        conn.close()


def test_a_scheduler_out_of_reach_is_one_line_and_exit_1(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("The CR rate was 83%.", encoding="utf-8")
    done = run_cli("run", str(inputs), "-o", str(tmp_path / "out"), "--engine", "dask", "--scheduler",
                   "tcp://127.0.0.1:9", "--quiet")
    assert done.returncode == 1
    assert done.stderr.strip() == ("error: tcp://127.0.0.1:9: cannot reach the Dask scheduler (OSError); check the "
                                   "address and that the scheduler runs (dask scheduler), or run without --engine dask")
