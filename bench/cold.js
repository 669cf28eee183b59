// Cold start of one contender, on a page opened in a fresh browser context (empty HTTP cache, new
// process): from the moment its code is requested to the end of its first render of the news
// brief. That covers fetching the JS (and the .wasm), compiling, instantiating and rendering.
// The document itself is fetched before the clock starts.
import { byId } from './contenders.js';

window.coldStart = async (id) => {
  const brief = await (await fetch('/bench/corpus/news-brief.md')).text();
  const contender = byId(id);
  const t0 = performance.now();
  const loaded = await contender.load();
  const t1 = performance.now();
  const html = loaded.render(brief);
  const t2 = performance.now();
  return { contender: id, loadMs: t1 - t0, firstRenderMs: t2 - t1, totalMs: t2 - t0, outputChars: html.length };
};
window.coldReady = true;
