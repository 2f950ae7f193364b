-- grain: kode_kegiatan
-- depends_on: int_roster_email, int_roster_name, stg_pegawai, stg_zoom
-- index: kode_kegiatan
-- Each Zoom row with the roster ASN it belongs to (rule 2), or none.
-- Order: (a) a NIP written in the name that is on the roster; (b) the User Email equals a
-- roster email (owned by exactly one ASN); (c) the folded name equals the folded name of
-- exactly one active ASN. The display name is tried before the original name. Owners of
-- emails and names are looked up in int_roster_email / int_roster_name.
select
    z.kode_kegiatan,
    z.row_key,
    z.baris,
    z.nama_zoom,
    z.email,
    z.guest,
    z.join_s,
    z.leave_s,
    coalesce(by_nip_display.nip, by_nip_original.nip, by_email.nip,
             by_name_display.nip, by_name_original.nip) as nip,
    case
        when by_nip_display.nip is not null or by_nip_original.nip is not null then 'nip'
        when by_email.nip is not null then 'email'
        when by_name_display.nip is not null or by_name_original.nip is not null then 'nama'
    end as metode
from stg_zoom as z
left join stg_pegawai as by_nip_display on by_nip_display.nip = z.nip_tampilan
left join stg_pegawai as by_nip_original on by_nip_original.nip = z.nip_asli
left join int_roster_email as by_email on by_email.email = z.email
left join int_roster_name as by_name_display on by_name_display.nama_kunci = z.kunci_tampilan
left join int_roster_name as by_name_original on by_name_original.nama_kunci = z.kunci_asli
