"""DOCX, plain text, Markdown and HTML give the same records as PDFs; type comes from bytes."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

from gapcheck.reading import read_document
from gapcheck.reading.plaintext import ENCODING_WARNING
from gapcheck.sections.split import split_sections
from tests.support import pdfgen


def _kinds(path: Path, role: str = "resume") -> list[tuple[str, str, list[str]]]:
    document = read_document(path, role=role)
    return [(s.kind, s.heading, [line.text for line in s.lines]) for s in split_sections(document)]


# --------------------------------------------------------------------------- DOCX


def _hyperlink(paragraph: docx.text.paragraph.Paragraph, text: str, url: str) -> None:
    relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


_MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
_WPS = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
_VML = 'xmlns:v="urn:schemas-microsoft-com:vml"'


def _text_box(document: docx.document.Document, lines: list[str]) -> None:
    """A Word text box (first line bold): a drawing plus the VML copy old Word reads."""
    bold = "<w:rPr><w:b/></w:rPr>"
    paragraphs = "".join(
        f"<w:p><w:r>{bold if i == 0 else ''}<w:t>{line}</w:t></w:r></w:p>"
        for i, line in enumerate(lines)
    )
    xml = (
        f"<w:p {nsdecls('w')} {_MC} {_WPS} {_VML}><w:r><mc:AlternateContent>"
        f'<mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>{paragraphs}'
        f"</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:textbox><w:txbxContent>{paragraphs}</w:txbxContent>"
        f"</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    document.element.body.append(parse_xml(xml))


def test_docx_paragraphs_tables_text_boxes_and_links(tmp_path: Path) -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Alex Example | alex@example.com"
    document.add_heading("Experience", level=1)
    document.add_paragraph("Built data pipelines in Python and Airflow", style="List Bullet")
    document.add_page_break()
    document.add_heading("Skills", level=1)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Languages"
    table.cell(0, 1).text = "Python, SQL"
    links = document.add_paragraph("Code: ")
    _hyperlink(links, "my projects", "https://github.com/alex-example")
    _text_box(document, ["Certifications", "AWS Certified Machine Learning Engineer"])
    path = tmp_path / "resume.docx"
    document.save(str(path))

    read = read_document(path)
    assert read.kind == "docx" and read.diagnostics.engine == "docx"
    texts = [line.text for line in read.lines]
    assert texts[0] == "Alex Example | alex@example.com"  # the page header comes first
    assert "Built data pipelines in Python and Airflow" in texts
    assert "Code: my projects (https://github.com/alex-example)" in texts
    assert texts.count("AWS Certified Machine Learning Engineer") == 1  # fallback copy skipped
    heading = next(line for line in read.lines if line.text == "Experience")
    assert heading.bold and heading.size > 12
    assert read.diagnostics.pages == 2
    skills_line = next(line for line in read.lines if line.text == "Python, SQL")
    assert skills_line.page == 2
    kinds = [kind for kind, _, _ in _kinds(path)]
    assert kinds == ["header", "experience", "skills", "certifications"]


def test_docx_renamed_to_pdf_is_read_as_docx(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Skills")
    document.add_paragraph("Python and PyTorch")
    path = tmp_path / "resume.pdf"
    document.save(str(path))
    assert read_document(path).kind == "docx"


# --------------------------------------------------------------------------- plain text

PLAIN = """Alex Example
alex@example.com

SUMMARY
Machine learning engineer who ships models.

EXPERIENCE
Data Scientist, Example Corp
- Built churn models in Python and scikit-learn

Skills
======
Python, SQL, Docker
"""


def test_plain_text_sections(tmp_path: Path) -> None:
    path = tmp_path / "resume.txt"
    path.write_text(PLAIN, encoding="utf-8")
    document = read_document(path)
    assert document.kind == "txt" and document.diagnostics.layout == "text"
    assert _kinds(path) == [
        ("header", "", ["Alex Example", "alex@example.com"]),
        ("summary", "SUMMARY", ["Machine learning engineer who ships models."]),
        (
            "experience",
            "EXPERIENCE",
            ["Data Scientist, Example Corp", "Built churn models in Python and scikit-learn"],
        ),
        ("skills", "Skills", ["Python, SQL, Docker"]),
    ]


def test_plain_text_in_windows_1252_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "resume.txt"
    path.write_bytes("Formación: Universidad Politécnica\nSkills\nPython".encode("cp1252"))
    document = read_document(path)
    assert document.lines[0].text == "Formación: Universidad Politécnica"
    assert ENCODING_WARNING in document.diagnostics.warnings


def test_utf16_text_with_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "resume.txt"
    path.write_bytes("Skills\nPython, Go\n".encode("utf-16"))
    assert [line.text for line in read_document(path).lines] == ["Skills", "Python, Go"]


def test_a_pdf_named_txt_is_read_as_pdf(tmp_path: Path) -> None:
    pdf = pdfgen.write_resume(
        tmp_path / "resume.pdf", [("Skills", ["Python, SQL, Docker and more tools"])]
    )
    renamed = tmp_path / "resume.txt"
    renamed.write_bytes(pdf.read_bytes())
    assert read_document(renamed).kind == "pdf"


# --------------------------------------------------------------------------- Markdown

MARKDOWN = """<!-- a comment that is
not text -->
# Alex Example

Machine learning engineer. Portfolio on [GitHub](https://github.com/alex-example)
and **Kaggle**: <https://www.kaggle.com/alexexample>.

## Projects

- *Churn model*: gradient boosting with `xgboost`
- ![badge](https://img.shields.io/badge.svg) Deployed on AWS

| Tool | Use |
|------|-----|
| Docker | packaging |

```bash
pip install torch
```

## Skills
Python, SQL
"""


def test_markdown_is_reduced_to_text_with_link_addresses(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    document = read_document(path, role="portfolio")
    assert document.kind == "md" and document.role == "portfolio"
    texts = [line.text for line in document.lines]
    assert texts == [
        "Alex Example",
        "Machine learning engineer. Portfolio on GitHub (https://github.com/alex-example) "
        "and Kaggle: https://www.kaggle.com/alexexample.",
        "Projects",
        "Churn model: gradient boosting with xgboost",
        "badge Deployed on AWS",
        "Tool | Use",
        "Docker | packaging",
        "pip install torch",
        "Skills",
        "Python, SQL",
    ]
    # A portfolio's opening text (a README's title and intro) counts as project material.
    kinds = [kind for kind, _, _ in _kinds(path, role="portfolio")]
    assert kinds == ["projects", "projects", "skills"]


def test_markdown_is_recognised_without_its_extension(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("# Title\n\n- one\n- two\n\n[link](https://example.com)\n", encoding="utf-8")
    assert read_document(path).kind == "md"


# --------------------------------------------------------------------------- HTML

HTML = """<!DOCTYPE html>
<html><head><title>Alex Example - Portfolio</title>
<style>body { color: red }</style><script>var skills = "Haskell";</script></head>
<body>
<noscript>Enable JavaScript to see Fortran</noscript>
<template><p>COBOL</p></template>
<h1>Projects</h1>
<ul>
  <li>Fraud detection with <b>PyTorch</b> -
      <a href="https://github.com/alex-example/fraud">code</a></li>
  <li>Kaggle: <a href="https://www.kaggle.com/alexexample">https://www.kaggle.com/alexexample</a></li>
</ul>
<h2>Skills</h2><p>Python, <span>Spark</span> and SQL</p>
</body></html>
"""


def test_html_keeps_visible_text_headings_and_link_addresses(tmp_path: Path) -> None:
    path = tmp_path / "portfolio.txt"  # the extension does not matter
    path.write_text(HTML, encoding="utf-8")
    document = read_document(path, role="portfolio")
    assert document.kind == "html"
    texts = [line.text for line in document.lines]
    assert texts == [
        "Alex Example - Portfolio",
        "Projects",
        "Fraud detection with PyTorch - code (https://github.com/alex-example/fraud)",
        "Kaggle: https://www.kaggle.com/alexexample",
        "Skills",
        "Python, Spark and SQL",
    ]
    for hidden in ("Haskell", "Fortran", "COBOL", "color"):
        assert not any(hidden in text for text in texts)
    kinds = [kind for kind, _, _ in _kinds(path, role="portfolio")]
    assert kinds == ["projects", "projects", "skills"]


@pytest.mark.parametrize("suffix", [".html", ".htm", ".md"])
def test_html_sniffed_from_content(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"page{suffix}"
    path.write_text("<html><body><p>Python</p></body></html>", encoding="utf-8")
    assert read_document(path).kind == "html"
