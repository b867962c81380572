"""Rendering an Analysis: HTML report, Markdown, JSON and the terminal summary.

render_html(analysis)      one self-contained, offline, script-optional HTML page
render_markdown(analysis)  a short Markdown summary for email
render_json(analysis)      the documented JSON report (docs/json-schema.md)
to_json_dict(analysis)     the same data as Python dicts and lists
terminal_summary(analysis, report_location, color)  the CLI's closing lines
build_context(analysis)    the HTML template's input, for tests and other templates
"""

from __future__ import annotations

from gapcheck.report.context import ReportContext, build_context
from gapcheck.report.environment import render_html
from gapcheck.report.jsonout import render_json, to_json_dict
from gapcheck.report.markdown import render_markdown
from gapcheck.report.terminal import terminal_summary

__all__ = [
    "ReportContext",
    "build_context",
    "render_html",
    "render_json",
    "render_markdown",
    "terminal_summary",
    "to_json_dict",
]
