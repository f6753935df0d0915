"""What annotators hand back: a small abstract to correct and Label Studio exports of our
tasks with an annotator's regions, built the way the tool writes them."""

from __future__ import annotations

import json

ABSTRACT = ("Results\n\nIn the phase 2 ACME-7 trial, 42 patients (median age, 51 years; range, 19 to 77 years) "
            "received blinatumomab. The CR rate was 83% and the MRD negativity rate was 76%. "
            "The 2-year OS rate was 64%.\n")



def label_studio_export(tasks: list[dict], relabel, annotator: str = "ann@example.org") -> list[dict]:
    """A Label Studio JSON export of `tasks` in which an annotator submitted, for every task
    `relabel(text, regions)` touches (returns regions or None), those regions."""
    out = []
    for i, task in enumerate(tasks, start=1):
        regions = [json.loads(json.dumps(r)) for r in task["predictions"][0]["result"]]
        done = relabel(task["data"]["text"], regions)
        annotations = [] if done is None else [{"id": i, "completed_by": {"id": 1, "email": annotator},
                                                "result": done, "was_cancelled": False,
                                                "created_at": "2026-01-01T00:00:00Z"}]
        out.append({"id": i, "data": task["data"], "annotations": annotations, "predictions": task["predictions"]})
    return out


def swap_cr_and_mrd(text: str, regions: list[dict]):
    """The annotator's fix used throughout: 83% is the MRD rate, 76% the CR rate."""
    if "83%" not in text:
        return None
    for r in regions:
        if r["value"]["text"] == "83%":
            r["value"]["labels"] = ["MRD"]
        elif r["value"]["text"] == "76%":
            r["value"]["labels"] = ["CR"]
    return regions
