"""Transform: the SQL models of `sql/`, in the order of their declared graph.

`models` reads each model's header (grain, inputs, indexes) and rebuilds them all (the
nightly); `partial` rebuilds some rows of some models from the same graph (the session
rerun, the year backfill).
"""
