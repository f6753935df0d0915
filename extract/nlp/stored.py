"""A component's rules saved with the pipeline: one JSONL file per list of rules.

spaCy calls `to_disk`/`from_disk` with the component's folder inside the pipeline folder
(``nlp.to_disk``, ``spacy.load``) and `to_bytes`/`from_bytes` for in-memory copies. The
four methods here are the one implementation every component shares: spaCy's serializer
dicts (as its `SpanRuler` does), writing with `extract.fileio.write_jsonl` and reading
with the project's JSONL reader, each record read back checked by its rule class.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import ClassVar

from spacy import util

from extract.fileio import read_numbered_jsonl, write_jsonl


class StoredRules:
    """Mixin: `to_disk`/`from_disk`/`to_bytes`/`from_bytes` from one declaration.

    A component declares ``stored_rules = {"patterns.jsonl": ("patterns", AgentRule)}``:
    the file in its folder, the attribute holding the list, and the rule class whose
    `from_dict` checks each record read back (None: the records are kept as dicts).
    After a load it calls `_compile()`, where the component rebuilds its matchers.
    """

    stored_rules: ClassVar[dict[str, tuple[str, type | None]]] = {}
    name: str

    def _compile(self) -> None:
        """Rebuild what the component derives from its lists (nothing by default)."""

    def to_disk(self, path: str | Path, *, exclude=()) -> None:
        writers = {file: partial(self._write, attribute) for file, (attribute, _) in self.stored_rules.items()}
        util.to_disk(path, writers, exclude)

    def from_disk(self, path: str | Path, *, exclude=()):
        readers = {file: partial(self._read, file) for file in self.stored_rules}
        util.from_disk(path, readers, exclude)
        self._compile()
        return self

    def to_bytes(self, *, exclude=()) -> bytes:
        getters = {file: partial(self._records, attribute) for file, (attribute, _) in self.stored_rules.items()}
        return util.to_bytes(getters, exclude)

    def from_bytes(self, data: bytes, *, exclude=()):
        setters = {file: partial(self._unpack, file) for file in self.stored_rules}
        util.from_bytes(data, setters, exclude)
        self._compile()
        return self

    # -- one list
    def _records(self, attribute: str) -> list[dict]:
        return [item.to_dict() if hasattr(item, "to_dict") else item for item in getattr(self, attribute)]

    def _write(self, attribute: str, path: Path) -> None:
        write_jsonl(path, self._records(attribute))

    def _read(self, file: str, path: Path) -> None:
        self._set(file, [(f"{path}:{line}", record) for line, record in read_numbered_jsonl(path)])

    def _unpack(self, file: str, records: list[dict]) -> None:
        self._set(file, [(f"{self.name} {file}", record) for record in records])

    def _set(self, file: str, located: list[tuple[str, dict]]) -> None:
        """Replace the list of `file` by its records (each with where it was read)."""
        attribute, rule_class = self.stored_rules[file]
        if rule_class is None:
            setattr(self, attribute, [record for _, record in located])
        else:
            setattr(self, attribute, [rule_class.from_dict(record, where) for where, record in located])
