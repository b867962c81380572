"""The jinja2 environment and the HTML page assembly.

Safety rules, enforced here once for every template (.html.j2, .md.j2, .css, .js):
- autoescape is on for every template, whatever its suffix;
- undefined names raise (StrictUndefined), so a typo cannot silently print nothing;
- data never becomes template source: values are only ever passed to `render`, so
  template syntax inside a resume (`{{ 7*7 }}`) is printed, never evaluated.

The stylesheet and script are our own static templates. They are inlined as Markup and
allowed by the page's Content-Security-Policy through their SHA-256 hashes, so even a
markup injection that slipped past escaping could neither run a script nor add styles.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache

import jinja2
from markupsafe import Markup

from gapcheck.records import Analysis
from gapcheck.report.context import build_context
from gapcheck.resources import templates_dir

PAGE_TEMPLATE = "report.html.j2"
STYLE_TEMPLATE = "report.css"
SCRIPT_TEMPLATE = "report.js"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


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


@lru_cache(maxsize=1)
def _static_assets() -> tuple[str, str]:
    env = environment()
    return env.get_template(STYLE_TEMPLATE).render(), env.get_template(SCRIPT_TEMPLATE).render()


def render_html(analysis: Analysis) -> str:
    """The report as one self-contained HTML page (no external requests of any kind)."""
    style, script = _static_assets()
    page = environment().get_template(PAGE_TEMPLATE)
    return page.render(
        report=build_context(analysis),
        # Our own static files, read from the package: trusted, and pinned by the CSP hash.
        style=Markup(style),  # noqa: S704 - static stylesheet shipped with gapcheck
        script=Markup(script),  # noqa: S704 - static script shipped with gapcheck
        csp=content_security_policy(style, script),
    )
