"""The extractor's fingerprint: what decides whether a stored analysis is still valid.

A document is analysed again when its sha256 or this fingerprint changes. The fingerprint
is the package version, a hash of the knowledge data (every data file inside the package:
`knowledge/*.jsonl` and the like) and a hash of the code that turns a document into rows
and flags (every module but the ones that only store, score, review or parse the command
line), plus the versions of the libraries that read documents. Files are read as bytes,
never imported, so computing it costs a few milliseconds.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
DATA_SUFFIXES = (".jsonl", ".json", ".cfg", ".txt")
# Modules that cannot change a document's rows, entities or flags: a change to them keeps
# every stored analysis. (evaluate has its own hash, which keys the stored scores.)
NOT_EXTRACTOR = ("store/", "evaluate/", "review/", "cli.py", "__main__.py")
# Libraries whose version can change what is read from a document.
READERS = ("pdfplumber", "pdfminer.six", "spacy", "great-expectations")


@dataclass(frozen=True)
class Fingerprint:
    package_version: str
    knowledge_hash: str
    code_hash: str
    libraries: str  # "name=version;..." of READERS

    @property
    def digest(self) -> str:
        """One short string for the whole fingerprint (what the store compares)."""
        text = "\n".join((self.package_version, self.knowledge_hash, self.code_hash, self.libraries))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def hash_files(root: Path, paths: list[Path]) -> str:
    """sha256 over the files' paths (relative to root) and bytes, in path order."""
    digest = hashlib.sha256()
    for path in sorted(paths, key=lambda p: p.relative_to(root).as_posix()):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _package_files(suffixes: tuple[str, ...]) -> list[Path]:
    return [p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix in suffixes and "__pycache__" not in p.parts]


def _relative(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def _library_versions() -> str:
    out = []
    for name in READERS:
        try:
            out.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}=none")
    return ";".join(out)


def _package_version() -> str:
    text = (PACKAGE / "__init__.py").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    return "unknown"


def extractor_fingerprint() -> Fingerprint:
    code = [p for p in _package_files((".py",)) if not _relative(p).startswith(NOT_EXTRACTOR)]
    return Fingerprint(package_version=_package_version(),
                       knowledge_hash=hash_files(PACKAGE, _package_files(DATA_SUFFIXES))[:16],
                       code_hash=hash_files(PACKAGE, code)[:16],
                       libraries=_library_versions())


def evaluation_hash() -> str:
    """A hash of the scoring code: with the gold's hash and the rows it keys stored scores."""
    return hash_files(PACKAGE, [p for p in _package_files((".py",)) if _relative(p).startswith("evaluate/")])[:16]


def tree_hash(root: Path) -> str:
    """A hash of every file below `root` ('' when it does not exist): the gold's state."""
    if not root.is_dir():
        return ""
    files = [p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")]
    return hash_files(root, files)[:16]
