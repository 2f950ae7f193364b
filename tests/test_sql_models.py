"""SQL models on a few given rows, exact rows out (tests/sql_unit.py), on SQLite and
PostgreSQL."""

from __future__ import annotations

from tests.sql_unit import run_model

H = 3600
SESSION = {"kode_kegiatan": "K1", "mulai_s": 8 * H, "selesai_s": 11 * H}  # 08:00-11:00


def _zoom(nip, join_h, leave_h, kode="K1"):
    return {
        "nip": nip,
        "kode_kegiatan": kode,
        "join_s": int(join_h * H),
        "leave_s": int(leave_h * H),
    }


def test_attendance_is_the_union_of_intervals_clipped_to_the_session(warehouse_url):
    rows = run_model(
        warehouse_url,
        "int_zoom_attendance",
        {
            "stg_kegiatan": [SESSION],
            "int_zoom_matched": [
                # laptop on for the whole session and beyond; the phone joins twice inside it
                _zoom("A", 7.5, 11.5),
                _zoom("A", 8.5, 9.0),
                _zoom("A", 9.5, 10.0),
                # reconnects: 08:00-08:30 and 09:00-09:45, overlapping a second device 08:15-08:45
                _zoom("B", 8.0, 8.5),
                _zoom("B", 8.25, 8.75),
                _zoom("B", 9.0, 9.75),
                # only before the session: clipped to nothing
                _zoom("C", 6.0, 7.0),
                # nobody matched: never anyone's minutes
                _zoom(None, 8.0, 11.0),
            ],
        },
    )
    # A: 10,800 s, not 12,600 (comparing with the previous row's end would count the phone's
    # second join again); B: 08:00-08:45 + 09:00-09:45 = 5,400 s; C has no row.
    assert rows == [("A", "K1", 10_800), ("B", "K1", 5_400)]


def test_attendance_keeps_sessions_and_people_apart(warehouse_url):
    rows = run_model(
        warehouse_url,
        "int_zoom_attendance",
        {
            "stg_kegiatan": [SESSION, {**SESSION, "kode_kegiatan": "K2"}],
            "int_zoom_matched": [_zoom("A", 8, 9), _zoom("A", 8, 10, "K2"), _zoom("B", 10, 12)],
        },
    )
    assert rows == [("A", "K1", 3_600), ("A", "K2", 7_200), ("B", "K1", 3_600)]


def test_credit_zoom_needs_the_share_of_the_session(warehouse_url):
    session = {**SESSION, "durasi_menit": 180, "min_kehadiran": 80.0, "jp": 4, "tahun": 2023}
    rows = run_model(
        warehouse_url,
        "int_credit_zoom",
        {
            "stg_kegiatan": [session],
            "int_zoom_attendance": [
                {"nip": "A", "kode_kegiatan": "K1", "detik_hadir": 144 * 60},  # exactly 80 %
                {"nip": "B", "kode_kegiatan": "K1", "detik_hadir": 144 * 60 - 1},  # just under
            ],
        },
    )
    assert [row[:2] for row in rows] == [("A", "K1")]


def test_a_check_in_counts_on_the_session_date_for_a_roster_asn(warehouse_url):
    from datetime import date

    rows = run_model(
        warehouse_url,
        "int_credit_checkin",
        {
            "stg_kegiatan": [{"kode_kegiatan": "K1", "tanggal": date(2023, 7, 3)}],
            "stg_pegawai": [{"nip": "A"}, {"nip": "B"}],
            "stg_daftar_hadir": [
                {"nip": "A", "kode_kegiatan": "K1", "tanggal": date(2023, 7, 3)},
                {"nip": "A", "kode_kegiatan": "K1", "tanggal": date(2023, 7, 3)},  # twice: once
                {"nip": "B", "kode_kegiatan": "K1", "tanggal": date(2023, 7, 4)},  # next day
                {"nip": "X", "kode_kegiatan": "K1", "tanggal": date(2023, 7, 3)},  # not on roster
                {"nip": "A", "kode_kegiatan": "K9", "tanggal": date(2023, 7, 3)},  # no session
            ],
        },
    )
    assert rows == [("A", "K1")]


def test_the_latest_needs_response_of_a_year_stands(warehouse_url):
    def response(nip, tahun, at, baris, topik):
        return {
            "nip": nip,
            "tahun": tahun,
            "submitted_at": at,
            "baris": baris,
            "topik": topik,
            "unit_kerja": "Dinkes",
            "kode_opd_tertulis": "DINKES",
        }

    rows = run_model(
        warehouse_url,
        "int_kebutuhan_standing",
        {
            "stg_kebutuhan": [
                response("A", 2023, "2023-07-05 10:00:00", 2, "lama"),
                response("A", 2023, "2023-08-01 09:00:00", 9, "baru"),
                response("A", 2022, "2022-12-01 09:00:00", 3, "tahun lalu"),
                # the same second twice: the later sheet row stands
                response("B", 2023, "2023-07-05 10:00:00", 4, "pertama"),
                response("B", 2023, "2023-07-05 10:00:00", 5, "kedua"),
            ]
        },
    )
    assert [(r[0], r[1], r[3]) for r in rows] == [
        ("A", 2022, "tahun lalu"),
        ("A", 2023, "baru"),
        ("B", 2023, "kedua"),
    ]


def test_a_name_identifies_only_one_active_asn(warehouse_url):
    rows = run_model(
        warehouse_url,
        "int_roster_name",
        {
            "stg_pegawai": [
                {"nip": "A", "nama_kunci": "budi santoso", "aktif": True},
                {"nip": "B", "nama_kunci": "sri wahyuni", "aktif": True},
                {"nip": "C", "nama_kunci": "sri wahyuni", "aktif": True},  # shared: nobody
                {"nip": "D", "nama_kunci": "ani", "aktif": False},  # inactive
                {"nip": "E", "nama_kunci": "", "aktif": True},  # no name
            ]
        },
    )
    assert rows == [("budi santoso", "A")]


def test_a_session_is_credited_once_with_every_evidence_named(warehouse_url):
    rows = run_model(
        warehouse_url,
        "fct_credits",
        {
            "stg_kegiatan": [
                {"kode_kegiatan": "K1", "tahun": 2023, "jp": 4},
                {"kode_kegiatan": "K2", "tahun": 2023, "jp": 2},
            ],
            "int_credit_zoom": [
                {"nip": "A", "kode_kegiatan": "K1"},
                {"nip": "B", "kode_kegiatan": "K1"},
            ],
            "int_credit_checkin": [
                {"nip": "A", "kode_kegiatan": "K1"},
                {"nip": "C", "kode_kegiatan": "K2"},
            ],
            "int_zoom_attendance": [
                {"nip": "A", "kode_kegiatan": "K1", "detik_hadir": 10_000},
                {"nip": "B", "kode_kegiatan": "K1", "detik_hadir": 9_000},
                {"nip": "C", "kode_kegiatan": "K2", "detik_hadir": 30},  # below the bar
                {"nip": "E", "kode_kegiatan": "K2", "detik_hadir": 60},
            ],
            # standing corrections (rule 9): given whatever the minutes, withdrawn whatever
            # the evidence
            "int_koreksi_kredit": [
                {"nip": "C", "kode_kegiatan": "K2", "jenis": "beri"},
                {"nip": "D", "kode_kegiatan": "K2", "jenis": "beri"},
                {"nip": "E", "kode_kegiatan": "K2", "jenis": "beri"},
                {"nip": "B", "kode_kegiatan": "K1", "jenis": "cabut"},
                {"nip": "F", "kode_kegiatan": "K1", "jenis": "cabut"},  # nothing to withdraw
            ],
        },
    )
    assert rows == [
        (2023, "A", "K1", 4, "zoom+daftar_hadir", 166.7),
        (2023, "C", "K2", 2, "daftar_hadir+koreksi", 0.5),
        (2023, "D", "K2", 2, "koreksi", None),
        (2023, "E", "K2", 2, "koreksi", 1.0),
    ]


def test_compliance_per_active_asn_and_year_against_the_target(warehouse_url):
    def asn(nip, jenis, aktif=True):
        return {
            "nip": nip,
            "nama": f"ASN {nip}",
            "kode_opd": "DINKES",
            "jenis_asn": jenis,
            "jabatan": "Analis",
            "jenis_jabatan": "Pengawas" if nip == "A" else "Fungsional",
            "aktif": aktif,
        }

    def session(tahun, kode, jenis, bentuk):
        return {"tahun": tahun, "kode_kegiatan": kode, "jenis_kompetensi": jenis, "bentuk": bentuk}

    rows = run_model(
        warehouse_url,
        "fct_compliance",
        {
            "stg_kegiatan": [
                session(2022, "K22", "Teknis", "Workshop"),
                session(2023, "K1", "Teknis", "Seminar"),
                session(2023, "K2", "Manajerial", "Pelatihan Kepemimpinan Pengawas"),
            ],
            "stg_pegawai": [asn("A", "PNS"), asn("B", "PPPK"), asn("C", "PNS", aktif=False)],
            "cfg_target": [
                {"tahun": 2022, "jenis_asn": "PNS", "target_jp": 20},
                {"tahun": 2022, "jenis_asn": "PPPK", "target_jp": 20},
                {"tahun": 2023, "jenis_asn": "PNS", "target_jp": 20},
                {"tahun": 2023, "jenis_asn": "PPPK", "target_jp": 24},
            ],
            "fct_credits": [
                {"tahun": 2023, "nip": "A", "kode_kegiatan": "K1", "jp": 12},
                {"tahun": 2023, "nip": "A", "kode_kegiatan": "K2", "jp": 8},
                {"tahun": 2022, "nip": "A", "kode_kegiatan": "K22", "jp": 30},  # not for 2023
                {"tahun": 2023, "nip": "B", "kode_kegiatan": "K1", "jp": 20},
                {"tahun": 2023, "nip": "C", "kode_kegiatan": "K1", "jp": 40},  # inactive
            ],
            # accepted outside learning counts toward the year too (rule 10), shown apart
            "fct_credits_mandiri": [
                {"tahun": 2023, "nip": "B", "jp": 6, "jenis_kompetensi": "Teknis"}
                | {"bentuk": "Pelatihan Fungsional"},
                {"tahun": 2024, "nip": "A", "jp": 9, "jenis_kompetensi": "Teknis"}  # no row
                | {"bentuk": "Kursus"},
            ],
            # sessions whose evidence a correction decided, counted for the pages
            "fct_evidence": [
                {"tahun": 2023, "nip": "B", "dikoreksi": 1},
                {"tahun": 2023, "nip": "B", "dikoreksi": 1},
                {"tahun": 2023, "nip": "A", "dikoreksi": 0},
            ],
        },
    )
    # ..., jp_kegiatan, jp_mandiri, sesi_dikoreksi, jp_teknis (IP ASN counts technical JP)
    assert [(r[0], r[1], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13]) for r in rows] == [
        (2022, "A", 30, 20, 1, 0, 30, 0, 0, 30),
        (2022, "B", 0, 20, 0, 20, 0, 0, 0, 0),
        (2023, "A", 20, 20, 1, 0, 20, 0, 0, 12),
        (2023, "B", 26, 24, 1, 0, 20, 6, 2, 26),
    ]
    # IP ASN's other indicators from the form of development: jenis jabatan, kepemimpinan,
    # fungsional, seminar/workshop/magang/kursus
    assert [(r[0], r[1], *r[14:]) for r in rows] == [
        (2022, "A", "Pengawas", 0, 0, 1),  # the 2022 workshop
        (2022, "B", "Fungsional", 0, 0, 0),
        (2023, "A", "Pengawas", 1, 0, 1),  # K2 is a diklat kepemimpinan, K1 a seminar
        (2023, "B", "Fungsional", 0, 1, 1),  # an accepted pelatihan fungsional, K1
    ]


def test_an_email_identifies_only_one_asn(warehouse_url):
    rows = run_model(
        warehouse_url,
        "int_roster_email",
        {
            "stg_pegawai": [
                {"nip": "A", "email": "a@x.id"},
                {"nip": "B", "email": "shared@x.id"},
                {"nip": "C", "email": "shared@x.id"},
                {"nip": "D", "email": None},
            ]
        },
    )
    assert rows == [("a@x.id", "A")]


def test_dim_opd_is_the_opd_list(warehouse_url):
    rows = run_model(
        warehouse_url,
        "dim_opd",
        {"stg_opd": [{"kode_opd": "DINKES", "nama_opd": "Dinas Kesehatan", "email": None}]},
    )
    assert rows == [("DINKES", "Dinas Kesehatan", None)]


def test_dim_kegiatan_writes_dates_as_iso_text(warehouse_url):
    from datetime import date

    session = {
        "kode_kegiatan": "K1",
        "nama_kegiatan": "BerAKHLAK",
        "tanggal": date(2023, 7, 3),
        "tahun": 2023,
        "jam_mulai": "08:00",
        "jam_selesai": "11:00",
        "durasi_menit": 180,
        "jp": 4,
        "jalur": "Klasikal",
        "bentuk": "Seminar",
        "jenis_kompetensi": "Sosial Kultural",
        "moda": "Daring",
        "narasumber": None,
        "min_kehadiran": 80.0,
    }
    [row] = run_model(warehouse_url, "dim_kegiatan", {"stg_kegiatan": [session]})
    assert row[:4] == ("K1", "BerAKHLAK", "2023-07-03", 2023)


def test_unmatched_zoom_rows_leave_out_guests(warehouse_url):
    def row(baris, nip, guest, name):
        return {
            "kode_kegiatan": "K1",
            "baris": baris,
            "nama_zoom": name,
            "email": None,
            "nip": nip,
            "guest": guest,
            "join_s": 8 * H,
            "leave_s": 8 * H + 90,
        }

    rows = run_model(
        warehouse_url,
        "rpt_zoom_unmatched",
        {
            "stg_kegiatan": [{"kode_kegiatan": "K1", "tahun": 2023}],
            "int_zoom_matched": [
                row(2, None, 0, "iPhone 11"),
                row(3, None, 1, "Tamu"),  # a guest nobody matches: dropped (rule 2)
                row(4, "A", 0, "Budi"),  # matched: not for review
            ],
        },
    )
    assert rows == [(2023, "K1", 2, "iPhone 11", None, 1.5)]


def test_sessions_per_opd_count_its_credited_asn(warehouse_url):
    from datetime import date

    rows = run_model(
        warehouse_url,
        "agg_opd_kegiatan",
        {
            "fct_credits": [
                {"tahun": 2023, "nip": "A", "kode_kegiatan": "K1"},
                {"tahun": 2023, "nip": "B", "kode_kegiatan": "K1"},
                {"tahun": 2023, "nip": "C", "kode_kegiatan": "K1"},
            ],
            "stg_pegawai": [
                {"nip": "A", "kode_opd": "DINKES"},
                {"nip": "B", "kode_opd": "DINKES"},
                {"nip": "C", "kode_opd": "SETDA"},
            ],
            "stg_kegiatan": [
                {
                    "kode_kegiatan": "K1",
                    "nama_kegiatan": "BerAKHLAK",
                    "tanggal": date(2023, 7, 3),
                    "jp": 4,
                }
            ],
        },
    )
    assert rows == [
        (2023, "DINKES", "K1", "BerAKHLAK", "2023-07-03", 4, 2),
        (2023, "SETDA", "K1", "BerAKHLAK", "2023-07-03", 4, 1),
    ]


def test_unit_kerja_that_differs_from_the_roster(warehouse_url):
    def standing(nip, typed, code):
        return {"nip": nip, "tahun": 2023, "unit_kerja": typed, "kode_opd_tertulis": code}

    rows = run_model(
        warehouse_url,
        "rpt_unit_kerja",
        {
            "int_kebutuhan_standing": [
                standing("A", "Dinkes", "DINKES"),  # as on the roster: not listed
                standing("B", "Puskesmas Tangen", None),  # matches no OPD
                standing("C", "Setda", "SETDA"),  # another OPD than the roster's
                standing("D", "Setda", "SETDA"),  # inactive: not listed
            ],
            "stg_pegawai": [
                {"nip": "A", "kode_opd": "DINKES", "aktif": True},
                {"nip": "B", "kode_opd": "DINKES", "aktif": True},
                {"nip": "C", "kode_opd": "DINKES", "aktif": True},
                {"nip": "D", "kode_opd": "DINKES", "aktif": False},
            ],
        },
    )
    assert rows == [
        (2023, "DINKES", "Puskesmas Tangen", None, 1),
        (2023, "DINKES", "Setda", "SETDA", 1),
    ]


def test_zoom_rows_match_by_nip_then_email_then_correction_then_name(warehouse_url):
    def z(baris, tampilan=None, asli=None, email=None, kunci=None, kunci_asli=None, **written):
        return {
            "kode_kegiatan": written.pop("kode", "K1"),
            "row_key": f"r{baris}",
            "baris": baris,
            "nama_zoom": f"nama {baris}",
            "email": email,
            "guest": 0,
            "join_s": 0,
            "leave_s": 60,
            "nip_tampilan": tampilan,
            "nip_asli": asli,
            "kunci_tampilan": kunci,
            "kunci_asli": kunci_asli,
            "tertulis_tampilan": written.get("tertulis"),
            "tertulis_asli": written.get("tertulis_asli"),
        }

    rows = run_model(
        warehouse_url,
        "int_zoom_matched",
        {
            "stg_zoom": [
                z(2, tampilan="A", email="b@x.id", kunci="carla"),  # the NIP in the name wins
                z(3, asli="A"),  # the NIP in the original name
                z(4, email="b@x.id", kunci="carla"),  # then the email
                z(5, kunci="zzz", kunci_asli="carla"),  # then the original name
                z(6, tampilan="X", kunci="nobody"),  # a NIP not on the roster, no name: none
                # a correction for this session, before one for every session and the name
                z(7, kunci="carla", tertulis="hp dina"),
                z(8, kunci="carla", tertulis="hp dina", kode="K2"),  # every session's
                z(9, tertulis="zoom", tertulis_asli="hp dina", kode="K3"),
                z(10, email="b@x.id", tertulis="hp dina"),  # the email comes first
                z(14, tampilan="A", tertulis="hp dina"),  # and a NIP in the name before it
                # rule 2c: written exactly as one active ASN's name
                z(11, kunci="kukuh raharjo", tertulis="h. kukuh raharjo, a.md.kes."),
                # written as two ASN's names: no one, and not read again stripped
                z(12, kunci="carla", tertulis="carla s."),
                # written as no ASN's name: stripped, as before
                z(13, kunci="carla", tertulis="dr. carla"),
            ],
            "stg_pegawai": [{"nip": n} for n in "ABCDEKL"],
            "int_roster_email": [{"email": "b@x.id", "nip": "B"}],
            "int_roster_name": [{"nama_kunci": "carla", "nip": "C"}],
            "int_roster_name_tertulis": [
                {"nama_tertulis": "h. kukuh raharjo, a.md.kes.", "nip": "K", "jumlah": 1},
                {"nama_tertulis": "carla s.", "nip": "C", "jumlah": 2},
            ],
            "int_koreksi_cocokkan": [
                {"kode_sasaran": "K1", "nama_kunci": "hp dina", "nip": "D"},
                {"kode_sasaran": None, "nama_kunci": "hp dina", "nip": "E"},
            ],
        },
    )
    assert sorted((r[2], r[8], r[9]) for r in rows) == [
        (2, "A", "nip"),
        (3, "A", "nip"),
        (4, "B", "email"),
        (5, "C", "nama"),
        (6, None, None),
        (7, "D", "koreksi"),
        (8, "E", "koreksi"),
        (9, "E", "koreksi"),
        (10, "B", "email"),
        (11, "K", "nama"),
        (12, None, None),
        (13, "C", "nama"),
        (14, "A", "nip"),
    ]


def test_names_as_written_count_their_active_owners(warehouse_url):
    rows = run_model(
        warehouse_url,
        "int_roster_name_tertulis",
        {
            "stg_pegawai": [
                {"nip": "A", "nama_tertulis": "h. kukuh raharjo, a.md.kes.", "aktif": True},
                {"nip": "B", "nama_tertulis": "kukuh raharjo", "aktif": True},
                {"nip": "C", "nama_tertulis": "kukuh raharjo", "aktif": True},
                {"nip": "D", "nama_tertulis": "h. kukuh raharjo, a.md.kes.", "aktif": False},
                {"nip": "E", "nama_tertulis": "", "aktif": True},
            ]
        },
    )
    assert rows == [("h. kukuh raharjo, a.md.kes.", "A", 1), ("kukuh raharjo", "B", 2)]


def test_the_latest_name_correction_stands_per_session_and_name(warehouse_url):
    def c(baris, kode, nama, nip, at):
        return {
            "kode_sasaran": kode,
            "nama_kunci": nama,
            "nip": nip,
            "baris": baris,
            "submitted_at": at,
        }

    rows = run_model(
        warehouse_url,
        "int_koreksi_cocokkan",
        {
            "stg_koreksi_cocokkan": [
                c(2, "K1", "hp dina", "A", "2023-09-05 09:00:00"),
                c(3, "K1", "hp dina", "B", "2023-09-06 09:00:00"),  # later: stands
                c(4, None, "hp dina", "C", "2023-09-01 09:00:00"),  # every session: apart
                c(5, None, "hp dina", "D", "2023-08-01 09:00:00"),
            ]
        },
    )
    assert sorted(rows, key=str) == sorted(
        [("K1", "hp dina", "B"), (None, "hp dina", "C")], key=str
    )


def test_the_latest_credit_correction_stands_per_nip_and_session(warehouse_url):
    def c(baris, nip, kode, jenis, at):
        return {
            "kode_kegiatan": kode,
            "nip": nip,
            "baris": baris,
            "jenis": jenis,
            "alasan": f"alasan {baris}",
            "oleh": "Admin",
            "submitted_at": at,
        }

    rows = run_model(
        warehouse_url,
        "int_koreksi_kredit",
        {
            "stg_koreksi": [
                c(2, "A", "K1", "cabut", "2023-10-09 08:00:00"),
                c(3, "A", "K1", "beri", "2023-11-03 10:00:00"),  # later, though a row above
                c(4, "B", "K1", "beri", "2023-10-12 09:00:00"),
                c(5, "B", "K1", "cabut", "2023-11-03 10:00:00"),
                c(6, "B", "K2", "beri", "2023-10-12 09:00:00"),
            ]
        },
    )
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        ("A", "K1", "beri", "alasan 3"),
        ("B", "K1", "cabut", "alasan 5"),
        ("B", "K2", "beri", "alasan 6"),
    ]


def test_evidence_names_every_trace_and_why_it_was_credited_or_not(warehouse_url):
    rows = run_model(
        warehouse_url,
        "fct_evidence",
        {
            "stg_kegiatan": [
                {
                    "kode_kegiatan": "K1",
                    "tahun": 2023,
                    "min_kehadiran": 75.0,
                    "durasi_menit": 135,
                }
            ],
            "stg_pegawai": [{"nip": n} for n in "ABCDEFG"],
            "int_zoom_matched": [
                {"nip": "A", "kode_kegiatan": "K1", "metode": "nip"},
                {"nip": "B", "kode_kegiatan": "K1", "metode": "nama"},
                # joined outside the window: 0 min; BKPSDM gave E this row (cocokkan)
                {"nip": "E", "kode_kegiatan": "K1", "metode": "koreksi"},
                {"nip": None, "kode_kegiatan": "K1", "metode": None},  # unmatched: no one's
            ],
            "int_zoom_attendance": [
                {"nip": "A", "kode_kegiatan": "K1", "detik_hadir": 6075},
                {"nip": "B", "kode_kegiatan": "K1", "detik_hadir": 5895},
            ],
            "int_credit_zoom": [{"nip": "A", "kode_kegiatan": "K1"}],
            "stg_daftar_hadir": [
                {"nip": "A", "kode_kegiatan": "K1"},
                {"nip": "C", "kode_kegiatan": "K1"},
                {"nip": "F", "kode_kegiatan": "K1"},  # checked in on another day
            ],
            "int_credit_checkin": [
                {"nip": "A", "kode_kegiatan": "K1"},
                {"nip": "C", "kode_kegiatan": "K1"},
            ],
            "int_koreksi_kredit": [
                {
                    "nip": "C",
                    "kode_kegiatan": "K1",
                    "jenis": "cabut",
                    "alasan": "titip",
                    "oleh": "Kabid",
                },
                {
                    "nip": "G",
                    "kode_kegiatan": "K1",
                    "jenis": "beri",
                    "alasan": "panitia",
                    "oleh": "Admin",
                },
            ],
            "fct_credits": [
                {"nip": "A", "kode_kegiatan": "K1"},
                {"nip": "G", "kode_kegiatan": "K1"},
            ],
        },
    )
    # nip, minutes, needed, check-in, correction, credited, corrected, why
    assert [(r[1], round(r[3], 2), r[4], r[5], r[6], r[9], r[10], r[11]) for r in rows] == [
        ("A", 101.25, 101.25, 1, None, 1, 0, "zoom"),
        ("B", 98.25, 101.25, 0, None, 0, 0, "kurang_hadir"),
        ("C", 0.0, 101.25, 1, "cabut", 0, 1, "koreksi_cabut"),
        ("E", 0.0, 101.25, 0, None, 0, 1, "kurang_hadir"),
        ("F", 0.0, 101.25, 0, None, 0, 0, "daftar_hadir_salah_tanggal"),
        ("G", 0.0, 101.25, 0, "beri", 1, 1, "koreksi_beri"),
    ]


def _report(baris, nip, at, cert=None, nama="webinar asn", jp=4, status="diterima", **dates):
    return {
        "nip": nip,
        "tahun": 2023,
        "minggu_tahun": 2023,
        "minggu": 33,
        "baris": baris,
        "kode_laporan": f"MANDIRI-{cert}" if cert else f"MANDIRI-R{baris}",
        "nama_kegiatan": nama.title(),
        "nama_kunci": nama,
        "penyelenggara": "BKN",
        "bentuk": "Seminar",
        "jalur": "Klasikal",
        "jenis_kompetensi": "Manajerial",
        "nomor_sertifikat": cert,
        "bukti": None,
        "jp": jp,
        "status": status,
        "catatan": None,
        "diperiksa_oleh": None,
        "tanggal_mulai": dates.get("mulai", "2023-08-17"),
        "tanggal_selesai": dates.get("selesai", "2023-08-17"),
        "submitted_at": at,
    }


def test_an_outside_report_stands_once_per_certificate_or_name_and_date(warehouse_url):
    rows = run_model(
        warehouse_url,
        "int_pengembangan_standing",
        {
            "stg_pengembangan": [
                _report(2, "A", "2023-09-01 08:00:00", cert="C/1", jp=4),
                _report(3, "A", "2023-09-20 08:00:00", cert="C/1", jp=3),  # resent: stands
                _report(4, "B", "2023-09-01 08:00:00", cert="C/1", jp=2),  # another NIP
                _report(5, "A", "2023-10-02 08:00:00", jp=3),  # no number: name and date
                _report(6, "A", "2023-10-16 08:00:00", jp=2),  # the same again: stands
                _report(7, "A", "2023-10-30 08:00:00", jp=2, selesai="2023-10-26"),
                _report(8, "A", "2023-11-01 08:00:00", cert="C/2", status="ditolak"),
            ]
        },
    )
    assert [(r[0], r[4], r[5], r[14], r[15]) for r in rows] == [
        ("A", 3, "MANDIRI-C/1", 3, "diterima"),
        ("A", 6, "MANDIRI-R6", 2, "diterima"),
        ("A", 7, "MANDIRI-R7", 2, "diterima"),
        ("A", 8, "MANDIRI-C/2", 4, "ditolak"),
        ("B", 4, "MANDIRI-C/1", 2, "diterima"),
    ]


def test_accepted_outside_learning_earns_once_and_not_twice_with_a_session(warehouse_url):
    rows = run_model(
        warehouse_url,
        "fct_credits_mandiri",
        {
            "int_pengembangan_standing": [
                _report(
                    2,
                    "A",
                    "t",
                    cert="C/1",
                    nama="literasi digital asn",
                    mulai="2023-07-16",
                    selesai="2023-07-18",
                ),
                _report(
                    3,
                    "B",
                    "t",
                    cert="C/2",
                    nama="literasi digital asn",
                    mulai="2023-07-16",
                    selesai="2023-07-18",
                ),
                _report(
                    4,
                    "A",
                    "t",
                    cert="C/3",
                    nama="literasi digital asn",
                    mulai="2023-07-18",
                    selesai="2023-07-19",
                ),  # not on the session's day
                _report(5, "A", "t", cert="C/4", status="ditolak"),
                _report(6, "A", "t", cert="C/5", status="menunggu"),
            ],
            "stg_kegiatan": [
                {
                    "kode_kegiatan": "K2",
                    "tahun": 2023,
                    "nama_kunci": "literasi digital asn",
                    "tanggal": "2023-07-17",
                },
            ],
            # A was credited for the session itself; B was not
            "fct_credits": [{"tahun": 2023, "nip": "A", "kode_kegiatan": "K2"}],
        },
    )
    assert [(r[1], r[2], r[3]) for r in rows] == [("A", "MANDIRI-C/3", 4), ("B", "MANDIRI-C/2", 4)]


def test_opd_aggregates_per_year_every_opd(warehouse_url):
    rows = run_model(
        warehouse_url,
        "agg_opd",
        {
            "stg_kegiatan": [{"tahun": 2023}],
            "stg_opd": [
                {"kode_opd": "DINKES", "nama_opd": "Dinas Kesehatan"},
                {"kode_opd": "SETDA", "nama_opd": "Sekretariat Daerah"},
            ],
            # jp_teknis: the IP ASN indicator counts 20 JP of technical development
            "fct_compliance": [
                {"tahun": 2023, "kode_opd": "DINKES", "memenuhi": 1, "jp": 24, "jp_teknis": 20},
                {"tahun": 2023, "kode_opd": "DINKES", "memenuhi": 0, "jp": 8, "jp_teknis": 8},
                {"tahun": 2023, "kode_opd": "DINKES", "memenuhi": 0, "jp": 0, "jp_teknis": 0},
            ],
            "int_kebutuhan_standing": [{"nip": "A", "tahun": 2023}, {"nip": "D", "tahun": 2023}],
            "stg_pegawai": [
                {"nip": "A", "kode_opd": "DINKES", "aktif": True},
                {"nip": "D", "kode_opd": "DINKES", "aktif": False},
            ],
        },
    )
    assert rows == [
        (2023, "DINKES", "Dinas Kesehatan", 3, 1, 33.3, 32, 10.7, 1, 33.3, 1, 33.3),
        (2023, "SETDA", "Sekretariat Daerah", 0, 0, 0.0, 0, 0.0, 0, 0.0, 0, 0.0),  # zeros
    ]


def test_needs_per_opd_count_standing_answers_and_topics(warehouse_url):
    rows = run_model(
        warehouse_url,
        "agg_opd_kebutuhan",
        {
            "int_kebutuhan_standing": [
                {"nip": "A", "tahun": 2023, "submitted_at": "t1", "topik": "Excel "},
                {"nip": "B", "tahun": 2023, "submitted_at": "t2", "topik": "excel"},
            ],
            "stg_pegawai": [
                {"nip": "A", "kode_opd": "DINKES", "aktif": True},
                {"nip": "B", "kode_opd": "DINKES", "aktif": True},
            ],
            "stg_kebutuhan_pilihan": [
                {
                    "nip": "A",
                    "submitted_at": "t1",
                    "kategori": "jenis_kompetensi",
                    "nilai": "Teknis",
                },
                {
                    "nip": "B",
                    "submitted_at": "t2",
                    "kategori": "jenis_kompetensi",
                    "nilai": "Teknis",
                },
                {
                    "nip": "B",
                    "submitted_at": "t0",
                    "kategori": "jenis_kompetensi",
                    "nilai": "Manajerial",
                },
            ],
        },
    )
    assert rows == [
        (2023, "DINKES", "jenis_kompetensi", "Teknis", 2),  # B's superseded answer not counted
        (2023, "DINKES", "topik", "Excel", 2),  # topics folded by case and spaces
    ]


def _day_seconds(day) -> int:
    from datetime import date

    return (day - date(1970, 1, 1)).days * 86400 + 8 * H


def test_iso_weeks_of_sessions_across_year_ends(warehouse_url):
    from datetime import date

    days = {
        "K1": date(2023, 7, 3),  # Monday of week 27
        "K2": date(2021, 1, 1),  # Friday of 2020's week 53
        "K3": date(2024, 12, 30),  # Monday of 2025's week 1
    }
    rows = run_model(
        warehouse_url,
        "dim_kegiatan_minggu",
        {
            "stg_kegiatan": [
                {"tahun": d.year, "kode_kegiatan": k, "tanggal": d, "mulai_s": _day_seconds(d)}
                for k, d in days.items()
            ]
        },
    )
    assert sorted((r[1], r[3], r[4]) for r in rows) == [
        (k, *days[k].isocalendar()[:2]) for k in sorted(days)
    ]


def test_weekly_running_totals_per_asn(warehouse_url):
    rows = run_model(
        warehouse_url,
        "agg_asn_minggu",
        {
            "fct_credits": [
                {"tahun": 2023, "nip": "A", "kode_kegiatan": "K1", "jp": 4},
                {"tahun": 2023, "nip": "A", "kode_kegiatan": "K2", "jp": 2},  # same week
                {"tahun": 2023, "nip": "A", "kode_kegiatan": "K3", "jp": 6},
            ],
            "dim_kegiatan_minggu": [
                {"kode_kegiatan": "K1", "minggu_tahun": 2023, "minggu": 27},
                {"kode_kegiatan": "K2", "minggu_tahun": 2023, "minggu": 27},
                {"kode_kegiatan": "K3", "minggu_tahun": 2023, "minggu": 30},
            ],
            # accepted outside learning in the week it ended (rule 10)
            "fct_credits_mandiri": [
                {"tahun": 2023, "nip": "A", "jp": 3, "minggu_tahun": 2023, "minggu": 28},
            ],
            "fct_compliance": [{"tahun": 2023, "nip": "A", "kode_opd": "DINKES", "target_jp": 10}],
        },
    )
    assert rows == [
        (2023, 2023, 27, "A", "DINKES", 6, 6, 0, 0),
        (2023, 2023, 28, "A", "DINKES", 3, 9, 0, 3),  # all of it outside learning
        (2023, 2023, 30, "A", "DINKES", 6, 15, 1, 0),  # 9 < 10 <= 15: reached this week
    ]


def test_monthly_running_share_at_target_per_opd(warehouse_url):
    def asn(nip, opd="DINKES", target=20):
        return {"tahun": 2023, "nip": nip, "kode_opd": opd, "target_jp": target}

    rows = run_model(
        warehouse_url,
        "agg_opd_bulan",
        {
            "dim_kegiatan": [
                {"kode_kegiatan": "K7", "tanggal": "2023-07-03"},
                {"kode_kegiatan": "K8", "tanggal": "2023-08-21"},
                {"kode_kegiatan": "K12", "tanggal": "2023-12-01"},
            ],
            "fct_compliance": [asn("A"), asn("B"), asn("C", target=4), asn("D", "SETDA")],
            "fct_credits": [
                {"tahun": 2023, "nip": "A", "kode_kegiatan": "K7", "jp": 12},
                {"tahun": 2023, "nip": "A", "kode_kegiatan": "K8", "jp": 8},  # 20 in August
                {"tahun": 2023, "nip": "B", "kode_kegiatan": "K7", "jp": 12},
                {"tahun": 2023, "nip": "C", "kode_kegiatan": "K7", "jp": 4},  # target 4: July
                {"tahun": 2023, "nip": "X", "kode_kegiatan": "K7", "jp": 40},  # not active
                {"tahun": 2023, "nip": "D", "kode_kegiatan": "K12", "jp": 20},
            ],
            # B's outside learning ending in October completes 20 (rule 10: its end month)
            "fct_credits_mandiri": [
                {"tahun": 2023, "nip": "B", "jp": 8, "tanggal_selesai": "2023-10-05"},
            ],
        },
    )
    dinkes = [r[2:] for r in rows if r[1] == "DINKES"]
    assert dinkes == [(m, 3, 0) for m in range(1, 7)] + [
        (7, 3, 1), (8, 3, 2), (9, 3, 2), (10, 3, 3), (11, 3, 3), (12, 3, 3)
    ]  # fmt: skip
    assert [r[2:] for r in rows if r[1] == "SETDA"] == [(m, 1, 0) for m in range(1, 12)] + [
        (12, 1, 1)
    ]


def test_weekly_opd_totals_and_who_newly_reached_the_target(warehouse_url):
    def week(nip, minggu, jp, total, baru):
        return {
            "tahun": 2023,
            "minggu_tahun": 2023,
            "minggu": minggu,
            "nip": nip,
            "kode_opd": "DINKES",
            "jp_minggu": jp,
            "jp_kumulatif": total,
            "baru_memenuhi": baru,
        }

    rows = run_model(
        warehouse_url,
        "agg_opd_minggu",
        {
            "dim_kegiatan_minggu": [
                {"tahun": 2023, "minggu_tahun": 2023, "minggu": 27},
                {"tahun": 2023, "minggu_tahun": 2023, "minggu": 30},
            ],
            "stg_opd": [{"kode_opd": "DINKES"}, {"kode_opd": "SETDA"}],
            "agg_asn_minggu": [
                week("A", 27, 16, 16, 0),
                week("A", 30, 8, 24, 1),
                week("B", 30, 20, 20, 1),
            ],
        },
    )
    assert rows == [
        (2023, 2023, 27, "DINKES", 16, 0),
        (2023, 2023, 27, "SETDA", 0, 0),
        (2023, 2023, 30, "DINKES", 28, 2),  # A and B both reached the target this week
        (2023, 2023, 30, "SETDA", 0, 0),
    ]


def test_every_built_model_has_a_unit_test():
    import re
    from pathlib import Path

    from mekar.transform.models import load_models

    text = Path(__file__).read_text(encoding="utf-8")
    tested = set(re.findall(r'"(\w+)",\n        \{', text)) | set(
        re.findall(r'run_model\(warehouse_url, "(\w+)"', text)
    )
    built = {m.name for m in load_models() if m.layer != "staging"}
    assert built - tested == set()


def test_near_misses_stayed_half_the_bar_or_more_and_are_active(warehouse_url):
    def e(nip, menit, alasan="kurang_hadir"):
        return {
            "tahun": 2023,
            "nip": nip,
            "kode_kegiatan": "K1",
            "menit_hadir": menit,
            "menit_dibutuhkan": 144.0,
            "alasan": alasan,
        }

    rows = run_model(
        warehouse_url,
        "rpt_hampir",
        {
            "fct_evidence": [
                e("A", 72.0),  # exactly half: a near-miss
                e("B", 71.9),  # under half
                e("C", 143.9),
                e("D", 100.0),  # inactive
                e("E", 100.0, alasan="daftar_hadir"),  # credited another way
            ],
            "stg_pegawai": [
                {"nip": n, "nama": f"ASN {n}", "kode_opd": "DINKES", "aktif": n != "D"}
                for n in "ABCDE"
            ],
            "stg_kegiatan": [
                {"kode_kegiatan": "K1", "nama_kegiatan": "Etika", "tanggal": "2023-09-04"}
            ],
        },
    )
    # closest to the bar first, numbered per OPD, with the OPD's count
    assert [(r[2], r[7], r[9], r[10]) for r in rows] == [("A", 72.0, 2, 2), ("C", 143.9, 1, 2)]
