"""The model files shipped in models/: read once per process, as plain JSON (never pickle)."""

from __future__ import annotations

import json
from functools import cache

from framing.resources import data_dir


@cache
def model_text(name: str) -> str | None:
    """The text of models/`name`, or None when no such model is installed."""
    try:
        path = data_dir("models") / name
    except FileNotFoundError:
        return None
    return path.read_text(encoding="utf-8") if path.exists() else None


@cache
def card(name: str) -> dict:
    """The model card stored in models/`name` (data, licence, scores, date); {} without a model.
    Parsed once per process (the file is the whole model); the caller must not change it."""
    text = model_text(name)
    return json.loads(text).get("card", {}) if text else {}
