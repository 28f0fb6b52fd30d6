"""chronology: multi-agency case chronologies for child safeguarding reviews.

The core: no click, no rich, never prints or exits.
"""

__version__ = "0.1.0"
