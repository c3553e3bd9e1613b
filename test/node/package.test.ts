// The package as a user installs it: `npm pack`, then `npm install` of the tarball into a fresh
// project with scripts blocked (from the local npm cache where it can). A front-end install gets
// nothing native, every file package.json names is in the tarball, the entry points import, the
// server says what to install, and a consumer's TypeScript (strict, skipLibCheck off) compiles every
// entry point under moduleResolution bundler, node16 and nodenext (fixtures in test/consumer/).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import ts from 'typescript';

const run = promisify(execFile);
const REPO = resolve(import.meta.dirname, '../..');
const FIXTURES = join(REPO, 'test/consumer');
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  name: string;
  main: string;
  types: string;
  unpkg: string;
  jsdelivr: string;
  customElements: string;
  'web-types': string;
  bin: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};
/** Packages of this repo's node_modules that a consumer brings for the types it uses (never installed by ours). */
const CONSUMER_TYPES = ['@types/node', '@types/react', 'vue', 'svelte'];
/** The database drivers, and the native signature recovery, a front-end install must not get. */
const DRIVERS = ['better-sqlite3', 'pg', 'secp256k1'];
const PUBLISHER = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

let work: string;
let project: string;
let installed: string;

/** Every file under `dir`, as paths relative to it. */
const filesUnder = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' });

/** `node --input-type=module -e code` in the consumer project; its stdout. */
async function nodeInProject(code: string) {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', code], { cwd: project });
  return stdout;
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'xmtp-subscribe-package-'));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: REPO, maxBuffer: 64 * 1024 * 1024 });
  const tarball = join(work, (JSON.parse(stdout) as { filename: string }[])[0]!.filename);
  project = join(work, 'consumer');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  await run('npm', ['install', tarball, '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: project });
  installed = join(project, 'node_modules', pkg.name);
});

after(() => rmSync(work, { recursive: true, force: true }));

describe('a front-end install (npm install xmtp-subscribe)', () => {
  it('gets no database driver, no secp256k1 and no native module, and runs no install script', () => {
    const modules = join(project, 'node_modules');
    for (const driver of DRIVERS) assert.ok(!existsSync(join(modules, driver)), `${driver} was installed`);
    const native = filesUnder(modules).filter((file) => file.endsWith('.node'));
    assert.deepEqual(native, [], 'native modules were installed');
    // Even with scripts allowed, nothing would build: no installed package has an install script.
    const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };
    const withScripts = Object.entries(lock.packages).filter(([, entry]) => entry.hasInstallScript).map(([path]) => path);
    assert.deepEqual(withScripts, [], 'installed packages with install scripts');
  });

  it('declares the drivers, secp256k1 (and the frameworks) as optional peers, never as dependencies', () => {
    for (const name of [...DRIVERS, 'react', 'vue', 'svelte']) {
      assert.ok(pkg.peerDependencies[name], `${name} is a peer dependency`);
      assert.equal(pkg.peerDependenciesMeta[name]?.optional, true, `${name} is optional`);
    }
    const installedPkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    for (const field of ['dependencies', 'optionalDependencies']) {
      for (const driver of DRIVERS) assert.equal(installedPkg[field]?.[driver], undefined, `${driver} in ${field}`);
    }
  });

  it('holds every file package.json names, the LICENSE and the CHANGELOG', () => {
    const targets = [
      pkg.main, pkg.types, pkg.unpkg, pkg.jsdelivr, pkg.customElements, pkg['web-types'], ...Object.values(pkg.bin),
      ...Object.entries(pkg.exports)
        .filter(([key]) => !key.includes('*'))
        .flatMap(([, target]) => (typeof target === 'string' ? [target] : Object.values(target))),
      'LICENSE', 'CHANGELOG.md', 'README.md', 'dist/vscode.html-custom-data.json', 'dist/vscode.css-custom-data.json',
    ];
    const missing = targets.filter((target) => !existsSync(join(installed, target)));
    assert.deepEqual(missing, [], 'named in package.json but not in the tarball');
    assert.match(readFileSync(join(installed, 'LICENSE'), 'utf8'), /^MIT License\n\nCopyright \(c\) \d{4} the xmtp-subscribe authors\n/);
  });

  it('marks the React wrappers as client components in the built file', () => {
    const reactEntry = (pkg.exports['./react'] as Record<string, string>).default!;
    const statements = readFileSync(join(installed, reactEntry), 'utf8').split('\n').filter((line) => line && !line.startsWith('//'));
    assert.equal(statements[0], "'use client';");
  });

  it('imports every entry point that needs no optional peer in Node', async () => {
    const entries = ['', '/subscribe', '/signature-request', '/link-address', '/unlink-address', '/core', '/locales/fr'];
    const out = await nodeInProject(`
      const names = {};
      for (const entry of ${JSON.stringify(entries)}) names[entry] = Object.keys(await import('${pkg.name}' + entry)).sort();
      console.log(JSON.stringify(names));`);
    const names = JSON.parse(out) as Record<string, string[]>;
    assert.ok(names['']!.includes('XmtpSubscribe') && names['']!.includes('XmtpLinkAddress'), names[''].join());
    assert.deepEqual(names['/subscribe'], ['XmtpSubscribe']);
    assert.ok(names['/core']!.includes('verifyConsentProof'));
  });

  it('keeps the server importable, and its SQLite store says in one sentence what to install', async () => {
    const out = await nodeInProject(`
      const { sqliteStore, memoryStore } = await import('${pkg.name}/server');
      await memoryStore().close();
      try { await sqliteStore('consent.db'); console.log('opened'); } catch (error) { console.log(error.message); }`);
    assert.match(out.trim(), /^sqliteStore needs better-sqlite3\b.*: run `npm install better-sqlite3`$/);
    assert.ok(!existsSync(join(project, 'consent.db')), 'no database file is left behind');
  });

  it('runs the CLI, which names the missing driver and fails', async () => {
    const cli = join(project, 'node_modules/.bin/xmtp-subscribe-server');
    const failure = await run(cli, ['--publisher', PUBLISHER, '--db', join(work, 'cli.db'), '--port', '0'], { cwd: project }).then(
      () => assert.fail('the CLI served without a driver'),
      (error: { code: number; stderr: string }) => error,
    );
    assert.notEqual(failure.code, 0);
    assert.match(failure.stderr, /npm install better-sqlite3/);
  });

  it('says in one sentence what to do when better-sqlite3 is installed but never built (scripts blocked, as pnpm does by default)', async () => {
    await run('npm', ['install', 'better-sqlite3@^12.4.1', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: project });
    try {
      const out = await nodeInProject(`
        const { sqliteStore } = await import('${pkg.name}/server');
        try { await sqliteStore('consent.db'); console.log('opened'); } catch (error) { console.log(error.message); }`);
      assert.doesNotMatch(out, /Could not locate the bindings file/);
      assert.match(
        out.trim(),
        /^sqliteStore needs better-sqlite3, an optional peer dependency that is installed but was never built \(its install script did not run\): run `npm rebuild better-sqlite3` \(pnpm: `pnpm approve-builds`\); on Node 22\+ better-sqlite3 13 ships prebuilt binaries$/,
      );
      assert.ok(!existsSync(join(project, 'consent.db')), 'no database file is left behind');
      const cli = join(project, 'node_modules/.bin/xmtp-subscribe-server');
      const failure = await run(cli, ['--publisher', PUBLISHER, '--db', join(work, 'unbuilt.db'), '--port', '0'], { cwd: project }).then(
        () => assert.fail('the CLI served without a built driver'),
        (error: { code: number; stderr: string }) => error,
      );
      assert.equal(failure.code, 1);
      assert.match(failure.stderr, /^xmtp-subscribe-server: sqliteStore needs better-sqlite3, .*npm rebuild better-sqlite3.*\n$/);
    } finally {
      await run('npm', ['uninstall', 'better-sqlite3', '--no-audit', '--no-fund'], { cwd: project });
    }
  });
});

type Resolution = 'bundler' | 'node16' | 'nodenext';
const MODULES: Record<Resolution, [ts.ModuleKind, ts.ModuleResolutionKind]> = {
  bundler: [ts.ModuleKind.ESNext, ts.ModuleResolutionKind.Bundler],
  node16: [ts.ModuleKind.Node16, ts.ModuleResolutionKind.Node16],
  nodenext: [ts.ModuleKind.NodeNext, ts.ModuleResolutionKind.NodeNext],
};

interface Compiled {
  /** The complaints about one fixture file, formatted as tsc prints them ('' when none). */
  errorsIn(file: string): string;
  /** The complaints about declaration files (ours and our dependencies'): skipLibCheck is off. */
  libraryErrors(): string;
}

/**
 * The consumer `files` (from test/consumer/) compiled as one program. `skipLibCheck: true` only
 * where a program checks what the consumer's own lines see (the per-element programs): the
 * programs of every resolution check every declaration file.
 */
function compile(files: string[], resolution: Resolution, { types = [] as string[], skipLibCheck = false } = {}): Compiled {
  const [module, moduleResolution] = MODULES[resolution];
  const program = ts.createProgram({
    rootNames: files.map((file) => join(project, 'src', file)),
    options: {
      strict: true,
      skipLibCheck,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      module,
      moduleResolution,
      jsx: ts.JsxEmit.ReactJSX,
      types,
    },
  });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  const host = { getCanonicalFileName: (name: string) => name, getCurrentDirectory: () => project, getNewLine: () => '\n' };
  const format = (keep: (diagnostic: ts.Diagnostic) => boolean) => ts.formatDiagnostics(diagnostics.filter(keep), host);
  return {
    errorsIn: (file) => format((diagnostic) => diagnostic.file?.fileName === join(project, 'src', file)),
    libraryErrors: () => format((diagnostic) => !diagnostic.file || diagnostic.file.fileName.endsWith('.d.ts')),
  };
}

/** Each compiled program once, however many tests read it. */
const programs = new Map<string, Compiled>();
const compiled = (key: string, make: () => Compiled) => programs.get(key) ?? programs.set(key, make()).get(key)!;
/** The program of a resolution: every browser entry; under bundler, the Vue and Svelte typings too. */
const entriesProgram = (resolution: Resolution) =>
  compiled(resolution, () => compile(resolution === 'bundler' ? ['entries.tsx', 'vue.ts', 'svelte.ts'] : ['entries.tsx'], resolution));

describe("a consumer's TypeScript (strict, skipLibCheck false)", () => {
  before(() => {
    cpSync(FIXTURES, join(project, 'src'), { recursive: true });
    for (const name of CONSUMER_TYPES) {
      const target = join(project, 'node_modules', name);
      if (existsSync(target)) continue; // @types/react comes with @lit/react
      mkdirSync(dirname(target), { recursive: true });
      symlinkSync(join(REPO, 'node_modules', name), target, 'dir');
    }
  });

  for (const resolution of ['bundler', 'node16', 'nodenext'] as const) {
    it(`compiles the main, core, React, JSX and locale entries under moduleResolution ${resolution}`, () => {
      const program = entriesProgram(resolution);
      assert.equal(program.errorsIn('entries.tsx'), '');
      assert.equal(program.libraryErrors(), '');
    });
  }

  for (const element of ['subscribe', 'signature-request', 'link-address', 'unlink-address']) {
    it(`types the tag and the events of xmtp-subscribe/${element} imported alone`, () => {
      // Its own program: the main entry elsewhere would declare every event for it.
      const file = `element-${element}.ts`;
      assert.equal(compile([file], 'nodenext', { skipLibCheck: true }).errorsIn(file), '');
    });
  }

  it('compiles the server entry without the database drivers or their types', () => {
    const program = compile(['server.ts'], 'nodenext', { types: ['node'] });
    assert.equal(program.errorsIn('server.ts') + program.libraryErrors(), '');
  });

  it('types the tags in Vue templates (GlobalComponents) through xmtp-subscribe/vue', () => {
    assert.equal(entriesProgram('bundler').errorsIn('vue.ts'), '');
  });

  it('types the tags in Svelte markup (svelte/elements) through xmtp-subscribe/svelte', () => {
    assert.equal(entriesProgram('bundler').errorsIn('svelte.ts'), '');
  });

  it('would notice a wrong event detail (the fixtures can fail)', () => {
    const probe = join(project, 'src', 'probe.ts');
    writeFileSync(probe, "import 'xmtp-subscribe';\ndocument.addEventListener('xmtp-subscribed', (event) => event.detail.text);\n");
    try {
      const errors = compile(['probe.ts'], 'nodenext', { skipLibCheck: true }).errorsIn('probe.ts');
      assert.match(errors, /Property 'text' does not exist on type 'XmtpSubscribedDetail'/);
    } finally {
      rmSync(probe);
    }
  });
});
