/**
 * The contract's shape, over every exchange of the run: response schemas (`src/adapter/wire.ts`), error
 * bodies and their statuses, `Cache-Control: no-store`, `Retry-After`. Each check first makes a small
 * sample of its own (so `--only` works), then looks at everything the run recorded.
 */
import { validate, type Schema } from '../../src/adapter/validate.js';
import { ErrorBodySchema, HTTP_STATUS_FOR_ERROR, MAX_RETRY_AFTER_SECONDS, PreauthResultSchema, TransactionBodySchema } from '../../src/adapter/wire.js';
import { expectError, expectWrongCode, type CheckContext } from '../context.js';
import { retryAfterSeconds, type Exchange } from '../http.js';
import { check, skip, type Check } from '../runner.js';
import { randomToken } from './shared.js';

const CONTRACT_ROUTES = new Set(['preauth', 'start', 'poll', 'cancel', 'assertion']);

export const contractChecks: Check<CheckContext>[] = [
  {
    id: 'contract.errors',
    title: 'missing fields, unknown devices, txids and attempts, bad JSON and wrong codes get the contract status, error code and a JSON body',
    needs: ['tickets'],
    async run(ctx) {
      const attempt = await ctx.login();
      const unknownTx = `tx_${randomToken(26).toLowerCase()}`;
      expectError(await ctx.client.poll(unknownTx, { attemptId: attempt.attemptId, after: null }), 404, 'expired', 'a poll of an unknown txid');
      expectError(await ctx.client.cancel(unknownTx, attempt.attemptId), 404, 'expired', 'a cancel of an unknown txid');
      expectError(await ctx.client.start({ attemptId: attempt.attemptId, method: 'push' }), 400, 'invalid_request', 'a push start without deviceId');
      expectError(await ctx.client.start({ attemptId: attempt.attemptId, method: 'push', deviceId: `dev_${randomToken(12)}` }), 400, 'invalid_request', 'a push to an unknown device');
      expectError(await ctx.client.send('POST', '/transactions', 'start', { body: '{not json', headers: {} }), 400, 'invalid_request', 'a start whose body is not JSON');
      expectError(await ctx.client.start({ attemptId: `att_${randomToken(26).toLowerCase()}`, method: 'passcode', passcode: '123456' }), 404, 'expired', 'a start in an unknown attempt');
      if (attempt.devices.some((d) => d.capabilities?.includes('passcode'))) {
        const wrong = await ctx.client.start({ attemptId: attempt.attemptId, method: 'passcode', passcode: ctx.wrongPasscode() });
        expectWrongCode(wrong, 'a wrong passcode');
        const left = (wrong.json as { error: { attemptsLeft?: unknown } }).error.attemptsLeft;
        if (left === undefined) ctx.note('invalid_passcode carries no attemptsLeft (optional)');
      }
      for (const exchange of recorded(ctx, (e) => e.status >= 400 && e.check === 'contract.errors')) {
        const type = exchange.headers.get('content-type') ?? '';
        check(type.includes('application/json'), `${label(exchange)}: an error with Content-Type "${type}", expected application/json`);
      }
    },
  },
  {
    id: 'contract.schemas',
    title: "every response of the run matches the contract's schemas (wire.ts), and every error's code its status",
    async run(ctx) {
      await sample(ctx);
      const problems: string[] = [];
      const exchanges = recorded(ctx, () => true);
      for (const exchange of exchanges) {
        const problem = schemaProblem(exchange);
        if (problem) problems.push(`${label(exchange)}: ${problem}`);
      }
      ctx.note(`${exchanges.length} responses checked`);
      check(problems.length === 0, `${problems.length} of ${exchanges.length} responses break the contract:\n${problems.slice(0, 8).join('\n')}${problems.length > 8 ? `\n(and ${problems.length - 8} more)` : ''}`);
    },
  },
  {
    id: 'contract.cache-control',
    title: 'every preauth, start, poll and assertion answer says Cache-Control: no-store',
    async run(ctx) {
      await sample(ctx);
      const exchanges = recorded(ctx, (e) => e.status >= 200 && e.status < 300 && ['preauth', 'start', 'poll', 'assertion'].includes(e.route));
      if (exchanges.length === 0) skip('no successful answers to look at');
      const missing = exchanges.filter((e) => !/(^|,)\s*no-store\s*(,|$)/i.test(e.headers.get('cache-control') ?? ''));
      const byRoute = [...new Set(missing.map((e) => `${e.method} ${routePath(e)} (Cache-Control: ${e.headers.get('cache-control') ?? 'none'})`))];
      check(missing.length === 0, `${missing.length} of ${exchanges.length} answers lack Cache-Control: no-store: ${byRoute.slice(0, 6).join('; ')}`);
    },
  },
  {
    id: 'versions.consistent',
    rule: 'versions',
    title: "across the run, one version of a transaction always shows the same status, and later answers never go back",
    async run(ctx) {
      const seen = new Map<string, Map<number, string>>();
      const problems: string[] = [];
      for (const exchange of recorded(ctx, (e) => e.status >= 200 && e.status < 300 && ['start', 'poll', 'assertion'].includes(e.route))) {
        const body = exchange.json as { txid?: unknown; version?: unknown; status?: { status?: unknown } } | undefined;
        if (typeof body?.txid !== 'string' || typeof body.version !== 'number' || typeof body.status?.status !== 'string') continue;
        const versions = seen.get(body.txid) ?? new Map<number, string>();
        seen.set(body.txid, versions);
        const earlier = versions.get(body.version);
        if (earlier !== undefined && earlier !== body.status.status) {
          problems.push(`${body.txid} version ${body.version} was "${earlier}", later "${body.status.status}" (${label(exchange)})`);
        }
        const newest = Math.max(...versions.keys(), -1);
        const after = /[?&]after=(\d+)/.exec(exchange.path)?.[1];
        if (after !== undefined && body.version < Number(after)) problems.push(`${label(exchange)} answered version ${body.version}, lower than after=${after}`);
        if (newest > body.version && exchange.route === 'poll' && after !== undefined) problems.push(`${label(exchange)} answered version ${body.version} after ${newest} had been seen`);
        versions.set(body.version, body.status.status);
      }
      if (seen.size === 0) skip('no transaction bodies were recorded');
      ctx.note(`${seen.size} transactions reviewed`);
      check(problems.length === 0, problems.slice(0, 6).join('\n'));
    },
  },
  {
    id: 'retry-after',
    rule: 'Retry-After',
    title: 'every 429 and 503 of the run carries Retry-After (seconds or a date) of at most 120 s, matching retryAfter',
    needs: ['tickets'],
    async run(ctx) {
      const refusals = () => recorded(ctx, (e) => e.status === 429 || e.status === 503);
      if (refusals().length === 0) await provokeRateLimit(ctx);
      const exchanges = refusals();
      if (exchanges.length === 0) skip('no 429 or 503 came during the run');
      for (const exchange of exchanges) {
        const seconds = retryAfterSeconds(exchange.headers);
        const body = (exchange.json as { error?: { retryAfter?: number; code?: string } })?.error;
        if (exchange.status === 429) check(seconds !== undefined, `${label(exchange)}: a 429 without Retry-After`);
        if (seconds === undefined) continue;
        check(!Number.isNaN(seconds), `${label(exchange)}: Retry-After "${exchange.headers.get('retry-after')}" is neither seconds nor an HTTP date`);
        check(seconds <= MAX_RETRY_AFTER_SECONDS, `${label(exchange)}: Retry-After ${seconds} s; clients give up beyond ${MAX_RETRY_AFTER_SECONDS} s`);
        if (body?.retryAfter !== undefined) {
          check(Math.abs(body.retryAfter - seconds) <= 1, `${label(exchange)}: Retry-After ${seconds} s but retryAfter ${body.retryAfter} in the body`);
        } else if (body?.code === 'rate_limited') {
          check(false, `${label(exchange)}: rate_limited without retryAfter in the body`);
        }
      }
      ctx.note(`${exchanges.length} refusals checked`);
    },
  },
];

/**
 * A few exchanges of every kind, so the contract checks have something to look at on their own (`--only`);
 * after a full run the record already has hundreds.
 */
async function sample(ctx: CheckContext): Promise<void> {
  if (recorded(ctx, () => true).length >= 100) return;
  if (!ctx.env.tickets) return ctx.note('no tickets: only the exchanges already recorded were checked');
  const attempt = await ctx.login();
  const push = attempt.devices.find((d) => d.capabilities?.includes('push'));
  if (push) {
    const pushed = await ctx.start(attempt, { method: 'push', deviceId: push.id });
    await ctx.client.poll(pushed.txid, { attemptId: attempt.attemptId, after: null });
    await ctx.client.cancel(pushed.txid, attempt.attemptId);
    await ctx.client.poll(pushed.txid, { attemptId: attempt.attemptId, after: pushed.version, wait: 1 });
  }
  await ctx.client.poll(`tx_${randomToken(26).toLowerCase()}`, { attemptId: attempt.attemptId, after: null });
  if (attempt.devices.some((d) => d.capabilities?.includes('passcode'))) {
    await ctx.client.start({ attemptId: attempt.attemptId, method: 'passcode', passcode: ctx.wrongPasscode() });
  }
}

/** Two SMS batches, or preauths, until a 429. */
async function provokeRateLimit(ctx: CheckContext): Promise<void> {
  const attempt = await ctx.login(ctx.options.otherUser);
  const sms = attempt.devices.find((d) => d.capabilities?.includes('sms'));
  for (let i = 0; sms && i < 10; i++) {
    const answer = await ctx.client.start({ attemptId: attempt.attemptId, method: 'sms', deviceId: sms.id });
    if (answer.status === 429) return;
  }
  const ticket = await ctx.ticket(ctx.options.otherUser);
  for (let i = 0; i < 30; i++) if ((await ctx.client.preauth({ ticket, username: ctx.options.otherUser })).status === 429) return;
}

function recorded(ctx: CheckContext, keep: (exchange: Exchange) => boolean): Exchange[] {
  return ctx.client.log.filter((e) => CONTRACT_ROUTES.has(e.route) && keep(e));
}

/** What is wrong with one exchange's status and body, or undefined. */
export function schemaProblem(exchange: Exchange): string | undefined {
  const { route, status, json, text } = exchange;
  if (status >= 400) {
    if (route === 'poll' && status === 499) return undefined; // the kit's own aborted poll
    const problems: string[] = [];
    const body = validate(ErrorBodySchema, json, problems);
    if (!body) return `error body ${text.slice(0, 120) || '(empty)'}: ${issues(problems)}`;
    const { code } = body.error;
    const expected = (HTTP_STATUS_FOR_ERROR as Record<string, number>)[code];
    if (expected !== undefined && expected !== status) return `error code "${code}" belongs with ${expected}, not ${status}`;
    if (expected === undefined && (status === 401 || status === 403)) return `unknown error code "${code}" on ${status} (the client reads it as bad_response)`;
    return undefined;
  }
  if (route === 'cancel') return status === 204 ? undefined : `answered ${status}, expected 204`;
  const expectedStatus = route === 'start' ? 201 : 200;
  if (status !== expectedStatus) return `answered ${status}, expected ${expectedStatus}`;
  const type = exchange.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) return `Content-Type "${type}", expected application/json`;
  const schema: Schema<unknown> = route === 'preauth' ? PreauthResultSchema : TransactionBodySchema;
  const problems: string[] = [];
  return validate(schema, json, problems) ? undefined : `${issues(problems)} in ${text.slice(0, 160)}`;
}

/** The first three problems ("status.message: expected ..."): enough to start fixing. */
function issues(list: string[]): string {
  return list.slice(0, 3).join('; ');
}

function label(exchange: Exchange): string {
  return `${exchange.method} ${routePath(exchange)} -> ${exchange.status} (in ${exchange.check})`;
}

/** The path with ids replaced, so answers of one route group together. */
function routePath(exchange: Exchange): string {
  return exchange.path.replace(/\/transactions\/[^/?]+/, '/transactions/{txid}').replace(/\?.*$/, '');
}

