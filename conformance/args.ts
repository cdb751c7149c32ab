/** The command line, parsed: every mistake is one clear line (the CLI exits 2 with it). */

export interface CliArgs {
  baseUrl?: string;
  user?: string;
  otherUser?: string;
  only: string[];
  json: boolean;
  interactive: boolean;
  timeoutSeconds?: number;
  ticketCommand?: string;
  control: boolean;
  pollWaitSeconds?: number;
  webauthnOrigin?: string;
  verbose: boolean;
  list: boolean;
  help: boolean;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

const VALUE_FLAGS = ['--base-url', '--user', '--other-user', '--only', '--timeout', '--ticket-command', '--poll-wait', '--webauthn-origin'] as const;
const BOOLEAN_FLAGS = ['--json', '--interactive', '--no-control', '--verbose', '--list', '--help', '-h'] as const;

export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { only: [], json: false, interactive: false, control: true, verbose: false, list: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] as string;
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const flag = eq > 0 ? raw.slice(0, eq) : raw;
    if ((BOOLEAN_FLAGS as readonly string[]).includes(flag)) {
      if (eq > 0) throw new UsageError(`${flag} takes no value`);
      if (flag === '--json') args.json = true;
      else if (flag === '--interactive') args.interactive = true;
      else if (flag === '--no-control') args.control = false;
      else if (flag === '--verbose') args.verbose = true;
      else if (flag === '--list') args.list = true;
      else args.help = true;
      continue;
    }
    if (!(VALUE_FLAGS as readonly string[]).includes(flag)) {
      throw new UsageError(flag.startsWith('-') ? `unknown option ${flag}` : `unexpected argument "${raw}" (options start with --)`);
    }
    let value: string | undefined;
    if (eq > 0) value = raw.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || (value.startsWith('--') && value !== '--')) throw new UsageError(`${flag} needs a value`);
      i++;
    }
    if (value.trim() === '') throw new UsageError(`${flag} needs a value`);
    switch (flag) {
      case '--base-url':
        if (!/^https?:\/\//i.test(value) || !URL.canParse(value)) throw new UsageError(`--base-url must be an http(s) URL such as http://127.0.0.1:8787/mfa, got "${value}"`);
        args.baseUrl = value;
        break;
      case '--user':
        args.user = value;
        break;
      case '--other-user':
        args.otherUser = value;
        break;
      case '--only':
        args.only.push(...value.split(',').map((p) => p.trim()).filter(Boolean));
        break;
      case '--timeout':
        args.timeoutSeconds = positiveNumber(flag, value, 3600);
        break;
      case '--poll-wait':
        args.pollWaitSeconds = positiveNumber(flag, value, 30);
        break;
      case '--ticket-command':
        args.ticketCommand = value;
        break;
      case '--webauthn-origin':
        if (!/^https?:\/\/[^/]+$/i.test(value)) throw new UsageError(`--webauthn-origin must be an origin such as https://login.example.com (no path), got "${value}"`);
        args.webauthnOrigin = value;
        break;
    }
  }
  if (!args.help && !args.list && args.baseUrl === undefined) throw new UsageError('--base-url is required (e.g. --base-url http://127.0.0.1:8787/mfa)');
  if (args.user !== undefined && args.user === args.otherUser) throw new UsageError('--user and --other-user must be two different users');
  return args;
}

function positiveNumber(flag: string, value: string, max: number): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > max) throw new UsageError(`${flag} must be a number of seconds from 1 to ${max}, got "${value}"`);
  return n;
}

export const HELP = `Usage: mfa-prompt-conformance --base-url <url> [options]

Runs every rule of the mfa-prompt HTTP contract (docs/openapi.yaml, docs/backend-guide.md) against a live
server and prints one line per check, ending with "N passed, M failed, K skipped". Exit code 0 only if no
check failed; 1 if one did; 2 for a usage or set-up error.

Someone has to act as the user's phone and the host's server:
  - a server in test mode exposes the test-control interface under <base-url>/_test (docs/test-control.md;
    the simulator does: npm run mock-server): the kit approves pushes, reads SMS codes, issues tickets,
    redeems tokens and moves the clock itself, and every check runs;
  - --interactive: you follow the kit's instructions with the test user's phone ("Approve the push on
    alice's phone now (code 123)"); checks that cannot be done by hand (lock-outs, clock) are skipped.

Options:
  --base-url <url>          where the routes live, e.g. http://127.0.0.1:8787/mfa (required)
  --user <name>             the main test user [alice]: needs a second factor, with one phone that can do
                            push, call, SMS and an authenticator app (plus bypass codes, optional)
  --other-user <name>       a second test user with a phone [bob]: cross-user checks, rate limits
  --only <patterns>         run only these checks, comma-separated: a check id (flow.push), a group
                            (attempt-binding), a rule name ("token once"), or * wildcards (*webauthn*)
  --json                    print the report as JSON instead of text
  --interactive             you play the phone (instructions on stdout, codes typed on stdin)
  --timeout <seconds>       how long to wait for you in --interactive, per step [120]
  --ticket-command <cmd>    shell command that prints a first-factor ticket for $MFA_USER (also {user});
                            needed when the server has no test-control interface
  --no-control              ignore the test-control interface even if the server has one
  --poll-wait <seconds>     the wait a long poll asks for while the kit waits for a change [2]
  --webauthn-origin <url>   the login page's origin the kit's software security key signs for
                            [http://localhost]; the RP ID comes from the server's registration options
  --verbose                 print every check's notes, not only those of failures
  --list                    list the checks and exit
  -h, --help                this help
`;
