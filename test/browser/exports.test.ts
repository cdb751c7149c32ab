// The package's two entries: the classes register nothing; `define` registers every tag.
import { expect } from '@open-wc/testing';
import * as api from '../../src/index.js';

const TAGS = ['mfa-prompt', 'mfa-method-chooser', 'mfa-passcode-input', 'mfa-status-bar', 'mfa-remember-me'];

describe('package entries', () => {
  it('importing the classes registers no tag, so a host may register them under names of its own', () => {
    expect(typeof api.MfaPrompt).to.equal('function');
    expect(typeof api.createHttpAdapter).to.equal('function');
    expect(TAGS.filter((tag) => customElements.get(tag))).to.deep.equal([]);
  });

  it('importing define registers every tag with the exported classes, and tolerates a second import', async () => {
    await import('../../src/define.js');
    expect(TAGS.filter((tag) => !customElements.get(tag))).to.deep.equal([]);
    expect(customElements.get('mfa-prompt') === api.MfaPrompt).to.equal(true);
    // A second copy of the module (another URL), as when two bundles on a page both carry the package.
    const secondCopy: string = new URL('../../src/define.ts?again', import.meta.url).href;
    await import(secondCopy);
    expect(customElements.get('mfa-status-bar') === api.MfaStatusBar).to.equal(true);
  });
});
