"""Every knowledge file is read through its rule class: a typo'd, missing or mistyped key
fails with one line naming the file and line when the pipeline is built, not at first use."""

import importlib
import shutil
import sys

import pytest

from extract import knowledge
from extract.cli import main as cli_main
from extract.errors import RuleDataError
from extract.knowledge.rules import (
    AgentRule,
    CueRule,
    GroupRule,
    MeasureCue,
    RowCueRule,
    SectionRule,
    StudyAliasRule,
    TableHeaderRule,
    TrialPatternRule,
)
from extract.nlp.pipeline import build_nlp, load_nlp
from extract.rows import cues as row_cues
from extract.tables import fields as table_fields

RULE_CLASSES = (AgentRule, GroupRule, TrialPatternRule, CueRule, SectionRule, RowCueRule, TableHeaderRule,
                StudyAliasRule)
# the loaders that cache what they read: cleared so a test reads its own copy of the data
CACHED_LOADERS = (knowledge.agent_entries, knowledge.group_entries, knowledge.trial_pattern_entries,
                  knowledge.cue_entries, knowledge.section_entries, table_fields.header_rules,
                  row_cues.row_cue_rules, row_cues._cues, load_nlp)


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A copy of the package data that the loaders read instead; `break_line(file, key)`
    adds an unknown key to the file's first data line and returns that line's number."""
    for source in knowledge.DATA_DIR.iterdir():
        if source.name.endswith(".jsonl"):
            shutil.copyfile(source, tmp_path / source.name)
    monkeypatch.setattr(knowledge, "DATA_DIR", tmp_path)
    for loader in CACHED_LOADERS:
        loader.cache_clear()

    def break_line(file: str, key: str) -> int:
        lines = (tmp_path / file).read_text(encoding="utf-8").splitlines(keepends=True)
        number = next(i for i, line in enumerate(lines, start=1) if line.startswith("{"))
        lines[number - 1] = lines[number - 1].replace("{", f'{{"{key}": 1, ', 1)
        (tmp_path / file).write_text("".join(lines), encoding="utf-8")
        return number

    yield break_line
    monkeypatch.undo()
    for loader in CACHED_LOADERS:
        loader.cache_clear()


@pytest.mark.parametrize("rule_class", RULE_CLASSES, ids=lambda c: c.FILE)
def test_every_line_of_the_package_data_is_a_rule_that_round_trips(rule_class):
    rules = knowledge.read_rules(rule_class)
    assert rules
    for rule in rules:
        assert rule_class.from_dict(rule.to_dict()) == rule


def test_unknown_key_is_one_line_naming_where_and_what():
    with pytest.raises(RuleDataError) as err:
        AgentRule.from_dict({"canonical": "ponatinib", "nmes": ["Iclusig"]}, "agents.jsonl:7")
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith("agents.jsonl:7: AgentRule: unknown key 'nmes' (allowed: canonical, kind, names, ")
    assert message.endswith("; fix the line (the allowed keys are declared on its rule class in "
                            "extract/knowledge/rules.py)")


@pytest.mark.parametrize("rule_class,line,complaint", [
    (AgentRule, {"names": ["x"]}, "missing key 'canonical'"),
    (AgentRule, {"canonical": "x", "names": "x"}, "key 'names' takes a JSON list"),
    (AgentRule, {"canonical": "x", "regex": "x", "names": ["y"]}, "takes no names"),
    (GroupRule, {"name": "GIMEMA", "long": "Gruppo"}, "takes a JSON list"),
    (TrialPatternRule, {"id": "x"}, "either a 'regex' or a 'stop' list"),
    (CueRule, {"type": "measures", "label": "CR", "regex": "CR"}, "unknown cue type 'measures'"),
    (CueRule, {"type": "measure", "label": "CR", "regex": "CR", "words": ["x"]}, "unknown key 'words'"),
    (CueRule, {"type": "measure", "label": "CR", "regex": "CR", "side": "rigth"}, "side 'rigth'"),
    (CueRule, {"type": "words", "name": "sign_words"}, "missing key 'words'"),
    (SectionRule, {"type": "bibliography", "regex": "^References$"}, "type 'bibliography'"),
    (RowCueRule, {"regex": "x"}, "either a 'name' or a 'placeholder'"),
    (TableHeaderRule, {"field": "os", "patern": "OS"}, "unknown key 'patern'"),
    (AgentRule, ["canonical", "x"], "must be a JSON object"),
])
def test_bad_lines_are_rejected(rule_class, line, complaint):
    with pytest.raises(RuleDataError, match=complaint):
        rule_class.from_dict(line, "file.jsonl:1")


def test_cue_lines_are_read_by_the_class_their_type_names():
    rule = CueRule.from_dict({"type": "measure", "label": "CR", "regex": r"\bCR\b", "ignore_case": True})
    assert isinstance(rule, MeasureCue) and rule.side == "both"
    assert rule.to_dict() == {"type": "measure", "label": "CR", "regex": r"\bCR\b", "ignore_case": True}


@pytest.mark.parametrize("file", ["agents.jsonl", "groups.jsonl", "trial_patterns.jsonl", "cues.jsonl",
                                  "sections.jsonl", "table_headers.jsonl"])
def test_building_the_pipeline_rejects_an_unknown_key(data_copy, file):
    number = data_copy(file, "typo")
    with pytest.raises(RuleDataError, match=rf"{file}:{number}: \w+: unknown key 'typo'"):
        build_nlp()


def test_row_cues_are_checked_when_the_rows_stage_is_imported(data_copy, monkeypatch):
    number = data_copy("row_cues.jsonl", "typo")
    monkeypatch.delitem(sys.modules, "extract.rows.cues")  # a fresh import; the original comes back after
    with pytest.raises(RuleDataError, match=rf"row_cues.jsonl:{number}: RowCueRule: unknown key 'typo'"):
        importlib.import_module("extract.rows.cues")


@pytest.mark.parametrize("command", ["run", "ents"])
def test_cli_reports_a_bad_data_line_in_one_line(data_copy, tmp_path, capsys, command):
    number = data_copy("agents.jsonl", "typo")
    paper = tmp_path / "paper.txt"
    paper.write_text("Blinatumomab gave CR in 80% of 40 patients.\n", encoding="utf-8")
    assert cli_main([command, str(paper)] + (["-o", str(tmp_path / "out")] if command == "run" else [])) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and f"agents.jsonl:{number}: AgentRule: unknown key 'typo'" in err
    assert "\n" not in err
