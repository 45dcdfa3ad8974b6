"""`framing corpus`: inputs, the three outputs, bad articles, resuming, and the engines."""

import csv
import gc
import importlib.util
import json
import re
import shutil
import signal
import multiprocessing
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pytest

from framing.api import prepare
from framing.runs import corpus, pool, research
from framing.runs.engines import ENGINES, DaskEngine, Engine, LocalEngine
from framing.cli import main
from framing.errors import InputError

from conftest import EXAMPLES, ROOT


def jsonl_corpus(path, copies: int = 2):
    """Articles made from the examples, spread over two outlets, with one bad line."""
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.txt"))]
    with path.open("w", encoding="utf-8") as handle:
        for i in range(copies):
            for stem, text in texts:
                handle.write(json.dumps({"id": f"{stem}-{i}", "text": text.replace("Tuesday", f"day {i}"),
                                         "outlet": f"Outlet {'AB'[i % 2]}", "date": f"2026-01-0{i + 1}",
                                         "section": "local"}) + "\n")
        handle.write('{"id": "broken", "text": ""}\n')
    return path


def audit_lines(outdir) -> str:
    """The folder's audits, one per line, its parts in order."""
    return "".join((outdir / "parts" / f"{name}.audits.jsonl").read_text(encoding="utf-8")
                   for name in corpus.parts(outdir))


def rows(outdir):
    with (outdir / "articles.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_jsonl_corpus_gives_the_three_outputs(tmp_path):
    source = jsonl_corpus(tmp_path / "in.jsonl")
    out = tmp_path / "out"
    assert main(["corpus", str(source), "-o", str(out)]) == 0
    audits = [json.loads(line) for line in audit_lines(out).splitlines()]
    assert [a["id"] for a in audits] == ["harbour-balanced-0", "harbour-loaded-0", "harbour-balanced-1", "harbour-loaded-1"]
    assert audits[0]["metadata"] == {"outlet": "Outlet A", "date": "2026-01-01", "section": "local"}
    table = rows(out)
    assert [r["id"] for r in table] == [a["id"] for a in audits]
    loaded = table[1]
    assert float(loaded["score_loaded_language"]) > 0.5 and float(loaded["per1000_emotive"]) > 0
    assert loaded["sources_critical"] == "3" and loaded["principal_actor"] == "Calder Bay Port Authority"
    assert loaded["meta_section"] == "local" and loaded["outlet"] == "Outlet A"
    for r in table:
        assert (out / r["report"]).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Outlet A" in index and "Outlet B" in index and index.count("<svg") == 2
    assert 'href="reports/harbour-loaded-1.html"' in index
    [error] = [json.loads(line) for line in (out / "errors.jsonl").open(encoding="utf-8")]
    assert error["id"] == "broken" and "text" in error["error"]


def test_folder_and_csv_inputs(tmp_path):
    folder = tmp_path / "archive"
    (folder / "Courier").mkdir(parents=True)
    (folder / "Courier" / "bus.html").write_bytes((EXAMPLES / "bus-lanes.html").read_bytes())
    (folder / "top.txt").write_text((EXAMPLES / "harbour-loaded.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01")
    summary = corpus.run(folder, tmp_path / "out1")
    assert (summary.audited, summary.failed) == (2, 1)
    assert {r["id"]: r["outlet"] for r in rows(tmp_path / "out1")} == {"Courier/bus": "Courier", "top": ""}

    corpus.run(folder, folder / "out")  # an output folder inside the input folder
    assert corpus.run(folder, folder / "out").audited == 0  # its own reports are not read as articles

    table = tmp_path / "in.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "title", "text", "outlet", "url"])
        writer.writerow(["a/1", "", (EXAMPLES / "harbour-balanced.txt").read_text(encoding="utf-8"), "X", "http://x/1"])
    corpus.run(table, tmp_path / "out2")
    [row] = rows(tmp_path / "out2")
    assert row["url"] == "http://x/1" and row["report"].startswith("reports/a_1-")


def test_bad_input_is_a_one_line_error(tmp_path, capsys):
    (tmp_path / "in.csv").write_text("id,body\n1,hello\n", encoding="utf-8")
    assert main(["corpus", str(tmp_path / "in.csv"), "-o", str(tmp_path / "out")]) == 2
    assert main(["corpus", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "out")]) == 2
    assert main(["corpus", str(tmp_path / "in.csv"), "-o", str(tmp_path / "out"), "--scheduler", "tcp://x:1"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3 and all(line.startswith("framing: error: ") for line in err)


def test_a_killed_run_resumes_without_redoing_finished_articles(tmp_path):
    source = jsonl_corpus(tmp_path / "in.jsonl", copies=24)  # 48 articles (3 parts of 16) and a bad line
    out = tmp_path / "out"
    command = [sys.executable, "-c", "import sys; from framing.runs import corpus; corpus.BATCH = 16; "
               "from framing.cli import main; sys.exit(main(sys.argv[1:]))", "corpus", str(source), "-o", str(out), "--parquet"]
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list((out / "parts").glob("*.audits.jsonl")):
        time.sleep(0.05)
    process.kill()
    process.wait()
    assert len(list((out / "parts").glob("000000000-00000.*.parquet"))) == len(corpus.TABLES)  # before its audits
    (out / "parts" / "000000016-00000.articles.csv").write_text("id\r\nx\r\n")  # as if killed within a part
    (out / "parts" / "000000016-00000.findings.parquet").write_bytes(b"PAR1")
    before = corpus.finished_ids(out)
    assert len(before) == 16 and not list((out / "parts").glob("000000016-00000.*"))
    summary = corpus.run(source, out, parquet=True)
    assert summary.skipped == len(before) and summary.audited == 48 - len(before)
    ids = [json.loads(line)["id"] for line in audit_lines(out).splitlines()]
    assert len(ids) == len(set(ids)) == 48
    assert len(rows(out)) == 48
    assert_parquet_is_csv(out)


def test_dask_engine_gives_the_same_outputs_as_local_processes_its_workers_writing_the_parts(tmp_path, monkeypatch):
    pytest.importorskip("dask.distributed")
    monkeypatch.setattr(corpus, "BATCH", 16)
    source = jsonl_corpus(tmp_path / "in.jsonl", copies=9)  # 18 articles: two parts
    corpus.run(source, tmp_path / "local", jobs=2, parquet=True)
    written_here, real_write_files = [], corpus.write_files
    monkeypatch.setattr(corpus, "write_files", lambda outdir, files: written_here.append(files))
    corpus.run(source, tmp_path / "dask", jobs=2, engine="dask", parquet=True)  # a LocalCluster of 2 workers
    assert written_here == []  # the workers saw OUTDIR and wrote every part and report themselves
    monkeypatch.setattr(corpus, "write_files", real_write_files)
    local, dask = tmp_path / "local", tmp_path / "dask"
    assert len(corpus.parts(dask)) == 2 and audit_lines(dask) == audit_lines(local)
    for name in ("articles.csv", "findings.csv", "sources.csv", "actors.csv", "index.html", "errors.jsonl",
                 *(f"{t}.parquet" for t in corpus.TABLES)):  # the manifest aside
        assert (dask / name).read_bytes() == (local / name).read_bytes(), name
    reports = sorted(p.name for p in (local / "reports").iterdir())
    assert reports == sorted(p.name for p in (dask / "reports").iterdir())
    assert all((dask / "reports" / r).read_bytes() == (local / "reports" / r).read_bytes() for r in reports)
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "bus.html").write_bytes((EXAMPLES / "bus-lanes.html").read_bytes())
    corpus.run(folder, tmp_path / "folder-local")
    corpus.run(folder, tmp_path / "folder-dask", jobs=2, engine="dask")  # file bytes travel to the workers
    assert rows(tmp_path / "folder-dask") == rows(tmp_path / "folder-local")


def test_dask_tasks_leave_the_items_out_of_the_schedulers_message_log():
    """The scheduler keeps its last 1,000 messages to each worker: articles sent inside the tasks
    stayed in the main process's memory (a LocalCluster's scheduler runs there) as the run went on."""
    distributed = pytest.importorskip("dask.distributed")
    items = [f"article {i} " + "marker " * 2000 for i in range(3 * pool.WINDOW_PER_JOB + 5)]  # several windows
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        results = list(DaskEngine(2, scheduler=cluster.scheduler_address).map(str.upper, iter(items)))
        logged = [m for stream in cluster.scheduler.stream_comms.values() for m in stream.recent_message_log]
        assert results == [item.upper() for item in items]  # in input order
        assert logged and b"marker marker" not in pickle.dumps(logged)


def test_dask_tasks_whose_worker_died_are_sent_again(tmp_path):
    """An item scattered to a worker that dies is lost with it, and its task cancelled: the engine
    sends such a task again, the item inside it, so the run goes on as it did before the items
    were scattered."""
    distributed = pytest.importorskip("dask.distributed")
    import os
    import threading

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        def kill_a_worker():
            time.sleep(2)
            with distributed.Client(cluster) as client:
                address = sorted(client.scheduler_info()["workers"])[0]
                os.kill(client.run(os.getpid, workers=[address])[address], 9)

        killer = threading.Thread(target=kill_a_worker)
        killer.start()
        results = list(DaskEngine(2, scheduler=cluster.scheduler_address).map(time.sleep, iter([0.5] * 12)))
        killer.join()
    assert results == [None] * 12


def test_report_names_are_safe_and_distinct():
    assert corpus.report_name("plain-id_1") == "plain-id_1.html"
    names = {corpus.report_name(i) for i in ("a/b", "a b", "a_b", "../../etc/passwd", "")}
    assert len(names) == 5 and all("/" not in n and not n.startswith(".") for n in names)


def test_engines_are_named_and_say_where_reports_are_written():
    assert list(ENGINES) == ["local", "dask"] and ENGINES["local"] is LocalEngine and ENGINES["dask"] is DaskEngine
    assert LocalEngine.shares_disk and not DaskEngine.shares_disk  # a Dask worker may not share this disk
    assert DaskEngine.takes_scheduler and not LocalEngine.takes_scheduler


@pytest.mark.parametrize("jobs", [1, 2])
def test_local_engine_maps_in_input_order_through_the_interface(jobs):
    ids = [f"outlet {i}/article {i % 7}" for i in range(3 * pool.WINDOW_PER_JOB * jobs + 5)]  # several windows
    assert list(LocalEngine(jobs).map(corpus.report_name, iter(ids))) == [corpus.report_name(i) for i in ids]


@pytest.mark.parametrize("window", [1, 3, pool.WINDOW_PER_JOB])
def test_the_local_engine_holds_its_window_of_items_per_worker_and_no_more(window):
    """corpus sends batches of BATCH articles with a window of IN_FLIGHT // BATCH (the texts in flight
    stay IN_FLIGHT articles a worker whatever the batch), batch single articles with the default."""
    pulled = []

    def items():
        for i in range(10 * window):
            pulled.append(i)
            yield str(i)

    results = LocalEngine(2).map(corpus.report_name, items(), window)
    assert next(results) == "0.html" and len(pulled) == 2 * window
    assert list(results) == [f"{i}.html" for i in range(1, 10 * window)]


def test_an_engine_stopped_early_stops_its_workers():
    before = len(multiprocessing.active_children())
    results = LocalEngine(2).map(corpus.report_name, iter(str(i) for i in range(1000)))
    assert next(results) == "0.html"
    assert len(multiprocessing.active_children()) == before + 2
    results.close()  # terminates the pool: no worker is left behind
    assert len(multiprocessing.active_children()) == before


class _SlowFinaliser:
    def __init__(self, started):
        self.started, self.cycle = started, self

    def __del__(self):
        self.started.set()
        end = time.monotonic() + 5
        while time.monotonic() < end:  # Python code, where the SIGTERM's handler runs
            pass


def _swallow_sigterm_then_wait(started):
    pool.worker_signals()
    _SlowFinaliser(started)
    gc.collect()  # its __del__ gets the SIGTERM: the SystemExit is printed and ignored
    time.sleep(60)  # as a worker waiting on the queue's lock that terminate() holds


def test_a_worker_ends_after_sigterm_even_when_a_finaliser_swallowed_its_systemexit(monkeypatch):
    """The cause of a rare hang in the test above: a worker whose SIGTERM came in a finaliser went on
    waiting on the pool's queue, and terminate() waited for it for ever."""
    monkeypatch.setattr(pool, "STOP_GRACE", 1)
    context = multiprocessing.get_context("fork")
    started = context.Event()
    worker = context.Process(target=_swallow_sigterm_then_wait, args=(started,))
    worker.start()
    try:
        assert started.wait(30)
        worker.terminate()
        worker.join(20)
        assert worker.exitcode == -signal.SIGALRM
    finally:
        worker.kill()
        worker.join()


class InProcess(Engine):
    """An engine whose 'workers' do not share the disk: the main process reads files and writes reports."""

    name = "in-process"
    shares_disk = False

    def map(self, work, items, window=None):
        prepare()
        yield from map(work, items)


def test_any_engine_gives_the_same_outputs(tmp_path):
    folder = tmp_path / "archive"
    (folder / "Courier").mkdir(parents=True)
    for name in ("harbour-loaded.txt", "harbour-balanced.txt"):
        (folder / "Courier" / name).write_bytes((EXAMPLES / name).read_bytes())
    (folder / "bus.html").write_bytes((EXAMPLES / "bus-lanes.html").read_bytes())
    corpus.run(folder, tmp_path / "local", jobs=2)
    summary = corpus.run(folder, tmp_path / "other", engine=InProcess())
    assert (summary.audited, summary.failed) == (3, 0)
    assert audit_lines(tmp_path / "other") == audit_lines(tmp_path / "local")
    for name in ("articles.csv", "findings.csv", "sources.csv", "index.html"):
        assert (tmp_path / "other" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()
    reports = sorted(p.name for p in (tmp_path / "local" / "reports").iterdir())
    assert reports == sorted(p.name for p in (tmp_path / "other" / "reports").iterdir()) and len(reports) == 3
    assert all((tmp_path / "other" / "reports" / r).read_bytes() == (tmp_path / "local" / "reports" / r).read_bytes()
               for r in reports)


def test_articles_csv_is_safe_in_a_spreadsheet_and_reads_back_whole(tmp_path):
    """Formula-leading text cells are neutralised with an apostrophe; a bare carriage return inside
    a value is quoted, so reading the file back with the csv module gives one row per article."""
    text = (EXAMPLES / "harbour-loaded.txt").read_text(encoding="utf-8")
    source = tmp_path / "in.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for i, (formula, note) in enumerate([('=HYPERLINK("http://x","y")', "a\rb"), ("@SUM(A1)", "c\nd")]):
            handle.write(json.dumps({"id": f"a{i}", "text": text, "section": formula, "note": note}) + "\n")
    out = tmp_path / "out"
    assert main(["corpus", str(source), "-o", str(out)]) == 0
    with (out / "articles.csv").open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert [r["id"] for r in table] == ["a0", "a1"]
    assert [r["meta_section"] for r in table] == ['\'=HYPERLINK("http://x","y")', "'@SUM(A1)"]
    assert [r["meta_note"] for r in table] == ["a\rb", "c\nd"]
    assert float(table[0]["score_loaded_language"]) > 0  # numbers are left as numbers
    assert corpus.spreadsheet_safe(-0.5) == -0.5 and corpus.spreadsheet_safe("-1") == "'-1"
    pandas = pytest.importorskip("pandas")  # what a researcher reads it with: the same rows and cells
    frame = pandas.read_csv(out / "articles.csv", keep_default_na=False)
    assert list(frame["id"]) == ["a0", "a1"] and list(frame["meta_note"]) == ["a\rb", "c\nd"]
    assert list(frame["meta_section"]) == [r["meta_section"] for r in table]
    assert frame["score_loaded_language"].dtype.kind == "f"


UNJUDGED = "The council met on Tuesday. It approved the budget. The mayor said the plan was fine."  # no main actor


def test_a_balance_not_judged_is_an_empty_cell_never_zero(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "plain", "text": UNJUDGED, "outlet": "X"}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    corpus.run(source, out)
    [row] = rows(out)
    assert row["score_sourcing"] == row["balance_index"] == "" and row["balance_judged"] == "False"
    assert row["score_loaded_language"] == "0.0"  # a judged zero stays a zero
    index = (out / "index.html").read_text(encoding="utf-8")
    article_row = index[index.index('href="reports/plain.html"'):].split("</tr>")[0]
    assert article_row.count("not judged") == 2 and "0.00" in article_row  # sourcing and balance; loaded language 0


def table(outdir, name):
    with (outdir / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_findings_and_sources_csv_have_one_row_each_and_a_resumed_run_no_duplicates(tmp_path):
    source = jsonl_corpus(tmp_path / "in.jsonl")
    out = tmp_path / "out"
    corpus.run(source, out)
    audits = [json.loads(line) for line in audit_lines(out).splitlines()]
    findings, sources = table(out, "findings.csv"), table(out, "sources.csv")
    assert len(findings) == sum(len(a["findings"]) for a in audits) > 0
    assert len(sources) == sum(len(a["sources"]) for a in audits) > 0
    assert list(findings[0])[:5] == ["id", "outlet", "date", "genre", "meta_section"]
    loaded = [f for f in findings if f["id"] == "harbour-loaded-0"]
    reckless = next(f for f in loaded if f["rule"] == "emotive.reckless")
    assert (reckless["outlet"], reckless["category"], reckless["voice"], reckless["text"]) == \
        ("Outlet A", "emotive", "reporter", "Reckless")
    text = audits[1]["document"]["text"]
    assert text[int(reckless["start"]):int(reckless["end"])] == "Reckless"
    assert any(f["speaker"] == "Maria Costa" for f in loaded)
    costa = next(s for s in sources if s["id"] == "harbour-loaded-0" and s["name"] == "Maria Costa")
    assert (costa["side"], costa["kind"], costa["quoted_words"]) == ("critical", "person", "19")

    old = audit_lines(out)  # a folder of before the parts: one audits.jsonl, here one article short and a line cut
    shutil.rmtree(out / "parts")
    (out / "audits.jsonl").write_text("".join(line for line in old.splitlines(keepends=True)
                                              if '"harbour-loaded-1"' not in line) + '{"id": "cut sho',
                                      encoding="utf-8")
    assert corpus.run(source, out).audited == 1  # migrated into parts, resumed, the tables made again from them
    assert not (out / "audits.jsonl").exists() and sorted(audit_lines(out).splitlines()) == sorted(old.splitlines())
    assert sorted(map(str, table(out, "findings.csv"))) == sorted(map(str, findings))
    assert len(table(out, "sources.csv")) == len(sources)


def test_a_source_of_an_article_without_a_main_actor_is_on_no_side(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "plain", "text": UNJUDGED}) + "\n", encoding="utf-8")
    corpus.run(source, tmp_path / "out")
    [mayor] = table(tmp_path / "out", "sources.csv")
    assert mayor["name"] == "The mayor" and mayor["side"] == ""


def test_the_research_api_reads_the_tables_as_typed_dataframes(tmp_path):
    pandas = pytest.importorskip("pandas")
    from framing import corpus as api

    source = jsonl_corpus(tmp_path / "in.jsonl")
    with source.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "plain", "text": UNJUDGED, "outlet": "NA", "section": "=1+1"}) + "\n")
    out = tmp_path / "out"
    corpus.run(source, out)
    articles, findings, sources = api.articles(out), api.findings(out), api.sources(out)
    assert len(articles) == 5 and len(findings) == len(table(out, "findings.csv"))
    assert articles["score_sourcing"].dtype == "float64" and articles["score_sourcing"].isna().tolist()[-1]
    assert str(articles["words"].dtype) == "Int64" and str(articles["balance_judged"].dtype) == "boolean"
    assert articles["date"].dtype.kind == "M" and articles["date"].isna().tolist() == [False] * 4 + [True]
    assert articles["outlet"].tolist()[-1] == "NA" and articles["meta_section"].tolist()[-1] == "=1+1"
    assert str(articles["outlet"].dtype) == "string" and articles["outlet"].isna().sum() == 0
    assert str(findings["start"].dtype) == "Int64" and findings["score"].dtype == "float64"
    assert str(sources["quoted_words"].dtype) == "Int64" and sources["side"].isna().tolist()[-1]
    with pytest.raises(InputError, match="no such file"):
        api.articles(tmp_path)


def assert_parquet_is_csv(out):
    """Each TABLE.parquet holds the rows and types of TABLE.csv as framing.corpus reads it."""
    import pandas
    from framing import corpus as api

    for name in corpus.TABLES:
        pandas.testing.assert_frame_equal(pandas.read_parquet(out / f"{name}.parquet"), getattr(api, name)(out))


def test_parquet_tables_are_the_workers_parts_with_the_csv_types_and_rows(tmp_path, monkeypatch):
    pandas = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    from framing import corpus as api
    from framing.cli import main

    monkeypatch.setattr(corpus, "BATCH", 16)
    source = jsonl_corpus(tmp_path / "in.jsonl", copies=9)  # 18 articles: two parts, one of them without meta_section
    with source.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "plain", "text": UNJUDGED, "outlet": "=X", "topic": "t"}) + "\n")
    out = tmp_path / "out"
    written = []
    real = corpus.write_tables
    with pytest.MonkeyPatch.context() as patch:  # the tables are made from the parts the workers wrote
        patch.setattr(corpus, "write_tables", lambda *a: written.extend(sorted(p.name for p in (out / "parts").glob("*.parquet"))) or real(*a))
        assert main(["corpus", str(source), "-o", str(out), "--fast", "--parquet", "--jobs", "2"]) == 0
    assert written == sorted(f"{name}.{t}.parquet" for name in corpus.parts(out) for t in corpus.TABLES) and len(written) == 8
    assert_parquet_is_csv(out)
    articles = pandas.read_parquet(out / "articles.parquet")
    assert articles["meta_section"].isna().tolist()[-1] and articles["score_sourcing"].isna().tolist()[-1]
    assert articles["outlet"].tolist()[-1] == "=X" and str(articles["date"].dtype) == "datetime64[us]"
    assert not list(out.glob(".*.tmp"))
    (out / "parts" / f"{corpus.parts(out)[-1]}.audits.jsonl").unlink()  # as if the run had been killed there
    assert main(["corpus", str(source), "-o", str(out), "--fast"]) == 0  # its own Parquet files are no strangers,
    assert len(api.articles(out)) == 19 and json.loads((out / "manifest.json").read_text())["options"]["parquet"]
    assert_parquet_is_csv(out)  # and a rerun without --parquet keeps them in step with the CSV files
    whole = {name: pandas.read_parquet(out / f"{name}.parquet") for name in ("articles", "findings", "actors")}
    api.to_parquet(out, rows=2)  # a table read, typed and written a few rows at a time: the same table
    for name, frame in whole.items():
        pandas.testing.assert_frame_equal(pandas.read_parquet(out / f"{name}.parquet"), frame)
    import pyarrow.parquet

    assert pyarrow.parquet.ParquetFile(out / "findings.parquet").metadata.num_row_groups == -(-len(whole["findings"]) // 2)


def test_to_parquet_makes_the_parts_parquet_files_a_run_without_parquet_did_not(tmp_path):
    pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    from framing import corpus as api

    out = tmp_path / "out"
    corpus.run(jsonl_corpus(tmp_path / "in.jsonl"), out, contextual=False)
    assert not list((out / "parts").glob("*.parquet")) and not (out / "articles.parquet").exists()
    api.to_parquet(out)
    assert len(list((out / "parts").glob("*.parquet"))) == len(corpus.TABLES)
    assert_parquet_is_csv(out)
    empty = tmp_path / "empty"  # no article audited: empty tables, as the CSV files
    (tmp_path / "none.jsonl").write_text('{"id": "broken", "text": ""}\n', encoding="utf-8")
    corpus.run(tmp_path / "none.jsonl", empty, contextual=False, parquet=True)
    assert_parquet_is_csv(empty)


def test_parquet_without_pyarrow_fails_before_auditing(tmp_path, monkeypatch):
    import importlib.util

    from framing.cli import main

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow" else real(name, *a))
    source = jsonl_corpus(tmp_path / "in.jsonl")
    assert main(["corpus", str(source), "-o", str(tmp_path / "out"), "--fast", "--parquet"]) == 2
    assert not (tmp_path / "out" / "parts").exists()


def test_the_research_api_says_in_one_line_that_it_needs_pandas(tmp_path, monkeypatch):
    from framing import corpus as api

    monkeypatch.setitem(sys.modules, "pandas", None)  # as if not installed
    with pytest.raises(InputError, match=r"pip install 'framing\[research\]'"):
        api.findings(tmp_path)


def test_holm_correction_as_statsmodels_gives_it():
    assert research.holm([0.01, 0.04, 0.03, 0.005]) == pytest.approx([0.03, 0.06, 0.06, 0.02])
    assert research.holm([0.5, 0.9]) == [1.0, 1.0] and research.holm([]) == []


def test_group_means_have_seeded_bootstrap_intervals_and_pairs_holm_corrected_p():
    pytest.importorskip("scipy")
    low = [0.1, 0.2, 0.15, 0.05, 0.1, 0.2, 0.1, 0.12, 0.18, 0.1] * 3
    high = [x + 0.5 for x in low]
    estimates, pairs = research.compare({"A": low, "B": high, "C": list(low), "D": [0.4]})
    a = estimates["A"]
    assert a.n == 30 and a.low < a.mean < a.high and a.high - a.low < 0.05
    assert estimates["D"] == research.Estimate(1, 0.4)  # one article: a mean, no interval
    assert [(d.a, d.b) for d in pairs] == [("A", "B"), ("A", "C"), ("B", "C")]  # D has too few articles
    ab, ac, _ = pairs
    assert ab.difference == pytest.approx(-0.5) and ab.low < -0.45 and ab.high > -0.55 and ab.p_holm < 0.01
    assert ac.difference == 0 and ac.low <= 0 <= ac.high and ac.p_holm > 0.5
    assert research.compare({"A": low, "B": high}) == research.compare({"A": low, "B": high})  # seeded


def test_index_shows_intervals_n_and_pairwise_tests_by_any_column(tmp_path):
    pytest.importorskip("scipy")
    source = jsonl_corpus(tmp_path / "in.jsonl", copies=4)
    out = tmp_path / "out"
    assert main(["corpus", str(source), "-o", str(out), "--by", "date"]) == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "in 4 group(s) by date" in index and "Differences between groups by date" in index
    assert "2026-01-01 − 2026-01-02" in index and index.count("2026-01-0") >= 6
    assert "n=2" in index and "bootstrap interval" in index and "pip install" not in index
    corpus.write_tables(out, by="meta_section")  # a metadata field, with or without meta_
    assert "in 1 group(s) by meta_section" in (out / "index.html").read_text(encoding="utf-8")
    corpus.write_tables(out, by="missing")
    assert "(no missing)" in (out / "index.html").read_text(encoding="utf-8")


def test_without_scipy_the_corpus_is_written_and_the_index_says_how_to_get_intervals(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "scipy", None)  # as if the extra 'research' were not installed
    monkeypatch.setitem(sys.modules, "scipy.stats", None)
    assert not research.available()
    source = jsonl_corpus(tmp_path / "in.jsonl")
    out = tmp_path / "out"
    corpus.run(source, out)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count("pip install &#39;framing[research]&#39;") == 1 and "Differences between" not in index
    assert "n=2" in index and "[0." not in index
    assert len(rows(out)) == 4 and table(out, "findings.csv")


def test_distinguishing_terms_by_weighted_log_odds_with_an_informative_prior():
    counts = {"A": {"emotive.slam": 40, "doubt.claim": 10}, "B": {"emotive.slam": 2, "doubt.claim": 10},
              "C": {"doubt.claim": 10}}
    words = {"A": 10_000, "B": 10_000, "C": 10_000}
    terms = research.distinguishing(counts, words, {"emotive.slam": "slammed"})
    [slam] = terms["A"]
    assert (slam.term, slam.rule, slam.count, slam.rate, slam.rate_others) == ("slammed", "emotive.slam", 40, 4.0, 0.1)
    assert slam.z > 3 and terms["B"] == terms["C"] == []  # the same rate everywhere distinguishes no one
    few = research.distinguishing({"A": {"x": 2}, "B": {}}, {"A": 10_000, "B": 10_000}, {})
    assert few["A"] == []  # two findings are not evidence: the prior holds them back
    one = research.distinguishing({"A": {"militia": 1}, "B": {}}, {"A": 1, "B": 0}, {})
    assert one == {"A": [], "B": []}  # one label in the whole corpus: nothing to set it against, no error


def _loud_and_calm(source: Path) -> Path:
    """Six copies of the loaded harbour example from outlet Loud and six of the balanced one from Calm."""
    texts = {name: (EXAMPLES / f"harbour-{name}.txt").read_text(encoding="utf-8") for name in ("loaded", "balanced")}
    with source.open("w", encoding="utf-8") as handle:
        for i in range(6):
            for outlet, name in (("Loud", "loaded"), ("Calm", "balanced")):
                handle.write(json.dumps({"id": f"{outlet}{i}", "text": texts[name], "outlet": outlet}) + "\n")
    return source


def test_index_lists_each_groups_distinguishing_terms(tmp_path):
    source = _loud_and_calm(tmp_path / "in.jsonl")
    corpus.run(source, tmp_path / "out")
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    terms = index[index.index("Loaded terms that distinguish"):index.index("</table>", index.index("Loaded terms that"))]
    loud, calm = terms.split("<td>Loud</td>")[1], terms.split("<td>Calm</td>")[1].split("</tr>")[0]
    assert "<strong>will only</strong> z=" in loud and "none" in calm


def test_monthly_means_per_group_with_intervals_in_a_chart_and_a_table(tmp_path):
    pytest.importorskip("scipy")
    texts = [(EXAMPLES / f"harbour-{name}.txt").read_text(encoding="utf-8") for name in ("loaded", "balanced")]
    source = tmp_path / "in.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for i in range(8):
            handle.write(json.dumps({"id": f"a{i}", "text": texts[i % 2], "outlet": "AB"[i // 4],
                                     "date": f"2026-0{1 + i % 4 // 2}-1{i}"}) + "\n")
    out = tmp_path / "out"
    corpus.run(source, out)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "<h2>Over time</h2>" in index and index.count("<svg") == 3
    table = index[index.index("The monthly means as a table"):index.index("</details>")]
    assert table.count("<td>2026-01</td>") == table.count("<td>2026-02</td>") == 2 and "n=2" in table
    stats = corpus.CorpusStats()
    for data in corpus.audits(out):
        stats.add(corpus.row_of(data, sorted(corpus.registry.labels())), data["findings"])
    january = corpus.monthly(stats.months, with_intervals=True)["loaded_language"]["A"]["2026-01"]
    assert january.n == 2 and january.low <= january.mean <= january.high
    corpus.write_tables(out, by="missing")  # one group is still a series; no date at all is none
    assert "<h2>Over time</h2>" in (out / "index.html").read_text(encoding="utf-8")
    assert corpus.monthly({("A", "2026-01"): stats.months["A", "2026-01"]}, True) == {}


def test_the_manifest_records_version_hashes_options_times_and_counts(tmp_path):
    source = jsonl_corpus(tmp_path / "in.jsonl")
    out = tmp_path / "out"
    corpus.run(source, out, by="date")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["framing"] == corpus.__version__ and manifest["input"]["sha256"]
    assert manifest["options"] == {"jobs": 1, "engine": "local", "scheduler": None, "contextual": True, "hints": False,
                                   "by": "date", "parquet": False}
    assert set(manifest["models"]) >= {"sentence_bias.json", "attribution_tagger.npz"}
    assert len(manifest["lexicons_sha256"]) == 64 and manifest == manifest | corpus.provenance()
    assert manifest["started"] <= manifest["finished"]
    assert manifest["counts"] == {"audited": 4, "already_done": 0, "failed": 1, "in_audits": 4}
    assert corpus.run(source, out).skipped == 4  # another start time is the same corpus: resumed
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["counts"]["already_done"] == 4
    with pytest.raises(InputError, match="another input"):
        corpus.run(jsonl_corpus(tmp_path / "other.jsonl", copies=1), out)
    made = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    (out / "manifest.json").write_text(json.dumps(made | {"lexicons_sha256": "0" * 64}), encoding="utf-8")
    with pytest.raises(InputError, match=r"holds audits made with other lexicons \(manifest.json\); .* --force"):
        corpus.run(source, out)  # audits by other lexicons are not mixed with these
    assert corpus.run(source, out, force=True).audited == 4


def genre_corpus(path, copies: int = 3):
    """Straight news and an opinion piece from two outlets, with a topic and dates."""
    news = (EXAMPLES / "harbour-balanced.txt").read_text(encoding="utf-8")
    opinion = ("Opinion: The harbour plan is a disgrace\n\nI think the council has lost its mind. "
               "This reckless scheme will ruin our town, and we should all say so loudly. " * 3)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(copies):
            for outlet in ("A", "B"):
                for kind, text in (("news", news), ("opinion", opinion)):
                    handle.write(json.dumps({"id": f"{outlet}-{kind}-{i}", "text": text, "outlet": outlet,
                                             "date": f"2026-0{1 + i % 2}-1{i}", "topic": f"topic {kind}"}) + "\n")
    return path


def test_index_filters_by_group_genre_topic_and_date_with_a_hashed_script_and_sortable_tables(tmp_path):
    out = tmp_path / "out"
    corpus.run(genre_corpus(tmp_path / "in.jsonl"), out)
    table = rows(out)
    assert {r["genre"] for r in table} >= {"news", "opinion"} and list(table[0])[:6] == \
        ["id", "title", "outlet", "date", "url", "genre"]
    index = (out / "index.html").read_text(encoding="utf-8")
    code, digest = corpus.script("corpus.js")
    assert f"script-src '{digest}'" in index and f"<script>{code}</script>" in index  # runs from file://, nothing else
    assert "http://" not in index.split("<body>")[1].split("<svg")[0] and "<script src" not in index
    assert '<select name="group">' in index and '<select name="genre">' in index and '<select name="topic">' in index
    assert '<input type="date" name="from">' in index and index.count("<th data-sort>") >= 10
    news_rows = [line for line in index.splitlines() if 'data-slice="news"' in line]
    assert len(news_rows) == 2 and all(" hidden>" in line for line in news_rows)  # shown by the genre filter
    assert index.count('data-slice="all"') == 2 and 'data-genre="opinion" data-topic="topic opinion"' in index
    corpus.write_tables(out, by="genre")  # groups comparable across genres
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "in 2 group(s) by genre" in index and "news − opinion" in index


def test_index_stays_bounded_listing_the_highest_scores_and_sampling_dots(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus, "LIST_SIZE", 6)
    monkeypatch.setattr(corpus, "DOTS", 2)
    out = tmp_path / "out"
    corpus.run(genre_corpus(tmp_path / "in.jsonl", copies=4), out)  # 16 articles, 8 an outlet (the same texts)
    index = (out / "index.html").read_text(encoding="utf-8")
    listed = index[index.index('<table id="articles">'):]
    assert listed.count("<tr data-group") == 6 and "6 of 16 articles: each outlet's 3 with the highest" in index
    assert '<a href="articles.csv">' in index  # the whole list, one click away (from file:// too)
    overall = sorted((float(r["score_overall"]) for r in rows(out)), reverse=True)[:6]
    shown = [float(re.findall(r'data-value="([^"]*)"', row)[3]) for row in listed.split("<tr data-group")[1:]]
    assert shown == overall
    stats = corpus.CorpusStats()
    for i in range(5000):  # a large corpus: memory of a few numbers an article, a bounded list
        stats.add({"id": str(i), "outlet": "AB"[i % 2], "words": "700", "balance_index": "", "genre": "news",
                   **{f"score_{k}": str(i % 100 / 100) for k in corpus.SCORES}}, [])
    assert sum(map(len, stats.listed.values())) == 6 and stats.articles == 5000
    html = corpus.render_index(stats, {})
    assert len(html) < 200_000 and html.count("<tr data-group") == 6 + 2 * 2  # listed; per outlet all and news


def _rows_of(html: str, group: str) -> list[str]:
    """The ids of the articles index.html lists for `group`, in order."""
    return re.findall(rf'<tr data-group="{group}" data-genre="[^"]*"[^>]*><td><a href="([^"]*)"', html)


def test_index_lists_each_groups_highest_scores_so_no_group_is_left_without_articles(monkeypatch):
    monkeypatch.setattr(corpus, "LIST_SIZE", 6)
    stats = corpus.CorpusStats()
    for i in range(3000):  # every article of Low scores below every article of High; Few has two
        outlet = "Few" if i < 2 else ("High", "Low")[i % 2]
        score = {"Few": 0.01, "High": 0.5 + i / 10_000, "Low": i / 10_000}[outlet]
        stats.add({"id": str(i), "outlet": outlet, "words": "700", "balance_index": "", "genre": "news",
                   "report": f"{i}.html", **{f"score_{k}": str(score) for k in corpus.SCORES}}, [])
    html = corpus.render_index(stats, {})
    assert _rows_of(html, "High") == ["2998.html", "2996.html"] and _rows_of(html, "Low") == ["2999.html", "2997.html"]
    assert _rows_of(html, "Few") == ["0.html", "1.html"]  # filtering by outlet shows each outlet's highest
    assert "6 of 3000 articles: each outlet's 2 with the highest overall score" in html
    assert sum(map(len, stats.listed.values())) <= 6  # bounded however many articles
    monkeypatch.setattr(corpus, "LIST_SIZE", 2)  # more groups than rows: each group still lists one
    html = corpus.render_index(stats, {})
    assert [len(_rows_of(html, g)) for g in ("Few", "High", "Low")] == [1, 1, 1]


def test_the_box_plots_give_each_boxs_n_of_all_its_articles_not_of_the_dots_drawn():
    from framing.outputs import charts

    svg = charts.scores_by_outlet({"Loaded": {"A": [0.1, 0.2, 0.3], "B": [0.5] * 7}, "Sourcing": {"A": [0.4]}}, dots=2)
    assert re.findall(r">n=(\d+)<", svg) == ["3", "7", "1", "0"]  # per panel, outlets in order; B's sourcing not judged


def test_index_filters_and_sorts_in_a_browser_from_file_without_network(tmp_path, browser):
    out = tmp_path / "out"
    corpus.run(genre_corpus(tmp_path / "in.jsonl"), out)
    context = browser.new_context()
    page, errors, requests = context.new_page(), [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: requests.append(r.url))
    page.goto((out / "index.html").as_uri())
    visible = lambda selector: page.locator(f"{selector}:visible").count()  # noqa: E731
    assert visible("#filters") == 1 and visible("#groups tbody tr") == 2 and visible("#articles tbody tr") == 12
    page.select_option("select[name=genre]", "news")
    assert visible('#groups tr[data-slice="news"]') == 2 and visible('#groups tr[data-slice="all"]') == 0
    assert visible("#articles tbody tr") == 6 and "6 of these 12 shown" in page.inner_text("#shown")
    page.select_option("select[name=group]", "B")
    assert visible("#groups tbody tr") == 1 and visible("#articles tbody tr") == 3
    page.select_option("select[name=group]", "")
    page.fill("input[name=from]", "2026-02-01")
    assert visible("#articles tbody tr") == 2  # news of February: copy 1, two outlets
    page.fill("input[name=from]", "")
    page.select_option("select[name=genre]", "")
    page.click("#articles th:text('Words')")
    words = [int(t) for t in page.locator("#articles tbody tr td:nth-child(6)").all_inner_texts()]
    assert words == sorted(words)
    page.click("#articles th:text('Words')")
    assert [int(t) for t in page.locator("#articles tbody tr td:nth-child(6)").all_inner_texts()] == sorted(words, reverse=True)
    assert errors == [] and all(url.startswith("file://") for url in requests)
    context.close()


def test_hints_are_kept_only_with_hints_recorded_in_the_manifest_and_shown_apart(tmp_path, monkeypatch):
    from framing.detectors import model

    monkeypatch.setattr(model, "HINT_THRESHOLD", 0.6)  # low enough for the example to have hints (one job: here), in the fast mode whose threshold it is
    source = _loud_and_calm(tmp_path / "in.jsonl")
    plain, hinted = tmp_path / "plain", tmp_path / "hinted"
    corpus.run(source, plain, contextual=False)
    assert main(["corpus", str(source), "-o", str(hinted), "--hints", "--fast"]) == 0
    manifest = json.loads((hinted / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["hints"] is True and manifest["options"]["hints"] is True
    assert json.loads((plain / "manifest.json").read_text(encoding="utf-8"))["hints"] is False
    detectors = lambda out: {f["detector"] for f in table(out, "findings.csv")}  # noqa: E731
    assert "model" in detectors(hinted) and "model" not in detectors(plain)
    index, plain_index = ((out / "index.html").read_text(encoding="utf-8") for out in (hinted, plain))
    assert 'name="hints"' in index and '<div data-hints="on" hidden>' in index and "(hint)" in index
    assert 'name="hints"' not in plain_index and "(hint)" not in plain_index
    lexicon_only = index[index.index('<div data-hints="off">'):index.index('<div data-hints="on"')]
    assert "(hint)" not in lexicon_only and lexicon_only == plain_index[plain_index.index('<div data-hints="off">'):][
        :len(lexicon_only)]  # without the hints the terms are those of a corpus without them
    with pytest.raises(InputError, match="made with --hints"):
        corpus.run(source, hinted, contextual=False)  # one folder, one mode
    with pytest.raises(InputError, match="made without --hints"):
        corpus.run(source, plain, contextual=False, hints=True)


def test_a_worker_that_does_not_see_the_folder_sends_the_part_back(tmp_path):
    out = tmp_path / "out"
    corpus.run(jsonl_corpus(tmp_path / "in.jsonl", copies=1), out)
    article = corpus.Article("x", text=(EXAMPLES / "harbour-loaded.txt").read_text(encoding="utf-8"))
    result = corpus.audit_batch(corpus.Batch("000000009-00001", [article], str(out), "another run's start"))
    assert result.ids == ["x"] and not (out / "parts" / "000000009-00001.audits.jsonl").exists()
    assert list(result.files) == ["reports/x.html", *(f"parts/000000009-00001.{t}" for t in
                                                       ("articles.csv", "findings.csv", "sources.csv", "actors.csv", "audits.jsonl"))]
    corpus.write_files(out, result.files)  # what the main process then does
    corpus.write_tables(out)
    assert [r["id"] for r in rows(out)] == ["harbour-balanced-0", "harbour-loaded-0", "x"]
    if importlib.util.find_spec("pyarrow"):  # with --parquet its Parquet files travel back too, as bytes
        article.id = "y"
        result = corpus.audit_batch(corpus.Batch("000000010-00001", [article], str(out), "another run's start", True))
        parquet = {k: v for k, v in result.files.items() if k.endswith(".parquet")}
        assert list(parquet) == [f"parts/000000010-00001.{t}.parquet" for t in corpus.TABLES]
        assert all(isinstance(v, bytes) for v in parquet.values()) and list(result.files)[-1].endswith(".audits.jsonl")
        corpus.write_files(out, result.files)
        corpus.write_tables(out, parquet=True)
        assert_parquet_is_csv(out)


def test_the_research_api_reads_the_audits_from_the_parts(tmp_path):
    from framing import corpus as api

    out = tmp_path / "out"
    corpus.run(jsonl_corpus(tmp_path / "in.jsonl"), out)
    assert [a["id"] for a in api.audits(out)] == [r["id"] for r in rows(out)] and \
        next(iter(api.audits(out)))["schema"].startswith("framing.audit/")
    with pytest.raises(InputError, match="no parts/ folder"):
        api.audits(tmp_path)


def test_large_groups_get_normal_intervals_and_tests_close_to_resampling(monkeypatch):
    pytest.importorskip("scipy")
    import random

    rng = random.Random(27)
    x, y = [rng.random() for _ in range(3000)], [rng.random() * 0.9 for _ in range(3000)]
    resampled = research.estimate(x), research.difference("x", "y", x, y)
    monkeypatch.setattr(research, "LARGE", 1000)  # the same values, now "large": no resampling
    normal = research.estimate(x), research.difference("x", "y", x, y)
    assert normal[0].low == pytest.approx(resampled[0].low, abs=0.002)
    assert normal[0].high == pytest.approx(resampled[0].high, abs=0.002)
    assert normal[1].low == pytest.approx(resampled[1].low, abs=0.003) and normal[1].p < 0.001 and resampled[1].p < 0.001
    same = research.difference("x", "z", x, x[::-1])
    assert same.difference == pytest.approx(0) and same.low < 0 < same.high and same.p == pytest.approx(1.0)


ACTOR_ARTICLES = [  # (id, outlet, text): Trump named three ways, a 'Clinton' that could be Hillary or Bill
    ("a1", "Outlet A", "Trump signs order on border wall\n\nWASHINGTON — President Donald Trump on Wednesday signed an "
     "order to build a wall on the southern border.\n\n\"This is a disgrace,\" said Sen. Chuck Schumer, who criticized "
     "Trump. \"The president is wasting money.\"\n\nTrump defended the decision. \"We will build the wall,\" Trump told "
     "reporters.\n\nRep. Paul Ryan, the House speaker, praised the order. \"It is a strong step,\" Ryan said."),
    ("a2", "Outlet A", "Trump visits Ohio\n\nTrump traveled to Ohio on Thursday to speak at a rally.\n\n\"He is the "
     "best,\" said Mary Jones, a supporter. Trump thanked the crowd.\n\nHillary Clinton, the Democratic nominee, "
     "campaigned in Florida. Clinton said he was unfit."),
    ("b1", "Outlet B", "Donald J. Trump meets governors\n\nDonald J. Trump met governors on Friday. Trump, the Republican "
     "nominee, said the meeting went well.\n\n\"The meeting was productive,\" Trump said. Gov. John Kasich condemned "
     "Trump.\n\nBill Clinton, the former president, spoke in Arkansas about the economy. Clinton praised local "
     "workers."),
    ("b2", "Outlet B", "Clinton speaks in Iowa\n\nClinton spoke in Des Moines on Saturday about jobs. Clinton, the "
     "former secretary of state, told voters she would fight for them.\n\n\"She has a plan,\" said Tom Smith, a local "
     "organizer who praised Clinton. Republicans criticized Clinton."),
]


def actor_corpus(tmp_path) -> Path:
    """A corpus of ACTOR_ARTICLES, audited (without the contextual models)."""
    source = tmp_path / "actors.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": text, "outlet": outlet, "date": f"2026-02-0{n}"}) + "\n"
                              for n, (i, outlet, text) in enumerate(ACTOR_ARTICLES, 1)), encoding="utf-8")
    corpus.run(source, tmp_path / "out", contextual=False)
    return tmp_path / "out"


def test_actors_csv_names_each_actor_across_the_corpus_with_its_labels_and_its_sources_sides(tmp_path):
    out = actor_corpus(tmp_path)
    actors = {(r["id"], r["name"]): r for r in table(out, "actors.csv")}
    trump = [actors["a1", "Donald Trump"], actors["a2", "Trump"], actors["b1", "Donald Trump"]]  # 'Donald J. Trump' too
    assert {r["actor"] for r in trump} == {"Donald Trump"} and all(r["principal"] == "True" for r in trump)
    assert actors["b2", "Clinton"]["actor"] == "Clinton"  # Hillary (a2) or Bill (b1): left apart
    assert actors["a2", "Hillary Clinton"]["labels"] == "Democratic nominee"
    assert "Republican nominee" in actors["b1", "Donald Trump"]["labels"].split(";")
    assert actors["a1", "Chuck Schumer"]["labels"] == "Sen." and actors["a1", "Donald Trump"]["mentions"] == "4"
    first = actors["a1", "Donald Trump"]  # Schumer criticises him; Ryan praises him and he speaks for himself
    assert (first["sources_critical"], first["sources_supportive"], first["sources_neutral"]) == ("1", "2", "0")
    assert first["outlet"] == "Outlet A" and first["date"] == "2026-02-01" and first["kind"] == "person"
    index = (out / "index.html").read_text(encoding="utf-8")
    section = index[index.index("<h2>Actors</h2>"):index.index("<h2>Articles</h2>")]
    assert re.search(r'<tr data-group="Outlet A"><td>Donald Trump <span class="n">person, 3 articles</span></td>'
                     r'<td>Outlet A</td><td class="num">2</td>', section)
    assert "Republican nominee (1)" in section and section.count("Donald Trump <span") == 2  # a row per outlet


def test_a_surname_joins_a_full_name_only_when_one_actor_of_the_corpus_has_it():
    from framing.analysis.actors import corpus_names

    names = corpus_names({"Clinton": 3, "Hillary Clinton": 9, "Hillary Rodham Clinton": 2, "Trump": 5,
                          "Donald Trump": 4, "Donald John Trump": 1, "Senate": 2, "U.S. Senate": 1})
    assert names["Clinton"] == names["Hillary Rodham Clinton"] == "Hillary Clinton"  # the most frequent full name
    assert names["Trump"] == names["Donald John Trump"] == "Donald Trump" and names["Senate"] == "U.S. Senate"
    names = corpus_names({"Clinton": 3, "Hillary Clinton": 9, "Bill Clinton": 2, "House": 2, "Obama White House": 1,
                          "White House": 3})
    assert names["Clinton"] == "Clinton" and names["Bill Clinton"] == "Bill Clinton"
    assert names["House"] == "House" and names["Obama White House"] == "White House"


def test_the_actors_section_counts_labels_and_sides_per_group_and_finds_distinguishing_labels():
    stats = corpus.ActorStats("outlet", {"Trump"})
    row = {"id": "", "outlet": "", "actor": "Trump", "kind": "person", "labels": "", "sources_critical": "1",
           "sources_supportive": "0", "sources_neutral": ""}
    for n in range(40):
        stats.add(row | {"id": f"a{n}", "outlet": "A", "labels": "Mr.;billionaire" if n % 2 else "Mr."})
        stats.add(row | {"id": f"b{n}", "outlet": "B", "labels": "President", "sources_supportive": "2"})
    stats.add(row | {"id": "b39", "outlet": "B", "labels": "President"})  # one article naming him twice (its rows follow)
    [trump] = stats.rows(["A", "B"])
    assert trump["articles"] == 80 and trump["kind"] == "person"
    a, b = trump["groups"]
    assert a == {"group": "A", "articles": 40, "labels": [("Mr.", 40), ("billionaire", 20)], "critical": 40,
                 "supportive": 0, "neutral": 0}
    assert b["articles"] == 40 and b["supportive"] == 80 and b["labels"] == [("President", 41)]
    labels = stats.distinguishing()
    assert [t.rule for t in labels["A"]] == ["Mr.", "billionaire"] and labels["A"][0].term == "Mr. (Trump)"
    assert [t.rule for t in labels["B"]] == ["President"]


def test_the_research_api_reads_actors_as_a_typed_dataframe(tmp_path):
    pytest.importorskip("pandas")
    from framing import corpus as api

    actors = api.actors(actor_corpus(tmp_path))
    assert str(actors["principal"].dtype) == "boolean" and str(actors["mentions"].dtype) == "Int64"
    assert str(actors["sources_critical"].dtype) == "Int64" and actors["date"].dtype.kind == "M"
    assert str(actors["actor"].dtype) == "string" and str(actors["labels"].dtype) == "string"
    assert actors[actors["name"] == "Trump"]["actor"].tolist() == ["Donald Trump"]
    assert actors["labels"].isna().any()  # an actor the article gives no label: <NA>, not ''
