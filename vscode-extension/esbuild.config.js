// Bundles the extension (dist/extension.js) or, with --tests, the vscode-free modules the
// unit tests load (out/config.js). Usage: node esbuild.config.js [--production] [--tests]
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const tests = process.argv.includes('--tests');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  logLevel: 'warning',
};

const build = tests
  ? esbuild.build({ ...common, entryPoints: ['src/config.ts'], outfile: 'out/config.js' })
  : esbuild.build({
      ...common,
      entryPoints: ['src/extension.ts'],
      outfile: 'dist/extension.js',
      external: ['vscode'],
      minify: production,
      sourcemap: !production,
    });

build.catch((e) => {
  console.error(e.message || e);
  process.exit(1);
});
