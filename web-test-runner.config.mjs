// Browser tests: headless Chromium (Debian's, or CHROME_PATH), TypeScript by esbuild, and real
// consent servers on 127.0.0.1 that the tests start and inspect through commands.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { consentServerPlugin } from './test/support/consent-server-plugin.mjs';
import { countingReporter } from './test/support/counting-reporter.mjs';

export default {
  files: 'test/browser/**/*.test.ts',
  hostname: '127.0.0.1',
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 20_000 } },
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' }), consentServerPlugin()],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        headless: true,
        // Root needs --no-sandbox; the rest keep Chromium off a network this machine does not have.
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      },
    }),
  ],
  reporters: [defaultReporter(), countingReporter('.test-results/browser.json')],
};
