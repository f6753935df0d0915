"""Offsets survive the round trip through an annotation tool exactly, whatever the text:
decomposed (NFD) accents, emoji outside the Basic Multilingual Plane, Windows line breaks;
and a tool that hands the text back re-normalised (NFC, LF) still lands on the same
characters of our text."""

from __future__ import annotations

import json
import unicodedata

import pytest
from factories.review_exports import label_studio_export

from extract.store.db import open_store

# invented: a decomposed é (e + U+0301), an emoji (two UTF-16 units), CRLF line breaks
NFD_TEXT = unicodedata.normalize("NFD", "Résultats 🧪 in the ACME-7 trial: 42 patients received blinatumomab. "
                                         "The CR rate was 83% and the MRD negativity rate was 76%.")
TEXTS = {
    "nfd": NFD_TEXT + "\n",
    "emoji": "Results 🧬🧪\n\nIn the ACME-7 trial 🧪, 42 patients received blinatumomab. The CR rate was 83% "
             "and the MRD negativity rate was 76%.\n",
    "crlf": "Results\r\n\r\nIn the ACME-7 trial, 42 patients received blinatumomab.\r\nThe CR rate was 83% "
            "and the MRD negativity rate was 76%.\r\n",
}


def _swap(text, regions):
    if "83%" not in text:
        return None
    for r in regions:
        r["value"]["labels"] = {"83%": ["MRD"], "76%": ["CR"]}.get(r["value"]["text"], r["value"]["labels"])
    return regions


def _renormalise(tasks: list[dict]) -> list[dict]:
    """What a tool that normalises text would give back: NFC, LF line breaks, offsets
    counted in that text."""
    out = json.loads(json.dumps(tasks))
    for task in out:
        old = task["data"]["text"]
        new = unicodedata.normalize("NFC", old.replace("\r\n", "\n"))
        task["data"]["text"] = new
        for r in task["predictions"][0]["result"]:
            v = r["value"]
            v["start"] = len(unicodedata.normalize("NFC", old[:v["start"]].replace("\r\n", "\n")))
            v["end"] = v["start"] + len(unicodedata.normalize("NFC", v["text"]))
            v["text"] = new[v["start"]:v["end"]]
    return out


@pytest.mark.parametrize("renormalised", [False, True], ids=["as-exported", "renormalised-by-the-tool"])
@pytest.mark.parametrize("name", sorted(TEXTS))
def test_a_correction_lands_on_the_same_characters(loop, name, renormalised):
    text = TEXTS[name]
    (loop.inputs / f"{name}.txt").write_bytes(text.encode("utf-8"))
    assert loop.run() == 0
    tasks = json.loads(loop.export().read_text(encoding="utf-8"))
    for task in tasks:  # exported offsets index our text exactly, in code points
        data = task["data"]
        for r in task["predictions"][0]["result"]:
            v = r["value"]
            assert data["text"][v["start"]:v["end"]] == v["text"]
            assert text[data["extract_block_start"] + v["start"]:data["extract_block_start"] + v["end"]] == v["text"]
    if renormalised:
        tasks = _renormalise(tasks)
    export = loop.root / "export.json"
    export.write_text(json.dumps(label_studio_export(tasks, _swap), ensure_ascii=False), encoding="utf-8")
    assert loop.cli("review", "import", str(export)) == 0
    with open_store(loop.out / "evidence.sqlite") as store:
        (payload,) = [json.loads(p) for (p,) in store.conn.execute("SELECT payload_json FROM corrections")]
    block = payload["block_text"]
    assert block in text  # the correction holds our text, not the tool's
    for start, end, label, covered in payload["spans"]:
        assert block[start:end] == covered
    assert loop.run() == 0
    spans = loop.entities()[0]["spans"]
    assert loop.entities()[0]["text"] == text
    for span in spans:
        assert text[span["start"]:span["end"]] == span["text"]
    labels = {s["text"]: s["label"] for s in spans}
    assert (labels["83%"], labels["76%"]) == ("MRD", "CR")
