// The files a CDN page loads on demand carry only their own code: the rare controls render with the
// lit of the elements' file that loaded them (src/elements/shared/help-lit.ts), never a second copy.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

/** lit-html's marker of template parts: in every build of lit-html, and in nothing else here. */
const LIT_HTML = 'lit$';

const cdnFile = (file: string) => readFileSync(`dist/cdn/${file}`, 'utf8');

describe('files loaded on demand', () => {
  it('leaves lit out of the help and QR files, which the elements\' files carry', () => {
    assert.equal(cdnFile('xmtp-subscribe.js').includes(LIT_HTML), true);
    assert.equal(cdnFile('elements/xmtp-subscribe.js').includes(LIT_HTML), true);
    assert.equal(cdnFile('xmtp-subscribe-help.js').includes(LIT_HTML), false);
    assert.equal(cdnFile('xmtp-subscribe-qr.js').includes(LIT_HTML), false);
  });
});
