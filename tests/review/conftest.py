"""The correction loop's test ground: a folder of inputs, an output folder with its store,
a ledger folder, and the commands run in-process against them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from extract.cli import main


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

    def rows(self) -> pd.DataFrame:
        return pd.read_csv(self.out / "rows.csv", keep_default_na=False)

    def entities(self) -> list[dict]:
        return [json.loads(line) for line in (self.out / "entities.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def loop(tmp_path) -> Loop:
    (tmp_path / "in").mkdir()
    return Loop(tmp_path)
