// Everything the extension decides without VS Code: settings -> server command, options
// sent to the server, and which documents it handles. Kept free of `vscode` imports so the
// unit tests run under plain node.

export interface RawSettings {
  path?: unknown;
  args?: unknown;
  gpuDriver?: unknown;
  failureThreshold?: unknown;
}

// What the server reads from initializationOptions and workspace/didChangeConfiguration.
export interface ServerSettings {
  args: string[];
  gpuDriver: string;
  failureThreshold: string;
}

export interface ServerCommand {
  command: string;
  args: string[];
}

export const FAILURE_THRESHOLDS = ['', 'error', 'warning', 'info', 'style', 'none'];

// `dockml.path` (default: `dockml` from PATH) started as `dockml lsp`.
// vscode-languageclient appends `--stdio`, which the server accepts and ignores.
export function serverCommand(raw: RawSettings): ServerCommand {
  const path = typeof raw.path === 'string' && raw.path.trim() !== '' ? raw.path.trim() : 'dockml';
  return { command: path, args: ['lsp'] };
}

// Normalises user settings: non-string args are dropped, empty strings mean "unset",
// an unknown threshold is reported and ignored.
export function serverSettings(raw: RawSettings, warn?: (message: string) => void): ServerSettings {
  const args = Array.isArray(raw.args)
    ? raw.args.filter((a): a is string => typeof a === 'string' && a !== '')
    : [];
  if (raw.args !== undefined && !Array.isArray(raw.args) && warn) {
    warn('dockml.args must be an array of strings');
  }
  const gpuDriver = typeof raw.gpuDriver === 'string' ? raw.gpuDriver.trim() : '';
  let failureThreshold = typeof raw.failureThreshold === 'string' ? raw.failureThreshold.trim() : '';
  if (FAILURE_THRESHOLDS.indexOf(failureThreshold) < 0) {
    if (warn) warn(`dockml.failureThreshold: unknown value '${failureThreshold}'`);
    failureThreshold = '';
  }
  return { args, gpuDriver, failureThreshold };
}

export interface DocumentFilter {
  scheme: string;
  language?: string;
  pattern?: string;
}

// Dockerfiles (incl. Dockerfile.*, *.dockerfile, Containerfile), pip requirement files and
// compose files, on disk or unsaved.
export const DOCUMENT_PATTERNS: string[] = [
  '**/Dockerfile',
  '**/Dockerfile.*',
  '**/*.Dockerfile',
  '**/*.dockerfile',
  '**/Containerfile',
  '**/Containerfile.*',
  '**/requirements*.txt',
  '**/*.requirements.txt',
  '**/requirements*.in',
  '**/docker-compose*.{yml,yaml}',
  '**/compose*.{yml,yaml}',
];

export const DOCUMENT_LANGUAGES: string[] = ['dockerfile', 'pip-requirements', 'dockercompose'];

export function documentSelector(): DocumentFilter[] {
  const filters: DocumentFilter[] = [];
  for (const language of DOCUMENT_LANGUAGES) {
    filters.push({ scheme: 'file', language });
    filters.push({ scheme: 'untitled', language });
  }
  for (const pattern of DOCUMENT_PATTERNS) filters.push({ scheme: 'file', pattern });
  return filters;
}

// The server command used by "dockml: Fix all".
export const FIX_ALL_SERVER_COMMAND = 'dockml.applyFixAll';
