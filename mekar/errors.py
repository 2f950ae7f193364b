"""Errors that carry a message meant for BKPSDM's staff (Indonesian, one line)."""


class MekarError(Exception):
    """An error the command line prints as one clear line, without a traceback."""


class SourceError(MekarError):
    """A spreadsheet or worksheet could not be read or lacks what the contract needs.

    The run goes on without that source; the warehouse keeps what it had for it.
    """

    def __init__(self, spreadsheet: str, worksheet: str | None, message: str):
        self.spreadsheet = spreadsheet
        self.worksheet = worksheet
        where = f"{spreadsheet}/{worksheet}" if worksheet else spreadsheet
        super().__init__(f"Sumber '{where}': {message}")
