"""Where the spreadsheets come from: downloaded files, or Google Sheets (a later adapter)."""

from mekar.sources.base import RawWorksheet, SheetsSource

__all__ = ["RawWorksheet", "SheetsSource"]
