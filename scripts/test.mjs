// Runs the Node tests, the browser tests, the short benchmark and the CDN files' byte budgets, then
// prints one line counting the tests (and the budget check as one more).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';

const RESULTS = '.test-results';
rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS);

const nodeTests = readdirSync('test/node')
  .filter((file) => file.endsWith('.test.ts'))
  .map((file) => `test/node/${file}`);

const runs = [
  {
    name: 'node',
    command: process.execPath,
    args: [
      '--import', 'tsx', '--test',
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=./test/support/node-counting-reporter.mjs',
      `--test-reporter-destination=${RESULTS}/node.json`,
      ...nodeTests,
    ],
  },
  { name: 'browser', command: 'node_modules/.bin/web-test-runner', args: [] },
];

const total = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;
for (const { name, command, args } of runs) {
  const { status } = spawnSync(command, args, { stdio: 'inherit' });
  let counts;
  try {
    counts = JSON.parse(readFileSync(`${RESULTS}/${name}.json`, 'utf8'));
  } catch {
    counts = { passed: 0, failed: 1, skipped: 0 }; // the runner died before it could count
  }
  if (status !== 0) {
    exitCode = 1;
    if (counts.failed === 0) counts.failed = 1; // a non-zero exit is a failure even if no test said so
  }
  console.log(`${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  for (const key of Object.keys(total)) total[key] += counts[key];
}

// The benchmark's short mode (a few seconds), so every run shows the figures. Not a test: its
// numbers never fail the run, only its failing to run does.
const bench = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench.ts', '--short'], { stdio: 'inherit' });
if (bench.status !== 0) {
  exitCode = 1;
  total.failed++;
  console.log('bench: failed to run');
}

// The CDN files' byte budgets (npm run size), on the build the tests just ran: one check that counts.
const size = spawnSync(process.execPath, ['scripts/size.mjs'], { stdio: 'inherit' });
if (size.status === 0) total.passed++;
else {
  exitCode = 1;
  total.failed++;
  console.log('size: a CDN file is over its budget');
}

console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(exitCode);
