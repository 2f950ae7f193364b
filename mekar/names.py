"""Person-name folding for matching (DATA_CONTRACT.md rule 2c).

Academic and religious titles, NIP and OPD tokens are removed, case and white space folded.
The same folding is applied to roster names and Zoom names so they compare equal.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

from mekar.nip import strip_nips

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


def _is_title(token: str) -> bool:
    key = token.lower().replace(".", "").strip()
    if key not in TITLES:
        return False
    return "." in token or key in _BARE_TITLES


def fold_name(name: str | None, opd_tokens: Collection[str] = ()) -> str:
    """Name key: titles, NIPs and trailing OPD tokens removed; lower case; single spaces.

    `opd_tokens` (a set, for speed) are folded OPD codes/aliases, e.g. "kec gemolong", dropped
    when they end a `NIP_Nama_OPD` display name; the longest matching ending goes.
    """
    text = unicodedata.normalize("NFKC", name or "")
    text = strip_nips(text)
    text = text.replace("_", " ")
    words = [t.lower() for t in _TOKEN_SPLIT.split(text) if t and not _is_title(t)]
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
    return _SPACES.sub(" ", (text or "").replace("_", " ")).strip().lower()
