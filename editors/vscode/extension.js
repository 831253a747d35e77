// Pacte for VS Code: the language client. Starts `pacte lsp` (path set by
// `pacte.server.path`) for `.pacte` files and literate `.pacte.md` files.
'use strict';
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function serverOptions() {
  const config = vscode.workspace.getConfiguration('pacte');
  const command = config.get('server.path') || 'pacte';
  const args = ['lsp', ...(config.get('server.extraArgs') || [])];
  return { command, args, transport: TransportKind.stdio };
}

async function start(context) {
  client = new LanguageClient(
    'pacte',
    'Pacte',
    serverOptions(),
    {
      documentSelector: [
        { language: 'pacte' },
        { language: 'markdown', pattern: '**/*.pacte.md' },
      ],
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{pacte,pacte.md}'),
      },
    },
  );
  try {
    await client.start();
  } catch (e) {
    vscode.window.showErrorMessage(
      `Pacte : impossible de lancer « ${serverOptions().command} lsp » (${e.message}). ` +
        'Réglez « pacte.server.path » sur le chemin de l\'exécutable pacte.',
    );
  }
  context.subscriptions.push(client);
}

async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('pacte.restartServer', async () => {
      if (client) {
        await client.stop();
      }
      await start(context);
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('pacte.server')) {
        await vscode.commands.executeCommand('pacte.restartServer');
      }
    }),
  );
  await start(context);
}

async function deactivate() {
  if (client) {
    await client.stop();
  }
}

module.exports = { activate, deactivate };
