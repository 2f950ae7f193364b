"""Extract: read the contract's spreadsheets from a source and name each worksheet's kind.

One read per spreadsheet; a spreadsheet that cannot be read, or lacks a worksheet, is
recorded as a failure and the run goes on with the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mekar.bulk import bulk_stage
from mekar.errors import SourceError
from mekar.extract.base import NotRead, RawWorksheet, SheetsSource
from mekar.validate.contracts import normalise_header
from mekar.validate.invisible import drop_invisible

# (spreadsheet, worksheet title, kind). The needs form's worksheet name is configuration.
FIXED_WORKSHEETS = (
    ("master", "opd", "opd"),
    ("master", "pegawai", "pegawai"),
    ("kegiatan", "kegiatan", "kegiatan"),
    ("kegiatan", "daftar_hadir", "daftar_hadir"),
)


@dataclass
class Extracted:
    worksheets: list[tuple[str, RawWorksheet]] = field(default_factory=list)  # (kind, sheet)
    failures: list[SourceError] = field(default_factory=list)
    zoom_tabs: set[str] | None = None  # None when log_zoom could not be read
    # Every worksheet or file the source holds that this run did not use, and why.
    not_read: list[NotRead] = field(default_factory=list)
    # Optional sources the source does not have at all (kegiatan/koreksi, pengembangan):
    # the warehouse holds none of their rows either. One that failed to read is not here.
    absent: set[str] = field(default_factory=set)

    @property
    def row_count(self) -> int:
        """Rows read so far: a worksheet whose parsing is deferred counts once its cells
        were read (an unchanged CSV never is)."""
        return sum(sheet.row_count for _, sheet in self.worksheets)

    @property
    def notes(self) -> list[str]:
        """What was cleaned on the way in, per worksheet (NUL characters removed...)."""
        return [f"{sheet.where}: {note}" for _, sheet in self.worksheets for note in sheet.notes]


def _looks_like_zoom_log(sheet: RawWorksheet) -> bool:
    return any(normalise_header(cell) == "join time" for row in sheet.rows[:15] for cell in row)


def _unused(sheets: list[RawWorksheet], used: list[RawWorksheet]) -> list[NotRead]:
    """Tabs of a spreadsheet the contract does not read. A Zoom log among them is a
    mistake that would silently lose a session's attendance: that one fails the run."""
    out = []
    for sheet in sheets:
        if any(sheet is u for u in used):
            continue
        if _looks_like_zoom_log(sheet):
            out.append(
                NotRead(
                    sheet.where,
                    "berisi log Zoom tetapi tidak di spreadsheet log_zoom: pindahkan ke "
                    f"log_zoom (tab/berkas bernama Kode Kegiatan, mis. log_zoom/{sheet.title}"
                    ".csv); kehadiran kegiatan ini belum dihitung",
                    serious=True,
                )
            )
        else:
            out.append(NotRead(sheet.where, "lembar kerja ini tidak dipakai mekar, dilewati"))
    return out


def _by_title(sheets: list[RawWorksheet]) -> dict[str, RawWorksheet]:
    return {normalise_header(s.title): s for s in sheets}


def _form(
    out: Extracted, spreadsheet: str, sheets: list[RawWorksheet], names: list[str]
) -> RawWorksheet | None:
    """A Google Form's responses tab (its name depends on the form's language)."""
    tabs = _by_title(sheets)
    form = next((tabs[normalise_header(n)] for n in names if normalise_header(n) in tabs), None)
    if form is None:
        wanted = " atau ".join(f"'{n}'" for n in names)
        out.failures.append(
            SourceError(
                spreadsheet, None, f"lembar kerja jawaban formulir ({wanted}) tidak ditemukan"
            )
        )
    return form


@bulk_stage
def extract(source: SheetsSource, form_worksheet_names: list[str]) -> Extracted:
    out = Extracted()
    spreadsheets: dict[str, list[RawWorksheet]] = {}
    names = ["master", "kegiatan", "kebutuhan", "log_zoom"]
    if source.offers("pengembangan"):  # optional: outside learning (rule 10)
        names.append("pengembangan")
    else:
        out.absent.add("pengembangan")
    for name in names:
        try:
            spreadsheets[name] = source.read_spreadsheet(name)
        except SourceError as error:
            out.failures.append(error)

    for spreadsheet, title, kind in FIXED_WORKSHEETS:
        if spreadsheet not in spreadsheets:
            continue
        sheet = _by_title(spreadsheets[spreadsheet]).get(normalise_header(title))
        if sheet is None:
            found = ", ".join(s.title for s in spreadsheets[spreadsheet]) or "tidak ada"
            out.failures.append(
                SourceError(spreadsheet, title, f"lembar kerja tidak ditemukan (yang ada: {found})")
            )
        else:
            out.worksheets.append((kind, sheet))

    if "kegiatan" in spreadsheets:
        # Optional: BKPSDM's corrections (rule 9). No tab means no corrections.
        koreksi = _by_title(spreadsheets["kegiatan"]).get("koreksi")
        if koreksi is None:
            out.absent.add("koreksi")
        else:
            out.worksheets.append(("koreksi", koreksi))

    for name in ("kebutuhan", "pengembangan"):
        if name in spreadsheets:
            form = _form(out, name, spreadsheets[name], form_worksheet_names)
            if form is not None:
                out.worksheets.append((name, form))

    if "log_zoom" in spreadsheets:
        for sheet in spreadsheets["log_zoom"]:
            # A tab is named by its Kode Kegiatan; a stray space or an invisible character
            # (a zero-width space pasted with the code) must not make it another session
            # (the title keys its rows, its quarantine and its state alike).
            sheet.title = drop_invisible(sheet.title).strip()
        out.zoom_tabs = {s.title for s in spreadsheets["log_zoom"]}
        out.worksheets.extend(("zoom", s) for s in spreadsheets["log_zoom"])

    used = [sheet for _, sheet in out.worksheets]
    for name in ("master", "kegiatan", "kebutuhan", "pengembangan"):
        out.not_read += _unused(spreadsheets.get(name, []), used)
    out.not_read += source.not_read()
    return out


def extract_session(source: SheetsSource, kode: str) -> Extracted:
    """What a rerun after one session reads: its Zoom tab, and the catalog and check-in
    worksheets (the rows of other sessions are set aside by the rerun)."""
    out = Extracted()
    try:
        kegiatan = _by_title(source.read_worksheets("kegiatan", ["kegiatan", "daftar_hadir"]))
    except SourceError as error:
        out.failures.append(error)
        kegiatan = {}
    for title, kind in (("kegiatan", "kegiatan"), ("daftar_hadir", "daftar_hadir")):
        if title in kegiatan:
            sheet = kegiatan[title]
            if kind == "daftar_hadir":
                sheet = _rows_naming(sheet, kode)
            out.worksheets.append((kind, sheet))
        elif not out.failures:
            out.failures.append(SourceError("kegiatan", title, "lembar kerja tidak ditemukan"))
    try:
        tabs = source.read_worksheets("log_zoom", [kode])
    except SourceError as error:
        out.failures.append(error)
        tabs = []
    for sheet in tabs:
        sheet.title = drop_invisible(sheet.title).strip()  # as `extract` names a tab
        out.worksheets.append(("zoom", sheet))
    return out


def _rows_naming(sheet: RawWorksheet, kode: str) -> RawWorksheet:
    """The check-in rows that name the session (and everything up to the header), with
    their sheet row numbers: validating a year of check-ins for one session would cost the
    year. A row naming the session in another column only costs its own validation."""
    header_at = next((i for i, row in enumerate(sheet.rows) if any(c.strip() for c in row)), 0)
    keep = [
        i
        for i, row in enumerate(sheet.rows)
        if i <= header_at or any(drop_invisible(cell).strip() == kode for cell in row)
    ]
    return RawWorksheet(
        sheet.spreadsheet,
        sheet.title,
        [sheet.rows[i] for i in keep],
        [sheet.row_numbers[i] for i in keep],
        origin=sheet.origin,
        subset=True,
    )
