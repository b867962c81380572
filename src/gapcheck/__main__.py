"""`python -m gapcheck` runs the CLI."""

from gapcheck.cli import main

main()
