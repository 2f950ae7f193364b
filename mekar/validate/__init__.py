"""Validate: raw rows -> typed records, bad rows to the quarantine with a reason.

`contracts` finds each worksheet's header and maps its columns; `prepare/` turns cells into
records, one module per source kind (with `names`, `nip`, `timeparse` for the cell rules);
`suites` runs the Great Expectations suites and collects the quarantine.
"""
