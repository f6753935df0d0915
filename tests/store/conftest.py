"""Small text inputs and an in-process `run` for the store's tests (the session's nlp is
shared, so a refresh costs what the store costs, not a spaCy build)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extract.pipeline import run
from extract.store.db import STORE_NAME, open_store

@pytest.fixture
def folder(tmp_path):
    """An input folder and an output folder; `write(name, text)` adds or changes an input."""

    class Folder:
        inputs = tmp_path / "in"
        out = tmp_path / "out"

        def write(self, name: str, text: str) -> Path:
            self.inputs.mkdir(exist_ok=True)
            path = self.inputs / name
            path.write_text(text, encoding="utf-8")
            return path

        def remove(self, name: str) -> None:
            (self.inputs / name).unlink()

        def store(self):
            return open_store(self.out / STORE_NAME, create=False)

        def copy_to(self, other: Path) -> None:
            shutil.copytree(self.out, other)

    return Folder()


@pytest.fixture
def refresh(nlp, folder):
    """`refresh(**options)`: the main job on the folder's inputs, in this process; returns
    the exit status."""

    def go(*paths: str | Path, **options) -> int:
        return run([str(p) for p in paths] or [str(folder.inputs)], folder.out, nlp=nlp, **options)

    return go
