"""A real round trip through Label Studio: the server installed in its own virtual
environment (its pins differ from ours), started on 127.0.0.1 with SQLite in a temporary
data folder and the version check off; a project made with our labelling config through
the REST API, our tasks imported, an annotation that changes one span submitted, the
project exported, `review import` and `run`: the row changes.

A failure to install or start Label Studio fails this test (it is not skipped). The
environment is kept in a fixed folder (`EXTRACT_LABEL_STUDIO_VENV`, default
~/.cache/extract/label-studio-<version>), so only the first run installs.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from factories.review_exports import ABSTRACT

LABEL_STUDIO = "label-studio==1.23.2"
# sentry-sdk 3 refuses an option label-studio 1.23 passes at start-up
PINS = (LABEL_STUDIO, "sentry-sdk<3")
VENV = Path(os.environ.get("EXTRACT_LABEL_STUDIO_VENV",
                           Path.home() / ".cache" / "extract" / LABEL_STUDIO.replace("==", "-")))
INSTALL_SECONDS, START_SECONDS = 600, 300
TOKEN = "extract-review-test-token"


def _installed() -> Path:
    exe = VENV / "bin" / "label-studio"
    marker = VENV / ".extract-pins"
    if exe.exists() and marker.exists() and marker.read_text() == "\n".join(PINS):
        return exe
    try:
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True, capture_output=True,
                       timeout=120)
        subprocess.run([str(VENV / "bin" / "python"), "-m", "pip", "install", "-q", *PINS], check=True,
                       capture_output=True, text=True, timeout=INSTALL_SECONDS)
    except subprocess.CalledProcessError as err:
        pytest.fail(f"installing {LABEL_STUDIO} failed: {(err.stderr or '')[-2000:]}")
    except subprocess.TimeoutExpired:
        pytest.fail(f"installing {LABEL_STUDIO} took over {INSTALL_SECONDS} s")
    marker.write_text("\n".join(PINS))
    return exe


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, url: str):
        self.url = url

    def call(self, method: str, path: str, body=None):
        request = urllib.request.Request(
            self.url + path, method=method, data=None if body is None else json.dumps(body).encode("utf-8"),
            headers={"Authorization": f"Token {TOKEN}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as err:
            pytest.fail(f"{method} {path}: HTTP {err.code}: {err.read()[:500]!r}")


@pytest.fixture(scope="module")
def label_studio(tmp_path_factory):
    exe = _installed()
    data = tmp_path_factory.mktemp("label-studio-data")
    port = _free_port()
    env = {**os.environ, "LABEL_STUDIO_BASE_DATA_DIR": str(data), "LATEST_VERSION_CHECK": "false",
           "DJANGO_DB": "sqlite", "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK": "true"}
    env.pop("HOST", None)
    with open(data / "server.log", "wb") as log:
        server = subprocess.Popen(
            [str(exe), "start", "--no-browser", "--internal-host", "127.0.0.1", "--port", str(port),
             "--username", "reviewer@example.org", "--password", "review-pass-123", "--user-token", TOKEN,
             "--enable-legacy-api-token"], env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + START_SECONDS
            while True:
                if server.poll() is not None:
                    pytest.fail(f"label-studio exited ({server.returncode}): "
                                f"{(data / 'server.log').read_text(errors='replace')[-2000:]}")
                try:
                    with urllib.request.urlopen(url + "/health", timeout=5) as response:
                        if response.status == 200:
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    pytest.fail(f"label-studio did not answer within {START_SECONDS} s: "
                                f"{(data / 'server.log').read_text(errors='replace')[-2000:]}")
                time.sleep(2)
            yield Server(url)
        finally:
            os.killpg(server.pid, signal.SIGTERM)  # the server and the workers it started, nothing else
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)


def test_a_span_changed_in_label_studio_changes_the_row(loop, label_studio):
    (loop.inputs / "abstract.txt").write_text(ABSTRACT, encoding="utf-8")
    assert loop.run() == 0
    assert loop.rows().iloc[0].cr_pct == 83
    tasks_file = loop.export()
    config = tasks_file.with_name("tasks.label-config.xml").read_text(encoding="utf-8")

    project = label_studio.call("POST", "/api/projects", {"title": "extract review", "label_config": config})
    imported = label_studio.call("POST", f"/api/projects/{project['id']}/import",
                                 json.loads(tasks_file.read_text(encoding="utf-8")))
    assert (imported["task_count"], imported["prediction_count"]) == (2, 2)
    tasks = label_studio.call("GET", f"/api/tasks?project={project['id']}&fields=all")["tasks"]
    (task,) = [t for t in tasks if "83%" in t["data"]["text"]]
    (prediction,) = label_studio.call("GET", f"/api/predictions?task={task['id']}")
    regions = prediction["result"]
    (cr,) = [r for r in regions if r["value"]["text"] == "83%"]
    assert cr["value"]["labels"] == ["CR"]
    cr["value"]["labels"] = ["MRD"]  # the one span the annotator changes: 83% is not a CR rate
    label_studio.call("POST", f"/api/tasks/{task['id']}/annotations", {"result": regions, "was_cancelled": False})

    export = loop.root / "label-studio-export.json"
    export.write_text(json.dumps(label_studio.call("GET", f"/api/projects/{project['id']}/export?exportType=JSON")),
                      encoding="utf-8")
    assert loop.cli("review", "import", str(export)) == 0
    assert loop.run() == 0
    row = loop.rows().iloc[0]
    # the export names the annotator by user id (`completed_by`); --annotator gives a name instead
    assert (row.cr_pct, row.status, row.corrected_by) == ("", "corrected", "label-studio:1")
    labels = {s["text"]: s["label"] for s in loop.entities()[0]["spans"]}
    assert labels["83%"] == "MRD"
