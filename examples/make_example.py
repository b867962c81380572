"""Generate examples/jordan-lee-resume.pdf: the resume of a fictional person.

Jordan Lee is a data analyst moving towards machine learning engineering: strong on
Python, SQL and classic modelling, light on deep learning and deployment, which makes a
useful first gapcheck report. The PDF bytes are deterministic (reportlab's invariant
mode), so the committed file can be checked against a fresh build:

    python examples/make_example.py            # (re)writes the PDF
    python examples/make_example.py --check    # exit 1 if the committed PDF differs
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import (
    HRFlowable,
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
)

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "jordan-lee-resume.pdf"

NAME = "Jordan Lee"
CONTACT = "jordan.lee@example.com  |  +1 555 0100  |  github.com/jordanlee-example  |  Portland, OR"

SUMMARY = (
    "Data analyst with four years of experience turning messy business data into forecasts "
    "and dashboards. Moving into machine learning engineering: I build predictive models in "
    "Python and want to ship them to production."
)

EXPERIENCE = [
    (
        "Senior Data Analyst, Northwind Outdoor Co.",
        "Mar 2022 – Present",
        [
            "Built a demand forecasting model in Python (pandas, scikit-learn) that cut overstock"
            " by 12%.",
            "Wrote SQL pipelines in PostgreSQL feeding weekly Tableau dashboards for 40 store"
            " managers.",
            "Ran A/B testing for the loyalty programme and reported significance to leadership.",
            "Automated data cleaning of point-of-sale exports, saving 6 hours of manual work a"
            " week.",
        ],
    ),
    (
        "Data Analyst, Bluebird Health Clinics",
        "Jun 2020 – Feb 2022",
        [
            "Trained logistic regression and random forest models to predict missed appointments"
            " (AUC 0.81).",
            "Performed exploratory data analysis and feature engineering on 2M patient visit"
            " records.",
            "Presented findings to non-technical clinic directors; introduced Git for the team's"
            " notebooks.",
        ],
    ),
]

PROJECTS = [
    (
        "Customer churn classifier",
        "Gradient boosting with XGBoost on a public telecom dataset; cross-validation and "
        "hyperparameter tuning; model served with a small Flask REST API.",
    ),
    (
        "Kaggle: House Prices",
        "Top 20% finish using regularized linear regression and careful data preprocessing.",
    ),
]

SKILLS = [
    ("Languages", "Python, SQL, R"),
    ("Libraries", "pandas, NumPy, scikit-learn, XGBoost, Matplotlib, Seaborn"),
    ("Tools", "Tableau, Excel, Git, Jupyter, AWS (S3, basic EC2)"),
    ("Methods", "Regression, classification, clustering, time series forecasting, statistics"),
]

EDUCATION = [
    ("B.S. in Statistics, Oregon State University", "2016 – 2020"),
    ("Coursework: Linear Algebra, Probability, Data Structures and Algorithms", ""),
]

CERTIFICATIONS = ["Google Data Analytics Professional Certificate (2021)"]

LEARNING = "Currently learning: deep learning with PyTorch (online course)."


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName="Helvetica", fontSize=10, leading=13)
    return {
        "name": ParagraphStyle(
            "name",
            parent=base,
            fontName="Helvetica-Bold",
            fontSize=20,
            leading=24,
            alignment=TA_CENTER,
        ),
        "contact": ParagraphStyle(
            "contact",
            parent=base,
            fontSize=9,
            alignment=TA_CENTER,
            textColor=colors.HexColor("#444444"),
        ),
        "heading": ParagraphStyle(
            "heading",
            parent=base,
            fontName="Helvetica-Bold",
            fontSize=12,
            leading=16,
            spaceBefore=10,
            textColor=colors.HexColor("#1f3a5f"),
        ),
        "entry": ParagraphStyle("entry", parent=base, fontName="Helvetica-Bold"),
        "body": base,
    }


def _section(story: list[object], title: str, styles: dict[str, ParagraphStyle]) -> None:
    story.append(Paragraph(title.upper(), styles["heading"]))
    story.append(
        HRFlowable(width="100%", thickness=0.6, color=colors.HexColor("#1f3a5f"), spaceAfter=4)
    )


def _bullets(items: list[str], styles: dict[str, ParagraphStyle]) -> ListFlowable:
    return ListFlowable(
        [ListItem(Paragraph(item, styles["body"]), leftIndent=12) for item in items],
        bulletType="bullet",
        start="•",
        leftIndent=12,
    )


def build(path: Path) -> None:
    styles = _styles()
    story: list[object] = [Paragraph(NAME, styles["name"]), Paragraph(CONTACT, styles["contact"])]
    _section(story, "Summary", styles)
    story.append(Paragraph(SUMMARY, styles["body"]))
    _section(story, "Experience", styles)
    for title, dates, bullets in EXPERIENCE:
        story.append(Paragraph(f"{title} — {dates}", styles["entry"]))
        story.append(_bullets(bullets, styles))
        story.append(Spacer(1, 4))
    _section(story, "Projects", styles)
    for title, text in PROJECTS:
        story.append(Paragraph(f"<b>{title}.</b> {text}", styles["body"]))
        story.append(Spacer(1, 3))
    _section(story, "Technical Skills", styles)
    for label, items in SKILLS:
        story.append(Paragraph(f"<b>{label}:</b> {items}", styles["body"]))
    _section(story, "Education", styles)
    for title, dates in EDUCATION:
        story.append(Paragraph(f"{title}{' — ' + dates if dates else ''}", styles["body"]))
    _section(story, "Certifications", styles)
    story.append(_bullets(CERTIFICATIONS, styles))
    _section(story, "Interests", styles)
    story.append(Paragraph(LEARNING, styles["body"]))

    doc = SimpleDocTemplate(
        str(path),
        pagesize=LETTER,
        leftMargin=0.8 * inch,
        rightMargin=0.8 * inch,
        topMargin=0.7 * inch,
        bottomMargin=0.7 * inch,
        title=f"{NAME} – Resume",
        author=NAME,
        invariant=1,  # fixed dates and IDs: the same bytes on every build
    )
    doc.build(story)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed PDF")
    args = parser.parse_args()
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / OUTPUT.name
            build(fresh)
            same = OUTPUT.exists() and fresh.read_bytes() == OUTPUT.read_bytes()
        print(f"{OUTPUT.name}: {'up to date' if same else 'differs from a fresh build'}")
        return 0 if same else 1
    build(OUTPUT)
    print(f"wrote {OUTPUT.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
