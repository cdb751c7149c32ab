/**
 * The demo's simulator: the real one, plus which SMS codes it accepted, so the demo's phone can cross out the
 * codes the user already spent, as a user would on paper. Demo-only: the prompt never learns a passcode back.
 */
import { MfaSimulator } from '../mock-server/core/simulator.js';
import type { TransactionSnapshot } from '../mock-server/core/types.js';
import type { StartTransactionBody } from '../src/adapter/wire.js';

export class DemoSimulator extends MfaSimulator {
  readonly #accepted = new Set<string>();

  override start(request: StartTransactionBody, options: { idempotencyKey?: string } = {}): TransactionSnapshot {
    const snapshot = super.start(request, options);
    // A code that logged in is used up (single use): remember it to mark it on the phone.
    if (request.method === 'passcode' && request.passcode && snapshot.body.status.status === 'allow') {
      this.#accepted.add(request.passcode);
    }
    return snapshot;
  }

  /** Whether the backend accepted this code: an SMS code is good for one login only. */
  accepted(code: string): boolean {
    return this.#accepted.has(code);
  }

  override reset(): void {
    this.#accepted.clear();
    super.reset();
  }
}
