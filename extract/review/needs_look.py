"""The "needs a look" list of the review page: documents a reviewer should open by hand
because the run could not, or may not, have read them right. One line each."""

from __future__ import annotations

import re
from collections import Counter

from extract.store.records import FAILED, DocumentEntry

OUTCOME_LABELS = ("CR", "MRD", "OS")
BLOCK_SEPARATOR = "\n\n"
MIN_TOKENS = 8
LETTER_SPACED_SHARE = 0.4  # of a block's words, single letters: "T h e  C R  r a t e"
RUN_TOGETHER_LETTERS = 40  # one "word" this long: spaces lost ("thecompleteremissionrate")
SNIPPET = 60


def block_problem(text: str) -> str | None:
    """Why a text block looks broken, or None."""
    if "(cid:" in text:
        return "unmapped glyphs (cid:…)"
    if "\ufffd" in text:
        return "replacement characters (�)"
    words = text.split()
    if len(words) >= MIN_TOKENS and sum(len(w) == 1 and w.isalpha() for w in words) / len(words) > LETTER_SPACED_SHARE:
        return "letter-spaced text"
    if re.search(rf"[A-Za-z]{{{RUN_TOGETHER_LETTERS},}}", text):
        return "words run together"
    return None


def broken_blocks(text: str) -> list[tuple[str, str]]:
    """(problem, the block's start) of every block of a document's text that looks broken."""
    out = []
    for block in text.split(BLOCK_SEPARATOR):
        problem = block_problem(block)
        if problem:
            snippet = " ".join(block.split())
            out.append((problem, snippet[:SNIPPET] + ("…" if len(snippet) > SNIPPET else "")))
    return out


def needs_a_look(documents: list[DocumentEntry], texts: dict[str, str], entities: dict[str, list[dict]],
                 rows_per_doc: Counter) -> list[tuple[str, str, str]]:
    """(kind, doc_id, line) for every document that needs a look: failed inputs, documents
    with outcome entities but no rows, documents with blocks that look broken."""
    out = []
    for doc in documents:
        if doc.status == FAILED:
            out.append(("failed", doc.doc_id, f"could not be read: {doc.error or 'see the run log'}"))
            continue
        if not doc.ok:
            continue
        outcomes = Counter(e["label"] for e in entities.get(doc.doc_id, []) if e["label"] in OUTCOME_LABELS)
        if outcomes and not rows_per_doc.get(doc.doc_id):
            found = ", ".join(f"{label} {outcomes[label]}" for label in OUTCOME_LABELS if outcomes[label])
            line = f"outcome values found ({found}) but no rows: check which cohort they belong to"
            out.append(("no rows", doc.doc_id, line))
        broken = broken_blocks(texts.get(doc.doc_id, ""))
        if broken:
            kinds = Counter(problem for problem, _ in broken)
            what = ", ".join(f"{n} {problem}" for problem, n in sorted(kinds.items()))
            line = f"{len(broken)} block(s) look broken ({what}), e.g. “{broken[0][1]}”"
            out.append(("broken blocks", doc.doc_id, line))
    return out
