/**
 * Rule 21, **bidi controls**: backend texts lose their bidirectional control characters before any view sees
 * them, so a device name such as `iOS (\u202E5010-XXX-XXX\u202C)` cannot display as another masked number.
 * Every backend text goes through {@link plainText}, here and nowhere else.
 */
import type { Device, PreauthResult, StatusUpdate } from '../adapter/types.js';

/** ALM, LRM, RLM, the embeddings and overrides (U+202A..U+202E) and the isolates (U+2066..U+2069). */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** The one function that makes a backend text safe to show: the same text without bidi controls. */
export function plainText(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/** A device as the views may show it: name and masked number in plain text, a copy frozen. */
export function plainDevice(device: Device): Device {
  const plain: Device = { ...device, displayName: plainText(device.displayName), capabilities: [...device.capabilities] };
  if (device.maskedNumber !== undefined) plain.maskedNumber = plainText(device.maskedNumber);
  return Object.freeze(plain);
}

/** A preauth answer with every text it carries in plain text (device lists are cleaned where they are chosen). */
export function plainPreauth(result: PreauthResult): PreauthResult {
  if (result.result === 'auth') {
    return result.message === undefined ? result : { ...result, message: plainText(result.message) };
  }
  return { ...result, message: plainText(result.message) };
}

export function plainUpdate<T extends StatusUpdate>(update: T): T {
  return { ...update, message: plainText(update.message) };
}
