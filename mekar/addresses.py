"""Email addresses as the opd sheet and settings give them: split as people type them, and
checked as addresses, so nothing else is ever mailed, used as a file name or a header."""

from __future__ import annotations

import re

# An address as mail servers take it: a dot-atom local part (no leading, trailing or double
# dot, no slash), a domain of dot-separated labels with a letter TLD. Anything else in the
# Email cell is not mailed (and is named to BKPSDM), never turned into a path or a header.
_ADDRESS = re.compile(
    r"^(?!\.)(?!.*\.\.)[a-z0-9!#$%&'*+=?^_`{|}~.-]+(?<!\.)"
    r"@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$"
)


def _addresses(email_cell: str | None) -> list[str]:
    """The opd sheet's Email cell: `;`-separated by the contract; commas and spaces, as people
    type them, separate too. Compared in lower case, each address once."""
    seen = dict.fromkeys(a.lower() for a in re.split(r"[;,\s]+", email_cell or ""))
    return [a for a in seen if a]


def recipients_of(email_cell: str | None) -> list[str]:
    return [a for a in _addresses(email_cell) if _ADDRESS.match(a)]


def invalid_addresses_of(email_cell: str | None) -> list[str]:
    return [a for a in _addresses(email_cell) if not _ADDRESS.match(a)]
