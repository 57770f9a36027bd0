#!/usr/bin/env node
// Builds the operations dashboard into dist/dashboard/: index.html plus content-hashed assets under assets/.
// `node apps/dashboard/build.cjs` (part of `npm run build`); `--check` also typechecks the browser code.
const { build } = require('esbuild');
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { gzipSync } = require('node:zlib');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..', '..');
const src = join(__dirname, 'src');
const out = join(root, 'dist', 'dashboard');

async function main() {
  if (process.argv.includes('--check')) {
    const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(__dirname, 'tsconfig.json')], { stdio: 'inherit' });
    if (tsc.status !== 0) process.exit(1);
  }
  const result = await build({
    entryPoints: { app: join(src, 'main.ts'), styles: join(src, 'styles.css') },
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['chrome109', 'firefox115', 'safari16'],
    write: false,
    outdir: out,
    legalComments: 'none',
    logLevel: 'warning',
  });
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'assets'), { recursive: true });
  const names = {};
  for (const file of result.outputFiles) {
    const ext = file.path.endsWith('.css') ? 'css' : 'js';
    const hash = createHash('sha256').update(file.contents).digest('hex').slice(0, 10);
    const name = `${ext === 'css' ? 'app' : 'app'}-${hash}.${ext}`;
    writeFileSync(join(out, 'assets', name), file.contents);
    names[ext] = { name, bytes: file.contents.length, gzip: gzipSync(file.contents).length };
  }
  const html = readFileSync(join(src, 'index.html'), 'utf8').replace('%CSS%', names.css.name).replace('%JS%', names.js.name);
  writeFileSync(join(out, 'index.html'), html);
  const total = names.js.gzip + names.css.gzip + gzipSync(html).length;
  process.stdout.write(
    `dashboard: dist/dashboard (js ${(names.js.bytes / 1024).toFixed(1)} KiB, css ${(names.css.bytes / 1024).toFixed(1)} KiB; ${(total / 1024).toFixed(1)} KiB gzipped with index.html)\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`dashboard build failed: ${error.message}\n`);
  process.exit(1);
});
