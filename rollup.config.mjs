// Browser bundles: the self-contained CDN files (every element, each element alone, each locale)
// and the demo's kit (throwaway wallet, text builders).
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { minifyTemplateLiterals } from 'rollup-plugin-minify-template-literals';

const ELEMENTS = ['subscribe', 'signature-request', 'link-address', 'unlink-address'];
const LOCALES = ['fr', 'es', 'ar'];

/** Developers' long error messages stay in the npm build; the browser files say the short reason. */
const briefErrors = () => ({
  name: 'brief-errors',
  transform: (code, id) => (id.endsWith('/src/core/detail.ts') ? code.replace('= true', '= false') : null),
});

const browserBundle = () => [
  briefErrors(),
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
      { file: 'dist/cdn/xmtp-subscribe.iife.js', format: 'iife', name: 'xmtpSubscribe' },
    ],
    plugins: browserBundle(),
  },
  // One self-contained file per element, for pages that need only one of them.
  ...ELEMENTS.map((name) => ({
    input: `src/elements/${name}/xmtp-${name}.ts`,
    output: { file: `dist/cdn/elements/xmtp-${name}.js`, format: 'es' },
    plugins: browserBundle(),
  })),
  // Locale files register themselves with whichever copy of the elements is on the page.
  ...LOCALES.map((lang) => ({
    input: `src/locales/${lang}.ts`,
    output: { file: `dist/cdn/locales/${lang}.js`, format: 'es' },
    plugins: browserBundle(),
  })),
  {
    input: 'demo/kit.ts',
    output: { file: 'demo/dist/kit.js', format: 'es' },
    plugins: browserBundle(),
  },
];
