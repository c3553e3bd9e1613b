// Browser bundles: the self-contained CDN files and the demo's throwaway wallet.
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { minifyTemplateLiterals } from 'rollup-plugin-minify-template-literals';

const browserBundle = () => [
  resolve({ browser: true }),
  esbuild({ target: 'es2021', tsconfig: 'tsconfig.json' }),
  // lit's html`` and css`` keep their indentation unless minified here.
  minifyTemplateLiterals(),
  terser({ ecma: 2021, module: true, compress: { passes: 2 }, format: { comments: false } }),
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
  {
    input: 'demo/throwaway-wallet.ts',
    output: { file: 'demo/dist/throwaway-wallet.js', format: 'es' },
    plugins: browserBundle(),
  },
];
