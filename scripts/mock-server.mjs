#!/usr/bin/env node
// The simulated MFA backend as an HTTP server: `npm run mock-server -- --port 8787` (--help for the flags).
// The simulator is TypeScript: tsx (a devDependency) loads it without a build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../mock-server/cli.ts');
const result = await runCli(process.argv.slice(2));
if (typeof result === 'number') {
  process.exitCode = result;
} else {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void result.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
