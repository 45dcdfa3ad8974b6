"""The few parts of nltk an audit uses, imported without nltk's package init.

`import nltk.anything` first runs nltk/__init__.py, which imports every nltk subpackage and with
them scipy.stats and scikit-learn: about a second of start-up. An audit needs only Punkt (the
sentence splitter: nltk.tokenize.punkt and a few small modules of nltk's: probability, internals,
pathsec, tokenize.api), and textstat imports nltk at the top of a module only to fetch cmudict,
which framing/text/readability.py replaces with the offline table. nltk offers no lighter entry
point, so while nltk is not imported yet, `import_modules` registers the nltk and nltk.tokenize
packages without running their __init__ files, imports the modules it is asked for (which load
just the nltk modules they name: about 0.07 s), and takes every nltk module that added out of
sys.modules again: what was imported keeps its private copies, and a later `import nltk` anywhere
in the process runs the whole package as usual. When nltk is imported already, or a version of
nltk needs its package init after all (the import fails), these are plain imports.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
from pathlib import Path
from types import ModuleType

_LOCK = threading.RLock()


def import_modules(*names: str) -> list[ModuleType]:
    """The modules `names`, imported without running nltk's package init where they import nltk."""
    with _LOCK:
        spec = None if "nltk" in sys.modules else importlib.util.find_spec("nltk")
        if spec is None or not spec.submodule_search_locations:
            return [importlib.import_module(name) for name in names]
        root = Path(list(spec.submodule_search_locations)[0])
        before = set(sys.modules)
        for name, folder in (("nltk", root), ("nltk.tokenize", root / "tokenize")):
            package = importlib.util.spec_from_file_location(name, folder / "__init__.py",
                                                             submodule_search_locations=[str(folder)])
            sys.modules[name] = importlib.util.module_from_spec(package)  # the package, its __init__ not run
        modules = None
        try:
            modules = [importlib.import_module(name) for name in names]
        except Exception:  # noqa: BLE001 - this nltk needs its package init: import everything again, plainly
            pass
        finally:
            for name in set(sys.modules) - before:
                if modules is None or name == "nltk" or name.startswith("nltk."):
                    del sys.modules[name]
        return modules if modules is not None else [importlib.import_module(name) for name in names]


class LazyNltk:
    """Stands for the nltk package where a module imported by `import_modules` kept the bare one:
    the real package is imported on first use."""

    def __getattr__(self, name: str):
        return getattr(importlib.import_module("nltk"), name)
