// Assembles the npm package from the web build (www/pkg) in dist/quire and packs it with `npm pack`
// into dist/quire-VERSION.tgz (`make package`). The version, description and licence come from
// Cargo.toml, so that the crate and the package cannot disagree.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = fileURLToPath(new URL('../', import.meta.url));
const web = path.join(root, 'www/pkg');
const dist = path.join(root, 'dist');
const out = path.join(dist, 'quire');

const manifest = readFileSync(path.join(root, 'Cargo.toml'), 'utf8');
const field = (name) => {
  const value = new RegExp(`^${name}\\s*=\\s*"([^"]*)"`, 'm').exec(manifest)?.[1];
  if (value == null) throw new Error(`Cargo.toml has no ${name}`);
  return value;
};

// Everything a user imports, with its types; the glue's own snippets (trusted-types.js and
// dom-update.js, which wasm-bindgen copies under snippets/, and quire-in-worker.js imports) and
// the wasm files.
const files = [
  'quire.js', 'quire.d.ts',
  'quire-sync.js', 'quire-sync.d.ts',
  'quire-article.js', 'quire-article.d.ts',
  'quire-in-worker.js', 'quire-in-worker.d.ts',
  'quire-worker.js',
  'trusted-types.js', 'dom-update.js',
  'quire_core.js', 'quire_core.d.ts', 'quire_core_bg.wasm',
  'quire_full.js', 'quire_full.d.ts', 'quire_full_bg.wasm',
  'snippets/',
];

const entry = (js, types) => (types ? { types: `./${types}`, default: `./${js}` } : `./${js}`);
const packageJson = {
  name: 'quire',
  version: field('version'),
  description: field('description'),
  license: field('license'),
  keywords: JSON.parse(`[${/^keywords\s*=\s*\[([^\]]*)\]/m.exec(manifest)?.[1] ?? ''}]`),
  type: 'module',
  main: './quire.js',
  types: './quire.d.ts',
  exports: {
    '.': entry('quire.js', 'quire.d.ts'),
    './sync': entry('quire-sync.js', 'quire-sync.d.ts'),
    './article': entry('quire-article.js', 'quire-article.d.ts'),
    './in-worker': entry('quire-in-worker.js', 'quire-in-worker.d.ts'),
    './worker': entry('quire-worker.js'),
    './quire_core_bg.wasm': './quire_core_bg.wasm',
    './quire_full_bg.wasm': './quire_full_bg.wasm',
    './package.json': './package.json',
  },
  // Importing these does something (defines the element, answers messages); the rest may be shaken.
  sideEffects: ['./quire-article.js', './quire-worker.js'],
  // Node 22 compiles the modules (exception references); 22.3 has process.getBuiltinModule,
  // which reads them from disk (src/js/quire.js).
  engines: { node: '>=22.3' },
  files: [...files, 'LICENSE-MIT', 'LICENSE-APACHE'],
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const file of files) {
  const from = path.join(web, file);
  if (!existsSync(from)) throw new Error(`${path.relative(root, from)} is missing: run \`make build\` first`);
  cpSync(from, path.join(out, file), { recursive: true });
}
cpSync(path.join(root, 'src/js/README.md'), path.join(out, 'README.md'));
for (const licence of ['LICENSE-MIT', 'LICENSE-APACHE']) cpSync(path.join(root, licence), path.join(out, licence));
writeFileSync(path.join(out, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);

const [packed] = JSON.parse(
  execFileSync('npm', ['pack', '--json', '--pack-destination', dist], { cwd: out, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }),
);
const tarball = path.join(dist, packed.filename);
const kb = (bytes) => `${(bytes / 1000).toFixed(0)} KB`; // KB = 1000 bytes, as in the README
console.log(
  `packed ${path.relative(root, tarball)}: ${kb(statSync(tarball).size)} (unpacked ${kb(packed.unpackedSize)}, ${packed.entryCount} files)`,
);
