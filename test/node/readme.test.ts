// The README stays true: its API reference is what the Custom Elements Manifest of the build says,
// and the webhook verification snippet it gives is the one the webhook tests check signatures with.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { renderApi, withApi } from '../../scripts/api-docs.mjs';

describe('README', () => {
  it('has the API reference generated from dist/custom-elements.json (npm run docs)', () => {
    const manifest = JSON.parse(readFileSync('dist/custom-elements.json', 'utf8'));
    const readme = readFileSync('README.md', 'utf8');
    assert.equal(withApi(readme, renderApi(manifest)), readme, 'README.md is stale: run npm run docs');
  });

  it("gives the webhook verification snippet the webhook tests' receiver runs", () => {
    const receiver = readFileSync('test/support/webhook-receiver.mjs', 'utf8');
    const snippet = receiver.match(/^\/\*\* Whether `rawBody`[\s\S]*?^\}$/m)?.[0];
    assert.ok(snippet, 'the receiver holds the snippet');
    assert.ok(readFileSync('README.md', 'utf8').includes(snippet), `README.md gives, word for word:\n${snippet}`);
  });

  it('names the manifest in package.json', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    assert.equal(pkg.customElements, 'dist/custom-elements.json');
  });
});
