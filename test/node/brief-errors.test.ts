// The browser files carry the parser's short reasons, not its long messages (bytes a page pays
// for); the npm build, which servers and developers use, keeps every word.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const LONG_MESSAGE = 'must be RFC 3339 in UTC with whole seconds';

describe('error messages by build', () => {
  it('leaves the parser\'s long messages out of the CDN file, and keeps its reasons', () => {
    const cdn = readFileSync('dist/cdn/xmtp-subscribe.js', 'utf8');
    assert.equal(cdn.includes(LONG_MESSAGE), false);
    assert.equal(cdn.includes("'time-format'") || cdn.includes('"time-format"'), true);
  });

  it('keeps them in the npm build', () => {
    assert.equal(readFileSync('dist/core/parse.js', 'utf8').includes(LONG_MESSAGE), true);
  });
});
