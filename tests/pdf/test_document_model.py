"""The document model: offsets anywhere downstream map back to their block, page and box."""

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.pdf.model import BLOCK_SEPARATOR, Block, Document


def _document(texts: list[str]) -> Document:
    return Document(doc_id="d", path="d.pdf", n_pages=1,
                    blocks=[Block(kind="paragraph", text=t, page=1, bbox=(0, 0, 1, 1)) for t in texts])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="ab .", min_size=1, max_size=12), min_size=1, max_size=30), st.data())
def test_block_at_finds_the_block_holding_an_offset_and_none_between_blocks(texts, data):
    doc = _document(texts)
    offset = data.draw(st.integers(min_value=-2, max_value=len(doc.text) + 2))
    expected = next((b for b in doc.blocks if b.start <= offset < b.end), None)
    assert doc.block_at(offset) is expected


def test_block_at_follows_a_reindex_after_blocks_change():
    doc = _document(["first", "second"])
    assert doc.block_at(len("first") + len(BLOCK_SEPARATOR)).text == "second"
    doc.blocks.insert(0, Block(kind="heading", text="Title", page=1, bbox=(0, 0, 1, 1)))
    doc.reindex()
    assert [doc.block_at(b.start).text for b in doc.blocks] == ["Title", "first", "second"]
