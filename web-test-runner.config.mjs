// Browser tests: headless Chromium (Debian's, or CHROME_PATH), TypeScript by esbuild, and real
// consent servers, a WalletConnect relay stand-in and phone wallets on 127.0.0.1 that the tests
// start and inspect through commands.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { bundledModulesPlugin } from './test/support/bundled-modules-plugin.mjs';
import { chromiumArgs, chromiumExecutable } from './test/support/chromium.mjs';
import { consentServerPlugin } from './test/support/consent-server-plugin.mjs';
import { countingReporter } from './test/support/counting-reporter.mjs';
import { reactBundlePlugin } from './test/support/react-bundle-plugin.mjs';
import { walletConnectPlugin } from './test/support/walletconnect-plugin.mjs';

export default {
  files: 'test/browser/**/*.test.ts',
  hostname: '127.0.0.1',
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 20_000 } },
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' }),
    consentServerPlugin(),
    reactBundlePlugin(),
    // WalletConnect's client and the tests' QR decoder ship CommonJS.
    bundledModulesPlugin(['@walletconnect/sign-client', 'jsqr']),
    walletConnectPlugin(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: chromiumExecutable, headless: true, args: chromiumArgs },
    }),
  ],
  reporters: [defaultReporter(), countingReporter('.test-results/browser.json')],
};
