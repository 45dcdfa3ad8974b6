"""`framing train` and `framing evaluate`: data readers, fitting, cross-validation, model cards.

Their packages are the extra `fit` (an audit needs none of them): `missing_fit_packages()` names
those not installed, so that the commands can say so in one line instead of a traceback."""

from __future__ import annotations

import importlib.util

FIT_EXTRA = "pip install 'framing[fit]'"
FIT_PACKAGES = {"sklearn": "scikit-learn", "scipy": "scipy", "pycrfsuite": "python-crfsuite",
                "threadpoolctl": "threadpoolctl"}  # module: the name it is installed by


def missing_fit_packages() -> list[str]:
    """The install names of the extra `fit`'s packages that cannot be imported here."""
    return [name for module, name in FIT_PACKAGES.items() if importlib.util.find_spec(module) is None]
