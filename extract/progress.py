"""Progress of a run on stderr: a bar (documents done, pages/s, time left) when stderr is
a terminal, else one summary line when the documents are done; nothing with `quiet`."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, total: int, *, quiet: bool = False, stream: TextIO | None = None, what: str = "documents"):
        self.total, self.quiet, self.what = total, quiet, what
        self.stream = stream or sys.stderr
        self.done = self.pages = self.read = 0
        self.started = time.perf_counter()
        self.bar = None
        if not quiet and total and self.stream.isatty():
            from tqdm import tqdm  # lazy: the bar only when someone watches it

            self.bar = tqdm(total=total, unit="doc", file=self.stream, dynamic_ncols=True, leave=False)

    def update(self, pages: int = 0, read: bool = True) -> None:
        """One more document done (`read`: through the stages, not from the store)."""
        self.done += 1
        self.read += read
        self.pages += pages if read else 0
        if self.bar is not None:
            elapsed = max(time.perf_counter() - self.started, 1e-9)
            self.bar.set_postfix_str(f"{self.pages / elapsed:.1f} pages/s", refresh=False)
            self.bar.update(1)

    def summary(self) -> str:
        elapsed = time.perf_counter() - self.started
        pages = f" ({self.pages} pages, {self.pages / elapsed:.1f} pages/s)" if self.pages and elapsed > 0 else ""
        return (f"{self.done}/{self.total} {self.what} in {elapsed:.1f} s: {self.read} read{pages}, "
                f"{self.done - self.read} from the store")

    def close(self, engine: str = "") -> None:
        if self.bar is not None:
            self.bar.close()
        if not self.quiet and self.total:
            print(f"{self.summary()}{f'; {engine}' if engine else ''}", file=self.stream, flush=True)
