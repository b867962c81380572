"""Batch mode: many resumes in, one report each plus a cohort view out.

inputs    - which files (or person folders) a batch covers, and their display labels
naming    - safe, collision-free report names; "Person NN" labels for redacted runs
worker    - runs the per-file work in isolated worker processes (timeouts, memory caps)
executor  - the same work on a concurrent.futures executor (a Dask cluster)
task      - the per-file work itself: analyse, redact, render
identity  - who the person is (name forms, handles), so redaction finds them anywhere
phones    - phone numbers in national and international formats
redact    - removes the person's name and contact details from everything rendered
state     - what a finished file looked like, so a re-run skips it
outputs   - atomic writes confined to the output folder; CSV and JSONL
run       - the orchestration used by `gapcheck batch` (the cohort page: gapcheck.report)
"""
