"""`python -m gapcheck` runs the CLI."""

from gapcheck.cli.main import main

main()
