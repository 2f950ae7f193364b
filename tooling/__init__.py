"""Tooling that stands apart from the product package `mekar`: the sample-year generator and
the local Google Sheets API server, used by demos, benchmarks and tests."""
