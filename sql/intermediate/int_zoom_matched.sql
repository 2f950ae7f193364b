-- grain: kode_kegiatan
-- depends_on: int_koreksi_cocokkan, int_roster_email, int_roster_name, int_roster_name_tertulis, stg_pegawai, stg_zoom
-- index: kode_kegiatan
-- Each Zoom row with the roster ASN it belongs to (rules 2 and 9), or none. In order:
-- (a) a NIP written in the name that is on the roster; (b) the User Email equals a roster
-- email owned by exactly one ASN; then a BKPSDM correction (`cocokkan`) naming the row's
-- name, for this session before one for every session; (c) the name as written (case and
-- spaces folded) equals the name of exactly one active ASN, or, only when it equals no
-- active ASN's name as written, it does so with titles stripped. The display name is tried
-- before the original name at each step.
select
    z.kode_kegiatan,
    z.row_key,
    z.baris,
    z.nama_zoom,
    z.email,
    z.guest,
    z.join_s,
    z.leave_s,
    coalesce(
        by_nip_display.nip,
        by_nip_original.nip,
        by_email.nip,
        fix_display.nip,
        fix_original.nip,
        fix_all_display.nip,
        fix_all_original.nip,
        case when written_display.jumlah = 1 then written_display.nip end,
        case when written_display.nama_tertulis is null then by_name_display.nip end,
        case when written_original.jumlah = 1 then written_original.nip end,
        case when written_original.nama_tertulis is null then by_name_original.nip end
    ) as nip,
    case
        when by_nip_display.nip is not null or by_nip_original.nip is not null then 'nip'
        when by_email.nip is not null then 'email'
        when coalesce(fix_display.nip, fix_original.nip, fix_all_display.nip,
                      fix_all_original.nip) is not null then 'koreksi'
        when written_display.jumlah = 1 or written_original.jumlah = 1 then 'nama'
        when (written_display.nama_tertulis is null and by_name_display.nip is not null)
            or (written_original.nama_tertulis is null and by_name_original.nip is not null)
            then 'nama'
    end as metode
from stg_zoom as z
left join stg_pegawai as by_nip_display on by_nip_display.nip = z.nip_tampilan
left join stg_pegawai as by_nip_original on by_nip_original.nip = z.nip_asli
left join int_roster_email as by_email on by_email.email = z.email
left join int_koreksi_cocokkan as fix_display
    on fix_display.nama_kunci = z.tertulis_tampilan and fix_display.kode_sasaran = z.kode_kegiatan
left join int_koreksi_cocokkan as fix_original
    on fix_original.nama_kunci = z.tertulis_asli and fix_original.kode_sasaran = z.kode_kegiatan
left join int_koreksi_cocokkan as fix_all_display
    on fix_all_display.nama_kunci = z.tertulis_tampilan and fix_all_display.kode_sasaran is null
left join int_koreksi_cocokkan as fix_all_original
    on fix_all_original.nama_kunci = z.tertulis_asli and fix_all_original.kode_sasaran is null
left join int_roster_name_tertulis as written_display
    on written_display.nama_tertulis = z.tertulis_tampilan
left join int_roster_name_tertulis as written_original
    on written_original.nama_tertulis = z.tertulis_asli
left join int_roster_name as by_name_display on by_name_display.nama_kunci = z.kunci_tampilan
left join int_roster_name as by_name_original on by_name_original.nama_kunci = z.kunci_asli
