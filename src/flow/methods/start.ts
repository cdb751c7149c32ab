/** Starting a method by name: `autoMethod`, and the keywords typed in the passcode field (`push`, `sms`...). */
import type { AutoMethod, FlowRuntime } from '../runtime.js';
import { newStartKey } from '../start-key.js';
import { openPasscodeEntry } from './passcode-entry.js';
import { startTransaction } from './push-call.js';
import { sendCodes } from './sms.js';

/** Each start already ignores a method the selected device cannot do, which leaves the user choosing. */
export function startMethod(flow: FlowRuntime, method: AutoMethod): void {
  switch (method) {
    case 'push':
    case 'phone':
      return void startTransaction(flow, method, newStartKey());
    case 'passcode':
      return openPasscodeEntry(flow);
    case 'sms':
      return void sendCodes(flow, newStartKey());
  }
}
