"""Job postings: the skills a posting's text requires or prefers.

    headings.py  the context each line stands in (required, preferred, description, skipped)
    parse.py     `parse_posting`: text to a `Posting` of `PostingSkill`s, groups of alternatives
    read.py      `read_posting`: a posting file, read by `gapcheck.reading.posting`, then parsed
"""
