#!/usr/bin/env node
// The `wirewatch` command. Runs the compiled CLI; builds it first when the sources are newer than the build.
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
const entry = join(root, 'dist/apps/cli/src/main.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const stale =
  !existsSync(entry) ||
  Math.max(newestSource(join(root, 'apps')), newestSource(join(root, 'libs'))) > statSync(entry).mtimeMs;
if (stale) {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) {
    // tsc still emits what compiles; a type error elsewhere in the tree need not stop this command.
    if (!existsSync(entry)) {
      process.stderr.write('wirewatch: the build failed (npm run build)\n');
      process.exit(1);
    }
    process.stderr.write('wirewatch: warning: the build reported type errors (see above); running what was emitted\n');
  }
}
require(entry);
