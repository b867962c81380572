"""A job posting the posting tests (tests/postings) and the posting-gap tests
(tests/scoring) both read."""

# Required and preferred parts under Markdown headings, a pair of alternatives, a benefit.
MARKDOWN_POSTING = """\
# Senior Machine Learning Engineer

We build forecasting tools with Apache Spark and a lot of coffee.

## What you'll do
- Train and ship deep learning models to production.
- Package services with Docker.

## Requirements
- 5+ years of Python.
- Experience with TensorFlow or PyTorch.
- Kubernetes is a plus.

## Nice to have
- AWS
- R programming

## Benefits
- A yearly budget for scikit-learn conference tickets.
"""
