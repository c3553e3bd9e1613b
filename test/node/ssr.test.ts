// Server rendering and Node imports: every entry point of the package loads in Node, and none of
// our modules touches `window`, `document` or `localStorage` at import time. (lit itself looks
// whether `document` exists, to pick its server mode: reads from node_modules are not counted.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  name: string;
  exports: Record<string, unknown>;
};
const LOCALES = ['fr', 'es', 'ar'];
/** Entry points that carry TypeScript types only (JSX, Vue and Svelte typings): nothing to export at run time. */
const TYPES_ONLY = new Set([`${pkg.name}/jsx`, `${pkg.name}/react/jsx`, `${pkg.name}/vue`, `${pkg.name}/svelte`]);
const BROWSER_GLOBALS = ['window', 'document', 'localStorage'];

/** Every import specifier the package offers, as a user writes it (`xmtp-subscribe/core`…). */
const specifiers = [
  ...Object.keys(pkg.exports)
    .filter((key) => !key.includes('*') && key !== './package.json')
    .map((key) => `${pkg.name}${key.slice(1)}`),
  ...LOCALES.map((lang) => `${pkg.name}/locales/${lang}`),
];

describe('importing in Node (server rendering)', () => {
  it('loads every entry point without touching browser globals', async () => {
    const touched: string[] = [];
    for (const name of BROWSER_GLOBALS) {
      Object.defineProperty(globalThis, name, {
        configurable: true,
        get() {
          const caller = new Error().stack!.split('\n')[2] ?? '';
          if (!caller.includes('/node_modules/')) touched.push(`${name} from ${caller.trim()}`);
          return undefined;
        },
      });
    }
    try {
      for (const specifier of specifiers) {
        const module = await import(specifier);
        if (!TYPES_ONLY.has(specifier)) assert.ok(Object.keys(module).length > 0, `${specifier} exports something`);
      }
    } finally {
      for (const name of BROWSER_GLOBALS) delete (globalThis as Record<string, unknown>)[name];
    }
    assert.deepEqual(touched, [], `touched at import: ${touched.join(', ')}`);
    assert.ok(specifiers.length >= 10, `checked ${specifiers.join(', ')}`);
  });
});
