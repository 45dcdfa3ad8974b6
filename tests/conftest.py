import os
import shutil
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


# ---- headless Chromium for the browser tests (tests/test_browser.py, tests/test_serve.py) ----

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-output" / "screenshots"
# the controls of a page that reach outside the window (a narrow phone's 360 px): what each is
OFF_SCREEN = """() => { const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll('button, input, select, textarea, label, summary')].filter(e => {
    const box = e.getBoundingClientRect(); return box.width && (box.left < 0 || box.right > width); })
  .map(e => `${e.tagName} ${e.id || e.textContent.trim().slice(0, 40)}`); }"""
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def missing(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run in CI: {reason} (make test installs it)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright is not installed")
    if not Path(CHROMIUM).exists():
        missing("Debian's chromium is not installed")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
