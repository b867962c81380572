"""`gapcheck profile build`: a target role made from a folder of job postings."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.group("profile")
def profile_group() -> None:
    """Build target profiles from job postings."""


@profile_group.command("build")
@click.argument("postings", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, help="Profile YAML to write; '-' for stdout.")
@click.option("--name", help="Display name of the new role (default: from the postings).")
@click.option("--id", "role_id", help="Role id to pass to --role later (default: from --name).")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def build_command(
    postings: tuple[Path, ...], output: str, name: str | None, role_id: str | None, quiet: bool
) -> None:
    """Count the skills POSTINGS (files or folders) ask for and write a target role.

    \b
    Example:
      gapcheck profile build postings/ -o nlp.yaml --name "NLP engineer"
      gapcheck resume.pdf --taxonomy nlp.yaml --role nlp-engineer
    """
    from gapcheck.authoring.profile import build_profile, check_role_id, profile_yaml, slug
    from gapcheck.errors import InputError
    from gapcheck.postings.read import default_finder, read_posting
    from gapcheck.reading.inputs import posting_files
    from gapcheck.support.atomic import write_text_atomically
    from gapcheck.taxonomy.loading import load_taxonomy

    files = posting_files(postings)
    taxonomy = load_taxonomy()
    role_id = role_id or slug(name or "job-postings")
    check_role_id(role_id, taxonomy)  # before reading a folder of postings, not after
    finder = default_finder(taxonomy)
    read = []
    for path in files:
        try:
            read.append(read_posting(path, taxonomy, finder))
        except InputError as exc:  # one bad posting must not spoil a folder of good ones
            click.echo(f"gapcheck: skipped {exc.message}", err=True)
    display_name = name or f"Target from {len(read)} job postings"
    profile = build_profile(read, taxonomy, role_id=role_id, name=display_name)
    text = profile_yaml(profile, taxonomy)
    if output == "-":
        sys.stdout.write(text)
        return
    write_text_atomically(Path(output), text)
    if not quiet:
        top = ", ".join(f"{s.name} {s.frequency:.0%}" for s in profile.skills[:5])
        click.echo(
            f"{output}: role '{profile.id}' from {len(read)} of {len(files)} postings,"
            f" {len(profile.skills)} skills (most asked for: {top or 'none'})"
        )
        if profile.no_guide:
            names = ", ".join(s.name for s in profile.skills if s.id in profile.no_guide)
            click.echo(f"  no guide names these; the postings are their guide: {names}")
        click.echo(f"  use it with: gapcheck RESUME --taxonomy {output} --role {profile.id}")
