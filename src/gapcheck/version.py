"""gapcheck's version, and the version of the JSON report format it writes."""

__version__ = "0.1.0"
JSON_SCHEMA_VERSION = "1.2"  # the newest it writes (a report without 1.2 keys says 1.1)
