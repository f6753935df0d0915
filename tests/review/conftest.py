"""The review stage's test ground: the correction loop's folders (inputs, an output folder
with its store, a ledger) with the commands run in-process against them, and a small run
of the main job for the review page's tests."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from factories.review_exports import ABSTRACT, label_studio_export, swap_cr_and_mrd

from extract.cli import main
from extract.pipeline import run


@dataclass
class Loop:
    root: Path

    @property
    def inputs(self) -> Path:
        return self.root / "in"

    @property
    def out(self) -> Path:
        return self.root / "out"

    @property
    def ledger(self) -> Path:
        return self.root / "ledger"

    def cli(self, *args: str) -> int:
        where = ["--store", str(self.out / "evidence.sqlite")]
        if args[0] in ("run", "review"):
            where += ["--corrections", str(self.ledger)]
        if args[0] == "run":
            where = ["-o", str(self.out), *where]
        return main([*args, *where])

    def run(self) -> int:
        return self.cli("run", str(self.inputs), "--no-fail-on-validation")

    def export(self, fmt: str = "label-studio") -> Path:
        target = self.root / ("tasks.json" if fmt == "label-studio" else "tasks.jsonl")
        assert self.cli("review", "export", str(self.inputs), "--format", fmt, "-o", str(target)) == 0
        return target

    def import_swapped_cr_and_mrd(self) -> None:
        """The shared abstract run, exported, and an annotator's export that swaps its CR and
        MRD spans imported (`factories.review_exports`)."""
        (self.inputs / "abstract.txt").write_text(ABSTRACT, encoding="utf-8")
        assert self.run() == 0
        tasks = json.loads(self.export().read_text(encoding="utf-8"))
        export = self.root / "export.json"
        export.write_text(json.dumps(label_studio_export(tasks, swap_cr_and_mrd)), encoding="utf-8")
        assert self.cli("review", "import", str(export)) == 0

    def rows(self) -> pd.DataFrame:
        return pd.read_csv(self.out / "rows.csv", keep_default_na=False)

    def entities(self) -> list[dict]:
        return [json.loads(line) for line in (self.out / "entities.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def loop(tmp_path) -> Loop:
    (tmp_path / "in").mkdir()
    return Loop(tmp_path)

@pytest.fixture
def review_run(nlp, tmp_path):
    """`review_run({name: text or a PDF-making callable}) -> output folder`."""

    def go(inputs: dict, **options) -> Path:
        folder = tmp_path / "in"
        folder.mkdir(exist_ok=True)
        for name, content in inputs.items():
            if callable(content):
                content(folder / name)
            else:
                (folder / name).write_text(content, encoding="utf-8")
        out = tmp_path / "out"
        run([str(folder)], out, nlp=nlp, fail_on_validation=False, **options)
        return out

    return go
