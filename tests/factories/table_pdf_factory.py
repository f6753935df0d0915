"""Small table PDFs drawn with fpdf2, for the table tests (written only under tmp_path).

Each builder lays out a table the way some producer might: a full ruled grid, no rules
at all, booktabs-like rules, a page-wide table on a two-column page, a table continued
on the next page. Cells are lists of lines, so wrapped cells and headers are explicit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF

Cell = list[str]  # the printed lines of one cell

LOREM = ("Adult acute lymphoblastic leukemia has seen steady progress with targeted agents and "
         "immunotherapy, and the studies summarised here report remission, residual disease and "
         "survival figures that readers compare across trials of different design and size. ")


@dataclass
class TableSpec:
    title: str
    widths: list[float]
    header: list[Cell]
    rows: list[list[Cell]]
    footnotes: list[str] = field(default_factory=list)
    rules: str = "booktabs"  # "grid", "booktabs" or "none"
    size: float = 8.0
    line_h: float = 4.0  # mm between lines inside a cell
    pad: float = 1.2  # mm above and below each row


def _pdf() -> FPDF:
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(False)
    pdf.set_margins(15, 15, 15)
    return pdf


def _row_height(spec: TableSpec, row: list[Cell]) -> float:
    return max(len(c) for c in row) * spec.line_h + 2 * spec.pad


def draw_rows(pdf: FPDF, spec: TableSpec, x: float, y: float, rows: list[list[Cell]], grid: bool) -> float:
    for row in rows:
        h = _row_height(spec, row)
        cx = x
        for cell, w in zip(row, spec.widths):
            for k, text in enumerate(cell):
                pdf.set_xy(cx + 1, y + spec.pad + k * spec.line_h)
                pdf.cell(w - 2, spec.line_h, text)
            if grid:
                pdf.rect(cx, y, w, h)
            cx += w
        y += h
    return y


def draw_table(pdf: FPDF, spec: TableSpec, x: float, y: float, rows: list[list[Cell]] | None = None,
               title: str | None = None, header: bool = True, footnotes: bool = True) -> float:
    """Draw title, header, rows and footnotes from (x, y); returns the y below the table."""
    rows = spec.rows if rows is None else rows
    width = sum(spec.widths)
    pdf.set_font("Helvetica", "B", spec.size + 0.5)
    pdf.set_xy(x, y)
    pdf.cell(width, spec.line_h + 1, spec.title if title is None else title)
    y += spec.line_h + 3
    pdf.set_font("Helvetica", "", spec.size)
    pdf.set_line_width(0.3)
    grid = spec.rules == "grid"
    if spec.rules == "booktabs":
        pdf.line(x, y, x + width, y)
    if header:
        y = draw_rows(pdf, spec, x, y, [spec.header], grid)
        if spec.rules == "booktabs":
            pdf.line(x, y, x + width, y)
    y = draw_rows(pdf, spec, x, y, rows, grid)
    if spec.rules == "booktabs":
        pdf.line(x, y, x + width, y)
    if footnotes and spec.footnotes:
        y += 1.5
        pdf.set_font("Helvetica", "", spec.size - 1)
        for note in spec.footnotes:
            pdf.set_xy(x, y)
            pdf.cell(width, spec.line_h - 0.5, note)
            y += spec.line_h - 0.5
    return y


def draw_text(pdf: FPDF, x: float, y: float, width: float, lines: int, size: float = 10) -> float:
    """Justified running text, `lines` lines high."""
    pdf.set_font("Times", "", size)
    pdf.set_xy(x, y)
    pdf.multi_cell(width, size * 0.45, (LOREM * 6)[: int(lines * width * 0.5)], align="J")
    return pdf.get_y()


# ---- standard content -----------------------------------------------------------------

HEADER = [[""], ["Agent"], ["N"], ["Median age", "(range), years"], ["Complete", "remission, %"],
          ["MRD", "negativity, %"], ["Overall survival,", "% (x-year)"]]
ROWS = [
    [["Alpha-1 [12]"], ["Blinatumomab"], ["38"], ["37 (17-59)"], ["100"], ["97*"], ["81 (3-year)"]],
    [["Beta-Gamma-", "Delta [13]"], ["Blinatumomab and", "inotuzumab"], ["25"], ["24 (18-47)"], ["100"],
     ["91**"], ["100 (1-year)"]],
    [["GRAALL-2014 [72]"], ["Inotuzumab"], ["95"], ["35 (18-60)"], ["NA"], ["74*"], ["92 (1.5 year)"]],
    [["OMEGA [9]"], ["Ponatinib"], ["30"], ["52 (40-66)"], ["88"], ["NA"], ["69 (2-year)"]],
]
WIDTHS = [40, 32, 10, 24, 20, 20, 30]
NOTES = ["MRD measurable residual disease; NA not available",
         "* MRD negativity assessed by flow cytometry at a sensitivity of 10-4",
         "** MRD negativity assessed by next-generation sequencing (clonoSEQ)"]


def standard_spec(rules: str = "booktabs", title: str = "Table 1 Outcomes of frontline trials") -> TableSpec:
    return TableSpec(title, WIDTHS, HEADER, ROWS, NOTES, rules)


def expected_cells() -> tuple[list[str], list[list[str]]]:
    """Header and rows as a reader should print them (wrapped lines joined)."""
    def join(lines: Cell) -> str:
        out = ""
        for part in lines:
            out = out + part if out.endswith("-") else (out + " " + part if out else part)
        return out
    return [join(c) for c in HEADER], [[join(c) for c in row] for row in ROWS]


# ---- builders --------------------------------------------------------------------------

def single_table_pdf(path: Path, rules: str = "booktabs") -> Path:
    """One table on a one-column page, running text above and below it."""
    pdf = _pdf()
    pdf.add_page()
    y = draw_text(pdf, 15, 20, 180, 5)
    y = draw_table(pdf, standard_spec(rules), 15, y + 8)
    draw_text(pdf, 15, y + 10, 180, 6)
    pdf.output(str(path))
    return path


def two_column_pdf(path: Path, page_wide: bool = True) -> Path:
    """Two-column page: text in both columns, a page-wide table across both (or a narrow one
    in the left column beside running text)."""
    pdf = _pdf()
    pdf.add_page()
    col_w, gap = 87, 6
    y0 = 20
    if page_wide:
        y = draw_table(pdf, standard_spec(), 15, y0)
        top = y + 10
        draw_text(pdf, 15, top, col_w, 20)
        draw_text(pdf, 15 + col_w + gap, top, col_w, 20)
    else:
        spec = TableSpec("Table 2 Narrow results", [30, 12, 20, 20], [["Study"], ["N"], ["CR, %"], ["OS, %"]],
                         [[["ALPHA [1]"], ["40"], ["80"], ["55 (2-year)"]],
                          [["BETA [2]"], ["31"], ["71"], ["NA"]],
                          [["GAMMA [3]"], ["22"], ["64"], ["40 (3-year)"]]],
                         ["CR complete remission"], "booktabs")
        draw_text(pdf, 15, y0, col_w, 6)
        draw_table(pdf, spec, 15, y0 + 30)
        draw_text(pdf, 15, y0 + 75, col_w, 10)
        draw_text(pdf, 15 + col_w + gap, y0, col_w, 40)
    pdf.output(str(path))
    return path


def continued_pdf(path: Path, titled: bool = True, rules: str = "booktabs") -> Path:
    """A table whose rows run over to page 2: with a 'Table 1 (continued)' title and the
    header repeated, or (titled=False) a body simply carried on at the top of page 2."""
    spec = standard_spec(rules)
    pdf = _pdf()
    pdf.add_page()
    y = draw_text(pdf, 15, 20, 180, 40)
    many = [[[f"Trial-{i} [{i}]"], ["Blinatumomab"], [str(20 + i)], [f"{40 + i} (18-70)"], [str(60 + i)],
             [f"{70 + i}*"], [f"{50 + i} (2-year)"]] for i in range(1, 15)]
    first, second = many[:9], many[9:]
    draw_table(pdf, spec, 15, y + 8, rows=first, footnotes=False)
    pdf.set_font("Helvetica", "", 8)
    pdf.set_xy(15, 285)
    pdf.cell(180, 4, "Page 1 of 2", align="C")
    pdf.add_page()
    if titled:
        y = draw_table(pdf, spec, 15, 20, rows=second, title="Table 1 (continued)")
    else:
        y = draw_rows(pdf, spec, 15, 20, second, rules == "grid")
        pdf.set_line_width(0.3)
        if rules == "booktabs":
            pdf.line(15, y, 15 + sum(spec.widths), y)
        pdf.set_font("Helvetica", "", spec.size - 1)
        for note in spec.footnotes:
            y += spec.line_h - 0.5
            pdf.set_xy(15, y)
            pdf.cell(180, spec.line_h - 0.5, note)
        y += 4
    draw_text(pdf, 15, y + 10, 180, 8)
    pdf.output(str(path))
    return path, [[c[0] for c in row] for row in many]


def reordered_pdf(path: Path) -> Path:
    """Columns in another order and no age column: OS first, then N, trial, CR, MRD, agent."""
    spec = TableSpec(
        "Table 4 Relapsed disease",
        [28, 12, 30, 22, 26, 34],
        [["Median OS", "(months)"], ["No. of", "patients"], ["Trial"], ["CR rate, %"], ["MRD-negative", "by NGS, %"],
         ["Treatment"]],
        [[["7.7"], ["271"], ["TOWER [15]"], ["34"], ["76"], ["Blinatumomab"]],
         [["25.4"], ["71*"], ["ZUMA-3 [131]"], ["56"], ["97"], ["Brexucabtagene", "autoleucel"]]],
        ["* 55 infused"], "none")
    pdf = _pdf()
    pdf.add_page()
    y = draw_text(pdf, 15, 20, 180, 5)
    y = draw_table(pdf, spec, 15, y + 8)
    draw_text(pdf, 15, y + 10, 180, 5)
    pdf.output(str(path))
    return path


def no_table_pdf(path: Path) -> Path:
    """Running text only, with a sentence that starts a line with 'Table 2 shows'."""
    pdf = _pdf()
    pdf.add_page()
    y = draw_text(pdf, 15, 20, 180, 10)
    pdf.set_xy(15, y + 2)
    pdf.multi_cell(180, 4.5, "Table 2 shows the outcomes of the trials discussed above, and " + LOREM, align="J")
    pdf.output(str(path))
    return path


def sideways_pdf(path: Path) -> Path:
    """A landscape table set sideways on a portrait page (text runs bottom to top)."""
    pdf = _pdf()
    pdf.add_page()
    with pdf.rotation(90, 0, 0):
        # fpdf2 rotates about (0, 0) counter-clockwise: this origin puts the content on the page
        x0, y0 = -497.0, 0.0
        y = draw_text(pdf, x0 + 15, y0 + 15, 260, 4)
        y = draw_table(pdf, standard_spec("booktabs"), x0 + 15, y + 8)
        draw_text(pdf, x0 + 15, y + 10, 260, 4)
    pdf.output(str(path))
    return path


def styled_pdf(path: Path) -> Path:
    """Another house style: centred two-line title ('TABLE 2' / title text), a spanning
    header 'Outcomes' with a partial rule under it, 'n (%)' cells, letter footnote markers,
    medians in months in a plain 'OS' column."""
    pdf = _pdf()
    pdf.add_page()
    y = draw_text(pdf, 15, 20, 180, 5) + 8
    widths = [44, 14, 26, 30, 26, 30]
    x0, width = 15 + 5, sum(widths)
    pdf.set_font("Helvetica", "B", 9)
    for text in ("TABLE 2", "Salvage studies in relapsed adult ALL"):
        pdf.set_xy(x0, y)
        pdf.cell(width, 4.5, text, align="C")
        y += 4.5
    y += 2
    pdf.set_line_width(0.3)
    pdf.line(x0, y, x0 + width, y)
    pdf.set_font("Helvetica", "", 8)
    span_x = x0 + sum(widths[:3])
    pdf.set_xy(span_x, y + 1)
    pdf.cell(sum(widths[3:]), 4, "Outcomes", align="C")
    pdf.line(span_x + 1, y + 5.5, x0 + width - 1, y + 5.5)
    y += 6.5
    header = ["Study", "N", "Age, years", "CR, n (%)", "MRD neg., %", "OS"]
    cx = x0
    for text, w in zip(header, widths):
        pdf.set_xy(cx + 1, y)
        pdf.cell(w - 2, 4, text)
        cx += w
    y += 5.5
    pdf.line(x0, y, x0 + width, y)
    rows = [["KAPPA [4]", "38b", "46 (18-79)", "25 (66)", "90a", "14.1 mo"],
            ["LAMBDA [5]", "52", "39 (20-70)", "40 (77)", "NA", "NR"],
            ["MU [6]", "19", "NA", "12 (63)", "72a", "8.4 mo"]]
    y += 1.5
    for row in rows:
        cx = x0
        for text, w in zip(row, widths):
            pdf.set_xy(cx + 1, y)
            pdf.cell(w - 2, 4, text)
            cx += w
        y += 5.5
    pdf.line(x0, y, x0 + width, y)
    pdf.set_font("Helvetica", "", 7)
    for note in ("CR complete remission; NR not reached", "a By next-generation sequencing", "b Including 4 children"):
        y += 3.5
        pdf.set_xy(x0, y)
        pdf.cell(width, 3.5, note)
    draw_text(pdf, 15, y + 12, 180, 6)
    pdf.output(str(path))
    return path


def two_tables_pdf(path: Path) -> Path:
    """Two tables on one page, the second unruled and in the right column beside text."""
    pdf = _pdf()
    pdf.add_page()
    y = draw_table(pdf, standard_spec("grid"), 15, 20)
    top = y + 10
    draw_text(pdf, 15, top, 87, 30)
    spec = TableSpec("Table 2 Narrow results", [30, 12, 20, 25], [["Study"], ["N"], ["CR, %"], ["OS, %"]],
                     [[["ALPHA [1]"], ["40"], ["80"], ["55 (2-year)"]],
                      [["BETA [2]"], ["31"], ["71"], ["NA"]]], ["CR complete remission"], "none")
    draw_text(pdf, 108, top, 87, 5)
    y = draw_table(pdf, spec, 108, top + 28)
    draw_text(pdf, 108, y + 8, 87, 12)
    pdf.output(str(path))
    return path


def rotated_page_pdf(path: Path) -> Path:
    """A landscape page made the pdflscape way: portrait MediaBox, /Rotate 90, content drawn
    turned so that a viewer shows it upright (written by hand: fpdf2 sets no /Rotate)."""
    rows = [["Study", "N", "CR, %"], ["ALPHA [1]", "40", "80"], ["BETA [2]", "31", "71"], ["GAMMA [3]", "22", "64"]]
    ops = ["BT /F1 10 Tf"]

    def text(x: float, y: float, s: str) -> None:  # (x, y) in the landscape view, origin bottom left
        ops.append(f"0 1 -1 0 {595 - y:.1f} {x:.1f} Tm ({s}) Tj")

    text(60, 540, "Table 1 Results in landscape")
    y = 500
    for row in rows:
        for s, x in zip(row, (60, 200, 260)):
            text(x, y, s)
        y -= 16
    text(60, y - 10, "CR complete remission")
    ops.append("ET 0.5 w")
    ops += [f"{595 - ly:.1f} 55 m {595 - ly:.1f} 320 l S" for ly in (525, 505, y + 10)]
    content = "\n".join(ops)
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Rotate 90 /Contents 4 0 R "
            "/Resources << /Font << /F1 5 0 R >> >> >>",
            f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{obj}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{off:010d} 00000 n \n".encode() for off in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(out)
    return path


def three_page_pdf(path: Path) -> Path:
    """A long table: titled on page 1, a bare body filling page 2, its end and footnote on page 3."""
    spec = standard_spec("booktabs")
    many = [[[f"Trial-{i} [{i}]"], ["Blinatumomab"], [str(20 + i)], [f"{40 + i} (18-70)"], [str(40 + i)],
             [f"{50 + i}*"], [f"{40 + i} (2-year)"]] for i in range(1, 46)]
    pdf = _pdf()
    pdf.add_page()
    y = draw_text(pdf, 15, 20, 180, 40)
    draw_table(pdf, spec, 15, y + 8, rows=many[:9], footnotes=False)
    pdf.add_page()
    draw_rows(pdf, spec, 15, 20, many[9:40], False)
    pdf.add_page()
    y = draw_rows(pdf, spec, 15, 20, many[40:], False)
    pdf.line(15, y, 15 + sum(spec.widths), y)
    pdf.set_font("Helvetica", "", 7)
    pdf.set_xy(15, y + 2)
    pdf.cell(100, 3.5, "* MRD by flow cytometry")
    draw_text(pdf, 15, y + 15, 180, 5)
    pdf.output(str(path))
    return path


def untitled_grid_pdf(path: Path, title: str = "", frame_margin: float = 0.0) -> Path:
    """A ruled grid (every cell boxed) between paragraphs, with no "Table N" title above it
    (or with `title`, e.g. a letter-numbered "Table A-1."). With `frame_margin`, the
    grid's right frame line stands that far beyond its last column (a frame, no column)."""
    spec = standard_spec("grid", title=title)
    pdf = _pdf()
    pdf.add_page()
    y = draw_text(pdf, 15, 20, 180, 6)
    y += 6
    if title:
        pdf.set_font("Helvetica", "B", spec.size + 0.5)
        pdf.set_xy(15, y)
        pdf.cell(180, spec.line_h + 1, title)
        y += spec.line_h + 3
    pdf.set_font("Helvetica", "", spec.size)
    pdf.set_line_width(0.3)
    top = y
    y = draw_rows(pdf, spec, 15, y, [spec.header], True)
    y = draw_rows(pdf, spec, 15, y, spec.rows, True)
    if frame_margin:
        width = sum(spec.widths) + frame_margin
        pdf.rect(15, top, width, y - top)
    draw_text(pdf, 15, y + 8, 180, 6)
    pdf.output(str(path))
    return path
