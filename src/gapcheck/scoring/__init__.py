"""Scoring: a detection measured against a target role or a job posting.

    score.py        credit per skill, the role coverage score, category coverage, bands
    gaps.py         `rank_gaps`: expected skills with no credit, learn-first, with reasons
    near_misses.py  `near_misses`: skills shown too weakly, why, and what to change
    posting_gap.py  `posting_gap`: the resume against one job posting
    recommend.py    learning path, certifications, notes on retired certifications
    next_steps.py   the three things to do next, drawn from a finished analysis
"""
