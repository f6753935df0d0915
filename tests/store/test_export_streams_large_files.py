"""A file of the set that grows with the corpus (entities.jsonl) is streamed into place by
a writer function, one document at a time, with the same guarantees as the others: staged
and synced before the renames, and left alone when its bytes did not change."""

from extract.store.export import STAGING_PREFIX, write_set


def lines(*texts: str):
    def write(handle) -> None:
        for text in texts:
            handle.write(text.encode("utf-8") + b"\n")

    return write


def test_a_streamed_file_is_written_whole_and_left_alone_when_unchanged(tmp_path):
    target = tmp_path / "entities.jsonl"
    write_set(tmp_path, {"entities.jsonl": lines('{"doc_id": "a"}', '{"doc_id": "b"}'), "report.md": b"r\n"}, 1)
    assert target.read_bytes() == b'{"doc_id": "a"}\n{"doc_id": "b"}\n'
    first = target.stat().st_ino
    write_set(tmp_path, {"entities.jsonl": lines('{"doc_id": "a"}', '{"doc_id": "b"}'), "report.md": b"r\n"}, 2)
    assert target.stat().st_ino == first  # same bytes: the old file stays
    write_set(tmp_path, {"entities.jsonl": lines('{"doc_id": "a"}'), "report.md": b"r\n"}, 3)
    assert target.read_bytes() == b'{"doc_id": "a"}\n' and target.stat().st_ino != first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["entities.jsonl", "report.md"]
    assert not any(p.name.startswith(STAGING_PREFIX) for p in tmp_path.iterdir())
