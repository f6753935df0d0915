"""Build, save and load the ALL entity pipeline.

The pipeline is built at run time from the package data in `extract/knowledge/`
(fast: no training, nothing stale committed); building it reads every data line through
its rule class (`extract.knowledge.rules`), so a bad line fails here, naming the file and
line. It can be saved on demand::

    python -m extract.nlp.pipeline --save DIR

A saved folder loads with ``spacy.load(DIR)`` once `extract.nlp` is imported (it
registers the tokenizer and the component factories); each component's data travels
inside the folder (``patterns.jsonl``, ``trial_patterns.jsonl``, ``rules.jsonl`` ...;
see `extract.nlp.stored`).

Components, in order, each declaring what it assigns and requires (`nlp.analyze_pipes()`):
``all_document_context_v1`` (the caller's document context) →
``all_abbreviations_v1`` (Schwartz & Hearst definitions) → ``all_lexicon_v1`` (AGENT) →
``all_sentencizer_v1`` → ``all_table_cells_v1`` (TSV tables) → ``all_trials_v1`` (TRIAL) →
``all_values_v1`` (N, AGE, CR, MRD, OS) → ``all_bibliography_v1`` (drops entities in the
reference list).
"""

from __future__ import annotations

import argparse
import sys
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

# registering imports (factories, tokenizer, attributes)
from extract import knowledge
from extract.nlp import abbreviations, attributes, context, lexicon, sections, sentences, table_cells, tokenizer, trials, values  # noqa: F401
from extract.tables.fields import header_rules



def blank_nlp() -> Language:
    """`spacy.blank("en")` with the project tokenizer and empty components."""
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "all_tokenizer_v1"}}})
    nlp.add_pipe("all_document_context_v1", name="context")
    nlp.add_pipe("all_abbreviations_v1", name="abbreviations")
    nlp.add_pipe("all_lexicon_v1", name="lexicon")
    nlp.add_pipe("all_sentencizer_v1", name="sentences")
    nlp.add_pipe("all_table_cells_v1", name="table_cells")
    nlp.add_pipe("all_trials_v1", name="trials")
    nlp.add_pipe("all_values_v1", name="values")
    nlp.add_pipe("all_bibliography_v1", name="bibliography")
    return nlp


# Entity label of each table field: the header meanings are the tables stage's data
# (extract/knowledge/table_headers.jsonl), so a PDF table and a TSV table in a text file are
# read with one set of rules.
TABLE_FIELD_LABELS = {"study": "STUDY", "agents": "AGENT", "n": "N", "age": "AGE", "cr_pct": "CR",
                      "mrd_neg_pct": "MRD", "os": "OS"}


def table_column_rules() -> list[dict]:
    return [{"label": TABLE_FIELD_LABELS[rule.label], "regex": rule.pattern.pattern}
            for rule in header_rules() if rule.label in TABLE_FIELD_LABELS]


def build_nlp() -> Language:
    """The full pipeline, its components filled from the package data (every line checked:
    `RuleDataError` names a bad one)."""
    nlp = blank_nlp()
    nlp.get_pipe("lexicon").add_patterns(list(knowledge.agent_entries()))
    nlp.get_pipe("table_cells").add_columns(table_column_rules())
    nlp.get_pipe("trials").add_patterns(list(knowledge.trial_pattern_entries()), list(knowledge.group_entries()))
    nlp.get_pipe("values").add_rules(list(knowledge.cue_entries()))
    nlp.get_pipe("bibliography").add_patterns(list(knowledge.section_entries()))
    return nlp


@lru_cache(maxsize=2)
def load_nlp(path: str | None = None) -> Language:
    """A cached pipeline: loaded from `path` if given, else built from package data."""
    if path:
        return spacy.load(path)
    return build_nlp()


def save_nlp(path: str | Path) -> Path:
    path = Path(path)
    build_nlp().to_disk(path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extract.nlp.pipeline", description=__doc__.split("\n")[0])
    parser.add_argument("--save", metavar="DIR", help="write the pipeline to DIR (loadable with spacy.load)")
    args = parser.parse_args(argv)
    if not args.save:
        parser.print_help()
        return 2
    out = save_nlp(args.save)
    print(f"saved pipeline to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
