// Live preview and streaming, checked in the browser at hand (www.test.mjs in Chromium,
// firefox.test.mjs in Firefox): `liveChecks` runs in a page of www/ and returns what it found.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The demo's article and the corpus documents the checks edit and stream. */
export function liveCases() {
  return {
    article: readFileSync(`${root}www/article.md`, 'utf8'),
    longRead: readFileSync(`${root}bench/corpus/long-read.md`, 'utf8'),
  };
}

/** Runs in the page (serialized, so it imports quire itself). */
export async function liveChecks({ article, longRead }) {
  const quire = await import('/pkg/quire.js');
  await quire.default({ sanitizer: 'eager' });
  const out = {};
  const host = document.body.appendChild(document.createElement('div'));
  const fresh = (markdown, options) => {
    const element = document.createElement('div');
    quire.renderInto(element, markdown, options);
    return element.innerHTML;
  };

  // 1. An edit in the middle: only the changed block is new; the rest are the same nodes.
  {
    const target = host.appendChild(document.createElement('div'));
    quire.renderInto(target, article);
    const before = Array.from(target.querySelector('article').children);
    const images = Array.from(target.querySelectorAll('img'));
    const paragraphs = before.filter((node) => node.localName === 'p');
    const edited = paragraphs[Math.floor(paragraphs.length / 2)];
    const text = edited.textContent.slice(0, 30);
    const at = article.indexOf(text.split(/\s/).slice(0, 3).join(' '));
    const changed = `${article.slice(0, at)}EDITED ${article.slice(at)}`;
    let touched = 0;
    const observer = new MutationObserver(() => {});
    observer.observe(target, { childList: true, subtree: true, attributes: true, characterData: true });
    quire.renderInto(target, changed);
    for (const record of observer.takeRecords()) {
      touched += record.addedNodes.length + record.removedNodes.length + (record.type === 'attributes' ? 1 : 0);
    }
    observer.disconnect();
    const after = Array.from(target.querySelector('article').children);
    out.edit = {
      at,
      equalToFresh: target.innerHTML === fresh(changed),
      blocks: before.length,
      keptBlocks: after.filter((node) => before.includes(node)).length,
      editedKept: after.includes(edited),
      imagesKept: Array.from(target.querySelectorAll('img')).filter((img) => images.includes(img)).length,
      images: images.length,
      touched,
    };
  }

  // 1b. Random edits (characters typed and deleted anywhere, lines split and joined, Markdown
  //     syntax inserted): after each, the element equals a fresh render of the edited text.
  {
    const target = host.appendChild(document.createElement('div'));
    let state = 12345;
    const random = (n) => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state % n;
    };
    const inserts = ['x', ' ', '\n', '\n\n', '*', '**', '`', '```\n', '# ', '- ', '> ', '[', '](#a)', '[^1]', '<b>', '</div>', '|', '---\n'];
    let text = article;
    quire.renderInto(target, text, { sourceLines: true });
    let differ = 0;
    const edits = 150;
    for (let k = 0; k < edits; k++) {
      const at = random(text.length + 1);
      text = random(3) === 0
        ? text.slice(0, at) + text.slice(at + 1 + random(40))
        : text.slice(0, at) + inserts[random(inserts.length)] + text.slice(at);
      quire.renderInto(target, text, { sourceLines: true });
      if (target.innerHTML !== fresh(text, { sourceLines: true })) differ += 1;
    }
    out.randomEdits = { edits, differ };
  }

  // 2. Source lines: inserting a line at the top renumbers every block in place.
  {
    const target = host.appendChild(document.createElement('div'));
    const options = { sourceLines: true };
    quire.renderInto(target, longRead, options);
    const before = Array.from(target.querySelectorAll('[data-source-lines]'));
    const firstLines = before.slice(0, 3).map((node) => node.dataset.sourceLines);
    const changed = longRead.replace('\n\n', '\n\n\n');
    quire.renderInto(target, changed, options);
    const after = Array.from(target.querySelectorAll('[data-source-lines]'));
    out.lines = {
      equalToFresh: target.innerHTML === fresh(changed, options),
      before: before.length,
      kept: after.filter((node) => before.includes(node)).length,
      firstLines,
      firstLinesAfter: after.slice(0, 3).map((node) => node.dataset.sourceLines),
    };
  }

  // 3. A footnote defined far below its reference, and a heading whose id numbering shifts: the
  //    blocks they affect change, and the element equals a fresh render.
  {
    const target = host.appendChild(document.createElement('div'));
    const one = '## Intro\n\nSee[^a].\n\n## Intro\n\ntext\n';
    const two = '## Intro\n\nSee[^a].\n\n## Intro\n\ntext\n\n[^a]: The note.\n';
    const three = '## Other\n\n## Intro\n\nSee[^a].\n\n## Intro\n\ntext\n\n[^a]: The note.\n';
    quire.renderInto(target, one);
    quire.renderInto(target, two);
    const footnote = target.innerHTML === fresh(two) && target.querySelector('.footnotes li') !== null;
    quire.renderInto(target, three);
    out.farAway = { footnote, ids: target.innerHTML === fresh(three), second: target.querySelectorAll('h2')[2]?.id };
  }

  // 4. Streaming the article in 20-character pieces: a node that survives an update is committed
  //    (the tail is replaced whole at every update) and is never removed while streaming; the end
  //    equals a one-shot render; an open fence shows as code while it is open.
  {
    const target = host.appendChild(document.createElement('div'));
    const stream = quire.createStream(target);
    const committed = new Set();
    let removedCommitted = 0;
    const count = (records) => {
      for (const record of records) for (const node of record.removedNodes) if (committed.has(node)) removedCommitted += 1;
    };
    // The loop below is synchronous: its records are read at the end, with takeRecords.
    const observer = new MutationObserver(count);
    observer.observe(target, { childList: true, subtree: true });
    let openFence = false;
    let updates = 0;
    const container = () => target.querySelector('article') ?? target;
    for (let at = 0; at < article.length; at += 20) {
      const before = new Set(container().childNodes);
      stream.append(article.slice(at, at + 20));
      stream.flush();
      updates += 1;
      for (const node of container().childNodes) if (before.has(node)) committed.add(node);
      const fences = (article.slice(0, at + 20).match(/^```/gm) ?? []).length;
      if (fences % 2 === 1 && container().lastElementChild?.matches('pre')) openFence = true;
    }
    count(observer.takeRecords());
    const whileStreaming = removedCommitted;
    const result = await stream.end();
    observer.disconnect();
    const left = Array.from(committed).filter((node) => target.contains(node)).length;
    out.stream = {
      equalToFresh: target.innerHTML === fresh(article),
      title: result.title,
      updates,
      committed: committed.size,
      removedWhileStreaming: whileStreaming,
      keptAtEnd: left,
      openFence,
    };
  }

  // 5. A stream from a fetch Response, and bad input.
  {
    const target = host.appendChild(document.createElement('div'));
    const result = await quire.streamInto(target, await fetch('/article.md'));
    const errors = {};
    const stream = quire.createStream(document.createElement('div'));
    try {
      stream.append(42);
    } catch (error) {
      errors.nonString = error instanceof TypeError;
    }
    try {
      quire.createStream(document.createElement('div'), { preset: 'nope' });
    } catch (error) {
      errors.badOptions = error instanceof Error && /preset/.test(error.message);
    }
    const small = quire.createStream(document.createElement('div'), { maxInputBytes: 10 });
    try {
      small.append('01234567890123');
    } catch (error) {
      errors.tooLarge = /too large|maxInputBytes|limit/i.test(error.message);
    }
    out.response = { equalToFresh: target.innerHTML === fresh(article), title: result.title, errors };
  }
  host.remove();
  return out;
}
