"""One small frozen rule class per knowledge file: the keys a data line may carry are
declared once, as the fields of its class (medspaCy's rule classes, one object a line).

`from_dict` checks a line: an unknown key, a missing required key, a key of the wrong
JSON type or an unknown ``type`` raises `RuleDataError` naming the file and the line, so
a typo fails when the pipeline is built instead of at first use (or never). `to_dict`
gives the line back, without the keys left at their defaults, so a component saves its
rules with the pipeline and reads them back through the same check.

A few keys are notes for the reader of the data that no code reads (an agent's ``kind``,
a trial pattern's ``id``, a table header's ``note``); they are declared like the others.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import MISSING, dataclass, fields
from typing import ClassVar

from extract.errors import RuleDataError

# JSON type each field annotation takes (a list for a tuple: rules are frozen)
_JSON_TYPES = {"str": str, "bool": bool, "int": int, "tuple[str, ...]": list}


@dataclass(frozen=True, kw_only=True)
class KnowledgeRule:
    """Base of the rule classes: a field without a default is a required key."""

    FILE: ClassVar[str] = ""  # the data file in extract/knowledge/ that holds such lines

    @classmethod
    def from_dict(cls, data: dict, where: str = "") -> KnowledgeRule:
        """The rule of one data line; `where` ("FILE:LINE") is named in the error."""
        where = where or cls.FILE
        if not isinstance(data, dict):
            raise RuleDataError(where, f"{cls.__name__}: a line must be a JSON object, not {type(data).__name__}")
        _check_keys(cls, data, where)
        rule = cls(**{key: _frozen(value) for key, value in data.items()})
        problem = rule.problem()
        if problem:
            raise RuleDataError(where, f"{cls.__name__}: {problem}")
        return rule

    def problem(self) -> str | None:
        """What is wrong with the line beyond its keys (a class's own check); None if nothing."""
        return None

    def to_dict(self) -> dict:
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self) if getattr(self, f.name) != f.default}


def _check_keys(cls: type[KnowledgeRule], data: dict, where: str) -> None:
    declared = {f.name: f for f in fields(cls)}
    unknown = [key for key in data if key not in declared]
    if unknown:
        raise RuleDataError(where, f"{cls.__name__}: unknown key {unknown[0]!r} (allowed: {', '.join(declared)})")
    missing = [name for name, f in declared.items() if f.default is MISSING and name not in data]
    if missing:
        raise RuleDataError(where, f"{cls.__name__}: missing key {missing[0]!r}")
    for key, value in data.items():
        annotation = str(declared[key].type)
        optional = annotation.endswith(" | None")
        expected = _JSON_TYPES.get(annotation.removesuffix(" | None"))
        if expected is not None and not isinstance(value, expected) and not (optional and value is None):
            kind = "list" if expected is list else expected.__name__
            raise RuleDataError(where, f"{cls.__name__}: key {key!r} takes a JSON {kind}, not {value!r}")


def _frozen(value):
    return tuple(_frozen(v) for v in value) if isinstance(value, list) else value


def _plain(value):
    return [_plain(v) for v in value] if isinstance(value, tuple) else value


def as_rules(rule_class, items: Iterable, where: str = "") -> list:
    """`items` as rules of `rule_class`: rules pass, dicts (a config, a saved pipeline, a
    unit test) are checked by `from_dict`."""
    return [item if isinstance(item, KnowledgeRule) else rule_class.from_dict(item, where) for item in items]


# ---------------------------------------------------------------- one class per file


@dataclass(frozen=True, kw_only=True)
class AgentRule(KnowledgeRule):
    """agents.jsonl: an agent or regimen, the names and abbreviations it is written with;
    or a `regex` whose named groups fill the `canonical` template."""

    FILE: ClassVar[str] = "agents.jsonl"
    canonical: str
    kind: str = ""  # a note (antibody, TKI, regimen ...): no code reads it
    names: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    components: tuple[str, ...] = ()  # a combination name's agents ("R-hyper-CVAD")
    regex: str | None = None
    ignore_case: bool = False  # of `regex`

    def problem(self) -> str | None:
        if self.regex is not None and (self.names or self.abbreviations or self.components):
            return "a 'regex' line takes no names, abbreviations or components (they would be ignored)"
        return None


@dataclass(frozen=True, kw_only=True)
class GroupRule(KnowledgeRule):
    """groups.jsonl: a cooperative group or institution named in trial names."""

    FILE: ClassVar[str] = "groups.jsonl"
    name: str
    long: tuple[str, ...] = ()  # the written-out names
    needs_id: bool = False  # an institution or registry: a trial only with a protocol id


@dataclass(frozen=True, kw_only=True)
class TrialPatternRule(KnowledgeRule):
    """trial_patterns.jsonl: a trial-name regex (group `group` is the name), or a `stop`
    list of names that are never trials."""

    FILE: ClassVar[str] = "trial_patterns.jsonl"
    id: str = ""  # the pattern's name, for the reader: no code reads it
    regex: str | None = None
    flags: str = ""  # "i": case-insensitive
    group: int = 0
    stop: tuple[str, ...] | None = None

    def problem(self) -> str | None:
        if (self.regex is None) == (self.stop is None):
            return "a line has either a 'regex' or a 'stop' list"
        return None


@dataclass(frozen=True, kw_only=True)
class MeasureCue(KnowledgeRule):
    """cues.jsonl, type "measure": a regex naming what a number measures."""

    FILE: ClassVar[str] = "cues.jsonl"
    SIDES: ClassVar[tuple[str, ...]] = ("both", "left", "right")
    type: str
    label: str
    regex: str
    ignore_case: bool = False
    side: str = "both"
    condition: bool = False

    def problem(self) -> str | None:
        return None if self.side in self.SIDES else f"side {self.side!r} is not one of {', '.join(self.SIDES)}"


@dataclass(frozen=True, kw_only=True)
class CueWords(KnowledgeRule):
    """cues.jsonl, type "words": a named word list of the value rules."""

    FILE: ClassVar[str] = "cues.jsonl"
    type: str
    name: str
    words: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class MrdMethodCue(KnowledgeRule):
    """cues.jsonl, type "mrd_method": the names of one MRD assay."""

    FILE: ClassVar[str] = "cues.jsonl"
    type: str
    method: str
    names: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()


class CueRule:
    """cues.jsonl: a line is read by the class its ``type`` names."""

    FILE: ClassVar[str] = "cues.jsonl"
    TYPES: ClassVar[dict[str, type[KnowledgeRule]]] = {
        "measure": MeasureCue, "words": CueWords, "mrd_method": MrdMethodCue}

    @classmethod
    def from_dict(cls, data: dict, where: str = "") -> KnowledgeRule:
        where = where or cls.FILE
        kind = data.get("type") if isinstance(data, dict) else None
        if kind not in cls.TYPES:
            raise RuleDataError(where, f"{cls.__name__}: unknown cue type {kind!r} (one of: {', '.join(cls.TYPES)})")
        return cls.TYPES[kind].from_dict(data, where)


@dataclass(frozen=True, kw_only=True)
class SectionRule(KnowledgeRule):
    """sections.jsonl: a line pattern of the bibliography (its heading, or one entry)."""

    FILE: ClassVar[str] = "sections.jsonl"
    TYPES: ClassVar[tuple[str, ...]] = ("bibliography_heading", "reference_entry")
    type: str
    regex: str

    def problem(self) -> str | None:
        return None if self.type in self.TYPES else f"type {self.type!r} is not one of {', '.join(self.TYPES)}"


@dataclass(frozen=True, kw_only=True)
class RowCueRule(KnowledgeRule):
    """row_cues.jsonl: a named cue of the linking rules, or a `placeholder` fragment the
    cue regexes share as ``{NAME}``."""

    FILE: ClassVar[str] = "row_cues.jsonl"
    name: str = ""
    placeholder: str = ""
    regex: str

    def problem(self) -> str | None:
        if bool(self.name) == bool(self.placeholder):
            return "a line has either a 'name' or a 'placeholder'"
        return None


@dataclass(frozen=True, kw_only=True)
class TableHeaderRule(KnowledgeRule):
    """table_headers.jsonl: a header matching `pattern` (case-insensitive) means `field`."""

    FILE: ClassVar[str] = "table_headers.jsonl"
    field: str
    pattern: str
    note: str = ""  # what the field holds, for the reader: no code reads it


@dataclass(frozen=True, kw_only=True)
class StudyAliasRule(KnowledgeRule):
    """study_aliases.jsonl: one study's name and the other names it is reported under (a
    registry id, a spelled-out name); the review's trials view takes them for one study."""

    FILE: ClassVar[str] = "study_aliases.jsonl"
    name: str
    aliases: tuple[str, ...]
