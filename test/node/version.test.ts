// The release each element carries (for the warning when two copies meet on a page) is package.json's.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { VERSION } from '../../src/internal/version.js';

describe('VERSION', () => {
  it("is package.json's version", () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    assert.equal(VERSION, version, 'src/internal/version.ts must say the version package.json says');
  });
});
