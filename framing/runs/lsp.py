"""`framing lsp`: a Language Server (pygls) for editors. Each draft the editor opens or changes is
audited, with the house rules of its folder (framing/house_rules.py), and its findings published as
diagnostics (severity, rule, message and explanation); a finding whose suggestions are plain
replacements offers them as quick fixes. Positions are in UTF-16 code units, as LSP counts them."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from framing import __version__
from framing.analysis import rewrite
from framing.api import audit_text
from framing.errors import InputError, LexiconError
from framing.findings import Finding
from framing.house_rules import Rules, activate, apply, rules_for
from framing.text.ingest import is_markdown

SEVERITY = {"high": 1, "medium": 2, "low": 3}  # LSP DiagnosticSeverity: Error, Warning, Information


def utf16_position(text: str, offset: int) -> tuple[int, int]:
    """(line, character) of a code-point offset, lines from 0 and characters in UTF-16 code units."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset), len(text[line_start:offset].encode("utf-16-le")) // 2


def replacements(finding: Finding) -> list[str]:
    """The suggestions that can stand in the finding's place as they are ('killing', '' for '(delete)'),
    not advice ('describe the acts', 'according to ...') nor a word that needs a note ('risky (according
    to ...)'): rewrite.replacement decides, as for the report's plainer version."""
    fits = [rewrite.replacement(s) for s in finding.suggestion]
    return [words for words, note in filter(None, fits) if not note and len(words.split()) <= 3]


def _path(uri: str) -> Path | None:
    parsed = urlparse(uri)
    return Path(unquote(parsed.path)) if parsed.scheme == "file" else None


def findings_for(uri: str, text: str) -> list[Finding]:
    """The findings the house rules keep for one draft (a bad config gives none and is logged by the caller)."""
    path = _path(uri)
    rules = rules_for(path) if path is not None else Rules()
    activate(rules)
    markdown = path is not None and is_markdown(str(path))
    return apply(audit_text(text, contextual=False, markdown=markdown), rules).audit.findings if text.strip() else []


def serve() -> None:
    """Run the server on standard input and output until the editor ends it."""
    try:
        from lsprotocol import types
        from pygls.lsp.server import LanguageServer
    except ImportError:
        raise InputError("framing lsp needs the language-server library: pip install 'framing[lsp]'") from None

    server = LanguageServer("framing", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
    published: dict[str, list[tuple[object, Finding]]] = {}

    def span(text: str, finding: Finding):
        return types.Range(types.Position(*utf16_position(text, finding.start)),
                           types.Position(*utf16_position(text, finding.end)))

    def publish(uri: str) -> None:
        text = server.workspace.get_text_document(uri).source
        try:
            findings = findings_for(uri, text)
        except (InputError, LexiconError) as exc:  # a bad config or lexicon: say so in the editor
            server.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"framing: {exc}"))
            findings = []
        diagnostics = [types.Diagnostic(range=span(text, f), message=f"{f.message}\n{f.explanation}".strip(),
                                        severity=types.DiagnosticSeverity(SEVERITY[f.severity]), code=f.rule,
                                        source="framing") for f in findings]
        published[uri] = list(zip(diagnostics, findings))
        server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls, params: types.DidOpenTextDocumentParams) -> None:
        publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls, params: types.DidChangeTextDocumentParams) -> None:
        publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls, params: types.DidSaveTextDocumentParams) -> None:
        publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls, params: types.DidCloseTextDocumentParams) -> None:
        published.pop(params.text_document.uri, None)
        server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri,
                                                                                  diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_actions(ls, params: types.CodeActionParams) -> list:
        uri, wanted = params.text_document.uri, params.range
        actions = []
        for diagnostic, finding in published.get(uri, []):
            if diagnostic.range.end.line < wanted.start.line or diagnostic.range.start.line > wanted.end.line:
                continue
            for new in replacements(finding):
                title = f"framing: replace '{finding.text}' with '{new}'" if new else f"framing: delete '{finding.text}'"
                edit = types.WorkspaceEdit(changes={uri: [types.TextEdit(range=diagnostic.range, new_text=new)]})
                actions.append(types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix,
                                                diagnostics=[diagnostic], edit=edit))
        return actions

    server.start_io()
