// dockml for VS Code: a thin client that starts `dockml lsp` and forwards the settings.
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';

import { documentSelector, FIX_ALL_SERVER_COMMAND, serverCommand, serverSettings } from './config';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;

function readSettings() {
  const c = vscode.workspace.getConfiguration('dockml');
  return {
    path: c.get('path'),
    args: c.get('args'),
    gpuDriver: c.get('gpuDriver'),
    failureThreshold: c.get('failureThreshold'),
  };
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const raw = readSettings();
  const { command, args } = serverCommand(raw);
  const serverOptions: ServerOptions = { command, args, transport: TransportKind.stdio };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    initializationOptions: serverSettings(raw, (m) => output?.appendLine(m)),
    synchronize: { configurationSection: 'dockml' },
    outputChannel: output,
  };
  client = new LanguageClient('dockml', 'dockml', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (e) {
    void vscode.window.showErrorMessage(
      `dockml: could not start '${command} lsp' (set dockml.path): ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('dockml');
  context.subscriptions.push(output);
  context.subscriptions.push(
    vscode.commands.registerCommand('dockml.fixAll', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!client || !editor) return;
      await client.sendRequest(ExecuteCommandRequest.type, {
        command: FIX_ALL_SERVER_COMMAND,
        arguments: [editor.document.uri.toString()],
      });
    }),
    vscode.commands.registerCommand('dockml.restartServer', async () => {
      await stop();
      await start(context);
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('dockml.path')) {
        await stop();
        await start(context);
      }
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await stop();
}
