/** Secrets the server hands out: identifier entropy, and the remember-me cookie's attributes. */
import { REMEMBER_COOKIE } from '../../src/adapter/wire.js';
import { describeAnswer, type CheckContext } from '../context.js';
import { assessIdentifiers } from '../entropy.js';
import { check, skip, type Check } from '../runner.js';
import { expectAllow } from './flows.js';

/** Fewer samples than this: only the length is judged, not the statistics. */
const STATISTICAL_SAMPLES = 16;
const TARGET_SAMPLES = 20;

export const secretChecks: Check<CheckContext>[] = [
  {
    id: 'entropy.ids',
    rule: 'identifier entropy',
    title: 'attemptIds, txids and tokens carry 128+ random bits: length x log2(alphabet), no repeats, no sequence',
    needs: ['tickets'],
    async run(ctx) {
      const attemptIds: string[] = [];
      const txids: string[] = [];
      const tokens: string[] = [];
      for (const e of ctx.client.log) {
        const body = e.json as { attemptId?: unknown; txid?: unknown; status?: { token?: unknown }; token?: unknown } | undefined;
        if (e.route === 'preauth' && typeof body?.attemptId === 'string') attemptIds.push(body.attemptId);
        if ((e.route === 'start' || e.route === 'poll') && typeof body?.txid === 'string') txids.push(body.txid);
        for (const token of [body?.status?.token, e.route === 'preauth' ? body?.token : undefined]) if (typeof token === 'string') tokens.push(token);
      }
      // Fresh samples, in the order they are issued (the sequence test needs that order).
      const freshAttempts: string[] = [];
      const freshTxids: string[] = [];
      const rounds = ctx.env.control ? TARGET_SAMPLES / 4 : 1;
      for (let round = 0; round < rounds; round++) {
        if (ctx.env.control && round > 0) await ctx.control.reset();
        const attempts = [];
        for (let i = 0; i < 4; i++) attempts.push(await ctx.login());
        freshAttempts.push(...attempts.map((a) => a.attemptId));
        const attempt = attempts[0]!;
        const push = attempt.devices.find((d) => d.capabilities?.includes('push'));
        if (!push) continue;
        for (let i = 0; i < 4; i++) {
          const answer = await ctx.client.start({ attemptId: attempt.attemptId, method: 'push', deviceId: push.id });
          if (answer.status !== 201) break;
          freshTxids.push((answer.json as { txid: string }).txid);
        }
      }
      const kinds: [string, string[], string[]][] = [
        ['attemptId', freshAttempts, attemptIds],
        ['txid', freshTxids, txids],
        ['login token', [], tokens],
      ];
      const problems: string[] = [];
      for (const [name, fresh, seen] of kinds) {
        const samples = fresh.length >= STATISTICAL_SAMPLES ? fresh : unique([...seen, ...fresh]);
        if (samples.length === 0) continue;
        const result = assessIdentifiers(samples.length >= STATISTICAL_SAMPLES ? samples : samples.slice(0, 1));
        ctx.note(`${name}: ${samples.length} samples, ~${Math.floor(result.bits)} bits (${result.randomLength} x ${result.alphabetSize}-character alphabet after "${result.prefix}")${samples.length < STATISTICAL_SAMPLES ? ', length only' : ''}`);
        for (const problem of result.problems) problems.push(`${name}: ${problem}`);
        if (fresh.length >= STATISTICAL_SAMPLES && unique(seen).length + fresh.length > unique([...seen, ...fresh]).length) {
          problems.push(`${name}: an id of this run came back in a later sample`);
        }
      }
      if (freshAttempts.length === 0) skip('no identifiers could be collected');
      check(problems.length === 0, problems.join('\n'));
    },
  },
  {
    id: 'cookie.remember-me',
    rule: 'remember me',
    title: "the remember-me cookie is HttpOnly, Secure, SameSite=Strict, Path = the routes' base path, Max-Age within the policy; it lets only its own user skip the second factor",
    needs: ['tickets', 'phone'],
    async run(ctx) {
      const attempt = await ctx.login();
      const policy = attempt.policy.rememberMe;
      if (!policy?.allowed || !policy.durationSeconds) skip(`remember-me not offered: policy.rememberMe is ${JSON.stringify(policy)}`);
      const code = await ctx.authenticatorCode(attempt);
      const answer = await ctx.startAnswer(attempt, { method: 'passcode', passcode: code, rememberMe: true });
      check(answer.status === 201, `a passcode with rememberMe answered ${describeAnswer(answer)}`);
      const body = answer.json as { status: { status: string; final: boolean; remembered?: unknown; token?: unknown } };
      expectAllow(body as never);
      check(body.status.remembered === true, `"allow" after rememberMe: true says remembered ${JSON.stringify(body.status.remembered)}, expected true`);
      const line = answer.headers.getSetCookie().find((l) => l.trim().startsWith(`${REMEMBER_COOKIE}=`));
      check(line, `"remembered": true but no Set-Cookie ${REMEMBER_COOKIE}=... on the answer`);
      const [pair = '', ...rest] = line.split(';');
      const attributes = new Map(rest.map((a) => [a.split('=')[0]!.trim().toLowerCase(), a.split('=').slice(1).join('=').trim()]));
      const problems: string[] = [];
      if (!attributes.has('httponly')) problems.push('no HttpOnly (page scripts could read the handle)');
      if (!attributes.has('secure')) problems.push('no Secure (the handle would travel over plain http)');
      const sameSite = attributes.get('samesite')?.toLowerCase();
      if (sameSite !== 'strict') problems.push(`SameSite=${sameSite ?? '(none)'}, the guide asks for Strict`);
      const path = attributes.get('path');
      const basePath = new URL(ctx.client.baseUrl).pathname.replace(/\/+$/, '') || '/';
      // The guide: Path is the routes' base path, so the rest of the site never receives the cookie.
      if (path === undefined) problems.push('no Path');
      else if (path.replace(/\/+$/, '') !== basePath.replace(/\/+$/, '')) problems.push(`Path=${path}, expected the routes' base path ${basePath}`);
      const maxAge = attributes.get('max-age');
      if (maxAge === undefined || !/^\d+$/.test(maxAge)) problems.push(`Max-Age=${maxAge ?? '(none)'}: expected seconds`);
      else if (Number(maxAge) <= 0 || Number(maxAge) > policy.durationSeconds) problems.push(`Max-Age=${maxAge}, expected 1 to policy.rememberMe.durationSeconds (${policy.durationSeconds})`);
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      const entropy = assessIdentifiers([value]);
      if (entropy.bits < 128) problems.push(`the handle "${value.slice(0, 8)}..." carries about ${Math.floor(entropy.bits)} bits, fewer than 128`);
      if (JSON.stringify(answer.json).includes(value)) problems.push('the handle also appears in the JSON body');
      ctx.note(`Set-Cookie: ${line.replace(value, '<handle>')}`);
      check(problems.length === 0, problems.join('; '));
      const cookie = `${REMEMBER_COOKIE}=${value}`;
      const other = ctx.options.otherUser;
      const foreign = await ctx.client.preauth({ ticket: await ctx.ticket(other), username: other }, { cookie });
      const foreignResult = (foreign.json as { result?: string })?.result;
      check(foreignResult !== 'allow', `${other}'s preauth with ${attempt.user}'s remembered-device cookie answered "allow": the handle must be bound to its user`);
      const again = await ctx.client.preauth({ ticket: await ctx.ticket(attempt.user), username: attempt.user }, { cookie });
      const { result, reason } = (again.json as { result?: string; reason?: string }) ?? {};
      check(!(result === 'allow' && reason === 'not-required'), 'preauth recognised the remembered device but said reason "not-required"; expected "remembered-device"');
      if (result === 'allow' && reason === undefined) ctx.note('preauth "allow" for the remembered device has no reason: the prompt reports it as not-required (send reason "remembered-device")');
      ctx.note(`preauth with the cookie answered "${result ?? again.status}"${result === 'allow' ? '' : ' (the guide allows, not requires, "allow")'}`);
    },
  },
];

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
