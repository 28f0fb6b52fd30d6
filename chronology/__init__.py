"""chronology: multi-agency case chronologies for child safeguarding reviews.

The core: no click, no rich, never prints or exits.
"""

__version__ = "0.1.0"

# Written into every export's document properties, so that building a folder
# never reads the tool's own output back as a source.
EXPORT_MARK = "chronology-export"
