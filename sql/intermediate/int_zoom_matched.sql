-- index: kode_kegiatan
-- Each Zoom row with the roster ASN it belongs to (rule 2), or none.
-- Order: (a) a NIP written in the name that is on the roster; (b) the User Email equals a
-- roster email (owned by exactly one ASN); (c) the folded name equals the folded name of
-- exactly one active ASN. The display name is tried before the original name.
with roster as (
    select nip, email, nama_kunci, aktif from stg_pegawai
),

email_owner as (
    select email, min(nip) as nip
    from roster
    where email is not null
    group by email
    having count(*) = 1
),

name_owner as (
    select nama_kunci, min(nip) as nip
    from roster
    where aktif and nama_kunci <> ''
    group by nama_kunci
    having count(*) = 1
)

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
left join roster as by_nip_display on by_nip_display.nip = z.nip_tampilan
left join roster as by_nip_original on by_nip_original.nip = z.nip_asli
left join email_owner as by_email on by_email.email = z.email
left join name_owner as by_name_display on by_name_display.nama_kunci = z.kunci_tampilan
left join name_owner as by_name_original on by_name_original.nama_kunci = z.kunci_asli
