// The packed package in plain Node, installed from the tarball into node-app (make test-package):
// server-side rendering gives the golden HTML of tests/fixtures (the HTML the browser gives for
// the same input and options: tests/web.rs holds the wasm build in Chromium and Firefox to the same
// files), a compiled module handed to initSync renders at once, and an older Node is told why not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const app = path.join(here, 'node-app');
const fixtures = path.join(here, '../fixtures');
assert.ok(existsSync(path.join(app, 'node_modules/quire/package.json')), 'quire is not installed in node-app: run `make test-package`');

/** Runs `node FILE ARGS` in node-app with no flags, as a user would. */
const run = (node, file, ...args) => spawnSync(node, [file, ...args], { cwd: app, encoding: 'utf8' });

test('server-side rendering in Node gives the golden HTML of every fixture', () => {
  const names = readdirSync(fixtures).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3));
  assert.ok(names.length >= 8, `only ${names.length} fixtures`);
  for (const name of names) {
    const result = run(process.execPath, 'ssr.mjs', path.join(fixtures, `${name}.md`), path.join(fixtures, `${name}.json`));
    assert.equal(result.status, 0, `${name}: ${result.stderr}`);
    const body = /<body>\n([\s\S]*)<\/body>/.exec(result.stdout)?.[1];
    assert.equal(body, readFileSync(path.join(fixtures, `${name}.html`), 'utf8'), name);
  }
});

test('the server-rendered page takes its title and language from the Article', () => {
  const result = run(process.execPath, 'ssr.mjs', path.join(fixtures, 'front-matter.md'), path.join(fixtures, 'front-matter.json'));
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^<!doctype html>\n<html lang="en-GB">\n<head><meta charset="utf-8"><title>Tide Tables: A Field Guide<\/title>/);
});

test('initSync instantiates a module handed over and renders in the same tick (quire/sync)', () => {
  const result = run(process.execPath, 'edge.mjs');
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), { html: '<p><b>raw</b> <em>HTML</em></p>\n', sanitizerLoaded: true });
});

test('the package resolves as its exports say, types included', () => {
  const resolved = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', "for (const s of ['quire', 'quire/sync', 'quire/article', 'quire/in-worker', 'quire/worker', 'quire/quire_full_bg.wasm']) console.log(import.meta.resolve(s))"],
    { cwd: app, encoding: 'utf8' },
  )
    .trim()
    .split('\n')
    .map((url) => path.basename(fileURLToPath(url)));
  assert.deepEqual(resolved, ['quire.js', 'quire-sync.js', 'quire-article.js', 'quire-in-worker.js', 'quire-worker.js', 'quire_full_bg.wasm']);
  const pkg = JSON.parse(readFileSync(path.join(app, 'node_modules/quire/package.json'), 'utf8'));
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    for (const file of typeof target === 'string' ? [target] : Object.values(target)) {
      assert.ok(existsSync(path.join(app, 'node_modules/quire', file)), `${subpath}: ${file} is not in the package`);
    }
  }
});

// The machine's own Node, when it is older than the package's floor (Node 20 here: its WebAssembly
// cannot compile the modules), gets an error that says so, not a CompileError about a value type.
const systemNode = ['/usr/bin/node', '/usr/local/bin/node'].find(existsSync);
const systemMajor = systemNode ? Number(execFileSync(systemNode, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' })) : null;
const olderNode = systemMajor !== null && systemMajor < 22;
test('an older Node is told which Node the package needs', { skip: olderNode ? false : 'no Node older than 22 on this machine' }, () => {
  const result = run(systemNode, 'ssr.mjs', path.join(fixtures, 'gfm.md'));
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /quire needs Node 22\.3 or later, not \d+\.\d+\.\d+: an older Node cannot compile its WebAssembly/);
});
