/** A transaction's life: versions, the long poll, cancel, expiry, scripted phones, change events, reset. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { SimulatorError, type SimulatorEvent } from '../../mock-server/core/index.js';
import { attempt, auth, MINUTE, preauthAs, SECOND, setup, statusOf, throwsSimulatorError } from './simulator-helpers.js';

function pendingPush(options: Parameters<typeof setup>[0] = {}) {
  const { sim, clock } = setup(options);
  const attemptId = attempt(sim, 'bob');
  const { body } = sim.start({ attemptId, method: 'push', deviceId: 'bob-android' });
  return { sim, clock, attemptId, txid: body.txid, phone: sim.phone('bob') };
}

/** True if the promise has settled after pending microtasks ran. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

function callTo() {
  const { sim, clock } = setup();
  const attemptId = attempt(sim);
  const { body } = sim.start({ attemptId, method: 'phone', deviceId: 'alice-landline' });
  return { sim, clock, attemptId, txid: body.txid, phone: sim.phone('alice') };
}

describe('versions', () => {
  test('start at 1 and increase by one at every status change', () => {
    const { sim, clock } = setup();
    const attemptId = attempt(sim);
    const { body } = sim.start({ attemptId, method: 'phone', deviceId: 'alice-landline' });
    assert.equal(body.version, 1);
    sim.phone('alice').answerCall();
    assert.equal(sim.get(body.txid, attemptId).body.version, 2);
    clock.advance(10 * SECOND);
    assert.equal(sim.get(body.txid, attemptId).body.version, 2, 'time alone changes nothing');
    sim.phone('alice').pressKey();
    assert.equal(sim.get(body.txid, attemptId).body.version, 3);
  });
});

describe('get', () => {
  test('an unknown transaction is expired', () => {
    const { sim } = setup();
    throwsSimulatorError(() => sim.get('tx_unknown', attempt(sim)), 'expired');
  });

  test('a transaction expires transactionTtlMs after it started', () => {
    const { sim, clock, txid, phone, attemptId } = pendingPush();
    phone.approvePushWithShownCode();
    clock.advance(10 * MINUTE - 1);
    assert.equal(sim.statusOf(txid), 'allow');
    clock.advance(1);
    throwsSimulatorError(() => sim.get(txid, attemptId), 'expired');
  });
});

describe('waitForChange (the long poll)', () => {
  test('answers as soon as the status changes', async () => {
    const { sim, txid, phone, attemptId } = pendingPush();
    const poll = sim.waitForChange(txid, attemptId, 1, 30 * SECOND);
    assert.equal(await settled(poll), false, 'nothing changed yet');
    phone.approvePushWithShownCode();
    const snapshot = await poll;
    assert.equal(snapshot.body.version, 2);
    assert.equal(statusOf(snapshot), 'allow');
  });

  test('a change that does not pass `after` does not answer the poll', async () => {
    const { sim, txid, phone, attemptId } = callTo();
    const poll = sim.waitForChange(txid, attemptId, 2, 30 * SECOND);
    phone.answerCall();
    assert.equal(await settled(poll), false, 'version 2 is not past after=2');
    phone.pressKey();
    assert.equal((await poll).body.version, 3);
  });

  test('answers at once when the version is already past `after`', async () => {
    const { sim, txid, phone, attemptId } = pendingPush();
    phone.denyPush();
    assert.equal(statusOf(await sim.waitForChange(txid, attemptId, 1, 30 * SECOND)), 'deny');
  });

  test('answers with the unchanged snapshot when the wait runs out, by the injected clock', async () => {
    const { sim, clock, txid, attemptId } = pendingPush();
    const poll = sim.waitForChange(txid, attemptId, 1, 25 * SECOND);
    clock.advance(25 * SECOND - 1);
    assert.equal(await settled(poll), false);
    clock.advance(1);
    const snapshot = await poll;
    assert.equal(snapshot.body.version, 1);
    assert.equal(statusOf(snapshot), 'pushed');
    assert.equal(sim.waitingPolls, 0);
  });

  test('rejects with the signal\'s reason on abort, and leaves no timer or listener behind', async () => {
    const { sim, clock, txid, attemptId } = pendingPush();
    const timersBefore = clock.pendingTimers;
    const controller = new AbortController();
    const poll = sim.waitForChange(txid, attemptId, 1, 30 * SECOND, controller.signal);
    assert.equal(clock.pendingTimers, timersBefore + 1);
    assert.equal(sim.waitingPolls, 1);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 1);
    const reason = new Error('user left');
    controller.abort(reason);
    await assert.rejects(poll, (error) => error === reason);
    assert.equal(clock.pendingTimers, timersBefore);
    assert.equal(sim.waitingPolls, 0);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
  });

  test('an already aborted signal rejects at once', async () => {
    const { sim, txid, attemptId } = pendingPush();
    await assert.rejects(sim.waitForChange(txid, attemptId, 1, 30 * SECOND, AbortSignal.abort(new Error('gone'))), /gone/);
  });

  test('an answered poll leaves no timer or abort listener behind', async () => {
    const { sim, clock, txid, phone, attemptId } = pendingPush();
    const { signal } = new AbortController();
    const poll = sim.waitForChange(txid, attemptId, 1, 30 * SECOND, signal);
    phone.approvePushWithShownCode();
    await poll;
    assert.equal(clock.pendingTimers, 0, 'neither the poll timer nor the push timeout remain');
    assert.equal(getEventListeners(signal, 'abort').length, 0);
  });

  test('rejects with expired for an unknown transaction, or one that expires while waiting', async () => {
    const { sim, clock, txid, attemptId } = pendingPush({ transactionTtlMs: 20 * SECOND, pushTimeoutMs: 60 * SECOND });
    await assert.rejects(sim.waitForChange('tx_unknown', attemptId, 0, 1000), (e) => e instanceof SimulatorError && e.code === 'expired');
    const poll = sim.waitForChange(txid, attemptId, 1, 30 * SECOND);
    clock.advance(30 * SECOND);
    await assert.rejects(poll, (e) => e instanceof SimulatorError && e.code === 'expired');
  });

  test('one poll per transaction: a new poll answers the one held before with the unchanged transaction', async () => {
    const { sim, txid, phone, attemptId } = pendingPush();
    const older = sim.waitForChange(txid, attemptId, 1, 30 * SECOND);
    const newer = sim.waitForChange(txid, attemptId, 1, 30 * SECOND);
    const unchanged = await older;
    assert.deepEqual([unchanged.body.version, statusOf(unchanged)], [1, 'pushed']);
    assert.equal(sim.waitingPolls, 1);
    phone.denyPush();
    assert.equal(statusOf(await newer), 'deny');
  });
});

describe('cancel', () => {
  test('a pending transaction becomes "canceled" with Duo\'s text, and a waiting poll answers', async () => {
    const { sim, txid, attemptId } = pendingPush();
    const poll = sim.waitForChange(txid, attemptId, 1, 30 * SECOND);
    sim.cancel(txid, attemptId);
    assert.deepEqual((await poll).body.status, { status: 'canceled', final: true, message: 'Authentication request canceled' });
    assert.equal(sim.phone('bob').pendingPush(), undefined, 'the phone no longer shows it');
  });

  test('a final transaction stays as it is', () => {
    const { sim, txid, phone, attemptId } = pendingPush();
    phone.approvePushWithShownCode();
    sim.cancel(txid, attemptId);
    const { body } = sim.get(txid, attemptId);
    assert.equal(body.status.status, 'allow');
    assert.equal(body.version, 2);
  });

  test('an unknown transaction is expired', () => {
    const { sim } = setup();
    const attemptId = attempt(sim);
    throwsSimulatorError(() => sim.cancel('tx_unknown', attemptId), 'expired');
  });

  test('a canceled push no longer times out or changes', () => {
    const { sim, clock, txid, attemptId } = pendingPush();
    sim.cancel(txid, attemptId);
    clock.advance(2 * MINUTE);
    assert.equal(sim.statusOf(txid), 'canceled');
    assert.equal(clock.pendingTimers, 0);
  });
});

describe('scripted phones', () => {
  test('"approve after 2 s" approves every push two seconds after it arrives', () => {
    const { sim, clock } = setup();
    sim.script('bob', { push: { action: 'approve', afterMs: 2 * SECOND } });
    const { body } = sim.start({ attemptId: attempt(sim, 'bob'), method: 'push', deviceId: 'bob-android' });
    clock.advance(2 * SECOND - 1);
    assert.equal(sim.statusOf(body.txid), 'pushed');
    clock.advance(1);
    assert.equal(sim.statusOf(body.txid), 'allow');
  });

  test('deny, fraud and ignore', () => {
    const outcomes = (['deny', 'fraud', 'ignore'] as const).map((action) => {
      const { sim, clock } = setup();
      sim.script('bob', { push: { action, afterMs: 1000 } });
      const { body } = sim.start({ attemptId: attempt(sim, 'bob'), method: 'push', deviceId: 'bob-android' });
      clock.advance(1000);
      const soon = sim.statusOf(body.txid);
      clock.advance(MINUTE);
      return [soon, sim.statusOf(body.txid)];
    });
    assert.deepEqual(outcomes, [
      ['deny', 'deny'],
      ['fraud', 'fraud'],
      ['pushed', 'timeout'],
    ]);
  });

  test('"answer-and-press" answers after afterMs, then presses 1 a second later', () => {
    const { sim, clock } = setup();
    sim.script('alice', { call: { action: 'answer-and-press', afterMs: 3 * SECOND } });
    const { body } = sim.start({ attemptId: attempt(sim), method: 'phone', deviceId: 'alice-landline' });
    clock.advance(3 * SECOND);
    assert.equal(sim.statusOf(body.txid), 'answered');
    clock.advance(1 * SECOND);
    assert.equal(sim.statusOf(body.txid), 'allow');
  });

  test('"answer" leaves the call waiting for a key; "hang-up" denies', () => {
    const answer = setup();
    answer.sim.script('alice', { call: { action: 'answer', afterMs: 1000 } });
    const call = answer.sim.start({ attemptId: attempt(answer.sim), method: 'phone', deviceId: 'alice-landline' });
    answer.clock.advance(1000);
    assert.equal(answer.sim.statusOf(call.body.txid), 'answered');
    answer.clock.advance(30 * SECOND);
    assert.equal(answer.sim.statusOf(call.body.txid), 'timeout');

    const hangUp = setup();
    hangUp.sim.script('alice', { call: { action: 'hang-up', afterMs: 1000 } });
    const declined = hangUp.sim.start({ attemptId: attempt(hangUp.sim), method: 'phone', deviceId: 'alice-landline' });
    hangUp.clock.advance(1000);
    assert.equal(hangUp.sim.statusOf(declined.body.txid), 'deny');
  });

  test('a script does nothing to a transaction canceled before it acts', () => {
    const { sim, clock } = setup();
    sim.script('bob', { push: { action: 'approve', afterMs: 2 * SECOND } });
    const attemptId = attempt(sim, 'bob');
    const { body } = sim.start({ attemptId, method: 'push', deviceId: 'bob-android' });
    sim.cancel(body.txid, attemptId);
    clock.advance(5 * SECOND);
    assert.equal(sim.statusOf(body.txid), 'canceled');
  });

  test('clearScript stops it', () => {
    const { sim, clock } = setup();
    sim.script('bob', { push: { action: 'approve', afterMs: 0 } });
    sim.clearScript('bob');
    const { body } = sim.start({ attemptId: attempt(sim, 'bob'), method: 'push', deviceId: 'bob-android' });
    clock.advance(10 * SECOND);
    assert.equal(sim.statusOf(body.txid), 'pushed');
  });

  test('a script with an unknown action or a negative delay is refused', () => {
    const { sim } = setup();
    assert.throws(() => sim.script('bob', { push: { action: 'maybe' as never, afterMs: 1 } }), /approve, deny, fraud, ignore/);
    assert.throws(() => sim.script('bob', { call: { action: 'answer', afterMs: -1 } }), RangeError);
    assert.throws(() => sim.script('nobody', {}), /No simulated user/);
  });
});

describe('change events (subscribe)', () => {
  test('a listener hears the push arrive, the SMS delivered and every status change, until it unsubscribes', () => {
    const { sim } = setup();
    const events: SimulatorEvent[] = [];
    const unsubscribe = sim.subscribe((event) => events.push(event));
    const attemptId = attempt(sim, 'bob');
    const push = sim.start({ attemptId, method: 'push', deviceId: 'bob-android' });
    sim.phone('bob').approvePushWithShownCode();
    sim.start({ attemptId, method: 'sms', deviceId: 'bob-android' });
    unsubscribe();
    sim.start({ attemptId, method: 'push', deviceId: 'bob-android' });

    const summary = events.map((e) => (e.type === 'transaction' ? `${e.method}:${e.status}@${e.version}` : e.type));
    assert.deepEqual(summary, ['push:pushed@1', 'push:allow@2', 'sms', 'sms:sent@1']);
    assert.deepEqual(events[0], { type: 'transaction', username: 'bob', txid: push.body.txid, method: 'push', status: 'pushed', version: 1 });
  });

  test('a throwing listener does not break the change it hears about, and is reported (reportError)', () => {
    const { sim } = setup();
    const reported: unknown[] = [];
    const global = globalThis as { reportError?: (error: unknown) => void };
    const original = global.reportError;
    global.reportError = (error) => reported.push(error);
    try {
      sim.subscribe(() => {
        throw new Error('broken demo UI');
      });
      const { body } = sim.start({ attemptId: attempt(sim, 'bob'), method: 'push', deviceId: 'bob-android' });
      sim.phone('bob').approvePushWithShownCode();
      assert.equal(sim.statusOf(body.txid), 'allow');
      assert.equal(reported.length, 2, 'one report per failed notification');
    } finally {
      if (original) global.reportError = original;
      else delete global.reportError;
    }
  });
});

describe('reset', () => {
  test('restores the initial state: transactions, SMS, used codes, scripts and lock-outs are gone', async () => {
    const { sim } = setup({ lockoutThreshold: 1 });
    const attemptId = attempt(sim, 'bob');
    const { body } = sim.start({ attemptId, method: 'push', deviceId: 'bob-android' });
    const poll = sim.waitForChange(body.txid, attemptId, 1, 30 * SECOND);
    sim.start({ attemptId, method: 'sms', deviceId: 'bob-android' });
    sim.script('bob', { push: { action: 'approve', afterMs: 0 } });
    throwsSimulatorError(() => sim.start({ attemptId: attempt(sim), method: 'passcode', passcode: '000000' }), 'locked_out');
    const events: string[] = [];
    sim.subscribe((event) => events.push(event.type));

    sim.reset();

    await assert.rejects(poll, (e) => e instanceof SimulatorError && e.code === 'expired');
    throwsSimulatorError(() => sim.get(body.txid, attemptId), 'expired');
    throwsSimulatorError(() => sim.start({ attemptId, method: 'push', deviceId: 'bob-android' }), 'expired');
    assert.deepEqual(sim.phone('bob').smsInbox(), []);
    assert.equal(auth(preauthAs(sim, 'alice')).result, 'auth', 'alice is no longer locked');
    assert.equal(auth(preauthAs(sim, 'bob')).devices[0]!.nextSmsDigit, undefined);
    assert.deepEqual(events, ['reset']);
    const after = sim.start({ attemptId: attempt(sim, 'bob'), method: 'push', deviceId: 'bob-android' });
    assert.equal(sim.statusOf(after.body.txid), 'pushed', 'the script is gone');
  });
});
