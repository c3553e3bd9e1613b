// How the tests start Chromium on these machines: Debian's build (or CHROME_PATH), as root, offline.
export const chromiumExecutable = process.env.CHROME_PATH || '/usr/bin/chromium';

// Root needs --no-sandbox; the rest keep Chromium off a network this machine does not have.
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
