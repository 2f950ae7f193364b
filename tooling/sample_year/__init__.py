"""Write a realistic synthetic year of Sragen Mekar sources, in the files layout of the contract.

The files look like what BKPSDM staff download from Google Sheets ("Download -> CSV"): UTF-8,
comma-separated, quoted by the csv module, every cell text (see ``golden/mini``). The year carries
the mess the pipeline must survive: NIPs typed every way, precision-lost NIPs, Zoom renames,
reconnects, two-device overlaps, guests, a prior-year session, an invalid JP, check-ins on the
wrong day or for an unknown session, double submissions, a needs form edited mid-year, markup in
names. Demos, benchmarks and tests run on it.

Scale 1 is Kabupaten Sragen as DOMAIN.md describes it: 10,503 active ASN (8,783 PNS + 1,720
PPPK) in 50 OPDs, 49 sessions from 3 July 2023 (the first one the BerAKHLAK webinar with 1,622
ASN), about 60,000 Zoom rows. A larger scale adds regencies (Central Java has 35): each one is
generated on its own, with its own OPDs, sessions and form responses, and streamed to the same
files, so memory stays that of one regency whatever the scale.

Everything is drawn from ``random.Random`` instances seeded from ``seed`` (never the global
generator, never the clock), and nothing iterates a set, so one seed gives byte-identical files.

Modules: `year` (write_sample_year), `regions` (scale -> regencies, one regency end to end),
`opds`, `roster` and `names` (master data), `session_templates` and `catalog` (kegiatan),
`attendance`, `zoom` and `checkins` (who came), `needs` (the needs form), `typed` (how people
type), `files` (the CSVs written), `model`, `facts` and `helpers`.
"""

from tooling.sample_year.year import COUNT_KEYS, write_sample_year

__all__ = ["COUNT_KEYS", "write_sample_year"]
