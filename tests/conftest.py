from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DERNA = ROOT.parent / "shared" / "examples" / "derna-airstrikes.txt"


@pytest.fixture
def derna_text() -> str:
    if not DERNA.exists():
        pytest.skip(f"the shared Derna example is not here ({DERNA}); it exists beside the repo in CI")
    return DERNA.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def derna_audit():
    if not DERNA.exists():
        pytest.skip(f"the shared Derna example is not here ({DERNA}); it exists beside the repo in CI")
    from framing.api import audit_text

    return audit_text(DERNA.read_text(encoding="utf-8"))
