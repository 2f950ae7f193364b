"""`python -m mekar ...`: the same as the `mekar` command."""

from mekar.cli import main

main()
