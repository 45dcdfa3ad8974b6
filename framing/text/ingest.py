"""Read an article from a file or standard input and turn it into plain text."""

from __future__ import annotations

import codecs
import re
import sys
from pathlib import Path

from framing.errors import InputError, TooLarge

MAX_INPUT_BYTES = 5 * 1024 * 1024  # documented in README: inputs over 5 MiB are refused
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
_HTML_START = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<article)", re.IGNORECASE)


def read_bytes(path: str) -> bytes:
    """The raw input; '-' reads standard input. Refuses folders, missing files and oversize input."""
    if path == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    else:
        p = Path(path)
        if not p.exists():
            raise InputError(f"{path}: no such file")
        if p.is_dir():
            raise InputError(f"{path}: is a folder, not a file")
        try:
            with p.open("rb") as handle:
                data = handle.read(MAX_INPUT_BYTES + 1)
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    if len(data) > MAX_INPUT_BYTES:
        raise TooLarge(too_large(path))
    return data


def too_large(name: str) -> str:
    return f"{name}: larger than the {MAX_INPUT_BYTES // (1024 * 1024)} MiB input limit"


def check_size(text: str, name: str = "the text") -> None:
    """Refuse a text over MAX_INPUT_BYTES in UTF-8 (the limit of every entry point)."""
    if len(text) > MAX_INPUT_BYTES or (len(text) * 4 > MAX_INPUT_BYTES and
                                       len(text.encode("utf-8", "surrogatepass")) > MAX_INPUT_BYTES):
        raise TooLarge(too_large(name))


def decode(data: bytes, name: str) -> str:
    """UTF-8 text with or without a BOM, or UTF-16 with its BOM; line endings normalised to \\n."""
    encoding = "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not data.startswith(codecs.BOM_UTF32_LE):
        encoding = "utf-16"  # the BOM says which byte order
    elif b"\x00" in data:
        raise InputError(f"{name}: looks like a binary file (or UTF-16 without a byte-order mark), not UTF-8 text")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        kind = "UTF-16" if encoding == "utf-16" else "UTF-8"
        raise InputError(f"{name}: not {kind} text (bad byte at offset {exc.start})") from None
    if "\x00" in text:
        raise InputError(f"{name}: looks like a binary file, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def html_to_text(html: str, name: str, links: bool = False) -> str:
    """The article's main text (title first) from an HTML page, via trafilatura; with `links`, each
    link kept as a Markdown link ('[the council's study](https://...)'), for a Markdown reading: a
    claim whose sentence links its source is attributed to it."""
    try:
        import trafilatura  # lazy: slow to import, and only HTML input needs it
    except ImportError as exc:  # a broken install: say what is missing, in one line
        raise InputError(f"{name}: HTML input needs trafilatura and lxml_html_clean "
                         f"(pip install trafilatura lxml_html_clean): {exc}") from None

    extracted = trafilatura.bare_extraction(html, include_comments=False, include_tables=False,
                                            with_metadata=True, favor_precision=True, include_links=links)
    body = getattr(extracted, "text", None) if extracted is not None else None
    if not body:
        raise InputError(f"{name}: no article text found in the HTML")
    title = (getattr(extracted, "title", None) or "").strip()
    paragraphs = [line.strip() for line in body.splitlines() if line.strip()]
    if title and paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    return "\n\n".join(([title] if title else []) + paragraphs)


def text_from_bytes(data: bytes, name: str) -> str:
    """Decode and, for HTML (by the name's suffix, else by its first bytes), extract; refuse empty input.
    A page named as HTML keeps its links, as its name also makes it read as Markdown (is_markdown)."""
    text = decode(data, name)
    is_html = Path(name).suffix.lower() in HTML_SUFFIXES or bool(_HTML_START.match(text))
    if is_html:
        text = html_to_text(text, name, links=is_markdown(name))
    if not text.strip():
        raise InputError(f"{name}: empty input, nothing to audit")
    return text


def is_markdown(name: str) -> bool:
    """Markdown is known by its suffix (.md, .markdown) only: plain text is often valid Markdown too.
    An HTML page (.html, .htm, .xhtml) is extracted as Markdown, its links kept (text_from_bytes)."""
    return Path(name).suffix.lower() in MARKDOWN_SUFFIXES | HTML_SUFFIXES


def read_article(path: str) -> str:
    """The text of the article at `path` ('-' for standard input)."""
    return text_from_bytes(read_bytes(path), "<stdin>" if path == "-" else path)
