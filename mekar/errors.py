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


class RunIncomplete(MekarError):
    """A run that did what it could and kept it (reports written, mails sent), but not all
    of its work: some source or recipient failed. The flow run ends Failed with this as its
    result, so Prefect automations keyed on Failed see it; `summary` is what the run did."""

    def __init__(self, summary, problems: list[str]):
        self.summary = summary
        self.problems = problems
        shown = "; ".join(problems[:3]) + (
            f"; dan {len(problems) - 3} lagi" if len(problems) > 3 else ""
        )
        super().__init__(f"{len(problems)} masalah: {shown}")
