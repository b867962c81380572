"""Data files the detector reads at run time (see make_common_words.py for how they were made)."""
