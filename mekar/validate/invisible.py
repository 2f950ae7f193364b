"""Invisible characters: format marks that a copy-paste carries into a cell unseen.

A zero-width space from a chat message, a right-to-left mark from a phone keyboard, a byte
order mark from a pasted block: the cell still reads "Anton Utami" or "198503122010011003",
yet it compares unequal to the roster, and a credit would be lost without a word. Cells are
read without them (`SheetTable.cell`), names and NIPs are folded without them wherever they
come from (mekar.validate.names, mekar.validate.nip), and a message that shows a value
writes them out (`<U+200B>`) so a person sees why it failed.

Every function has a fast path for plain ASCII text (most cells): `str.isascii` costs no
scan in CPython, and names are folded ~150k times a run.
"""

from __future__ import annotations

import re

# Unicode's format characters (general category Cf, as of Unicode 15): soft hyphen, zero
# width space/joiners, direction marks, embeddings, overrides and isolates, word joiner and
# invisible operators, byte order mark, interlinear annotation, tags, and the few script
# specific ones. None of them is part of a name, a NIP or a code as a person reads it.
_INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]"
)
# No-break spaces look like spaces and are meant as spaces: a name pasted from a web page
# or a PDF has them between its words.
_NO_BREAK = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " "})


def drop_invisible(text: str) -> str:
    """`text` without format characters, no-break spaces as plain spaces (not trimmed)."""
    if text.isascii():
        return text
    return _INVISIBLE.sub("", text).translate(_NO_BREAK)


def has_invisible(text: str) -> bool:
    """Whether `text` holds a format character (a no-break space is not one)."""
    return not text.isascii() and _INVISIBLE.search(text) is not None


def show_invisible(text: str) -> str:
    """`text` with each format character written out: a zero-width space inside "198503"
    reads "1985<U+200B>03"."""
    if text.isascii():
        return text
    return _INVISIBLE.sub(lambda m: f"<U+{ord(m.group(0)):04X}>", text)
