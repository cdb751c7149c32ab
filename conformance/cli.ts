#!/usr/bin/env node
/**
 * `mfa-prompt-conformance`: the conformance kit's command line. In the repository:
 * `node --import tsx conformance/cli.ts --base-url http://127.0.0.1:8787/mfa`.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HELP, parseArgs, UsageError, type CliArgs } from './args.js';
import { ALL_CHECKS, KitSetupError, runConformance } from './index.js';
import { formatHeader, formatJson, formatResult, formatSummary } from './report.js';

const NAME = 'mfa-prompt-conformance';

export async function main(argv: readonly string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      err(`${NAME}: ${error.message} (see --help)\n`);
      return 2;
    }
    throw error;
  }
  if (args.help) {
    out(HELP);
    return 0;
  }
  if (args.list) {
    for (const check of ALL_CHECKS) out(`${check.id}${check.rule ? ` [${check.rule}]` : ''}: ${check.title}\n`);
    return 0;
  }
  try {
    const report = await runConformance({
      baseUrl: args.baseUrl as string,
      only: args.only,
      interactive: args.interactive,
      useControl: args.control,
      ...(args.user ? { user: args.user } : {}),
      ...(args.otherUser ? { otherUser: args.otherUser } : {}),
      ...(args.ticketCommand ? { ticketCommand: args.ticketCommand } : {}),
      ...(args.timeoutSeconds ? { interactiveTimeoutMs: args.timeoutSeconds * 1000 } : {}),
      ...(args.pollWaitSeconds ? { pollWaitSeconds: args.pollWaitSeconds } : {}),
      ...(args.webauthnOrigin ? { webauthnOrigin: args.webauthnOrigin } : {}),
      // With --json, stdout carries the report only: instructions for the person go to stderr.
      say: (line) => (args.json ? err : out)(`${line}\n`),
      ...(args.json
        ? {}
        : {
            onStart: (setup) => out(formatHeader(setup)),
            onResult: (result) => out(`${formatResult(result, { verbose: args.verbose })}\n`),
          }),
    });
    if (report.results.length === 0) {
      err(`${NAME}: --only ${args.only.join(',')} matches no check (see --list)\n`);
      return 2;
    }
    out(args.json ? formatJson(report) : `${formatSummary(report)}\n`);
    return report.summary.failed === 0 ? 0 : 1;
  } catch (error) {
    if (error instanceof KitSetupError) {
      err(`${NAME}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/** Executed (the bin through its symlink, or `node --import tsx conformance/cli.ts`), not imported by a test. */
function isMain(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  main(process.argv.slice(2), (text) => process.stdout.write(text), (text) => process.stderr.write(text)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${NAME}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
