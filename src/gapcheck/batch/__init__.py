"""Batch mode: many resumes in, one report each plus a cohort view out.

inputs   - which files (or person folders) a batch covers, and their display labels
naming   - safe, collision-free report names derived from those labels
worker   - runs the per-file work in isolated worker processes (timeouts, memory caps)
job      - the per-file work itself: analyse, redact, render
redact   - removes contact details from an Analysis before it is rendered
state    - what a finished file looked like, so a re-run skips it
outputs  - atomic writes confined to the output folder; CSV and JSONL
cohort   - the cohort view's context (pure) and its rendering
run      - the orchestration used by `gapcheck batch`
"""
