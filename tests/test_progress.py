"""Progress on stderr: one summary line when stderr is not a terminal, a bar when it is,
nothing when quiet."""

import io

from extract.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_not_a_terminal_gets_one_summary_line():
    stream = io.StringIO()
    progress = Progress(3, stream=stream)
    progress.update(pages=12)
    progress.update(pages=12)
    progress.update(read=False)
    progress.close("in 2 worker processes")
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("3/3 documents in ") and "2 read (24 pages" in lines[0]
    assert lines[0].endswith("1 from the store; in 2 worker processes")


def test_a_terminal_gets_a_bar_then_the_summary():
    stream = Terminal()
    progress = Progress(2, stream=stream)
    progress.update(pages=5)
    progress.update(pages=5)
    progress.close()
    text = stream.getvalue()
    assert "2/2" in text and "doc" in text and "pages/s" in text  # the bar: documents done, pages/s
    assert text.rstrip().splitlines()[-1].lstrip("\r").startswith("2/2 documents in ")


def test_quiet_writes_nothing():
    stream = Terminal()
    progress = Progress(2, quiet=True, stream=stream)
    progress.update(pages=5)
    progress.close()
    assert stream.getvalue() == ""
