"""Rendering: every page and text gapcheck writes, one module per responsibility.

formats.py      the format registry: name -> file suffixes -> render function;
                `render(analysis, name)`, `format_for_suffix(path)`, `write_output(text, target)`
environment.py  the one hardened jinja2 environment (autoescape, StrictUndefined, CSP with
                sha256-pinned style and script) and `render_html(analysis)`, the HTML report
advice.py       what every format leads with, as plain text: the level and why, what the
                resume is measured against, the posting's headline, requirements and
                eligibility, the gaps split into the top learn gaps, the rest, the skills
                to name; certification levels
context.py      `build_context(analysis)`: the HTML report's input, computed once
parts.py        small view builders shared with the text formats: anchors, skill names,
                evidence views, cautions, warnings
views.py        the frozen view records build_context returns
fragments.py    the report's long lists, written in Python (template globals)
charts.py       the inline SVG charts
display.py      labels and text helpers shared by every format
markdown.py     `render_markdown(analysis)`: a short Markdown summary for email
jsonout.py      `render_json(analysis)`, `to_json_dict(analysis)`: the documented JSON report
terminal.py     `terminal_summary(analysis, report_location, color)`: the CLI's closing lines
fits.py         several postings: the fit table and the plan across them, for every format
since.py        what changed since an earlier report, for every format
cohort.py       the batch's cohort page: `cohort_context(entries, ...)`, `render_cohort(context)`
cohort_model.py the cohort page's input and view records
cohort_build.py `CohortBuilder`: one input at a time in (bounded memory), one context out
cohort_matrix.py the person x skill matrix, tallied one person at a time
cohort_charts.py the cohort's charts and tallies (score histogram, bands, levels, common gaps)

Import from the modules themselves; this package re-exports nothing, so importing it (the
CLI does, for the format names) loads no template engine.
"""
