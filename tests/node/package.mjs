// The one npm package as `make package` assembles it (dist/quire), imported in plain Node: no
// flags, the wasm read from the package's folder. (tests/package installs the packed tarball.)
import { existsSync } from 'node:fs';

const entry = new URL('../../dist/quire/quire.js', import.meta.url);
if (!existsSync(entry)) throw new Error('dist/quire/quire.js is missing: run `make package` first');

export const packageDir = new URL('./', entry);
export const quire = await import(entry.href);
