// End-to-end test of `dockml lsp`, driven by Microsoft's LSP client library
// (vscode-languageserver-protocol) over stdio. DOCKML_BINARY is the dockml executable.
// Runs on Node 18+ (`node --test lsp_e2e.test.js`).
'use strict';

const test = require('node:test');
const { after } = require('node:test');
const assert = require('node:assert');
const cp = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const lsp = require('vscode-languageserver-protocol/node');
const { TextDocument } = require('vscode-languageserver-textdocument');

const BINARY = process.env.DOCKML_BINARY || path.join(__dirname, '..', '..', 'build', 'dockml');
const TIMEOUT_MS = 15000;

// Every server started; a failed test leaves its server running, which would keep node (and
// ctest) waiting forever: kill the leftovers when the tests end.
const servers = new Set();
function spawnServer(args) {
  const proc = cp.spawn(BINARY, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  servers.add(proc);
  proc.on('exit', () => servers.delete(proc));
  return proc;
}
after(() => {
  for (const proc of servers) proc.kill('SIGKILL');
});

// Resolves with the exit code of `proc`, or rejects when it has not exited within TIMEOUT_MS.
function exitCode(proc, exited) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('the server did not exit')), TIMEOUT_MS);
  });
  return Promise.race([exited, timeout]).finally(() => clearTimeout(timer));
}

function tempWorkspace() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockml-lsp-'));
  return { dir, uri: (name) => 'file://' + path.join(dir, name).split(path.sep).map(encodeURIComponent).join('/') };
}

// A started server with a client connection, collecting publishDiagnostics.
class Session {
  constructor(args = ['lsp', '--stdio']) {
    this.proc = spawnServer(args);
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
    const code = await exitCode(this.proc, this.exited);
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

// The scenario: a GPU Dockerfile whose torch wheel is built for another CUDA than
// the base image provides (ML101), its quick fix, hovers, incremental edits, an unsaved
// requirement file changing a Dockerfile's diagnostics, fix-all, clean shutdown.
test('CUDA mismatch: diagnostics, quick fix, hovers, unsaved requirements, fix all, shutdown', async () => {
  const ws = tempWorkspace();
  const uri = ws.uri('Dockerfile');
  const FROM = 'FROM nvidia/cuda:11.8.0-runtime-ubuntu22.04';
  const PIP = 'RUN pip install torch==2.4.0+cu121 --index-url https://download.pytorch.org/whl/cu121';
  const text = [FROM, PIP, ''].join('\n');
  fs.writeFileSync(path.join(ws.dir, 'Dockerfile'), text);
  const s = new Session();
  const applied = [];
  s.conn.onRequest(lsp.ApplyWorkspaceEditRequest.type, (p) => {
    applied.push(p);
    return { applied: true };
  });
  await s.initialize({ textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } } });
  s.conn.sendNotification(lsp.InitializedNotification.type, {});

  let doc = open(s, uri, text);
  const first = await s.diagnostics(uri, (p) => p.version === 1);
  assert.deepStrictEqual(codesOf(first), ['ML305', 'DL3042', 'ML101'], JSON.stringify(first));
  const ml101 = first.diagnostics.find((d) => d.code === 'ML101');
  assert.deepStrictEqual(ml101, {
    code: 'ML101',
    codeDescription: { href: 'https://github.com/dockml/dockml/blob/main/docs/rules/ML101.md' },
    message: 'torch 2.4.0+cu121 ships CUDA 12.1 (from its local version label +cu121) but the base image ' +
      'nvidia/cuda:11.8.0-runtime-ubuntu22.04 (line 1) provides CUDA 11.8.0',
    // `torch==2.4.0+cu121`
    range: { start: { line: 1, character: 16 }, end: { line: 1, character: 34 } },
    relatedInformation: [{
      location: { uri, range: { start: { line: 0, character: 5 }, end: { line: 0, character: 43 } } },
      message: 'CUDA 11.8.0 comes from here',
    }],
    severity: lsp.DiagnosticSeverity.Error,
    source: 'dockml',
  });
  const dl3042 = first.diagnostics.find((d) => d.code === 'DL3042');
  assert.deepStrictEqual(dl3042.range, { start: { line: 1, character: 8 }, end: { line: 1, character: 15 } });
  assert.strictEqual(dl3042.severity, lsp.DiagnosticSeverity.Warning);

  // Code actions at the mismatch: the (unsafe) fix switching to the cu118 build, the ignore
  // pragma, and fix-all of the safe fixes (DL3042's --no-cache-dir).
  const actions = await s.conn.sendRequest(lsp.CodeActionRequest.type, {
    textDocument: { uri }, range: ml101.range, context: { diagnostics: [ml101] },
  });
  assert.deepStrictEqual(actions.map((a) => [a.title, a.kind]), [
    ['Install the cu118 build of torch 2.4.0 (matches CUDA 11.8) (unsafe fix)', 'quickfix'],
    ['Ignore ML101 for this line', 'quickfix'],
    ['dockml: Fix all safe problems', 'source.fixAll.dockml'],
  ]);
  const fix = actions[0];
  assert.strictEqual(fix.isPreferred, undefined); // unsafe: never applied automatically
  assert.deepStrictEqual(fix.diagnostics.map((d) => d.code), ['ML101']);
  assert.deepStrictEqual(fix.edit.changes[uri], [
    { newText: '+cu118', range: { start: { line: 1, character: 28 }, end: { line: 1, character: 34 } } },
    { newText: '/whl/cu118', range: { start: { line: 1, character: 75 }, end: { line: 1, character: 85 } } },
  ]);
  const FIXED_PIP = 'RUN pip install torch==2.4.0+cu118 --index-url https://download.pytorch.org/whl/cu118';
  assert.strictEqual(TextDocument.applyEdits(doc, fix.edit.changes[uri]), [FROM, FIXED_PIP, ''].join('\n'));
  assert.strictEqual(TextDocument.applyEdits(doc, actions[1].edit.changes[uri]),
    [FROM, '# dockml ignore=ML101', PIP, ''].join('\n'));

  // Hover on FROM: what the base image provides.
  const fromHover = await s.conn.sendRequest(lsp.HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 10 } });
  const facts = fromHover.contents.value.split('\n\n---\n\n')[0];
  assert.strictEqual(fromHover.contents.kind, 'markdown');
  assert.ok(facts.startsWith([
    '**nvidia/cuda:11.8.0-runtime-ubuntu22.04** (nvidia_cuda)',
    '',
    '| | |',
    '|---|---|',
    '| CUDA | 11.8.0 |',
    '| Flavor | runtime (no nvcc: cannot compile CUDA code) |',
    '| Python | 3.10 (the OS\'s python3 package, when installed) |',
    '| OS | ubuntu 22.04 |',
    '| Minimum driver | >= 520.61.05 (CUDA 11.8.0 GA); >= 450.80.02 with minor-version compatibility |',
    '',
  ].join('\n')), facts);
  // Hover on the torch pin: its CUDA variant and Python range, then ML101's documentation.
  const pinHover = await s.conn.sendRequest(lsp.HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 20 } });
  const [pin, ruleDoc] = pinHover.contents.value.split('\n\n---\n\n');
  assert.deepStrictEqual(pin.split('\n').slice(0, 4), [
    '**torch 2.4.0+cu121** — stage 0',
    '',
    '- Build: `cu121` (CUDA 12.1), from the local version label',
    '- Python wheels: 3.8–3.12 (pytorch:S2, pytorch:S6)',
  ]);
  assert.ok(pin.includes('\n- The stage\'s CUDA: 11.8.0 (base image)\n'), pin);
  assert.ok(ruleDoc.startsWith('**ML101** `torch-cuda-mismatch`: '), ruleDoc);
  assert.deepStrictEqual(pinHover.range, ml101.range);

  // Apply the quick fix as the editor would: incremental changes (last first), version 2.
  s.conn.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [...fix.edit.changes[uri]].reverse().map((e) => ({ range: e.range, text: e.newText })),
  });
  doc = TextDocument.update(doc, [...fix.edit.changes[uri]].reverse().map((e) => ({ range: e.range, text: e.newText })), 2);
  assert.strictEqual(doc.getText(), [FROM, FIXED_PIP, ''].join('\n'));
  const second = await s.diagnostics(uri, (p) => p.version === 2);
  assert.deepStrictEqual(codesOf(second), ['ML305', 'DL3042'], JSON.stringify(second));

  // One-character incremental edit: 11.8.0 -> 12.8.0 in the base tag; torch cu118 no longer
  // matches (an older CUDA major than the image's: a warning).
  const retag = { range: { start: { line: 0, character: 18 }, end: { line: 0, character: 19 } }, text: '2' };
  s.conn.sendNotification(lsp.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 3 }, contentChanges: [retag] });
  doc = TextDocument.update(doc, [retag], 3);
  assert.strictEqual(doc.getText().split('\n')[0], 'FROM nvidia/cuda:12.8.0-runtime-ubuntu22.04');
  const third = await s.diagnostics(uri, (p) => p.version === 3);
  const older = third.diagnostics.find((d) => d.code === 'ML101');
  assert.ok(older, JSON.stringify(third));
  assert.deepStrictEqual(older.range, { start: { line: 1, character: 16 }, end: { line: 1, character: 34 } });
  assert.strictEqual(older.severity, lsp.DiagnosticSeverity.Warning);
  // ... and back (version 4): the mismatch is gone again.
  const back = { range: { start: { line: 0, character: 18 }, end: { line: 0, character: 19 } }, text: '1' };
  s.conn.sendNotification(lsp.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 4 }, contentChanges: [back] });
  doc = TextDocument.update(doc, [back], 4);
  assert.deepStrictEqual(codesOf(await s.diagnostics(uri, (p) => p.version === 4)), ['ML305', 'DL3042']);

  // Fix all (the "dockml: Fix all" command): the server asks the client to apply the edit.
  assert.strictEqual(await s.conn.sendRequest(lsp.ExecuteCommandRequest.type, { command: 'dockml.applyFixAll', arguments: [uri] }), null);
  assert.strictEqual(applied.length, 1);
  assert.strictEqual(applied[0].label, 'dockml: Fix all');
  const fixedAll = TextDocument.applyEdits(doc, applied[0].edit.changes[uri]);
  assert.strictEqual(fixedAll, [FROM, FIXED_PIP.replace('pip install', 'pip install --no-cache-dir'), ''].join('\n'));
  s.conn.sendNotification(lsp.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 5 }, contentChanges: [{ text: fixedAll }] });
  doc = TextDocument.update(doc, [{ text: fixedAll }], 5);
  const fifth = await s.diagnostics(uri, (p) => p.version === 5);
  assert.deepStrictEqual(codesOf(fifth), ['ML305']);
  assert.strictEqual(fifth.diagnostics[0].severity, lsp.DiagnosticSeverity.Information);

  // Settings as the extension sends them (workspace/didChangeConfiguration, section dockml):
  // below the failure threshold a finding becomes a hint; dockml.args select the rules.
  let mark = s.published.length;
  s.conn.sendNotification(lsp.DidChangeConfigurationNotification.type, { settings: { dockml: { failureThreshold: 'error' } } });
  const hinted = await s.diagnostics(uri, (p) => p.version === 5, mark);
  assert.deepStrictEqual(hinted.diagnostics.map((d) => [d.code, d.severity]), [['ML305', lsp.DiagnosticSeverity.Hint]]);
  mark = s.published.length;
  s.conn.sendNotification(lsp.DidChangeConfigurationNotification.type, { settings: { dockml: { args: ['--ignore', 'ML305'] } } });
  assert.deepStrictEqual((await s.diagnostics(uri, (p) => p.version === 5, mark)).diagnostics, []);
  mark = s.published.length;
  s.conn.sendNotification(lsp.DidChangeConfigurationNotification.type, { settings: { dockml: {} } });
  assert.deepStrictEqual(codesOf(await s.diagnostics(uri, (p) => p.version === 5, mark)), ['ML305']);

  // A Dockerfile installing a requirement file that is open and edited WITHOUT saving: its
  // diagnostics follow the unsaved text (the mismatch is reported at the requirement line).
  const trainUri = ws.uri('Dockerfile.train');
  const reqUri = ws.uri('requirements.txt');
  const train = [FROM, 'COPY requirements.txt /app/', 'RUN pip install --no-cache-dir -r /app/requirements.txt', ''].join('\n');
  const onDisk = '--extra-index-url https://download.pytorch.org/whl/cu118\ntorch==2.4.0+cu118\n';
  fs.writeFileSync(path.join(ws.dir, 'Dockerfile.train'), train);
  fs.writeFileSync(path.join(ws.dir, 'requirements.txt'), onDisk);
  open(s, trainUri, train);
  open(s, reqUri, onDisk, 'pip-requirements');
  const before = await s.diagnostics(trainUri, (p) => p.version === 1);
  assert.deepStrictEqual(codesOf(before), ['ML305']);
  assert.match(before.diagnostics[0].message, /^torch 2\.4\.0\+cu118 \(cu118 wheels/);
  assert.deepStrictEqual((await s.diagnostics(reqUri, (p) => p.version === 1)).diagnostics, []);
  mark = s.published.length;
  // Incremental, unsaved: cu118 -> cu121 on both lines.
  const reqEdits = [
    { range: { start: { line: 1, character: 15 }, end: { line: 1, character: 18 } }, text: '121' },
    { range: { start: { line: 0, character: 53 }, end: { line: 0, character: 56 } }, text: '121' },
  ];
  s.conn.sendNotification(lsp.DidChangeTextDocumentNotification.type, { textDocument: { uri: reqUri, version: 2 }, contentChanges: reqEdits });
  const afterEdit = await s.diagnostics(trainUri, (p) => /cu121/.test(JSON.stringify(p)), mark);
  assert.deepStrictEqual(codesOf(afterEdit), ['ML305']);
  assert.match(afterEdit.diagnostics[0].message, /^torch 2\.4\.0\+cu121 \(cu121 wheels/);
  const reqDiags = await s.diagnostics(reqUri, (p) => p.version === 2 && p.diagnostics.length > 0, mark);
  assert.deepStrictEqual(codesOf(reqDiags), ['ML101']);
  assert.deepStrictEqual(reqDiags.diagnostics[0].range, { start: { line: 1, character: 0 }, end: { line: 1, character: 18 } });
  assert.deepStrictEqual(reqDiags.diagnostics[0].relatedInformation.map((r) => [r.location.uri, r.message]), [
    [trainUri, 'requirements.txt is installed here'],
    [trainUri, 'CUDA 11.8.0 comes from here'],
  ]);
  assert.strictEqual(fs.readFileSync(path.join(ws.dir, 'requirements.txt'), 'utf8'), onDisk); // never saved

  assert.strictEqual(await s.close(), 0, s.stderr);
});

// Parse errors, the ignore pragma, hover on a finding, UTF-16 columns after non-ASCII text,
// close.
test('parse error: exact ranges, ignore pragma, rule hover, UTF-16 edits, close', async () => {
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
  assert.strictEqual(parseError.codeDescription.href, 'https://github.com/dockml/dockml/blob/main/docs/rules/DF001.md');

  // "Ignore DF001 for this line" inserts the pragma above the instruction.
  const actions = await s.conn.sendRequest(lsp.CodeActionRequest.type, {
    textDocument: { uri }, range: parseError.range, context: { diagnostics: [parseError] },
  });
  const ignore = actions.find((a) => a.title === 'Ignore DF001 for this line');
  assert.ok(ignore, JSON.stringify(actions));
  assert.strictEqual(ignore.kind, 'quickfix');
  assert.strictEqual(TextDocument.applyEdits(doc, ignore.edit.changes[uri]), [
    'FROM nvidia/cuda:12.1.1-cudnn8-runtime-ubuntu22.04',
    '# dockml ignore=DF001',
    'COPY --chwon=1000 requirements.txt /app/',
    'RUN pip install -r /app/requirements.txt',
    '',
  ].join('\n'));

  // Hover on the parse error: the rule's documentation, with the finding's range.
  const ruleHover = await s.conn.sendRequest(lsp.HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 7 } });
  assert.ok(ruleHover, 'hover on a diagnostic');
  assert.match(ruleHover.contents.value, /^\*\*DF001\*\*/);
  assert.deepStrictEqual(ruleHover.range, parseError.range);

  // Incremental edit (UTF-16 range): --chwon -> --chown, the DF001 goes away.
  const change = { range: { start: { line: 1, character: 7 }, end: { line: 1, character: 12 } }, text: 'chown' };
  s.conn.sendNotification(lsp.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [change] });
  doc = TextDocument.update(doc, [change], 2);
  assert.strictEqual(doc.getText().split('\n')[1], 'COPY --chown=1000 requirements.txt /app/');
  const second = await s.diagnostics(uri, (p) => p.version === 2);
  assert.ok(!codesOf(second).includes('DF001'), JSON.stringify(second));

  // An edit with non-ASCII characters before the error keeps UTF-16 columns exact.
  const typo = { range: { start: { line: 1, character: 7 }, end: { line: 1, character: 10 } }, text: 'chö🙂' };
  s.conn.sendNotification(lsp.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 3 }, contentChanges: [typo] });
  doc = TextDocument.update(doc, [typo], 3);
  const third = await s.diagnostics(uri, (p) => p.version === 3);
  const flag = third.diagnostics.find((d) => d.code === 'DF001');
  assert.ok(flag, JSON.stringify(third));
  // "--chö🙂wn" is 9 UTF-16 code units (the emoji is a surrogate pair).
  assert.deepStrictEqual(flag.range, { start: { line: 1, character: 5 }, end: { line: 1, character: 14 } });

  // Close clears the document's diagnostics; requests about it then get empty results.
  s.conn.sendNotification(lsp.DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  const cleared = await s.diagnostics(uri, (p) => p.diagnostics.length === 0 && p.version === undefined);
  assert.deepStrictEqual(cleared.diagnostics, []);
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
  const proc = spawnServer(['lsp']);
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
  async function reply(id, timeoutMs = TIMEOUT_MS) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = messages.find((x) => x.id === id && ('result' in x || 'error' in x));
      if (m) return m;
      if (Date.now() > deadline) throw new Error(`no reply ${JSON.stringify(id)}; got ${JSON.stringify(messages)}`);
      // Woken by the next message or by the deadline, whichever comes first.
      await new Promise((r) => {
        const timer = setTimeout(r, deadline - Date.now() + 1);
        waiters.push(() => {
          clearTimeout(timer);
          r();
        });
      });
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
  // A change to a document that was never opened is ignored; hovers on it answer null.
  r.write(r.frame({ jsonrpc: '2.0', method: 'textDocument/didChange',
    params: { textDocument: { uri: 'file:///not/open/Dockerfile', version: 2 }, contentChanges: [{ text: 'FROM x\n' }] } }));
  r.write(r.frame({ jsonrpc: '2.0', id: 51, method: 'textDocument/hover',
    params: { textDocument: { uri: 'file:///not/open/Dockerfile' }, position: { line: 0, character: 0 } } }));
  assert.strictEqual((await r.reply(51)).result, null);
  // Missing params, a request id of the wrong type, a message that is not an object.
  r.write(r.frame({ jsonrpc: '2.0', id: 52, method: 'textDocument/hover' }));
  assert.strictEqual((await r.reply(52)).error.code, -32602);
  r.write(r.frame({ jsonrpc: '2.0', id: { x: 1 }, method: 'textDocument/hover', params: {} }));
  r.write(r.frame('[1, 2]'));
  r.write(r.frame({ jsonrpc: '2.0', id: 53, method: 'workspace/executeCommand', params: { command: 'rm -rf' } }));
  assert.strictEqual((await r.reply(53)).error.code, -32602);
  assert.deepStrictEqual(r.messages.filter((m) => m.id === null && m.error && m.error.code === -32600).length, 2,
    JSON.stringify(r.messages));
  // A 2 MB document with an error on its last line.
  const big = 'FROM alpine\n' + 'RUN echo hello world\n'.repeat(100000) + 'COPY --chwon=1 a b\n';
  r.write(r.frame({ jsonrpc: '2.0', method: 'textDocument/didOpen',
    params: { textDocument: { uri: 'file:///tmp/big/Dockerfile', languageId: 'dockerfile', version: 1, text: big } } }));
  r.write(r.frame({ jsonrpc: '2.0', id: 6, method: 'textDocument/hover',
    params: { textDocument: { uri: 'file:///tmp/big/Dockerfile' }, position: { line: 100001, character: 6 } } }));
  // Linting 100,000 instructions (and encoding 100,000 findings) takes seconds on a loaded
  // machine: a longer deadline than for the other replies.
  const hover = await r.reply(6, 120000);
  assert.match(hover.result.contents.value, /\*\*DF001\*\*/);
  assert.deepStrictEqual(hover.result.range, { start: { line: 100001, character: 5 }, end: { line: 100001, character: 12 } });
  r.write(r.frame({ jsonrpc: '2.0', id: 7, method: 'shutdown' }));
  assert.strictEqual((await r.reply(7)).result, null);
  r.write(r.frame({ jsonrpc: '2.0', method: 'exit' }));
  assert.strictEqual(await exitCode(r.proc, r.exited), 0);
});

test('exit without shutdown exits with 1; end of input too', async () => {
  const a = rawSession();
  a.write(a.frame({ jsonrpc: '2.0', method: 'exit' }));
  assert.strictEqual(await exitCode(a.proc, a.exited), 1);
  const b = rawSession();
  b.proc.stdin.end();
  assert.strictEqual(await exitCode(b.proc, b.exited), 1);
});

// A request still being worked on when `shutdown` arrives is answered, before the shutdown
// reply; then exit ends the process with 0. Repeated to catch ordering races.
test('shutdown answers pending requests first', async () => {
  for (let round = 0; round < 5; ++round) {
    const r = rawSession();
    r.write(r.frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { capabilities: {} } }));
    await r.reply(1);
    const uri = 'file:///tmp/dockml-shutdown/Dockerfile';
    r.write(r.frame({ jsonrpc: '2.0', method: 'textDocument/didOpen',
      params: { textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM alpine\nCOPY --chwon=1 a b\n' } } }));
    r.write(r.frame({ jsonrpc: '2.0', id: 2, method: 'textDocument/hover', params: { textDocument: { uri }, position: { line: 1, character: 6 } } }));
    r.write(r.frame({ jsonrpc: '2.0', id: 3, method: 'shutdown' }));
    const shutdown = await r.reply(3);
    assert.strictEqual(shutdown.result, null);
    const hover = r.messages.find((m) => m.id === 2);
    assert.ok(hover, JSON.stringify(r.messages));
    assert.ok(r.messages.indexOf(hover) < r.messages.indexOf(shutdown));
    assert.match(hover.result.contents.value, /^\*\*DF001\*\*/);
    r.write(r.frame({ jsonrpc: '2.0', id: 4, method: 'textDocument/hover', params: { textDocument: { uri }, position: { line: 1, character: 6 } } }));
    assert.strictEqual((await r.reply(4)).error.code, -32600);
    r.write(r.frame({ jsonrpc: '2.0', method: 'exit' }));
    assert.strictEqual(await exitCode(r.proc, r.exited), 0);
  }
});
