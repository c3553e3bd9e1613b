// Browser bundles: the self-contained CDN files (every element, each element alone, each locale, the
// QR encoder and the rare controls loaded on demand) and the demo's kit (throwaway wallet, text builders). The WalletConnect
// add-on's CDN file is bundled by esbuild in scripts/build.mjs (its dependencies ship CommonJS).
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { resolve as resolvePath } from 'node:path';
import esbuild from 'rollup-plugin-esbuild';
import { minifyTemplateLiterals } from 'rollup-plugin-minify-template-literals';

const ELEMENTS = ['subscribe', 'signature-request', 'link-address', 'unlink-address'];
const LOCALES = ['fr', 'es', 'ar'];

/** Developers' long error messages stay in the npm build; the browser files say the short reason. */
const briefErrors = () => ({
  name: 'brief-errors',
  transform: (code, id) => (id.endsWith('/src/core/detail.ts') ? code.replace('= true', '= false') : null),
});

/**
 * The modules a CDN file loads on demand, and the CDN file each one is served as (in dist/cdn/).
 * Their own files: never bundled into the elements' files, never counted in their budget.
 */
export const ON_DEMAND = {
  'src/elements/shared/qr-matrix.ts': 'xmtp-subscribe-qr.js',
  'src/elements/shared/wallet-help.ts': 'xmtp-subscribe-help.js',
  'src/wallet/walletconnect/provider.ts': 'xmtp-subscribe-walletconnect.js',
};

/**
 * Turns `import('./qr-matrix.js')` and the like into a request for the matching CDN file next to
 * the script that defined the elements: found from `import.meta.url` in an ES module, and from
 * `document.currentScript` (read while the classic script runs, the only time it is set) in the
 * IIFE. `up` is the way from the bundle's folder to dist/cdn/.
 */
function onDemandFiles({ up = '' } = {}) {
  const files = new Map(Object.entries(ON_DEMAND).map(([source, file]) => [resolvePath(source), file]));
  return {
    name: 'on-demand-files',
    resolveDynamicImport(specifier, importer) {
      if (typeof specifier !== 'string' || !importer) return null;
      const file = files.get(resolvePath(importer, '..', specifier.replace(/\.js$/, '.ts')));
      return file ? { id: `${up}${file}`, external: true } : null;
    },
    renderDynamicImport({ format, targetModuleId }) {
      if (![...files.values()].some((file) => targetModuleId === `${up}${file}`)) return null;
      const base = format === 'es' ? 'import.meta.url' : 'xmtpSubscribeScript';
      return { left: 'import(new URL(', right: `, ${base}).href)` };
    },
  };
}

/** Where the IIFE file was loaded from, captured while it runs; the page's address if unknown. */
const IIFE_INTRO = 'const xmtpSubscribeScript = document.currentScript?.src || document.baseURI;';

const browserBundle = (options) => [
  briefErrors(),
  onDemandFiles(options),
  resolve({ browser: true }),
  esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' }),
  // Our html`` and css`` templates keep their indentation unless minified here (lit ships minified).
  minifyTemplateLiterals({ include: ['src/**', 'demo/**'], failOnError: true }),
  terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
];

export default [
  {
    input: 'src/index.ts',
    output: [
      { file: 'dist/cdn/xmtp-subscribe.js', format: 'es' },
      { file: 'dist/cdn/xmtp-subscribe.iife.js', format: 'iife', name: 'xmtpSubscribe', intro: IIFE_INTRO },
    ],
    plugins: browserBundle(),
  },
  // One self-contained file per element, for pages that need only one of them.
  ...ELEMENTS.map((name) => ({
    input: `src/elements/${name}/xmtp-${name}.ts`,
    output: { file: `dist/cdn/elements/xmtp-${name}.js`, format: 'es' },
    plugins: browserBundle({ up: '../' }),
  })),
  // Locale files register themselves with whichever copy of the elements is on the page.
  ...LOCALES.map((lang) => ({
    input: `src/locales/${lang}.ts`,
    output: { file: `dist/cdn/locales/${lang}.js`, format: 'es' },
    plugins: browserBundle(),
  })),
  // The files loaded on demand, but WalletConnect's (see above).
  ...['src/elements/shared/qr-matrix.ts', 'src/elements/shared/wallet-help.ts'].map((input) => ({
    input,
    output: { file: `dist/cdn/${ON_DEMAND[input]}`, format: 'es' },
    plugins: browserBundle(),
  })),
  {
    input: 'demo/kit.ts',
    output: { file: 'demo/dist/kit.js', format: 'es' },
    plugins: browserBundle(),
  },
];
