/** Preauth and its first-factor ticket: no ticket, forged tickets, no user enumeration, the preauth rate limit. */
import type { Answer } from '../http.js';
import { describeAnswer, expectError, type CheckContext } from '../context.js';
import { check, skip, type Check } from '../runner.js';
import { randomToken } from './shared.js';

export const firstFactorChecks: Check<CheckContext>[] = [
  {
    id: 'ticket.required',
    rule: 'first-factor ticket',
    title: 'preauth without a ticket is 400 invalid_request, even with a username',
    async run(ctx) {
      const { user } = ctx.options;
      expectError(await ctx.client.preauth({ username: user }), 400, 'invalid_request', `preauth {"username":"${user}"} without a ticket`);
      expectError(await ctx.client.preauth({}), 400, 'invalid_request', 'preauth {} without a ticket');
    },
  },
  {
    id: 'ticket.forged',
    rule: 'first-factor ticket',
    title: 'a forged, tampered, expired or foreign ticket is 404 expired',
    async run(ctx) {
      const { user, otherUser } = ctx.options;
      expectError(await ctx.client.preauth({ ticket: `tkt_${randomToken(40)}.${randomToken(43)}`, username: user }), 404, 'expired', 'a forged ticket');
      const ticket = await ctx.ticket(user);
      expectError(await ctx.client.preauth({ ticket: tamper(ticket), username: user }), 404, 'expired', `${user}'s ticket with one character changed`);
      expectError(await ctx.client.preauth({ ticket, username: otherUser }), 404, 'expired', `${user}'s ticket sent with username "${otherUser}"`);
      if (!ctx.env.control) return ctx.note('expiry not checked: needs the test-control interface to issue a short-lived ticket');
      const shortLived = await ctx.control.ticket(user, 1);
      await ctx.elapse(2000, 'an expired ticket');
      expectError(await ctx.client.preauth({ ticket: shortLived, username: user }), 404, 'expired', 'a ticket 1 s past its expiry');
    },
  },
  {
    id: 'preauth.no-user-enumeration',
    rule: 'first-factor ticket',
    title: 'an unknown user, a forged ticket and a foreign ticket get one identical answer',
    needs: ['tickets'],
    async run(ctx) {
      const { user, otherUser } = ctx.options;
      const unknown = `nobody-${randomToken(10).toLowerCase()}`;
      const cases: [string, Answer][] = [
        ['a forged ticket', await ctx.client.preauth({ ticket: `tkt_${randomToken(40)}.${randomToken(43)}`, username: user })],
        [`${user}'s ticket with username "${otherUser}"`, await ctx.client.preauth({ ticket: await ctx.ticket(user), username: otherUser })],
      ];
      let unknownTicket: string | undefined;
      try {
        unknownTicket = await ctx.ticket(unknown);
      } catch {
        ctx.note(`no ticket could be issued for an unknown user ("${unknown}"): compared the other answers only`);
      }
      if (unknownTicket) cases.push([`a valid ticket for the unknown user "${unknown}"`, await ctx.client.preauth({ ticket: unknownTicket, username: unknown })]);
      if (cases.length < 3) skip('needs a ticket for a user who does not exist (the test-control interface issues one)');
      const [first, ...rest] = cases as [[string, Answer], ...[string, Answer][]];
      for (const [what, answer] of cases) ctx.note(`${what}: ${describeAnswer(answer)}`);
      check(first[1].status === 404, `${first[0]}: answered ${describeAnswer(first[1])}, expected 404 expired`);
      for (const [what, answer] of rest) {
        check(
          answer.status === first[1].status && answer.text === first[1].text,
          `${what} answered ${answer.status} ${answer.text.slice(0, 200)}, but ${first[0]} answered ${first[1].status} ${first[1].text.slice(0, 200)}: ` +
            'different answers tell an attacker which users exist',
        );
      }
    },
  },
  {
    id: 'preauth.rate-limit',
    rule: 'preauth rate limit',
    title: 'preauths of one user are limited (429 rate_limited with Retry-After)',
    needs: ['tickets'],
    async run(ctx) {
      const user = ctx.options.otherUser;
      const ticket = await ctx.ticket(user);
      for (let i = 1; i <= 30; i++) {
        const answer = await ctx.client.preauth({ ticket, username: user });
        if (answer.status === 429) {
          expectError(answer, 429, 'rate_limited', `preauth number ${i}`);
          check(answer.headers.has('retry-after'), `the 429 after ${i - 1} preauths has no Retry-After header`);
          return ctx.note(`refused after ${i - 1} preauths of ${user}`);
        }
        check(answer.status === 200, `preauth number ${i} of ${user} answered ${describeAnswer(answer)}`);
      }
      check(false, `30 preauths of ${user} in a row were all accepted: the guide asks for at most 10 a minute`);
    },
  },
];

/** The ticket with one character of its end changed (a bad signature). */
function tamper(ticket: string): string {
  const last = ticket.at(-2) ?? 'A';
  const replacement = last === 'A' ? 'B' : 'A';
  return `${ticket.slice(0, -2)}${replacement}${ticket.slice(-1)}`;
}
