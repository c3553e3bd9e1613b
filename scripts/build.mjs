// npm run build: the Custom Elements Manifest, dist/ (ESM + .d.ts, by tsc), the CDN bundles and the
// demo kit (by rollup), the WalletConnect add-on's CDN file (by esbuild: WalletConnect's dependencies
// ship CommonJS, which esbuild bundles as they are), and the Subresource Integrity hashes of the CDN
// files (printed, and kept in dist/cdn/integrity.json). The React wrappers and JSX types made from the manifest are committed
// files that `npm run generate` writes and a test compares, so a stale one fails `npm test`.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { ON_DEMAND } from '../rollup.config.mjs';

const run = (command, ...args) => execFileSync(command, args, { stdio: 'inherit' });

rmSync('dist', { recursive: true, force: true });
run('node_modules/.bin/cem', 'analyze', '--quiet');
run('node_modules/.bin/tsc', '-p', 'tsconfig.build.json');
run('node_modules/.bin/rollup', '-c', '--silent');
const WALLETCONNECT = 'src/wallet/walletconnect/provider.ts';
await build({
  entryPoints: [WALLETCONNECT],
  outfile: `dist/cdn/${ON_DEMAND[WALLETCONNECT]}`,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
chmodSync('dist/server/cli.js', 0o755);

const cdnFiles = readdirSync('dist/cdn', { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'));
const integrity = Object.fromEntries(
  cdnFiles.sort().map((file) => {
    const digest = createHash('sha384').update(readFileSync(`dist/cdn/${file}`)).digest('base64');
    return [file, `sha384-${digest}`];
  }),
);
writeFileSync('dist/cdn/integrity.json', `${JSON.stringify(integrity, null, 2)}\n`);
console.log(`integrity of dist/cdn/xmtp-subscribe.js: ${integrity['xmtp-subscribe.js']}`);
