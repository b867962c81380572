"""Job postings: what a posting's text requires or prefers, and of whom.

    headings.py     the context each line stands in (required, preferred, description, skipped)
    items.py        one clause's runs of skills: alternatives, examples, lists; level per item
    eligibility.py  years, degrees (and options of both), per clause; merging repeats
    conditions.py   certifications, security clearance, citizenship and work authorization
    parse.py        `parse_posting`: text to a `Posting` of skills, requirements, eligibility
    read.py         `read_posting`: a posting file, read by `gapcheck.reading.posting`, then parsed
"""
