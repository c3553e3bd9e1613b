// npm run size:why [-- entry]: where a CDN file's bytes come from. Builds the entry as rollup.config.mjs
// does (src/elements/subscribe/xmtp-subscribe.ts by default), then charges each byte of the minified
// file to the source module its source map names, and prints each module's bytes, minified and
// gzipped on their own (gzip of the whole file is less than the sum: it finds repeats across modules).
import { eachMapping, TraceMap } from '@jridgewell/trace-mapping';
import { rollup } from 'rollup';
import { gzipSync } from 'node:zlib';
import configs from '../rollup.config.mjs';

const entry = process.argv[2] ?? 'src/elements/subscribe/xmtp-subscribe.ts';
const config = configs.find(({ input }) => input === entry);
if (!config) {
  console.error(`${entry} is not a CDN entry of rollup.config.mjs`);
  process.exit(1);
}
const bundle = await rollup({ input: config.input, plugins: config.plugins, onwarn: () => {} });
const output = [config.output].flat()[0];
const [{ code, map }] = (await bundle.generate({ ...output, sourcemap: true })).output;
await bundle.close();

const lines = code.split('\n');
const mappings = [];
eachMapping(new TraceMap(map), (mapping) => mappings.push(mapping));
/** Each module's share of the minified text, in file order. */
const shares = new Map();
mappings.forEach((mapping, i) => {
  const next = mappings[i + 1];
  const line = lines[mapping.generatedLine - 1];
  const end = next?.generatedLine === mapping.generatedLine ? next.generatedColumn : line.length;
  const module = (mapping.source ?? '(none)').replace(/.*node_modules\//, '').replace(/.*\/src\//, 'src/');
  shares.set(module, (shares.get(module) ?? '') + line.slice(mapping.generatedColumn, end));
});

const gzip = (text) => gzipSync(text, { level: 9 }).length;
console.log(`${output.file}: ${code.length} bytes minified, ${gzip(code)} gzip (zlib -9)`);
console.log('  minified      gzip  module');
for (const [module, text] of [...shares].sort(([, a], [, b]) => b.length - a.length)) {
  console.log(`${String(text.length).padStart(10)}${String(gzip(text)).padStart(10)}  ${module}`);
}
