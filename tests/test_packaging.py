"""The wheel ships lexicons and templates and works from any directory."""

import shutil
import subprocess
import sys
import venv

import pytest

from conftest import EXAMPLES, ROOT


@pytest.mark.slow
def test_wheel_installs_and_audits_from_elsewhere(tmp_path, monkeypatch):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True)
    wheel = next(dist.glob("framing-*.whl"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    monkeypatch.delenv("PYTHONPATH", raising=False)  # the installed wheel, not a checkout on the path, is under test
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path / "cache"))  # the encoder's graphs built from nothing
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True)
    work = tmp_path / "elsewhere"
    work.mkdir()
    shutil.copy(EXAMPLES / "harbour-loaded.txt", work / "article.txt")
    framing = env_dir / "bin" / "framing"
    result = subprocess.run([str(framing), "audit", "article.txt", "-o", "report.html"], cwd=work,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    html = (work / "report.html").read_text(encoding="utf-8")
    assert "so-called" in html and "<svg" in html
    (work / "draft.md").write_text("# Port Deal\n\n*By Jane Roe*\n\nThe so-called reform was signed.\n", encoding="utf-8")
    result = subprocess.run([str(framing), "audit", "draft.md"], cwd=work, capture_output=True, text=True)
    assert result.returncode == 0 and "draft.md:5:5:" in result.stdout, result.stderr  # Markdown needs markdown-it-py
    shutil.copy(EXAMPLES / "bus-lanes.html", work / "page.html")  # HTML input needs what the wheel declares
    result = subprocess.run([str(framing), "audit", "page.html"], cwd=work, capture_output=True, text=True)
    assert result.returncode == 0 and "finding(s)" in result.stdout, result.stderr
    installed = subprocess.run([str(python), "-m", "pip", "list", "--format", "freeze"], capture_output=True, text=True,
                               check=True).stdout.lower()
    assert not {"scikit-learn", "scipy", "python-crfsuite", "threadpoolctl", "torch", "transformers"} & {
        line.split("==")[0] for line in installed.splitlines()}  # the extras `fit` and `train`: training only
    result = subprocess.run([str(framing), "audit", "article.txt", "--format", "json"], cwd=work, capture_output=True,
                            text=True)
    assert result.returncode == 0 and '"contextual": true' in result.stdout, result.stderr  # the default mode
    assert len(list((tmp_path / "cache").glob("encoder-*-int8.onnx"))) == 2  # bias and tagger graphs, built once
    result = subprocess.run([str(framing), "compare", "article.txt", "draft.md", "-o", "compare.html"], cwd=work,
                            capture_output=True, text=True)
    assert result.returncode == 0 and (work / "compare.html").exists(), result.stderr
    (work / "in.jsonl").write_text('{"id": "a", "text": "The so-called deal was signed."}\n', encoding="utf-8")
    result = subprocess.run([str(framing), "batch", "in.jsonl", "-o", "out.jsonl"], cwd=work, capture_output=True,
                            text=True)
    assert result.returncode == 0 and '"id": "a"' in (work / "out.jsonl").read_text(encoding="utf-8"), result.stderr
    subprocess.run([str(python), "-c", "import framing.runs.serve, framing.runs.corpus, framing.runs.lsp"], cwd=work,
                   check=True)
    result = subprocess.run([str(framing), "train", "--data", str(work)], cwd=work, capture_output=True, text=True)
    assert result.returncode == 2 and "pip install 'framing[fit]'" in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr  # one line, no traceback
    listing = subprocess.run([str(python), "-c", "import framing, pathlib; p = pathlib.Path(framing.__file__).parent / 'data';"
                              "print(sorted(x.name for x in (p / 'lexicons').glob('*.toml')));"
                              "print((p / 'templates' / 'report.html.j2').exists());"
                              "from framing.models import attribution_tagger as t; print('tagger', t.shipped() is not None);"
                              "from framing.outputs.serialize import schema_path as s; print('schema', s().is_file(), s().parent.parent.name)"],
                             cwd=work, capture_output=True, text=True, check=True)
    assert "emotive.toml" in listing.stdout and "True" in listing.stdout and "tagger True" in listing.stdout
    assert "schema True data" in listing.stdout  # the JSON Schema ships in the wheel, in framing/data/docs/


def test_the_pre_commit_hook_runs_a_real_command_on_drafts():
    import re
    import shlex

    hook = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    entry = shlex.split(re.search(r"^\s*entry:\s*(.+)$", hook, re.MULTILINE).group(1))
    files = re.compile(re.search(r"^\s*files:\s*(.+)$", hook, re.MULTILINE).group(1).strip())
    assert entry[:2] == ["framing", "audit"] and "--fail-on" in entry
    assert files.search("drafts/a.md") and files.search("page.html") and not files.search("setup.py")
    from framing.cli import main

    assert main(entry[1:] + [str(ROOT / "examples" / "harbour-balanced.txt")]) == 0
    assert main(entry[1:] + [str(ROOT / "examples" / "harbour-loaded.txt")]) == 1  # a high finding stops the commit
