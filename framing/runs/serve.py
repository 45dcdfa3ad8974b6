"""`framing serve`: a local live editor and a JSON API over the same audit (Starlette + uvicorn).

Drafts live in memory for the length of one request: nothing is written to disk or logged
(uvicorn's access log is off). Each audit runs off the event loop, in one of `workers` worker
processes forked once the models are loaded, for at most `seconds` (then that worker is killed:
504; no worker free within that time: 503), so a large draft never holds up other clients. Routes:

  GET  /                     the editor page
  POST /api/audit            {"text", "title"?, "markdown"?} -> the audit JSON (docs/json-format.md)
  POST /api/render           same -> {"html": the annotated view, "findings": n, "text", "marks", "excluded"}
  POST /api/report           same -> the full HTML report

Suppressions written in the draft (framing/house_rules.py) silence findings, as in `framing audit`.
  POST /api/extract          the bytes of a .txt/.md/.html file (header X-Filename) -> {"text"}
  GET  /api/examples         the bundled examples' names
  GET  /api/examples/{name}  {"text"} of one example
"""

from __future__ import annotations

import ipaddress
import json
import os
import queue
import signal
import socket
import sys
import threading
import time
import warnings
from pathlib import PurePath

import uvicorn
from starlette.concurrency import run_in_threadpool
from starlette.applications import Starlette
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from framing import __version__, categories
from framing.analysis import rewrite
from framing.api import audit_text, prepare
from framing.errors import InputError, TooLarge
from framing.findings import SEVERITY_RANK
from framing.house_rules import Rules, apply
from framing.outputs.formats import HTML, JSON
from framing.outputs.report import build_context, environment, script
from framing.resources import data_dir
from framing.runs.lines import LONE_SURROGATE, has_lone_surrogate
from framing.runs.pool import worker_signals
from framing.text.ingest import MAX_INPUT_BYTES, read_article, text_from_bytes

MAX_BODY_BYTES = MAX_INPUT_BYTES + 64 * 1024  # an article at the input limit, JSON-encoded
WORKERS = os.cpu_count() or 1  # audits at once
SECONDS = 60.0  # an audit's time limit, waiting for a worker included
DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8750
LOCAL_NAMES = ("localhost", "127.0.0.1", "::1")  # the Host names always allowed


def _host_name(value: str) -> str:
    """'localhost:8750' -> 'localhost', '[::1]:8750' -> '::1', lower-cased."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class HostCheck:
    """ASGI middleware against DNS rebinding and cross-site posts: a request whose Host is not an
    allowed name gets 421, a POST whose Origin names another host 403."""

    def __init__(self, app, allowed: tuple[str, ...]):
        self.app, self.allowed = app, {h.lower() for h in allowed}

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
            origin = headers.get("origin", "")
            problem = None
            if _host_name(headers.get("host", "")) not in self.allowed:
                problem = (421, "this server answers only to its own host names (see framing serve --allow-host)")
            elif scope["method"] == "POST" and origin and origin != "null" and \
                    _host_name(origin.split("://", 1)[-1]) not in self.allowed:
                problem = (403, "cross-site requests are refused")
            if problem:
                await JSONResponse({"error": problem[1]}, status_code=problem[0])(scope, receive, send)
                return
        await self.app(scope, receive, send)


class RequestError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


async def _body(request) -> bytes:
    """The request body, refused with 413 past MAX_BODY_BYTES (declared or actual)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise RequestError(413, f"request body over {MAX_BODY_BYTES} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise RequestError(413, f"request body over {MAX_BODY_BYTES} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


async def _draft(request) -> tuple[str, str | None, bool]:
    """`text`, optional `title` and `markdown` from a JSON body, or a 400 that says what is wrong."""
    try:
        data = json.loads(await _body(request))
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise RequestError(400, "the body must be JSON: {\"text\": \"...\", \"title\": \"...\"}") from None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise RequestError(400, "the JSON body needs a string field 'text'")
    title = data.get("title")
    if title is not None and not isinstance(title, str):
        raise RequestError(400, "'title' must be a string")
    markdown = data.get("markdown", False)
    if not isinstance(markdown, bool):
        raise RequestError(400, "'markdown' must be true or false")
    if has_lone_surrogate(data["text"], title):
        raise RequestError(400, LONE_SURROGATE)
    text = data["text"].replace("\r\n", "\n")
    if not text.strip():
        raise RequestError(400, "'text' is empty")
    return text, (title or None), markdown


class Workers:
    """Worker processes that run TASKS: forked from this process once it has loaded the models (at
    first need, so they share its memory), at most `size`, each task for at most `seconds` from the
    request's arrival: a worker still busy then is killed (504) and replaced; none free by then
    is 503. A task's errors come back as RequestErrors:
    InputError 400 (over the size limit 413), anything unexpected 500."""

    def __init__(self, size: int = WORKERS, seconds: float = SECONDS):
        self.size, self.seconds = size, seconds
        self.idle: queue.Queue = queue.Queue()
        self.started, self.lock = 0, threading.Lock()

    def run(self, task: str, *args):
        """TASKS[task](*args) in a worker (called from a thread: it waits on the worker)."""
        deadline = time.monotonic() + self.seconds
        worker = self._take(deadline)
        try:
            worker.send((task, args))
            if not worker.poll(max(0.0, deadline - time.monotonic())):
                raise RequestError(504, f"the audit took longer than the {self.seconds:g} s limit: try a shorter text")
            status, value = worker.recv()
        except BaseException as exc:  # too slow, dead, or this request cancelled: the worker goes
            self._stop(worker)
            if isinstance(exc, (EOFError, OSError)):
                raise RequestError(500, "internal error (the worker stopped)") from None
            raise
        self.idle.put(worker)
        if status != 200:
            raise RequestError(status, value)
        return value

    def _take(self, deadline: float):
        """An idle worker, or a new one while fewer than `size` run; 503 when none is free in time."""
        with self.lock:
            fork = self.idle.empty() and self.started < self.size
            self.started += fork
        if fork:
            return self._fork()
        try:
            return self.idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise RequestError(503, f"busy: no worker free within {self.seconds:g} s, try again") from None

    def _fork(self):
        import multiprocessing  # lazy: the fork context

        prepare()  # the models, loaded here once and shared with every worker
        context = multiprocessing.get_context("fork")
        mine, theirs = context.Pipe()
        with warnings.catch_warnings():  # Python 3.12+ warns about forking a threaded process: the
            warnings.simplefilter("ignore", DeprecationWarning)  # worker only runs tasks, killed if stuck
            process = context.Process(target=_worker, args=(theirs,), daemon=True)
            process.start()
        theirs.close()
        mine.process = process
        return mine

    def _stop(self, worker) -> None:
        """Kill a worker and put a fresh one in its place (a request waiting for one gets it)."""
        worker.process.kill()
        worker.process.join()
        worker.close()
        self.idle.put(self._fork())


def _worker(connection) -> None:
    """A worker process: runs the tasks it is sent until its server goes; each answer is (200,
    the result) or (status, error message). It keeps only its own pipe and standard streams of
    the descriptors the fork gave it: a copy of a client's socket, the listening socket or another
    worker's pipe would keep them open after the server closes them."""
    worker_signals()  # Ctrl-C is the server's to handle
    signal.set_wakeup_fd(-1)  # the event loop's, which is not here
    mine = connection.fileno()
    os.closerange(3, mine)
    os.closerange(mine + 1, os.sysconf("SC_OPEN_MAX"))
    while True:
        try:
            task, args = connection.recv()
        except EOFError:
            return
        try:
            answer = (200, TASKS[task](*args))
        except InputError as exc:
            answer = (413 if isinstance(exc, TooLarge) else 400, str(exc))
        except Exception as exc:  # the server keeps running, the draft is not logged
            answer = (500, f"internal error ({type(exc).__name__})")
        connection.send(answer)


def _applied(text: str, title: str | None, markdown: bool = False, readability: bool = True):
    """The draft's audit in the fast mode (it runs as the writer types, in forked workers), less the
    findings its own suppressions silence (no config file: it has no folder), with those suppressions."""
    return apply(audit_text(text, title, readability=readability, contextual=False, markdown=markdown), Rules())


def _audit(text: str, title: str | None, markdown: bool = False, readability: bool = True):
    return _applied(text, title, markdown, readability).audit


def audit_json(text: str, title: str | None, markdown: bool = False) -> str:
    return JSON.record(_audit(text, title, markdown, JSON.readability))


def render(text: str, title: str | None, markdown: bool = False) -> dict:
    applied = _applied(text, title, markdown)
    audit = applied.audit
    html = environment().get_template("live.html.j2").render(**build_context(audit, with_charts=False),
                                                             suppression_notes=applied.notes())
    utf16 = utf16_offsets(text)
    excluded = [{"start": utf16(b.start), "end": utf16(b.end), "kind": b.kind}  # greyed in the draft
                for b in audit.document.blocks if b.kind not in ("title", "body")]
    return {"html": html, "findings": len(audit.findings), "text": text, "marks": _marks(audit, utf16),
            "excluded": excluded}


def utf16_offsets(text: str):
    """A function from a code-point offset into `text` to the same place in UTF-16 code units,
    as JavaScript indexes strings (a character beyond U+FFFF, such as an emoji, counts two)."""
    import bisect

    astral = [i for i, c in enumerate(text) if ord(c) > 0xFFFF]
    return lambda offset: offset + bisect.bisect_left(astral, offset)


def _marks(audit, utf16) -> list[dict]:
    """Where to highlight the draft itself, with each finding's note (its id is the audit pane's):
    word findings by severity, sentence-level claims apart (article-level findings are left to
    the audit pane). Offsets index the draft as sent, in UTF-16 code units (`utf16`: utf16_offsets of
    the draft): the browser's string offsets."""
    scope = {key: c.scope for key, c in categories.of_findings().items()}  # lexicons/categories.toml
    labels = categories.labels()
    return [{"id": f.id, "start": utf16(f.start), "end": utf16(f.end), "category": f.category,
             "label": labels.get(f.category, f.category), "severity": f.severity,
             "kind": "claim" if scope[f.category] == "sentence" else "word", "rule": f.rule,
             "message": f.message, "explanation": f.explanation, "suggestion": f.suggestion,
             "replacement": rewrite.applicable(f)}
            for f in sorted(audit.findings, key=lambda f: -SEVERITY_RANK[f.severity])
            if scope[f.category] != "article"]


def report(text: str, title: str | None, markdown: bool = False) -> str:
    return HTML.render(_audit(text, title, markdown, HTML.readability), "draft")


TASKS = {"audit": audit_json, "render": render, "report": report, "extract": text_from_bytes}  # what workers run


async def _work(request, task: str, *args):
    return await run_in_threadpool(request.app.state.workers.run, task, *args)


async def api_audit(request):
    return Response(await _work(request, "audit", *await _draft(request)), media_type=JSON.media_type)


async def api_render(request):
    return JSONResponse(await _work(request, "render", *await _draft(request)))


async def api_report(request):
    return Response(await _work(request, "report", *await _draft(request)), media_type=HTML.media_type)


async def api_extract(request):
    name = PurePath(request.headers.get("x-filename", "draft.txt")).name
    return JSONResponse({"text": await _work(request, "extract", await _body(request), name)})


def _examples() -> dict:
    try:
        folder = data_dir("examples")
    except FileNotFoundError:
        return {}
    return {p.stem: p for p in sorted(folder.iterdir()) if p.suffix in (".txt", ".md", ".html")}


async def list_examples(request):
    return JSONResponse(sorted(_examples()))


async def get_example(request):
    path = _examples().get(request.path_params["name"])
    if path is None:
        raise RequestError(404, "no such example")
    return JSONResponse({"text": read_article(str(path))})


async def page(request):
    labels = categories.labels()
    report_js, report_hash = script()
    editor_js, editor_hash = script("serve.js")
    csp = (f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'; "
           f"script-src '{report_hash}' '{editor_hash}'")
    html = environment().get_template("serve.html.j2").render(
        report_js=report_js, editor_js=editor_js, csp=csp, version=__version__, max_bytes=MAX_INPUT_BYTES,
        categories=sorted(labels.items(), key=lambda kv: kv[1]))
    return HTMLResponse(html, headers={"Content-Security-Policy": csp, "Cache-Control": "no-store"})


async def _request_error(request, exc: RequestError):
    return JSONResponse({"error": exc.message}, status_code=exc.status)


async def _unexpected(request, exc: Exception):
    """Anything else: a 500 with a short message; the server keeps running, the draft is not logged."""
    return JSONResponse({"error": f"internal error ({type(exc).__name__})"}, status_code=500)


def create_app(allowed_hosts: tuple[str, ...] = (), workers: int = WORKERS, seconds: float = SECONDS):
    """The ASGI application (also for running under another ASGI server), answering to the local
    names and `allowed_hosts`, auditing in at most `workers` processes at once, each for at most
    `seconds` (see Workers)."""
    routes = [
        Route("/", page),
        Route("/api/audit", api_audit, methods=["POST"]),
        Route("/api/render", api_render, methods=["POST"]),
        Route("/api/report", api_report, methods=["POST"]),
        Route("/api/extract", api_extract, methods=["POST"]),
        Route("/api/examples", list_examples),
        Route("/api/examples/{name}", get_example),
    ]
    app = Starlette(routes=routes, exception_handlers={RequestError: _request_error, Exception: _unexpected})
    app.state.workers = Workers(workers, seconds)
    return HostCheck(app, LOCAL_NAMES + tuple(allowed_hosts))


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_port(host: str, port: int) -> None:
    """A one-line error now rather than a server log later when the port is taken."""
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        raise InputError(f"cannot listen on {host}:{port}: {exc.strerror}") from None


def warm_up() -> None:
    """Load lexicons and models before the first request (the first keystroke should be fast)."""
    _audit("Warm-up. The mayor said the plan was good.", None)
    _audit("# Warm-up\n\nThe mayor said the plan was good.", None, markdown=True)


def run(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, open_browser: bool = False,
        allowed_hosts: tuple[str, ...] = ()) -> None:
    check_port(host, port)
    if not is_loopback(host):
        print(f"framing serve: warning: listening on {host}, not only this machine: anyone who can reach it "
              "can send drafts to it", file=sys.stderr)
    warm_up()
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
    print(f"framing serve: {url} (Ctrl-C stops it)", file=sys.stderr)
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(0.8, webbrowser.open, [url]).start()
    names = allowed_hosts + ((host,) if host not in ("0.0.0.0", "::") else ())
    uvicorn.run(create_app(names), host=host, port=port, log_level="warning", access_log=False)
