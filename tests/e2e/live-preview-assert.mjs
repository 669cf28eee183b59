// What live-preview.mjs's checks must find, in either browser.
import assert from 'node:assert/strict';

export function assertLiveChecks(result) {
  const { edit, lines, farAway, stream, response } = result;
  assert.ok(edit.at > 0, 'the edit found its paragraph');
  assert.equal(edit.equalToFresh, true, 'after an edit the element equals a fresh render');
  assert.equal(edit.editedKept, true, 'the edited paragraph is updated in place');
  assert.equal(edit.keptBlocks, edit.blocks, `every block node stays (${edit.keptBlocks} of ${edit.blocks})`);
  assert.equal(edit.imagesKept, edit.images, 'no image is replaced (none reloads)');
  assert.ok(edit.touched <= 6, `an edit of one paragraph touched ${edit.touched} nodes`);

  assert.equal(result.randomEdits.differ, 0, `${result.randomEdits.differ} of ${result.randomEdits.edits} random edits left the element unlike a fresh render`);

  assert.equal(lines.equalToFresh, true, 'renumbered source lines equal a fresh render');
  assert.equal(lines.kept, lines.before, 'renumbering keeps every block node');
  assert.notDeepEqual(lines.firstLinesAfter.slice(1), lines.firstLines.slice(1), 'the lines below the insertion moved');

  assert.equal(farAway.footnote, true, 'a footnote defined later shows, as in a fresh render');
  assert.equal(farAway.ids, true, 'shifted heading ids equal a fresh render');
  assert.equal(farAway.second, 'user-content-intro-1');

  assert.equal(stream.equalToFresh, true, 'the stream ends as a one-shot render');
  assert.equal(stream.title, 'The Library That Went Back to Sea Level');
  assert.ok(stream.committed > 20, `${stream.committed} nodes committed`);
  assert.equal(stream.removedWhileStreaming, 0, 'no committed node was removed while streaming');
  assert.ok(stream.keptAtEnd >= stream.committed - 4, `the end kept ${stream.keptAtEnd} of ${stream.committed} committed nodes`);
  assert.equal(stream.openFence, true, 'an open code fence shows as code');

  assert.equal(response.equalToFresh, true, 'streamInto(fetch Response) ends as a one-shot render');
  assert.equal(response.title, stream.title);
  assert.deepEqual(response.errors, { nonString: true, badOptions: true, tooLarge: true });
}
