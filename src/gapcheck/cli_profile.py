"""`gapcheck profile build`: a target role made from a folder of job postings."""

from __future__ import annotations

import click


@click.group("profile")
def profile_group() -> None:
    """Build target profiles from job postings."""
