/**
 * Registers every tag. Importing this module is the one side effect of the package:
 * `import 'mfa-prompt/define';` then use `<mfa-prompt>` in the page. The classes themselves
 * (`import { MfaPrompt } from 'mfa-prompt'`) register nothing.
 */
import { MfaMethodChooser } from './elements/mfa-method-chooser.js';
import { MfaPasscodeInput } from './elements/mfa-passcode-input.js';
import { MfaPrompt } from './elements/mfa-prompt.js';
import { MfaRememberMe } from './elements/mfa-remember-me.js';
import { MfaStatusBar } from './elements/mfa-status-bar.js';
// The same modules again, as bare imports: tsc keeps bare imports in define.d.ts (and drops the named ones,
// which no exported type uses), so an app that only writes `import 'mfa-prompt/define'` still sees their
// `declare global` blocks: `querySelector('mfa-prompt')` is an `MfaPrompt`, and `event.detail` of
// `mfa-success` and the other events is typed. Costs nothing at run time: the modules are already loaded.
import './elements/events.js';
import './elements/mfa-method-chooser.js';
import './elements/mfa-passcode-input.js';
import './elements/mfa-prompt.js';
import './elements/mfa-remember-me.js';
import './elements/mfa-status-bar.js';

const TAGS: ReadonlyArray<[string, CustomElementConstructor]> = [
  ['mfa-method-chooser', MfaMethodChooser],
  ['mfa-passcode-input', MfaPasscodeInput],
  ['mfa-remember-me', MfaRememberMe],
  ['mfa-status-bar', MfaStatusBar],
  ['mfa-prompt', MfaPrompt],
];

/**
 * Registers every tag in `registry` (the page's by default). Tolerates a second copy of the package on the
 * page: the first registration wins.
 */
export function defineMfaElements(registry: CustomElementRegistry = customElements): void {
  for (const [tag, element] of TAGS) {
    if (!registry.get(tag)) registry.define(tag, element);
  }
}

defineMfaElements();
