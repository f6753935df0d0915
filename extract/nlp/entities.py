"""Document-level entity extraction: every block of a `Document` through the pipeline.

Blocks of the `Document` are processed one by one (a sentence never crosses a block);
offsets are shifted to `Document.text` (for a .txt input: the file's text exactly).
Abbreviations defined anywhere in the document ("inotuzumab ozogamicin (IO)") are
passed to every block, so a later "IO" is an AGENT even in another paragraph.
For PDFs, blocks typed "table" are left to the tables stage.
"""

from __future__ import annotations

from extract.nlp.abbreviations import abbreviation_map
from extract.nlp.pipeline import load_nlp
from extract.types import EntityValue

SKIP_KINDS_PDF = frozenset({"table"})


def _value(span) -> dict:
    value = span._.value
    return value.to_dict() if isinstance(value, EntityValue) else {}


def blocks_to_process(document, nlp=None) -> list:
    """Blocks to tag: not tables of a PDF (tables stage), not the reference list."""
    pdf = str(document.path).lower().endswith(".pdf")
    cut = len(document.text)
    if nlp is not None and "bibliography" in nlp.pipe_names:
        start = nlp.get_pipe("bibliography").reference_list_start(document.text)
        if start is not None:
            cut = start
    return [b for b in document.blocks
            if b.text.strip() and b.start < cut and not (pdf and b.kind in SKIP_KINDS_PDF)]


def tag_blocks(document, nlp=None) -> list[tuple]:
    """(block, spaCy Doc) for every block to tag, each tagged with the abbreviations and
    trial names the whole document defines. The one place documents meet the pipeline:
    `ents`, `run` and `eval` all call it."""
    nlp = nlp or load_nlp()
    blocks = blocks_to_process(document, nlp)
    context = abbreviation_map(document.text)
    trials = document_trial_names(nlp, blocks)
    docs = []
    for block in blocks:
        doc = nlp.make_doc(block.text)
        doc._.context_abbreviations = context
        doc._.context_trials = trials
        docs.append(doc)
    return list(zip(blocks, nlp.pipe(docs)))


def span_records(tagged: list[tuple]) -> list[dict]:
    """Entities of tagged blocks as records with offsets into Document.text, in order."""
    spans = []
    for block, doc in tagged:
        for ent in doc.ents:
            start = block.start + ent.start_char
            spans.append({"start": start, "end": block.start + ent.end_char, "label": ent.label_,
                          "text": ent.text, "value": _value(ent)})
    spans.sort(key=lambda s: (s["start"], s["end"]))
    return spans


def document_trial_names(nlp, blocks) -> frozenset:
    """Trial names defined anywhere in the document's blocks (see `TrialTagger.names_defined_in`)."""
    if "trials" not in nlp.pipe_names:
        return frozenset()
    return nlp.get_pipe("trials").names_defined_in(b.text for b in blocks)
