"""The one jinja2 environment, and the HTML page assembly for every page gapcheck writes.

Both pages, the single report (report.html.j2) and the batch's cohort page
(cohort.html.j2), are rendered here, by `render_page`, with the same rules. Safety rules,
enforced here once for every template (.html.j2, .md.j2, .css, .js):
- autoescape is on for every template, whatever its suffix;
- undefined names raise (StrictUndefined), so a typo cannot silently print nothing;
- data never becomes template source: values are only ever passed to `render`, so
  template syntax inside a resume (`{{ 7*7 }}`) is printed, never evaluated.

Each page's stylesheet and script are our own static templates (report.css and report.js,
cohort.css and cohort.js). They are inlined as Markup and allowed by the page's
Content-Security-Policy through their SHA-256 hashes, with no 'unsafe-inline', so even a
markup injection that slipped past escaping could neither run a script nor add styles.
Templates are found in the source tree or inside the wheel (gapcheck.support.resources).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
from functools import lru_cache
from pathlib import Path

import jinja2
import jinja2.bccache
from markupsafe import Markup

from gapcheck.records import Analysis
from gapcheck.report.context import build_context
from gapcheck.report.fragments import TEMPLATE_GLOBALS
from gapcheck.support.resources import templates_dir

PAGE_TEMPLATE = "report.html.j2"
STYLE_TEMPLATE = "report.css"
SCRIPT_TEMPLATE = "report.js"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The one environment of the process: templates are compiled once, on first use.

    auto_reload is off because the templates ship with gapcheck and never change while
    it runs (it would stat every template on every render).
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.globals.update(TEMPLATE_GLOBALS)
    env.bytecode_cache = _bytecode_cache(env)
    return env


class _OwnBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates in gapcheck's cache folder, loaded only from files of ours.

    Compiling the report template takes ~0.05 s of every cold start; loading its
    bytecode takes under 1 ms. jinja2 checks each entry against the template source's
    checksum and the Python version; the folder and file checks are gapcheck's own rules
    for its cache (see gapcheck.support.disk_cache).
    """

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        from gapcheck.support.disk_cache import trusted_file

        try:
            if not trusted_file(Path(self.directory) / (self.pattern % (bucket.key,))):
                return
            super().load_bytecode(bucket)
        except Exception:  # a damaged entry only means compiling the template again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache(env: jinja2.Environment) -> jinja2.BytecodeCache | None:
    from gapcheck.support.disk_cache import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    # Compiled code depends on the environment's syntax and whitespace options, which
    # jinja2's own key (template name and source) leaves out.
    options = (
        env.block_start_string, env.block_end_string, env.variable_start_string,
        env.variable_end_string, env.comment_start_string, env.comment_end_string,
        env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks,
        env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
        env.autoescape, env.optimized, sorted(env.extensions),
    )  # fmt: skip
    digest = hashlib.sha256(repr(options).encode("utf-8")).hexdigest()[:16]
    folder = folder / f"templates-{jinja2.__version__}-{digest}"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return _OwnBytecodeCache(str(folder))


def csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(style: str, script: str) -> str:
    """Nothing may load from anywhere; only our own inline style and script may apply."""
    return "; ".join(
        (
            "default-src 'none'",
            f"style-src {csp_hash(style)}",
            f"script-src {csp_hash(script)}",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )


def _static_assets(
    style_template: str = STYLE_TEMPLATE, script_template: str = SCRIPT_TEMPLATE
) -> tuple[str, str]:
    """A page's stylesheet and script as text (the report's unless told otherwise)."""
    env = environment()
    return env.get_template(style_template).render(), env.get_template(script_template).render()


@lru_cache(maxsize=4)
def _page_assets(
    style_template: str = STYLE_TEMPLATE, script_template: str = SCRIPT_TEMPLATE
) -> tuple[Markup, Markup, str]:
    """A page's stylesheet and script as placed in the page, and the policy pinning them.

    They never change while gapcheck runs, so their hashes are computed once per process.
    """
    style, script = _static_assets(style_template, script_template)
    # Our own static files, read from the package: trusted, and pinned by the CSP hash.
    return (
        Markup(style),  # noqa: S704 - static stylesheet shipped with gapcheck
        Markup(script),  # noqa: S704 - static script shipped with gapcheck
        content_security_policy(style, script),
    )


def render_page(template: str, style_template: str, script_template: str, **values: object) -> str:
    """The page `template` filled with `values`; it receives its stylesheet and script as
    `style` and `script` (inlined), and as `csp` the Content-Security-Policy pinning them.

    `values` are data: they are only ever passed to `render`, never used as template source.
    """
    style, script, csp = _page_assets(style_template, script_template)
    page = environment().get_template(template)
    return page.render(style=style, script=script, csp=csp, **values)


def render_html(analysis: Analysis) -> str:
    """The report as one self-contained HTML page (no external requests of any kind)."""
    return render_page(
        PAGE_TEMPLATE, STYLE_TEMPLATE, SCRIPT_TEMPLATE, report=build_context(analysis)
    )
