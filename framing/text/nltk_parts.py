"""The few parts of nltk an audit uses, imported without nltk's package init.

`import nltk.anything` first runs nltk/__init__.py, which imports every nltk subpackage and with
them scipy.stats and scikit-learn: about a second of start-up. An audit needs only Punkt (the
sentence splitter: nltk.tokenize.punkt and a few small modules of nltk's: probability, internals,
pathsec, tokenize.api), and textstat imports nltk at the top of a module only to fetch cmudict,
which framing/text/readability.py replaces with the offline table. nltk offers no lighter entry
point, so while nltk is not imported yet, `without_package_init` registers the nltk and
nltk.tokenize packages without running their __init__ files, the imports inside it load just
the modules they name (about 0.07 s), and every nltk module that added is taken out of
sys.modules again on leaving: what was imported keeps its private copies, and a later
`import nltk` anywhere in the process runs the whole package as usual. When nltk is imported
already, the imports inside are plain imports.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

_LOCK = threading.RLock()


@contextmanager
def without_package_init():
    with _LOCK:
        spec = None if "nltk" in sys.modules else importlib.util.find_spec("nltk")
        if spec is None or not spec.submodule_search_locations:
            yield
            return
        root = Path(list(spec.submodule_search_locations)[0])
        before = set(sys.modules)
        for name, folder in (("nltk", root), ("nltk.tokenize", root / "tokenize")):
            package = importlib.util.spec_from_file_location(name, folder / "__init__.py",
                                                             submodule_search_locations=[str(folder)])
            sys.modules[name] = importlib.util.module_from_spec(package)  # the package, its __init__ not run
        try:
            yield
        finally:
            for name in set(sys.modules) - before:
                if name == "nltk" or name.startswith("nltk."):
                    del sys.modules[name]


class LazyNltk:
    """Stands for the nltk package where a module imported inside `without_package_init` kept the
    bare one: the real package is imported on first use."""

    def __getattr__(self, name: str):
        return getattr(importlib.import_module("nltk"), name)
