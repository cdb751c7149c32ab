// The browser tests in every engine, or in those given: checks that each browser is installed (and says how to
// install a missing one), then runs web-test-runner once with those engines side by side.
//
//   npm run test:browser                                   Chromium, Firefox and WebKit
//   npm run test:browser -- --engine firefox               one engine (also: --engine=firefox,webkit)
//   npm run test:browser -- --sequential                   one engine after the other (to measure each)
//   npm run test:browser -- --engine webkit test/browser/theme.test.ts   other arguments go to web-test-runner
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ENGINES, ENGINE_NAMES, requireEngines } from './find-browser.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const engines = [];
const passThrough = [];
let sequential = false;
for (let i = 0; i < args.length; i += 1) {
  const arg = args[i];
  if (arg === '--engine' || arg === '--engines') engines.push(...(args[++i] ?? '').split(','));
  else if (arg.startsWith('--engine=') || arg.startsWith('--engines=')) engines.push(...arg.split('=')[1].split(','));
  else if (arg === '--sequential') sequential = true;
  else passThrough.push(arg);
}
const chosen = engines.length > 0 ? [...new Set(engines.map((name) => name.trim().toLowerCase()))] : ENGINE_NAMES;
const unknown = chosen.filter((name) => !(name in ENGINES));
if (unknown.length > 0) {
  console.error(`Unknown engine ${unknown.map((name) => `"${name}"`).join(', ')}: use ${ENGINE_NAMES.join(', ')}.`);
  process.exit(2);
}
requireEngines(chosen);

const runs = sequential ? chosen.map((engine) => [engine]) : [chosen];
let failed = false;
for (const run of runs) {
  const started = Date.now();
  const code = await webTestRunner(run);
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`== ${run.map((engine) => ENGINES[engine].label).join(' + ')}: ${code === 0 ? 'passed' : 'FAILED'} in ${seconds} s`);
  failed ||= code !== 0;
}
process.exit(failed ? 1 : 0);

function webTestRunner(run) {
  return new Promise((resolve) => {
    const child = spawn('npx', ['web-test-runner', ...passThrough], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, MFA_ENGINES: run.join(',') },
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
