// npm run build: dist/ (ESM + .d.ts, by tsc), the CDN bundles and the demo wallet (by rollup).
import { execFileSync } from 'node:child_process';
import { chmodSync, rmSync } from 'node:fs';

const run = (command, ...args) => execFileSync(command, args, { stdio: 'inherit' });

rmSync('dist', { recursive: true, force: true });
run('node_modules/.bin/tsc', '-p', 'tsconfig.build.json');
run('node_modules/.bin/rollup', '-c', '--silent');
chmodSync('dist/server/cli.js', 0o755);
