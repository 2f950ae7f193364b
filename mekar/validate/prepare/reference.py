"""What the other worksheets say, for the checks that cross worksheets.

The roster is checked against the OPD list, check-ins and Zoom logs against the roster and
the catalog. `Reference` carries those lists from one worksheet's validation to the next
(or from the warehouse, when a worksheet failed or was skipped this run), and words the
"not found" messages so a row pointing at a quarantined row says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mekar.validate.names import fold_opd_token


@dataclass
class Reference:
    """What other worksheets say, for checks that cross worksheets."""

    opd_codes: set[str] = field(default_factory=set)
    opd_by_token: dict[str, str] = field(default_factory=dict)  # folded name/alias -> code
    roster_nips: set[str] = field(default_factory=set)
    session_codes: set[str] = field(default_factory=set)
    # Rows that exist but were quarantined themselves, so a row pointing at them can say so
    # instead of "not found": NIP / Kode Kegiatan -> "master/pegawai baris 9: opd_unknown".
    rejected_nips: dict[str, str] = field(default_factory=dict)
    rejected_sessions: dict[str, str] = field(default_factory=dict)
    read_kinds: set[str] = field(default_factory=set)  # worksheets read this run
    # Data rows each worksheet had when last loaded (warehouse reference only).
    loaded_rows: dict[tuple[str, str], int] = field(default_factory=dict)
    # (Kode Kegiatan, folded name) of the Zoom rows that carry a name a `cocokkan`
    # correction looks for: the logs read this run and, for the others, the warehouse's.
    zoom_name_hits: set[tuple[str, str]] = field(default_factory=set)
    # Policy: the most JP an outside-learning report may claim per calendar day (rule 10).
    jp_per_day: int = 10

    def zoom_name_found(self, code: str, name: str) -> bool:
        """Whether a Zoom log holds `name` (folded as written): the session's log, or any
        log when `code` is empty."""
        if code:
            return (code, name) in self.zoom_name_hits
        return any(hit == name for _, hit in self.zoom_name_hits)

    def unknown_nip(self, nip: str) -> str:
        if nip in self.rejected_nips:
            return (
                f"NIP {nip} ada di daftar pegawai tetapi barisnya dikarantina "
                f"({self.rejected_nips[nip]})"
            )
        return f"NIP {nip} tidak ada di daftar pegawai (master/pegawai)"

    def unknown_session(self, code: str, what: str = "Kode Kegiatan") -> str:
        if code in self.rejected_sessions:
            return (
                f"{what} '{code}' ada di katalog tetapi barisnya dikarantina "
                f"({self.rejected_sessions[code]})"
            )
        return f"{what} '{code}' tidak ada di katalog kegiatan"

    def session_values(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(codes in the catalog, codes only on quarantined catalog rows), sorted: the value
        sets the session rules check a Kode Kegiatan column against. Built once while the
        catalog stays the same (every Zoom tab asks)."""
        stamp = (len(self.session_codes), len(self.rejected_sessions))
        if getattr(self, "_sessions_stamp", None) != stamp:
            self._sessions_stamp = stamp
            self._sessions = (
                tuple(sorted(self.session_codes)),
                tuple(sorted(self.rejected_sessions.keys() - self.session_codes)),
            )
        return self._sessions

    def add_opd(self, code: str, name: str, aliases: str | None) -> None:
        self.opd_codes.add(code)
        for written in [code, name, *(aliases or "").split(";")]:
            if written.strip():
                self.opd_by_token.setdefault(fold_opd_token(written), code)

    @property
    def opd_tokens(self) -> frozenset[str]:
        # One frozenset object while the OPD list stays the same: it is read per roster row
        # and is part of the name caches' keys (an equal but new set costs a comparison).
        stamp = (id(self.opd_by_token), len(self.opd_by_token))
        if getattr(self, "_tokens_stamp", None) != stamp:
            self._tokens_stamp = stamp
            self._tokens = frozenset(self.opd_by_token)
        return self._tokens

    def resolve_opd(self, typed: str) -> str | None:
        """An OPD typed freely (code, name or alias) -> its code, or None."""
        return self.opd_by_token.get(fold_opd_token(typed))
