// Unit tests of the vscode-free part of the extension (node --test; Node 18+).
const test = require('node:test');
const assert = require('node:assert');
const minimatch = require('minimatch'); // v5: the function itself

const config = require('../out/config.js');

test('server command defaults to dockml from PATH', () => {
  assert.deepStrictEqual(config.serverCommand({}), { command: 'dockml', args: ['lsp'] });
  assert.deepStrictEqual(config.serverCommand({ path: '  ' }), { command: 'dockml', args: ['lsp'] });
  assert.deepStrictEqual(config.serverCommand({ path: '/opt/dockml/bin/dockml' }), {
    command: '/opt/dockml/bin/dockml',
    args: ['lsp'],
  });
});

test('settings map to what the server reads', () => {
  const warnings = [];
  const s = config.serverSettings(
    { args: ['--select', 'ML1', 7, ''], gpuDriver: ' 535.104.05 ', failureThreshold: 'warning' },
    (m) => warnings.push(m),
  );
  assert.deepStrictEqual(s, { args: ['--select', 'ML1'], gpuDriver: '535.104.05', failureThreshold: 'warning' });
  assert.deepStrictEqual(warnings, []);
});

test('bad settings are reported and dropped', () => {
  const warnings = [];
  const s = config.serverSettings({ args: '--select ML', failureThreshold: 'fatal' }, (m) => warnings.push(m));
  assert.deepStrictEqual(s, { args: [], gpuDriver: '', failureThreshold: '' });
  assert.deepStrictEqual(warnings, [
    'dockml.args must be an array of strings',
    "dockml.failureThreshold: unknown value 'fatal'",
  ]);
});

function selected(path) {
  return config.documentSelector().some((f) => f.pattern && minimatch(path, f.pattern, { dot: true }));
}

test('document selector covers Dockerfiles, requirement and compose files', () => {
  for (const path of [
    '/w/Dockerfile',
    '/w/images/Dockerfile.gpu',
    '/w/train.dockerfile',
    '/w/train.Dockerfile',
    '/w/Containerfile',
    '/w/Containerfile.cuda',
    '/w/requirements.txt',
    '/w/requirements-gpu.txt',
    '/w/torch.requirements.txt',
    '/w/requirements.in',
    '/w/docker-compose.yml',
    '/w/docker-compose.gpu.yaml',
    '/w/compose.yaml',
  ]) {
    assert.ok(selected(path), path);
  }
  for (const path of ['/w/main.py', '/w/values.yaml', '/w/Dockerfile/notes.md', '/w/setup.cfg', '/w/dev.txt']) {
    assert.ok(!selected(path), path);
  }
});

test('languages are selected on disk and in unsaved editors', () => {
  const filters = config.documentSelector().filter((f) => f.language);
  assert.deepStrictEqual(
    filters.map((f) => `${f.scheme}:${f.language}`),
    [
      'file:dockerfile',
      'untitled:dockerfile',
      'file:pip-requirements',
      'untitled:pip-requirements',
      'file:dockercompose',
      'untitled:dockercompose',
    ],
  );
});
