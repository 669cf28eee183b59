// Server-side rendering in plain Node (no flags): `node ssr.mjs post.md [options.json]` prints the
// page for post.md. The full module alone (sanitizer: "always") renders every document, so the
// sync renderArticle never waits; the HTML is the same as the browser's.
import { readFile } from 'node:fs/promises';
import { init, renderArticle } from 'quire';

await init({ sanitizer: 'always' });

const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function renderPage(markdown, options) {
  const article = renderArticle(markdown, options);
  return `<!doctype html>
<html lang="${escape(article.lang ?? 'en')}">
<head><meta charset="utf-8"><title>${escape(article.title ?? 'Untitled')}</title></head>
<body>
${article.html}</body>
</html>
`;
}

const [file, optionsFile] = process.argv.slice(2);
if (file) {
  const options = optionsFile ? JSON.parse(await readFile(optionsFile, 'utf8')) : undefined;
  process.stdout.write(renderPage(await readFile(file, 'utf8'), options));
}
