"""A small run for the review stage's tests: inputs written into a folder, the main job run
in this process with the session's nlp, the output folder and its store handed back."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.pipeline import run


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
