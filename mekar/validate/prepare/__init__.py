"""Turning a worksheet's text cells into typed rows plus the columns the checks look at.

Each `prepare_*` returns one record per data row (typed values, ready to load) and the row
rules, in priority order, that validation applies to those records. Parsing lives here;
deciding which rows are bad is validation's job (mekar.validate, Great Expectations).

One module per source kind: `roster` (master/opd, master/pegawai), `catalog`
(kegiatan/kegiatan), `checkins` (kegiatan/daftar_hadir), `zoom` (log_zoom/<Kode Kegiatan>),
`needs` (kebutuhan/Form Responses 1), `koreksi` (kegiatan/koreksi), `pengembangan`
(pengembangan/Form Responses 1); shared pieces in `reference` (cross-worksheet data),
`rules` (RowRule and the rules several worksheets share) and `cells` (NIP and form cells).
"""

from __future__ import annotations

from mekar.validate.nip import NIP_OK
from mekar.validate.prepare.catalog import prepare_kegiatan
from mekar.validate.prepare.checkins import prepare_daftar_hadir
from mekar.validate.prepare.koreksi import prepare_koreksi, wanted_zoom_names
from mekar.validate.prepare.needs import kebutuhan_choices, prepare_kebutuhan
from mekar.validate.prepare.pengembangan import prepare_pengembangan
from mekar.validate.prepare.reference import Reference
from mekar.validate.prepare.roster import prepare_opd, prepare_pegawai
from mekar.validate.prepare.rules import RowRule
from mekar.validate.prepare.zoom import prepare_zoom

PREPARERS = {
    "opd": prepare_opd,
    "pegawai": prepare_pegawai,
    "kebutuhan": prepare_kebutuhan,
    "kegiatan": prepare_kegiatan,
    "daftar_hadir": prepare_daftar_hadir,
    "zoom": prepare_zoom,
    "koreksi": prepare_koreksi,
    "pengembangan": prepare_pengembangan,
}

__all__ = [
    "NIP_OK",
    "PREPARERS",
    "Reference",
    "RowRule",
    "kebutuhan_choices",
    "wanted_zoom_names",
]
