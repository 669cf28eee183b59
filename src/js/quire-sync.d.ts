// Types of quire-sync.js: quire.js's API plus initSync.
export * from "./quire.js";
export { default } from "./quire.js";

/** A compiled module, or the bytes of quire_core_bg.wasm / quire_full_bg.wasm. */
type ModuleSource = WebAssembly.Module | BufferSource;

/** Instantiates the modules given, synchronously (no fetch): `{ full }` renders everything; `{ core }` alone
 *  loads the full module when a document needs it, as init() does. */
export function initSync(modules: { core: ModuleSource; full?: ModuleSource } | { core?: ModuleSource; full: ModuleSource }): void;
