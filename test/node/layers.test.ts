// The house has floors (STYLE.md, DESIGN.md "Layout"): an import never runs from a lower floor to a
// higher one, and rooms on the same floor do not lean on each other. Read from the sources' own
// import statements, so a new file is checked the day it is added.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, it } from 'node:test';

/** Each top folder of `src/` and its floor; the entry files at the root of `src/` are the roof. */
const FLOORS: Record<string, number> = {
  core: 0,
  internal: 1,
  wallet: 2,
  delivery: 2,
  elements: 3,
  server: 3,
  react: 4,
  locales: 4,
  '.': 5,
};

/** Packages a floor may not import at all: the pure core and the browser code stay free of Node. */
const FORBIDDEN_PACKAGES: Record<string, RegExp> = {
  core: /^(node:|lit|@lit\/|react|better-sqlite3|pg$)/,
  internal: /^(node:|viem|react|better-sqlite3|pg$)/,
  wallet: /^(node:|react|better-sqlite3|pg$)/,
  delivery: /^(node:|viem|react|better-sqlite3|pg$)/,
  elements: /^(node:|react|better-sqlite3|pg$)/,
  server: /^(lit|@lit\/|react)/,
};

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;

interface Violation {
  file: string;
  imports: string;
  why: string;
}

/** The top folder of `src/` a path (relative to `src/`) lives in. */
const room = (path: string) => (path.includes('/') ? path.split('/')[0]! : '.');

/** What is wrong with the imports of `file` (a path relative to `src/`) whose text is `source`. */
function layerViolations(file: string, source: string): Violation[] {
  const from = room(file);
  const violations: Violation[] = [];
  for (const match of source.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2] ?? match[3]!;
    if (!specifier.startsWith('.')) {
      if (FORBIDDEN_PACKAGES[from]?.test(specifier)) {
        violations.push({ file, imports: specifier, why: `${from}/ may not import ${specifier}` });
      }
      continue;
    }
    const target = normalize(join(dirname(file), specifier));
    if (target.startsWith('..')) {
      violations.push({ file, imports: specifier, why: 'imports from outside src/' });
      continue;
    }
    const to = room(target);
    if (to === from) continue;
    if (!(to in FLOORS)) {
      violations.push({ file, imports: specifier, why: `${to}/ is on no floor: add it to FLOORS` });
    } else if (FLOORS[to]! > FLOORS[from]!) {
      violations.push({ file, imports: specifier, why: `${from}/ (floor ${FLOORS[from]}) reaches up to ${to}/ (floor ${FLOORS[to]})` });
    } else if (FLOORS[to] === FLOORS[from]) {
      violations.push({ file, imports: specifier, why: `${from}/ leans on ${to}/, a room on the same floor` });
    }
  }
  return violations;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts'))
    .map((path) => join(dir, path));
}

describe('layers of src/', () => {
  it('has every top folder on a floor', () => {
    const folders = readdirSync('src', { withFileTypes: true }).filter((entry) => entry.isDirectory());
    for (const { name } of folders) assert.ok(name in FLOORS, `src/${name}/ is on no floor: add it to FLOORS`);
  });

  it('never imports from a higher floor, nor across rooms of one floor', () => {
    const files = sourceFiles('src');
    const violations = files.flatMap((path) => layerViolations(relative('src', path), readFileSync(path, 'utf8')));
    assert.deepEqual(violations, []);
    assert.ok(files.length > 50, `read ${files.length} files`);
  });

  it('catches an import that runs up a floor, across a floor, out of src/ or into Node', () => {
    const source = [
      "import { XmtpError } from '../elements/shared/errors.js';",
      "import type { Connector } from '../delivery/outbox.js';",
      "export { x } from '../../test/x.js';",
      "const lazy = () => import('../server/index.js');",
      "import 'node:fs';",
      "import { keccak_256 } from '@noble/hashes/sha3';",
      "import { readItem } from '../internal/local-storage.js';",
    ].join('\n');
    assert.deepEqual(
      layerViolations('wallet/connector.ts', source).map(({ imports }) => imports),
      ['../elements/shared/errors.js', '../delivery/outbox.js', '../../test/x.js', '../server/index.js', 'node:fs'],
    );
  });
});
