"""Small PDFs made at test time (fpdf2), each reproducing one layout problem.

Text is placed line by line with `FPDF.text`, so each test knows exactly where every
line, column, hyphen and header sits. Core fonts (Helvetica, Times) for plain text; the
DejaVu TrueType font, where installed, for ligature glyphs and Unicode signs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

PAGE_W, PAGE_H = 595.0, 842.0
MARGIN = 56.0
SIZE = 10.0
LEADING = 12.5


def new_pdf() -> FPDF:
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=SIZE)
    return pdf


def wrap(pdf: FPDF, text: str, width: float, indent: float = 0.0) -> list[str]:
    """Greedy line breaking of `text` into lines no wider than `width` (first line indented)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        room = width - (indent if not lines else 0.0)
        if current and pdf.get_string_width(candidate) > room:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


@dataclass
class Column:
    """A text column being filled top to bottom."""

    x: float
    width: float
    y: float  # baseline of the next line
    bottom: float

    def room(self) -> int:
        return int((self.bottom - self.y) // LEADING) + 1


def put_lines(pdf: FPDF, column: Column, lines: Sequence[str], indent: float = 0.0) -> None:
    """Write lines into a column; the first one indented."""
    for i, line in enumerate(lines):
        pdf.text(column.x + (indent if i == 0 else 0.0), column.y, line)
        column.y += LEADING


def put_paragraph(pdf: FPDF, column: Column, text: str, indent: float = 14.0) -> list[str]:
    """Write a paragraph; returns the lines that did not fit (to continue elsewhere)."""
    lines = wrap(pdf, text, column.width, indent)
    fit = column.room()
    put_lines(pdf, column, lines[:fit], indent)
    rest = lines[fit:]
    return rest


def heading(pdf: FPDF, column: Column, text: str, size: float = 12.0) -> None:
    column.y += 6
    pdf.set_font("Helvetica", style="B", size=size)
    pdf.text(column.x, column.y, text)
    pdf.set_font("Helvetica", size=SIZE)
    column.y += LEADING + 2


# ---------------------------------------------------------------------------------------
# Layouts

WORDS = ("patients received induction therapy and most achieved a complete remission after "
         "two cycles while measurable residual disease was assessed by flow cytometry at "
         "several time points during consolidation and maintenance").split()


def filler(n_words: int, seed: int = 0) -> str:
    """Deterministic prose-like text of `n_words` words ending with a full stop."""
    words = [WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(n_words)]
    return " ".join(words).capitalize() + "."


def single_column(path: Path, paragraphs: Sequence[str], title: str = "Introduction") -> Path:
    pdf = new_pdf()
    pdf.add_page()
    column = Column(MARGIN, PAGE_W - 2 * MARGIN, 90.0, PAGE_H - 80)
    heading(pdf, column, title, size=14)
    for text in paragraphs:
        put_paragraph(pdf, column, text)
    pdf.output(str(path))
    return path


def two_columns_with_table(path: Path, title: str, abstract: str, left: Sequence[str], right: Sequence[str],
                           run_on: str, table_rows: Sequence[Sequence[str]], table_title: str, table_note: str,
                           after_table: Sequence[str]) -> Path:
    """Page 1: full-width title and abstract, then two columns; page 2: a ruled table
    spanning both columns at the top, then two columns again. The last paragraph of
    page 1 runs on into page 2's first column (continued under the table)."""
    pdf = new_pdf()
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=16)
    pdf.text(MARGIN, 80, title)
    pdf.set_font("Helvetica", size=SIZE)
    full = Column(MARGIN, PAGE_W - 2 * MARGIN, 110.0, PAGE_H - 80)
    put_paragraph(pdf, full, abstract, indent=0.0)
    gutter = 18.0
    width = (PAGE_W - 2 * MARGIN - gutter) / 2
    top = full.y + 20
    columns = [Column(MARGIN, width, top, PAGE_H - 80), Column(MARGIN + width + gutter, width, top, PAGE_H - 80)]
    for column, texts in zip(columns, (left, right)):
        for text in texts:
            put_paragraph(pdf, column, text)
    carry = put_paragraph(pdf, columns[1], run_on)
    assert carry, "run_on must overflow the right column"
    pdf.add_page()
    # the table: title, rules, rows, note; spanning both columns
    x0, x1 = MARGIN, PAGE_W - MARGIN
    y = 70.0
    pdf.set_font("Helvetica", style="B", size=9)
    pdf.text(x0, y, table_title)
    pdf.set_font("Helvetica", size=9)
    y += 6
    pdf.line(x0, y, x1, y)
    cell_w = (x1 - x0) / len(table_rows[0])
    for r, row in enumerate(table_rows):
        y += 13
        for c, cell in enumerate(row):
            pdf.text(x0 + c * cell_w, y, cell)
        if r == 0:
            pdf.line(x0, y + 4, x1, y + 4)
            y += 4
    y += 6
    pdf.line(x0, y, x1, y)
    y += 12
    pdf.set_font("Helvetica", size=8)
    pdf.text(x0, y, table_note)
    pdf.set_font("Helvetica", size=SIZE)
    top = y + 30
    columns = [Column(MARGIN, width, top, PAGE_H - 80), Column(MARGIN + width + gutter, width, top, PAGE_H - 80)]
    put_lines(pdf, columns[0], carry)
    for text in after_table:
        put_paragraph(pdf, columns[0], text)
    pdf.output(str(path))
    return path


def three_columns(path: Path, columns_text: Sequence[Sequence[str]], run_on: str) -> Path:
    """Three columns; `run_on` fills the end of column 1 and continues in column 2."""
    pdf = new_pdf()
    pdf.add_page()
    gutter = 14.0
    width = (PAGE_W - 2 * MARGIN - 2 * gutter) / 3
    bottom = 300.0
    columns = [Column(MARGIN + i * (width + gutter), width, 80.0, bottom) for i in range(3)]
    for text in columns_text[0]:
        put_paragraph(pdf, columns[0], text)
    rest = put_paragraph(pdf, columns[0], run_on)
    put_lines(pdf, columns[1], rest)
    for text in columns_text[1]:
        put_paragraph(pdf, columns[1], text)
    for text in columns_text[2]:
        put_paragraph(pdf, columns[2], text)
    pdf.output(str(path))
    return path


def explicit_lines(path: Path, lines: Sequence[str], paragraphs_before: Sequence[str] = ()) -> Path:
    """Paragraphs, then one paragraph given as exact lines (to place line-end hyphens)."""
    pdf = new_pdf()
    pdf.add_page()
    column = Column(MARGIN, 300.0, 80.0, PAGE_H - 80)
    for text in paragraphs_before:
        put_paragraph(pdf, column, text)
    put_lines(pdf, column, lines, indent=14.0)
    pdf.output(str(path))
    return path


def unicode_text(path: Path, lines: Sequence[str]) -> Path:
    """One paragraph in DejaVu Sans (ligature glyphs, minus, ≥ ≤ – ∆ available)."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(DEJAVU))
    pdf.set_font("DejaVu", size=SIZE)
    column = Column(MARGIN, 400.0, 80.0, PAGE_H - 80)
    put_lines(pdf, column, lines, indent=14.0)
    pdf.output(str(path))
    return path


def running_furniture(path: Path, header: str, paragraphs: Sequence[str], n_pages: int = 3) -> Path:
    """Pages with a running header and "Page N of M" footer; text runs across pages."""
    pdf = new_pdf()
    lines = [line for text in paragraphs for line in wrap(pdf, text, PAGE_W - 2 * MARGIN, 14.0)]
    starts = set()
    count = 0
    for text in paragraphs:
        starts.add(count)
        count += len(wrap(pdf, text, PAGE_W - 2 * MARGIN, 14.0))
    per_page = -(-len(lines) // n_pages)
    for page in range(n_pages):
        pdf.add_page()
        pdf.set_font("Helvetica", size=8)
        pdf.text(MARGIN, 40, header)
        pdf.text(PAGE_W - MARGIN - 50, PAGE_H - 40, f"Page {page + 1} of {n_pages}")
        pdf.set_font("Helvetica", size=SIZE)
        y = 80.0
        for i in range(page * per_page, min(len(lines), (page + 1) * per_page)):
            pdf.text(MARGIN + (14.0 if i in starts else 0.0), y, lines[i])
            y += LEADING
    pdf.output(str(path))
    return path


def with_footnotes(path: Path, paragraphs: Sequence[str], notes: Sequence[tuple[str, str]]) -> Path:
    """Body text and, at the foot of the page, notes in smaller type led by a marker."""
    pdf = new_pdf()
    pdf.add_page()
    column = Column(MARGIN, PAGE_W - 2 * MARGIN, 80.0, PAGE_H - 160)
    for text in paragraphs:
        put_paragraph(pdf, column, text)
    y = PAGE_H - 110
    pdf.line(MARGIN, y - 12, MARGIN + 150, y - 12)
    for marker, note in notes:
        pdf.set_font("Helvetica", size=6)
        pdf.text(MARGIN, y - 3, marker)
        pdf.set_font("Helvetica", size=8)
        pdf.text(MARGIN + pdf.get_string_width(marker) + 6, y, note)
        y += 11
    pdf.output(str(path))
    return path


def no_text_layer(path: Path) -> Path:
    """A page of drawn shapes only, as a scan without OCR would be."""
    pdf = new_pdf()
    pdf.add_page()
    pdf.rect(80, 80, 300, 200)
    pdf.rect(100, 320, 200, 40, style="F")
    pdf.output(str(path))
    return path


def encrypted(path: Path, user_password: str = "secret") -> Path:
    pdf = new_pdf()
    pdf.set_encryption(owner_password="owner-" + user_password, user_password=user_password)
    pdf.add_page()
    pdf.text(MARGIN, 80, "Confidential text behind a password.")
    pdf.output(str(path))
    return path


# ---------------------------------------------------------------------------------------
# Producers' habits seen on real publisher PDFs


def placed_words(pdf: FPDF, x: float, y: float, words: Sequence[str], gap: float) -> float:
    """Words drawn one by one, `gap` points apart, with no space character between them
    (producers that position every word and write no space glyphs)."""
    for word in words:
        pdf.text(x, y, word)
        x += pdf.get_string_width(word) + gap
    return x


def no_space_glyphs(path: Path, paragraph: str, gap_em: float, width: float = 300.0) -> Path:
    """One paragraph whose words are placed `gap_em` ems apart without space glyphs (tight
    justified lines: word gaps well under 0.2 em, letter gaps zero)."""
    pdf = new_pdf()
    pdf.add_page()
    lines = wrap(pdf, paragraph, width)
    y = 100.0
    for line in lines:
        placed_words(pdf, MARGIN, y, line.split(), gap_em * SIZE)
        y += LEADING
    pdf.output(str(path))
    return path


def ligature_then_space(path: Path, before: str, ligature: str, after: str, rest: str) -> Path:
    """A word set with a ligature glyph followed by a space glyph drawn over that glyph's
    right half, the next letter starting right at the glyph's end (no room for a space):
    `before + ligature + " " + after`, then ` rest` as ordinary words."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(DEJAVU))
    pdf.set_font("DejaVu", size=SIZE)
    x, y = MARGIN, 100.0
    pdf.text(x, y, before + ligature)
    end = x + pdf.get_string_width(before + ligature)
    pdf.text(end - 0.5 * pdf.get_string_width(ligature), y, " ")
    pdf.text(end, y, after + " " + rest)
    pdf.output(str(path))
    return path


def beside_offset_cells(path: Path, left_lines: Sequence[str], cells: Sequence[str], pitch: float = 8.0,
                        offset: float = 2.7) -> Path:
    """A column of small-print lines `pitch` apart and, right of it, short cells set
    `offset` and 2×`offset` below each line: line tops chain through the cells within a
    few points, the trap of clustering lines by a fixed distance between tops."""
    pdf = new_pdf()
    pdf.add_page()
    pdf.set_font("Helvetica", size=6.4)
    y = 100.0
    for i, line in enumerate(left_lines):
        pdf.text(MARGIN, y, line)
        pdf.text(330.0, y + offset, cells[(2 * i) % len(cells)])
        pdf.text(430.0, y + 2 * offset, cells[(2 * i + 1) % len(cells)])
        y += pitch
    pdf.output(str(path))
    return path


def columns_between_captions(path: Path, top_caption: str, left: Sequence[str], right: Sequence[str],
                             bottom_caption: str) -> Path:
    """Two columns between two page-wide floats: a centred caption over the gutter above
    them, a page-wide caption below them (figure captions above and below the text)."""
    pdf = new_pdf()
    pdf.add_page()
    pdf.set_font("Helvetica", size=8)
    width = pdf.get_string_width(top_caption)
    pdf.text((PAGE_W - width) / 2, 150.0, top_caption)
    pdf.set_font("Helvetica", size=SIZE)
    col_w = (PAGE_W - 2 * MARGIN - 20) / 2
    a = Column(MARGIN, col_w, 180.0, 700.0)
    b = Column(MARGIN + col_w + 20, col_w, 180.0, 700.0)
    for text in left:
        put_paragraph(pdf, a, text)
    for text in right:
        put_paragraph(pdf, b, text)
    pdf.set_font("Helvetica", size=8)
    for i, line in enumerate(wrap(pdf, bottom_caption, PAGE_W - 2 * MARGIN)):
        pdf.text(MARGIN, 760.0 + i * 10, line)
    pdf.output(str(path))
    return path


def italic_last_line(path: Path, lines: Sequence[str], italic_last: str, next_paragraph: str) -> Path:
    """A paragraph in Times whose last, short line is wholly italic (an italic phrase
    that wrapped), then another paragraph."""
    pdf = new_pdf()
    pdf.add_page()
    pdf.set_font("Times", size=SIZE)
    column = Column(MARGIN, 300.0, 100.0, PAGE_H - 80)
    put_lines(pdf, column, lines, indent=14.0)
    pdf.set_font("Times", style="I", size=SIZE)
    put_lines(pdf, column, [italic_last])
    pdf.set_font("Times", size=SIZE)
    put_paragraph(pdf, column, next_paragraph)
    pdf.output(str(path))
    return path


def single_page_furniture(path: Path, paragraphs: Sequence[str], header: str, footer_pieces: Sequence[str],
                          stamp: str = "", n_pages: int = 1) -> Path:
    """Pages with a small running title set off above the text, a footer of short pieces
    spread left, centre and right just under the text, and optionally a stamp in the top
    margin ("Downloaded from ..."). With one page nothing repeats: each page must show its
    furniture by itself."""
    pdf = new_pdf()
    for _ in range(n_pages):
        pdf.add_page()
        if stamp:
            pdf.set_font("Helvetica", size=7)
            pdf.text(150.0, 12.0, stamp)
        pdf.set_font("Helvetica", size=8)
        pdf.text(MARGIN, 50.0, header)
        pdf.set_font("Helvetica", size=SIZE)
        column = Column(MARGIN, PAGE_W - 2 * MARGIN, 110.0, PAGE_H - 80)
        for text in paragraphs:
            put_paragraph(pdf, column, text)
        pdf.set_font("Helvetica", size=SIZE)
        y = column.y + 2
        slots = [MARGIN, PAGE_W / 2 - 30, PAGE_W - MARGIN - 60]
        for x, piece in zip(slots, footer_pieces):
            pdf.text(x, y, piece)
    pdf.output(str(path))
    return path
