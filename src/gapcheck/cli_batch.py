"""`gapcheck batch`: many resumes, one report each, plus a cohort view."""

from __future__ import annotations

import click


@click.command("batch")
def batch_command() -> None:
    """Analyse many resumes (not yet available)."""
    raise click.ClickException("batch mode is not available yet")
