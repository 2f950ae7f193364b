"""`mekar sheets check`: is every configured spreadsheet shared, and does each worksheet have
the columns the contract needs? Reads only titles and the first rows (two requests each)."""

from __future__ import annotations

from dataclasses import dataclass

from mekar.config import Settings
from mekar.errors import SourceError
from mekar.extract.base import RawWorksheet
from mekar.extract.sheets import GoogleSheetsSource, quote_title
from mekar.extract.worksheets import FIXED_WORKSHEETS
from mekar.validate.contracts import CONTRACTS, resolve_table

# Enough rows to find a header under a Zoom meeting preamble.
HEADER_ROWS = 10
SPREADSHEETS = ("master", "kebutuhan", "kegiatan", "log_zoom")
# Read when present: BKPSDM's corrections (a tab of kegiatan), outside learning (its own).
OPTIONAL_TAB = ("kegiatan", "koreksi")
OPTIONAL_SPREADSHEET = "pengembangan"


@dataclass(frozen=True)
class CheckLine:
    spreadsheet: str
    worksheet: str | None
    ok: bool
    text: str


def _expected(spreadsheet: str, titles: list[str], settings: Settings) -> list[tuple[str, str]]:
    """(worksheet title, kind) that the run will read from this spreadsheet."""
    if spreadsheet == "log_zoom":
        return [(t, "zoom") for t in titles]
    if spreadsheet in ("kebutuhan", OPTIONAL_SPREADSHEET):  # Google Forms' responses tab
        found = {t.casefold(): t for t in titles}
        for name in settings.form_worksheet_names:
            if name.casefold() in found:
                return [(found[name.casefold()], spreadsheet)]
        return [(settings.form_worksheet_names[0], spreadsheet)]
    fixed = [(title, kind) for sheet, title, kind in FIXED_WORKSHEETS if sheet == spreadsheet]
    if spreadsheet == OPTIONAL_TAB[0] and OPTIONAL_TAB[1] in {t.casefold() for t in titles}:
        fixed.append((OPTIONAL_TAB[1], OPTIONAL_TAB[1]))
    return fixed


def check_spreadsheet(
    source: GoogleSheetsSource, spreadsheet: str, settings: Settings
) -> list[CheckLine]:
    try:
        titles = source.worksheet_titles(spreadsheet)
        expected = _expected(spreadsheet, titles, settings)
        present = {t.casefold(): t for t in titles}
        wanted = [(present.get(t.casefold()), t, kind) for t, kind in expected]
        ranges = [f"{quote_title(found)}!1:{HEADER_ROWS}" for found, _, _ in wanted if found]
        heads = iter(source.read_ranges(spreadsheet, ranges))
    except SourceError as error:
        return [CheckLine(spreadsheet, None, False, str(error).split(": ", 1)[-1])]
    lines = []
    for found, title, kind in wanted:
        if found is None:
            lines.append(CheckLine(spreadsheet, title, False, "lembar kerja tidak ditemukan"))
            continue
        rows = [[str(c) for c in row] for row in next(heads).get("values", [])]
        try:
            table = resolve_table(
                RawWorksheet(spreadsheet, found, rows), kind, settings.header_aliases
            )
        except SourceError as error:
            lines.append(CheckLine(spreadsheet, found, False, str(error).split(": ", 1)[-1]))
            continue
        optional_missing = [c for c in CONTRACTS[kind].optional if c not in table.columns]
        note = (
            f" (kolom opsional tidak ada: {', '.join(optional_missing)})"
            if optional_missing
            else ""
        )
        lines.append(CheckLine(spreadsheet, found, True, f"ditemukan, kolom wajib lengkap{note}"))
    if spreadsheet == "log_zoom" and not titles:
        lines.append(CheckLine(spreadsheet, None, False, "tidak ada lembar kerja log Zoom"))
    return lines


def check_sheets(settings: Settings, source: GoogleSheetsSource | None = None) -> list[CheckLine]:
    source = source or GoogleSheetsSource(settings.sheets)
    lines: list[CheckLine] = []
    for spreadsheet in SPREADSHEETS:
        lines.extend(check_spreadsheet(source, spreadsheet, settings))
    if source.offers(OPTIONAL_SPREADSHEET):
        lines.extend(check_spreadsheet(source, OPTIONAL_SPREADSHEET, settings))
    else:
        lines.append(
            CheckLine(
                OPTIONAL_SPREADSHEET,
                None,
                True,
                "tidak diatur (opsional): laporan pengembangan mandiri tidak dibaca; atur "
                f"sheets.spreadsheets.{OPTIONAL_SPREADSHEET} bila BKPSDM memakainya",
            )
        )
    return lines
