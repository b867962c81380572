"""The command line: a thin layer over gapcheck.api.

Only this module (and the other cli_* modules) print or choose exit codes. Every
gapcheck error is caught once, in `main`, and printed as one line. Heavy libraries
(spaCy, pdfminer, jinja2) are imported only inside commands, so `--help` is instant.
"""

from __future__ import annotations

import difflib
import logging
import os
import sys
import warnings
from pathlib import Path
from typing import Any

import click

from gapcheck.cli.echo import escaped
from gapcheck.errors import GapcheckError
from gapcheck.version import __version__

EXAMPLES = """
\b
Options for gapcheck RESUME (gapcheck RESUME --help explains each):
  --role ROLE              the role to compare against (gapcheck roles)
  --level entry|mid|senior the seniority (default: inferred from the resume)
  --job POSTING            a job posting (txt, md, pdf): it leads the report;
                           a folder, or --job again: postings ranked by fit
  --since OLD.json         what changed since an earlier JSON report
  -o OUTPUT                the report file (.html, .json, .md), or - for stdout
  --format html|json|md    the format, whatever -o's name
  --taxonomy FILE          a taxonomy YAML instead of the built-in one
  --date YYYY-MM-DD        the report's date
  --pdf-engine pdfminer|pdfium
  -q                       print nothing but errors

\b
Examples:
  gapcheck resume.pdf                      report for a Machine Learning Engineer role
  gapcheck resume.pdf --level entry        ... judged for an entry-level position
  gapcheck resume.pdf --role data-scientist -o report.html
  gapcheck resume.pdf --job posting.txt    gap against one job posting too
  gapcheck resume.pdf --job postings/      postings ranked by fit, one plan across them
  gapcheck resume.pdf --since old.json     what changed since an earlier report
  gapcheck resume.pdf README.md site.html  add portfolio material as evidence
  gapcheck resume.pdf --format json -o -   JSON on standard output
  gapcheck batch resumes/ -o cohort/       a report per resume plus a cohort view
  gapcheck roles                           the roles you can target
  gapcheck taxonomy show python            what gapcheck knows about a skill
"""


class DefaultCommandGroup(click.Group):
    """A group whose first argument may be a file: `gapcheck resume.pdf` runs `analyse`."""

    default_command = "analyse"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        first = next((a for a in args if not a.startswith("-") or a == "-"), None)
        wants_group_help = not args or args[0] in ("--help", "-h", "--version")
        if not wants_group_help and (first is None or first not in self.commands):
            if first is not None and args and args[0] == first:
                self._suggest_command(first)
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def _suggest_command(self, word: str) -> None:
        """`gapcheck role` is a misspelled command, not a missing resume: say so."""
        if Path(word).exists() or Path(word).suffix or "/" in word:
            return
        close = difflib.get_close_matches(word, [c for c in self.commands if c != "analyse"], n=1)
        if close:
            raise click.UsageError(
                f"'{word}' is neither a command nor a file; did you mean 'gapcheck {close[0]}'?"
            )

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(
            "gapcheck", "RESUME [PORTFOLIO]... [OPTIONS]\n       gapcheck COMMAND [ARGS]..."
        )


@click.group(
    cls=DefaultCommandGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=EXAMPLES,
)
@click.version_option(__version__, prog_name="gapcheck", message="%(prog)s %(version)s")
def cli() -> None:
    """Find the skills a resume shows and rank the ones a role still needs.

    gapcheck reads a resume (PDF, DOCX, TXT, Markdown or HTML), finds every skill it names,
    compares them with what the role needs, and writes a report that ranks the missing
    skills, explains each rank and suggests certifications. It never uses the network.
    """


def _register_commands() -> None:
    from gapcheck.cli.analyse import analyse_command
    from gapcheck.cli.batch import batch_command
    from gapcheck.cli.profile import profile_group
    from gapcheck.cli.taxonomy import roles_command, taxonomy_group

    cli.add_command(analyse_command)
    cli.add_command(batch_command)
    cli.add_command(taxonomy_group)
    cli.add_command(roles_command)
    cli.add_command(profile_group)


def _quiet_libraries() -> None:
    """Keep library chatter off standard error, where each error is promised as one line.

    pdfminer logs a warning for every oddity of a damaged PDF, and parsers warn about
    markup; gapcheck reports what matters itself. GAPCHECK_DEBUG=1 shows everything.
    """
    if not os.environ.get("GAPCHECK_DEBUG"):
        logging.disable(logging.CRITICAL)
        warnings.simplefilter("ignore")


def _dashed_file(args: list[str]) -> str | None:
    """The first argument that looks like an option but names an existing file."""
    for arg in args:
        if arg == "--":
            return None
        if arg.startswith("-") and len(arg) > 1 and Path(arg).exists():
            return arg
    return None


def main(argv: list[str] | None = None) -> Any:
    """Entry point: run the CLI, turning gapcheck errors into one line and an exit code."""
    _register_commands()
    _quiet_libraries()
    try:
        return cli.main(args=argv, prog_name="gapcheck", standalone_mode=False)
    except GapcheckError as exc:
        click.echo(f"gapcheck: error: {escaped(exc.message)}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("gapcheck: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        dashed = _dashed_file(sys.argv[1:] if argv is None else argv)
        if isinstance(exc, click.UsageError) and dashed is not None:
            click.echo(
                f"gapcheck: error: {escaped(dashed)}: a file name starting with '-' reads as "
                f"an option; write ./{escaped(dashed)}, or put it after --",
                err=True,
            )
            sys.exit(2)
        exc.show()
        sys.exit(2 if isinstance(exc, click.UsageError) else exc.exit_code)
    except KeyboardInterrupt:
        click.echo("gapcheck: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(1)
    except Exception as exc:  # a bug, not the user's fault: still one line, unless debugging
        if os.environ.get("GAPCHECK_DEBUG"):
            raise
        click.echo(
            f"gapcheck: error: internal error ({type(exc).__name__}: {escaped(str(exc))}); "
            "set GAPCHECK_DEBUG=1 for details and please report it",
            err=True,
        )
        sys.exit(3)
