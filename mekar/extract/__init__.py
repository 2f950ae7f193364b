"""Extract: read each spreadsheet once, every cell as text with its sheet row number.

`worksheets` reads what a run needs from a source; the sources are downloaded files
(`files`) or Google Sheets through gspread (`sheets`), both behind `base.SheetsSource`;
`sheets_check` is `mekar sheets check`.
"""
