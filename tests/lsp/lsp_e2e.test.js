// End-to-end test of `dockml lsp`, driven by Microsoft's LSP client library
// (vscode-languageserver-protocol) over stdio. DOCKML_BINARY is the dockml executable.
// Runs on Node 18+ (`node --test lsp_e2e.test.js`).
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const cp = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const lsp = require('vscode-languageserver-protocol/node');
const { TextDocument } = require('vscode-languageserver-textdocument');

const BINARY = process.env.DOCKML_BINARY || path.join(__dirname, '..', '..', 'build', 'dockml');
const TIMEOUT_MS = 15000;

function tempWorkspace() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockml-lsp-'));
  return { dir, uri: (name) => 'file://' + path.join(dir, name).split(path.sep).map(encodeURIComponent).join('/') };
}

// A started server with a client connection, collecting publishDiagnostics.
class Session {
  constructor(args = ['lsp', '--stdio']) {
    this.proc = cp.spawn(BINARY, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.proc.stderr.on('data', (d) => (this.stderr += d));
    this.exited = new Promise((resolve) => this.proc.on('exit', (code) => resolve(code)));
    this.conn = lsp.createProtocolConnection(
      new lsp.StreamMessageReader(this.proc.stdout),
      new lsp.StreamMessageWriter(this.proc.stdin),
    );
    this.published = [];
    this.waiters = [];
    this.conn.onNotification(lsp.PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      this.waiters = this.waiters.filter((w) => !w(p));
    });
    this.conn.listen();
  }

  // Resolves with the first publishDiagnostics for `uri` (after `from` earlier ones) that
  // satisfies `pred`.
  diagnostics(uri, pred = () => true, from = 0) {
    const earlier = this.published.slice(from).find((p) => p.uri === uri && pred(p));
    if (earlier) return Promise.resolve(earlier);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching diagnostics for ${uri}; got ${JSON.stringify(this.published)}`)),
        TIMEOUT_MS,
      );
      this.waiters.push((p) => {
        if (p.uri !== uri || !pred(p)) return false;
        clearTimeout(timer);
        resolve(p);
        return true;
      });
    });
  }

  async initialize(capabilities = {}) {
    return this.conn.sendRequest(lsp.InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities,
      initializationOptions: {},
    });
  }

  async close() {
    await this.conn.sendRequest(lsp.ShutdownRequest.type);
    await this.conn.sendNotification(lsp.ExitNotification.type);
    const code = await this.exited;
    this.conn.dispose();
    return code;
  }
}

function open(session, uri, text, languageId = 'dockerfile') {
  session.conn.sendNotification(lsp.DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId, version: 1, text },
  });
  return TextDocument.create(uri, languageId, 1, text);
}

const codesOf = (p) => p.diagnostics.map((d) => d.code);

test('diagnostics, quick fix, hover, incremental edit and clean shutdown', async () => {
  const ws = tempWorkspace();
  const uri = ws.uri('Dockerfile');
  const text = [
    'FROM nvidia/cuda:12.1.1-cudnn8-runtime-ubuntu22.04',
    'COPY --chwon=1000 requirements.txt /app/',
    'RUN pip install -r /app/requirements.txt',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(ws.dir, 'Dockerfile'), text);
  fs.writeFileSync(path.join(ws.dir, 'requirements.txt'), 'torch==2.1.0\n');
  const s = new Session();
  const init = await s.initialize({ textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } } });
  assert.strictEqual(init.capabilities.positionEncoding, 'utf-16');
  assert.strictEqual(init.capabilities.hoverProvider, true);
  assert.strictEqual(init.serverInfo.name, 'dockml');
  s.conn.sendNotification(lsp.InitializedNotification.type, {});

  let doc = open(s, uri, text);
  const first = await s.diagnostics(uri, (p) => p.version === 1);
  const parseError = first.diagnostics.find((d) => d.code === 'DF001');
  assert.ok(parseError, JSON.stringify(first));
  // The unknown flag `--chwon` (line 1, characters 5..12).
  assert.deepStrictEqual(parseError.range, { start: { line: 1, character: 5 }, end: { line: 1, character: 12 } });
  assert.strictEqual(parseError.severity, lsp.DiagnosticSeverity.Error);
  assert.strictEqual(parseError.source, 'dockml');
  assert.match(parseError.message, /^unknown flag: --chwon/);
  assert.match(parseError.codeDescription.href, /DF001/);

  // Quick fixes at the error: "Ignore DF001 for this line" inserts the pragma above it.
  const actions = await s.conn.sendRequest(lsp.CodeActionRequest.type, {
    textDocument: { uri },
    range: parseError.range,
    context: { diagnostics: [parseError] },
  });
  const ignore = actions.find((a) => a.title === 'Ignore DF001 for this line');
  assert.ok(ignore, JSON.stringify(actions));
  assert.strictEqual(ignore.kind, 'quickfix');
  const edited = TextDocument.applyEdits(doc, ignore.edit.changes[uri]);
  assert.strictEqual(
    edited,
    [
      'FROM nvidia/cuda:12.1.1-cudnn8-runtime-ubuntu22.04',
      '# dockml ignore=DF001',
      'COPY --chwon=1000 requirements.txt /app/',
      'RUN pip install -r /app/requirements.txt',
      '',
    ].join('\n'),
  );
  // Applying it as the editor would: a full-text change, version 2.
  s.conn.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [{ text: edited }],
  });
  doc = TextDocument.update(doc, [{ text: edited }], 2);
  const second = await s.diagnostics(uri, (p) => p.version === 2);
  for (const d of second.diagnostics.filter((x) => x.code === 'DF001')) {
    // Suppressed, or (while parse errors are not suppressible) moved down one line.
    assert.deepStrictEqual(d.range, { start: { line: 2, character: 5 }, end: { line: 2, character: 12 } });
  }

  // Hover on FROM: the base image's facts once the image model provides them.
  const hover = await s.conn.sendRequest(lsp.HoverRequest.type, {
    textDocument: { uri },
    position: { line: 0, character: 10 },
  });
  assert.ok(hover, 'hover on FROM');
  assert.strictEqual(hover.contents.kind, 'markdown');
  const facts = hover.contents.value;
  assert.ok(facts.startsWith('**nvidia/cuda:12.1.1-cudnn8-runtime-ubuntu22.04** (nvidia_cuda)'), facts);
  assert.ok(facts.includes('| CUDA | 12.1.1 |'), facts);
  assert.ok(facts.includes('| OS | ubuntu 22.04 |'), facts);
  assert.match(facts, /\| cuDNN \| 8/);
  assert.match(facts, /\| Minimum driver \| >= \d+\.\d+/);
  // Hover on the parse error: the rule's documentation.
  const ruleHover = await s.conn.sendRequest(lsp.HoverRequest.type, {
    textDocument: { uri },
    position: { line: 2, character: 7 },
  });
  assert.ok(ruleHover, 'hover on a diagnostic');
  assert.match(ruleHover.contents.value, /\*\*DF001\*\*/);
  assert.deepStrictEqual(ruleHover.range, { start: { line: 2, character: 5 }, end: { line: 2, character: 12 } });

  // Incremental edit (UTF-16 range): --chwon -> --chown, the DF001 goes away.
  const change = { range: { start: { line: 2, character: 7 }, end: { line: 2, character: 12 } }, text: 'chown' };
  s.conn.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 3 },
    contentChanges: [change],
  });
  doc = TextDocument.update(doc, [change], 3);
  assert.strictEqual(doc.getText().split('\n')[2], 'COPY --chown=1000 requirements.txt /app/');
  const third = await s.diagnostics(uri, (p) => p.version === 3);
  assert.ok(!codesOf(third).includes('DF001'), JSON.stringify(third));

  // An edit with a non-ASCII character before the error keeps UTF-16 columns exact.
  const typo = { range: { start: { line: 2, character: 7 }, end: { line: 2, character: 10 } }, text: 'chö🙂' };
  s.conn.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 4 },
    contentChanges: [typo],
  });
  doc = TextDocument.update(doc, [typo], 4);
  const fourth = await s.diagnostics(uri, (p) => p.version === 4);
  const flag = fourth.diagnostics.find((d) => d.code === 'DF001');
  assert.ok(flag, JSON.stringify(fourth));
  // "--chö🙂wn" is 9 UTF-16 code units (the emoji is a surrogate pair).
  assert.deepStrictEqual(flag.range, { start: { line: 2, character: 5 }, end: { line: 2, character: 14 } });

  // A requirement file open in the editor is linted; changing it re-lints the Dockerfile.
  const reqUri = ws.uri('requirements.txt');
  open(s, reqUri, 'torch==2.1.0\n', 'pip-requirements');
  await s.diagnostics(reqUri, (p) => p.version === 1);
  const mark = s.published.length;
  s.conn.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
    textDocument: { uri: reqUri, version: 2 },
    contentChanges: [{ text: 'torch==2.2.0\n' }],
  });
  await s.diagnostics(uri, (p) => p.version === 4, mark);

  // Close clears the document's diagnostics.
  s.conn.sendNotification(lsp.DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  const cleared = await s.diagnostics(uri, (p) => p.diagnostics.length === 0 && p.version === undefined);
  assert.deepStrictEqual(cleared.diagnostics, []);

  // Requests about closed documents get empty results.
  assert.strictEqual(await s.conn.sendRequest(lsp.HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } }), null);

  assert.strictEqual(await s.close(), 0, s.stderr);
});

// Generic over the rules that exist: every finding of a typical ML Dockerfile that carries a
// fix gets a quick fix whose edit, applied, removes that finding at its place; fix-all
// leaves no safe-fixable finding. Skipped while no registered rule has a fix.
test('quick fixes from rules and fix-all apply cleanly', async (t) => {
  const ws = tempWorkspace();
  const uri = ws.uri('Dockerfile');
  const text = [
    'FROM nvidia/cuda:12.1.1-devel-ubuntu22.04',
    'MAINTAINER someone@example.com',
    'RUN apt-get update && apt-get install python3-pip git',
    'RUN pip install torch==2.1.0 numpy',
    'ADD requirements.txt /app/',
    'WORKDIR app',
    'CMD python3 train.py',
    '',
  ].join('\n');
  const s = new Session();
  await s.initialize({ textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } } });
  s.conn.sendNotification(lsp.InitializedNotification.type, {});
  let doc = open(s, uri, text);
  const first = await s.diagnostics(uri, (p) => p.version === 1);
  const fixes = [];
  for (const d of first.diagnostics) {
    const actions = await s.conn.sendRequest(lsp.CodeActionRequest.type, {
      textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] },
    });
    const fix = actions.find((a) => a.edit && !a.title.startsWith('Ignore ') && a.diagnostics && a.diagnostics[0].code === d.code);
    if (fix) fixes.push({ d, fix });
  }
  if (fixes.length === 0) {
    t.skip('no registered rule offers a fix for this Dockerfile yet');
    assert.strictEqual(await s.close(), 0);
    return;
  }
  // Apply the first fix as the editor would (incremental edits), version 2.
  const { d, fix } = fixes[0];
  const edits = fix.edit.changes[uri];
  const after = TextDocument.applyEdits(doc, edits);
  s.conn.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)
      .map((e) => ({ range: e.range, text: e.newText })),
  });
  doc = TextDocument.update(doc, [{ text: after }], 2);
  const second = await s.diagnostics(uri, (p) => p.version === 2);
  assert.ok(!second.diagnostics.some((x) => x.code === d.code && x.range.start.line === d.range.start.line &&
    x.message === d.message), `${d.code} still reported after "${fix.title}": ${JSON.stringify(second)}`);
  // Fix all safe problems: afterwards no finding offers a safe (preferred) fix.
  const all = await s.conn.sendRequest(lsp.CodeActionRequest.type, {
    textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll'] },
  });
  if (all.length === 1) {
    assert.strictEqual(all[0].kind, 'source.fixAll.dockml');
    const fixed = TextDocument.applyEdits(doc, all[0].edit.changes[uri]);
    s.conn.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 3 }, contentChanges: [{ text: fixed }],
    });
    await s.diagnostics(uri, (p) => p.version === 3);
    const again = await s.conn.sendRequest(lsp.CodeActionRequest.type, {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepStrictEqual(again, [], 'fix-all converged');
  }
  assert.strictEqual(await s.close(), 0);
});

test('UTF-8 positions when the client offers them', async () => {
  const ws = tempWorkspace();
  const uri = ws.uri('Dockerfile.gpu');
  const s = new Session();
  const init = await s.initialize({ general: { positionEncodings: ['utf-8', 'utf-16'] } });
  assert.strictEqual(init.capabilities.positionEncoding, 'utf-8');
  s.conn.sendNotification(lsp.InitializedNotification.type, {});
  open(s, uri, 'FROM alpine\nLABEL x="é"\nCOPY --chwon=1 a b\n');
  const p = await s.diagnostics(uri);
  const d = p.diagnostics.find((x) => x.code === 'DF001');
  assert.deepStrictEqual(d.range, { start: { line: 2, character: 5 }, end: { line: 2, character: 12 } });
  assert.strictEqual(await s.close(), 0);
});

// Raw bytes on stdin; replies read with the library's framing reader.
function rawSession() {
  const proc = cp.spawn(BINARY, ['lsp'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const reader = new lsp.StreamMessageReader(proc.stdout);
  const messages = [];
  const waiters = [];
  reader.listen((m) => {
    messages.push(m);
    for (const w of waiters.splice(0)) w();
  });
  const frame = (obj) => {
    const body = Buffer.from(typeof obj === 'string' ? obj : JSON.stringify(obj), 'utf8');
    return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
  };
  const exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
  async function reply(id) {
    const deadline = Date.now() + TIMEOUT_MS;
    for (;;) {
      const m = messages.find((x) => x.id === id && ('result' in x || 'error' in x));
      if (m) return m;
      if (Date.now() > deadline) throw new Error(`no reply ${JSON.stringify(id)}; got ${JSON.stringify(messages)}`);
      await new Promise((r) => waiters.push(r));
    }
  }
  return { proc, messages, frame, reply, exited, write: (b) => proc.stdin.write(b) };
}

test('malformed input is answered with JSON-RPC errors and never kills the server', async () => {
  const r = rawSession();
  r.write(r.frame({ jsonrpc: '2.0', id: 1, method: 'textDocument/hover', params: {} }));
  assert.strictEqual((await r.reply(1)).error.code, -32002); // before initialize
  r.write(r.frame('{this is not json'));
  r.write(Buffer.from('Content-Length: banana\r\n\r\n'));
  r.write(r.frame({ jsonrpc: '2.0', id: 2, method: 'initialize', params: { capabilities: {} } }));
  assert.ok((await r.reply(2)).result.capabilities);
  const parseErrors = r.messages.filter((m) => m.id === null && m.error && m.error.code === -32700);
  assert.strictEqual(parseErrors.length, 2, JSON.stringify(r.messages));
  r.write(r.frame({ jsonrpc: '2.0', id: 3, method: 'textDocument/notAThing', params: {} }));
  assert.strictEqual((await r.reply(3)).error.code, -32601);
  r.write(r.frame({ jsonrpc: '2.0', method: 'notAThing/either', params: {} })); // ignored
  r.write(r.frame({ jsonrpc: '2.0', id: 4, method: 'textDocument/codeAction', params: { textDocument: 7 } }));
  assert.strictEqual((await r.reply(4)).error.code, -32602);
  r.write(r.frame({ jsonrpc: '2.0', id: 5, method: 'textDocument/codeAction',
    params: { textDocument: { uri: 'file:///not/open/Dockerfile' }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } } }));
  assert.deepStrictEqual((await r.reply(5)).result, []);
  // A 2 MB document with an error on its last line.
  const big = 'FROM alpine\n' + 'RUN echo hello world\n'.repeat(100000) + 'COPY --chwon=1 a b\n';
  r.write(r.frame({ jsonrpc: '2.0', method: 'textDocument/didOpen',
    params: { textDocument: { uri: 'file:///tmp/big/Dockerfile', languageId: 'dockerfile', version: 1, text: big } } }));
  r.write(r.frame({ jsonrpc: '2.0', id: 6, method: 'textDocument/hover',
    params: { textDocument: { uri: 'file:///tmp/big/Dockerfile' }, position: { line: 100001, character: 6 } } }));
  const hover = await r.reply(6);
  assert.match(hover.result.contents.value, /\*\*DF001\*\*/);
  assert.deepStrictEqual(hover.result.range, { start: { line: 100001, character: 5 }, end: { line: 100001, character: 12 } });
  r.write(r.frame({ jsonrpc: '2.0', id: 7, method: 'shutdown' }));
  assert.strictEqual((await r.reply(7)).result, null);
  r.write(r.frame({ jsonrpc: '2.0', method: 'exit' }));
  assert.strictEqual(await r.exited, 0);
});

test('exit without shutdown exits with 1; end of input too', async () => {
  const a = rawSession();
  a.write(a.frame({ jsonrpc: '2.0', method: 'exit' }));
  assert.strictEqual(await a.exited, 1);
  const b = rawSession();
  b.proc.stdin.end();
  assert.strictEqual(await b.exited, 1);
});
