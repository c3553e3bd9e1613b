// npm run size: bytes of the CDN files after minification and `gzip -9`; fails over the budget.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/** The budget for dist/cdn/xmtp-subscribe.js, in gzip bytes (issue #2: 18 KB). */
const BUDGET = 18 * 1024;
const files = ['dist/cdn/xmtp-subscribe.js', 'dist/cdn/xmtp-subscribe.iife.js'];

for (const file of files) {
  const bytes = readFileSync(file);
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const budget = file === files[0] ? ` (budget ${BUDGET}, ${BUDGET - gzip} to spare)` : '';
  console.log(`${file}: ${bytes.length} bytes minified, ${gzip} bytes gzip -9${budget}`);
}
const gzip = gzipSync(readFileSync(files[0]), { level: 9 }).length;
if (gzip > BUDGET) {
  console.error(`${files[0]} is ${gzip - BUDGET} bytes over its ${BUDGET}-byte gzip budget`);
  process.exit(1);
}
