"""`framing lsp` driven as an editor drives it: JSON-RPC over the server's standard input and output."""

import json
import subprocess
import sys

import pytest

from framing.runs.lsp import utf16_position

pytest.importorskip("pygls")


class Client:
    def __init__(self, cwd):
        self.process = subprocess.Popen([sys.executable, "-m", "framing", "lsp"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd)
        self.next_id = 0

    def send(self, method, params, request=True):
        message = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()
        return message.get("id")

    def receive(self):
        length = None
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise EOFError(self.process.stderr.read().decode())
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(self.process.stdout.read(length))

    def wait_for(self, test):
        while True:
            message = self.receive()
            if test(message):
                return message

    def close(self):
        self.send("shutdown", None)
        self.send("exit", None, request=False)
        self.process.wait(timeout=20)


def test_utf16_positions_count_an_emoji_as_two():
    assert utf16_position("ab\n😀 x", 5) == (1, 3)


def test_an_editor_gets_diagnostics_house_rules_and_quick_fixes(tmp_path):
    (tmp_path / ".framing.toml").write_text('ignore = ["emotive.slam"]\n')
    draft = tmp_path / "draft.md"
    text = "Harbour plan.\n\n😀 The mayor slammed the plan, a massacre of the budget, and it was utterly destroyed.\n"
    draft.write_text(text, encoding="utf-8")
    uri = draft.as_uri()
    client = Client(tmp_path)
    try:
        asked = client.send("initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}})
        reply = client.wait_for(lambda m: m.get("id") == asked)
        assert reply["result"]["capabilities"]["codeActionProvider"]
        client.send("initialized", {}, request=False)
        client.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1,
                                                              "text": text}}, request=False)
        published = client.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics")["params"]
        codes = {d["code"]: d for d in published["diagnostics"]}
        assert published["uri"] == uri and "emotive.massacre" in codes and "emotive.slam" not in codes  # house rules
        massacre = codes["emotive.massacre"]
        start = text.index("massacre")
        assert massacre["range"]["start"] == {"line": 2, "character": start - text.index("😀") + 1}  # the emoji is two
        assert massacre["severity"] == 1 and massacre["source"] == "framing"
        asked = client.send("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": massacre["range"],
                                                        "context": {"diagnostics": [massacre]}})
        actions = client.wait_for(lambda m: m.get("id") == asked)["result"]
        fixes = [a["edit"]["changes"][uri][0]["newText"] for a in actions if a["diagnostics"][0]["code"] == "emotive.massacre"]
        assert "killing" in fixes
        client.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                               "contentChanges": [{"text": "Harbour plan.\n\nThe council met.\n"}]},
                    request=False)
        again = client.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics")["params"]
        assert again["diagnostics"] == []
    finally:
        client.close()
