// npm run size: bytes of the CDN files after minification and `gzip -9`; fails over a budget. The
// files loaded on demand (the QR encoder, the WalletConnect add-on) are reported, never budgeted:
// a reader downloads them only when they are needed.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { ON_DEMAND } from '../rollup.config.mjs';

/** Bytes of `gzip -9` output, as the budget is defined; zlib's level 9 where gzip is missing. */
function gzipSize(file) {
  try {
    return execFileSync('gzip', ['-9', '-c', file]).length;
  } catch {
    return gzipSync(readFileSync(file), { level: 9 }).length;
  }
}

/** Gzip budgets in bytes: every element together, English only (issues #3 to #6). */
const BUDGETS = {
  'dist/cdn/xmtp-subscribe.js': 24 * 1024,
};

const files = [
  'dist/cdn/xmtp-subscribe.js',
  'dist/cdn/xmtp-subscribe.iife.js',
  ...readdirSync('dist/cdn/elements').map((file) => `dist/cdn/elements/${file}`),
  ...Object.values(ON_DEMAND).map((file) => `dist/cdn/${file}`),
];

let over = false;
for (const file of files) {
  const bytes = readFileSync(file);
  const gzip = gzipSize(file);
  const budget = BUDGETS[file];
  const verdict = budget ? ` (budget ${budget}: ${gzip <= budget ? `${budget - gzip} to spare` : `${gzip - budget} OVER`})` : '';
  console.log(`${file}: ${bytes.length} bytes minified, ${gzip} bytes gzip -9${verdict}`);
  over ||= budget !== undefined && gzip > budget;
}
if (over) {
  console.error('A CDN file is over its gzip budget.');
  process.exit(1);
}
