"""The output formats, one registry entry each: what `framing audit --format` offers, which file
suffix picks which format, and how batch, corpus and the server turn an audit into text.

A new format is one more `Format` in FORMATS: a render function and its properties.

This module is imported by the CLI before it parses its arguments, so it stays light: the
renderers import serialize (the audit stack) and report (jinja2, matplotlib) only when they run,
pathlib is imported where it is used, and a plain class stands in for a dataclass (whose import
alone costs more than this module).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from framing.errors import InputError

DEFAULT = "text"  # without --format and without a known output suffix


class Format:
    """One output format.

    name          the --format value
    suffixes      output file suffixes that select it; the first names the files written for several inputs
    media_type    the HTTP Content-Type the server sends it with
    render        render(audit, source_name, charts=True) -> the whole output, as written to a file or stdout;
                  `charts`: False leaves out what costs more than the audit (the HTML report's charts)
    source_name   how an input path appears in the output (the text format keeps the path as given,
                  like a compiler's messages; the HTML report shows the file's name)
    readability   whether the audit needs the readability figures (the text format never shows them,
                  so `framing audit` skips their cost)
    to_terminal   False: refused on a terminal without -o (a page of HTML is of no use there)
    record        record(audit, fields) -> the audit as one line, `fields` (id, metadata) first, no newline:
                  the lines of batch's and corpus's JSON Lines, and the server's API response; None
                  when the format has no one-line form
    """

    __slots__ = ("name", "suffixes", "media_type", "render", "source_name", "readability", "to_terminal", "record")

    def __init__(self, name: str, suffixes: tuple[str, ...], media_type: str, render: Callable[..., str], *,
                 source_name: Callable[[str], str] = str, readability: bool = True, to_terminal: bool = True,
                 record: Callable[..., str] | None = None):
        self.name, self.suffixes, self.media_type, self.render = name, suffixes, media_type, render
        self.source_name, self.readability, self.to_terminal, self.record = source_name, readability, to_terminal, record

    @property
    def suffix(self) -> str:
        """The suffix of a file written in this format."""
        return self.suffixes[0]

    def __repr__(self) -> str:
        return f"Format({self.name!r})"


# The renderers import their modules when they run (see the module's docstring): `framing audit
# --format json` never loads jinja2 or matplotlib.

def _text(audit, source_name: str, charts: bool = True) -> str:
    from framing.outputs.serialize import to_text  # lazy: the audit stack, not needed to parse arguments

    return to_text(audit, source_name)


def _json(audit, source_name: str, charts: bool = True) -> str:
    from framing.outputs.serialize import to_json  # lazy: the audit stack, not needed to parse arguments

    return to_json(audit) + "\n"


def _json_record(audit, fields: dict | None = None) -> str:
    import json

    from framing.outputs.serialize import to_dict  # lazy: the audit stack, not needed to parse arguments

    return json.dumps({**(fields or {}), **to_dict(audit)}, ensure_ascii=False)


def _html(audit, source_name: str, charts: bool = True) -> str:
    from framing.outputs.report import render  # lazy: jinja2 and matplotlib, only for HTML

    return render(audit, source_name, with_charts=charts)


def _sarif(audit, source_name: str, charts: bool = True) -> str:
    from framing.outputs.ci import to_sarif  # lazy: the audit stack, not needed to parse arguments

    return to_sarif(audit, source_name)


def _github(audit, source_name: str, charts: bool = True) -> str:
    from framing.outputs.ci import to_github  # lazy: the audit stack, not needed to parse arguments

    return to_github(audit, source_name)


def _file_name(path: str) -> str:
    return "stdin" if path == "-" else Path(path).name


TEXT = Format("text", (".txt",), "text/plain", _text, readability=False)
JSON = Format("json", (".json",), "application/json", _json, record=_json_record)
HTML = Format("html", (".html", ".htm"), "text/html", _html, source_name=_file_name, to_terminal=False)

SARIF = Format("sarif", (".sarif",), "application/sarif+json", _sarif, readability=False)
GITHUB = Format("github", (".github",), "text/plain", _github, readability=False)  # workflow annotations

FORMATS: dict[str, Format] = {f.name: f for f in (TEXT, JSON, HTML, SARIF, GITHUB)}  # in the order --help lists them


def get(name: str) -> Format:
    """The format called `name`; an InputError names the known ones."""
    try:
        return FORMATS[name]
    except KeyError:
        raise InputError(f"unknown format {name!r} (known: {', '.join(FORMATS)})") from None


def for_suffix(suffix: str) -> Format | None:
    """The format an output file's suffix (".html", any case) selects, if any."""
    suffix = suffix.lower()
    return next((f for f in FORMATS.values() if suffix in f.suffixes), None)


def for_output(output: str | None, name: str | None = None) -> Format:
    """`name` if given, else the one `output`'s suffix selects, else the default (text)."""
    if name:
        return get(name)
    suffix = Path(output).suffix if output else ""
    if not suffix:
        return FORMATS[DEFAULT]
    found = for_suffix(suffix)
    if found is None:
        known = ", ".join(s for f in FORMATS.values() for s in f.suffixes)
        raise InputError(f"{output}: no output format has the suffix {suffix!r} (known: {known}); name one with --format")
    return found
