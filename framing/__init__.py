"""framing: audit a news article for how it frames its story.

The library entry point is `framing.api.audit_text`; the command line is `framing.cli`.
"""

__version__ = "0.1.0"
