"""`gapcheck taxonomy ...` and `gapcheck roles`: what the taxonomy holds."""

from __future__ import annotations

import click


@click.group("taxonomy")
def taxonomy_group() -> None:
    """Check, show and build the skills taxonomy."""


@click.command("roles")
def roles_command() -> None:
    """List the roles and levels you can target."""
    from gapcheck.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    for role in taxonomy.roles:
        click.echo(f"{role.id:20} {role.name}")
