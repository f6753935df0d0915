"""The dev set (../shared/devset) is third-party text: a measure, never a source. No line of
the package or the tests repeats a run of its words: a long run, or a short run carrying
two or more of its numbers (a copied result statement). Skipped where the dev set is absent."""

import json
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PASSAGES = ROOT.parent / "shared" / "devset" / "passages.jsonl"
LONG_RUN = 9  # tokens: longer than any official group or term name the knowledge data holds
NUMBERED_RUN = 5  # tokens, with at least two numbers in them


def tokens(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9]+(?:[/.][0-9]+)?|%|[<>≤≥]", text.lower())


def copied_run(words: list[str], runs: set[tuple[str, ...]]) -> str | None:
    for i in range(len(words)):
        for n in range(NUMBERED_RUN, min(LONG_RUN, len(words) - i) + 1):
            run = tuple(words[i:i + n])
            if run not in runs:
                break
            if n >= LONG_RUN or sum(bool(re.search(r"\d", w)) for w in run) >= 2:
                return " ".join(run)
    return None


@pytest.mark.skipif(not PASSAGES.is_file(), reason="the dev set is not beside the project")
def test_no_line_of_the_package_or_the_tests_repeats_dev_set_text():
    runs: set[tuple[str, ...]] = set()
    for line in PASSAGES.read_text(encoding="utf-8").splitlines():
        if line.strip():
            words = tokens(json.loads(line)["text"])
            runs.update(tuple(words[i:i + n]) for n in range(NUMBERED_RUN, LONG_RUN + 1)
                        for i in range(len(words) - n + 1))
    files = subprocess.run(["git", "ls-files", "extract", "tests"], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.split()
    found = [f"{name}:{number}: {run}" for name in files if name.endswith((".py", ".jsonl", ".md"))
             for number, line in enumerate((ROOT / name).read_text(encoding="utf-8").splitlines(), start=1)
             if (run := copied_run(tokens(line), runs))]
    assert not found, "\n".join(found)


def test_the_check_finds_a_copied_statement():
    runs = {tuple(tokens("in 57/82 responders (70%)")[:n]) for n in range(5, 9)}
    assert copied_run(tokens("MRD was negative in 57/82 responders (70%) at week 6"), runs) is not None
    assert copied_run(tokens("MRD was negative in 40 of 90 patients"), runs) is None
