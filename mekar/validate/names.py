"""Person-name folding for matching (DATA_CONTRACT.md rule 2c).

Two readings, tried in this order: the name as written with only case and white space folded
(`fold_written`), then with academic and religious titles, NIP and OPD tokens removed
(`fold_name`). The same folding is applied to roster names and Zoom names so they compare
equal. Both drop invisible characters (a zero-width space, a direction mark: see
mekar.validate.invisible) before anything else: a pasted name that looks the same is the same.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

from mekar.validate.invisible import drop_invisible
from mekar.validate.nip import strip_nips

# Titles compared without dots and case: "S.Pd." -> "spd". Prefix titles and degrees.
TITLES = frozenset(
    """
    dr drs dra dr(h) h hj ir prof ns apt kh ust ustadz
    spd skom mm se sh amd ssos sag sip sp si st sst skep skm sked sfarm sgz stp spt shut
    mpd mkom msi mh mkes mt mak msc mba map mag ma ba bsc phd amkep amkeb amd amdkep
    amdkeb amdkes amdkom amdgz akp spog spa sppd sked skg
    """.split()
)
# Titles that are also typed without their dots ("H Anton", "Dr Budi").
_BARE_TITLES = frozenset({"dr", "drs", "dra", "h", "hj", "ir", "prof"})
_SPACES = re.compile(r"\s+")
_TOKEN_SPLIT = re.compile(r"[\s,]+")
# A title typed without its space: "Dr.Ani", "H.Anton".
_GLUED_TITLE = re.compile(r"\b(dr|drs|dra|h|hj|ir|prof)\.(?=[^\W\d_])", re.IGNORECASE)
# Any degree written with two or more dotted parts: S.Pd.SD, A.Ma.Pd., S.I.Kom., M.Hum.
_DOTTED_DEGREE = re.compile(r"^(?:[A-Za-z]{1,4}\.){2,}[A-Za-z]{0,4}\.?$")
# A mistyped NIP (too few or too many digits) or a lone separator is no part of a name.
_NOT_A_NAME = re.compile(r"^(?:\d{8,}|[\W_]+)$")


def _is_title(token: str) -> bool:
    key = token.lower().replace(".", "").strip()
    if key not in TITLES:
        return False
    return "." in token or key in _BARE_TITLES


def _before_degrees(text: str) -> str:
    """Degrees follow the first comma ("Nama, S.Pd., M.M."): keep the part before it, or the
    first part that has letters when a NIP came first."""
    parts = text.split(",")
    return next((p for p in parts if any(c.isalpha() for c in p)), "")


def fold_written(text: str | None) -> str:
    """A name as written, case and white space folded: "H. Kukuh  Raharjo, A.Md.Kes." ->
    "h. kukuh raharjo, a.md.kes.". Rule 2c compares this first, so a name typed exactly as on
    the roster is not lost because other names collide once titles are stripped; corrections
    (rule 9) name Zoom rows the same way."""
    text = text or ""
    if not text.isascii():  # NFKC and the invisible characters only touch other text
        text = unicodedata.normalize("NFKC", drop_invisible(text))
    return " ".join(text.casefold().split())


def fold_name(name: str | None, opd_tokens: Collection[str] = ()) -> str:
    """Name key: titles, NIPs and trailing OPD tokens removed; lower case; single spaces.

    Roster names and Zoom names are folded alike. `opd_tokens` (a set, for speed) are folded
    OPD codes/aliases, e.g. "kec gemolong", dropped when they end a name (`NIP_Nama_OPD`);
    the longest matching ending goes.
    """
    text = name or ""
    if not text.isascii():  # most names are plain ASCII: NFKC would leave them as they are
        text = unicodedata.normalize("NFKC", drop_invisible(text))
    text = _before_degrees(strip_nips(text))
    text = _GLUED_TITLE.sub(r"\1. ", text).replace("_", " ")
    words = [
        t.lower()
        for t in _TOKEN_SPLIT.split(text)
        if t and not _is_title(t) and not _DOTTED_DEGREE.match(t) and not _NOT_A_NAME.match(t)
    ]
    if opd_tokens:
        # Looking up each ending of the name costs the same whatever the number of OPDs.
        for start in range(1, len(words)):
            if " ".join(words[start:]) in opd_tokens:
                words = words[:start]
                break
    return " ".join(words)


def split_zoom_name(cell: str | None) -> tuple[str, str | None]:
    """Zoom's `Name (Original Name)`: the display name and, when the person renamed
    themselves, the original name in the trailing parentheses."""
    text = (cell or "").strip()
    if text.endswith(")") and "(" in text:
        cut = text.rfind("(")
        display, original = text[:cut].strip(), text[cut + 1 : -1].strip()
        if display and original:
            return display, original
    return text, None


def fold_opd_token(text: str) -> str:
    """An OPD code or alias folded the way `fold_name` folds names."""
    return _SPACES.sub(" ", drop_invisible(text or "").replace("_", " ")).strip().lower()
