// `npm run test:clock-ahead`: the whole test suite (unit, integration, browser) with every Node process's clock moved
// ahead (366 days by default, TEST_CLOCK_SHIFT_DAYS to choose). A test that reads the wall clock and
// a fixed date together breaks here today instead of on the day the calendar gets there.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const preload = pathToFileURL(path.join(import.meta.dirname, 'shift-clock.mjs')).href;
const days = process.env.TEST_CLOCK_SHIFT_DAYS ?? '366';
const nodeOptions = [process.env.NODE_OPTIONS, `--import=${preload}`].filter(Boolean).join(' ');
const script = process.argv[2] ?? 'test';

console.log(`Running npm run ${script} with the clock ${days} days ahead`);
const result = spawnSync('npm', ['run', script], {
  stdio: 'inherit',
  env: { ...process.env, TEST_CLOCK_SHIFT_DAYS: days, NODE_OPTIONS: nodeOptions },
});
process.exit(result.status ?? 1);
