// The WebAuthn browser client (src/webauthn/browser-client.ts) against each engine's virtual authenticator
// (support/virtual-authenticator.ts): real navigator.credentials.create()/get(), no user and no dialog. Tests that
// need an authenticator, or one that withholds the touch, start with needs(): an engine without it skips them
// and prints its reason (WebKitGTK has no WebAuthn; Firefox's authenticators cannot withhold the touch).
import { expect } from '@open-wc/testing';
import type { WebAuthnRequestOptions } from '../../src/adapter/types.js';
import { browserWebAuthn, createBrowserWebAuthn } from '../../src/webauthn/browser-client.js';
import { fromBase64url, toBase64url } from '../../src/webauthn/base64url.js';
import { WebAuthnError } from '../../src/webauthn/types.js';
import { addVirtualAuthenticator, needs, type VirtualAuthenticator } from './support/virtual-authenticator.js';

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** base64url → text, decoded here independently of the client's own decoder. */
function decodeText(value: string): string {
  const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}

function randomId(length = 32): string {
  return btoa(String.fromCharCode(...randomBytes(length))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Registers a credential for this origin on the virtual authenticator; the test's creation options, by hand. */
async function register(residentKey: ResidentKeyRequirement = 'required'): Promise<PublicKeyCredential> {
  const credential = await navigator.credentials.create({
    publicKey: {
      challenge: randomBytes(32),
      rp: { name: 'mfa-prompt tests', id: location.hostname },
      user: { id: randomBytes(16), name: 'alice@example.com', displayName: 'Alice' },
      pubKeyCredParams: [
        { type: 'public-key', alg: -7 },
        { type: 'public-key', alg: -257 },
      ],
      authenticatorSelection: { residentKey, userVerification: 'preferred' },
      timeout: 5000,
    },
  });
  return credential as PublicKeyCredential;
}

function requestFor(credentialId: string, extra: Partial<WebAuthnRequestOptions> = {}): WebAuthnRequestOptions {
  return {
    challenge: randomId(),
    rpId: location.hostname,
    timeout: 5000,
    allowCredentials: [{ id: credentialId, type: 'public-key' }],
    userVerification: 'preferred',
    ...extra,
  };
}

/** The rejection of `promise` (fails the test if it resolves), with how long it took. */
async function rejection(promise: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  try {
    await promise;
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
  throw new Error('expected a rejection, but it resolved');
}

function describeError(error: unknown): string {
  if (error instanceof WebAuthnError) return `WebAuthnError(${error.reason}) caused by ${describeError(error.cause)}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** SHA-256 of the RP ID, as the first 32 bytes of authenticatorData carry it. */
async function rpIdHash(rpId: string): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(rpId)));
}

function toHex(bytes: ArrayBuffer | Uint8Array): string {
  return Array.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The DevTools protocol's standard base64 → base64url, to compare its ids with WebAuthn's. */
function base64ToUrl(value: string): string {
  return value.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const never = () => new AbortController().signal;

describe('WebAuthn browser client (virtual authenticator)', () => {
  let authenticator: VirtualAuthenticator | undefined;
  afterEach(async () => {
    await authenticator?.remove();
    authenticator = undefined;
  });

  describe('browserWebAuthn, on this page', () => {
    it('is available: localhost is a secure context with WebAuthn', async function () {
      await needs(this, 'authenticator');
      expect(isSecureContext).to.equal(true);
      expect(browserWebAuthn.unavailable()).to.equal(null);
    });

    it('returns the assertion of a registered security key as JSON: base64url fields, clientDataJSON of webauthn.get with the challenge and origin', async function () {
      await needs(this, 'authenticator');
      authenticator = await addVirtualAuthenticator({ transport: 'usb' });
      const credential = await register();
      const options = requestFor(credential.id);
      const [created] = await authenticator.credentials();

      const assertion = await browserWebAuthn.getAssertion(options, never());

      expect(assertion.id).to.equal(credential.id);
      expect(assertion.rawId).to.equal(credential.id);
      expect(assertion.type).to.equal('public-key');
      expect(assertion.authenticatorAttachment).to.equal('cross-platform');
      expect(assertion.clientExtensionResults).to.deep.equal({});
      for (const [field, value] of Object.entries(assertion.response)) {
        expect(value, field).to.be.a('string').and.match(BASE64URL);
        expect(value.length, field).to.be.greaterThan(0);
      }
      const clientData = JSON.parse(decodeText(assertion.response.clientDataJSON)) as Record<string, unknown>;
      expect(clientData.type).to.equal('webauthn.get');
      expect(clientData.challenge).to.equal(options.challenge);
      expect(clientData.origin).to.equal(location.origin);
      expect(clientData.crossOrigin).to.equal(false);
      const authenticatorData = new Uint8Array(fromBase64url(assertion.response.authenticatorData));
      expect(toHex(authenticatorData.subarray(0, 32))).to.equal(await rpIdHash(location.hostname));
      expect(authenticatorData[32]! & 0x01, 'user present flag').to.equal(1);

      const [stored] = await authenticator.credentials();
      expect(base64ToUrl(stored!.credentialId)).to.equal(credential.id);
      expect(assertion.response.userHandle).to.equal(base64ToUrl(stored!.userHandle!));
      // The authenticator signed: its counter moved on (by 1 in Chromium, by 2 in Firefox; create() counts in
      // Chromium only), so compare with the count before get(), not with a number.
      expect(stored!.signCount).to.be.greaterThan(created!.signCount);
    });

    it('uses a passkey on this computer with no allowCredentials (a discoverable credential)', async function () {
      await needs(this, 'authenticator');
      authenticator = await addVirtualAuthenticator({ transport: 'internal' });
      const credential = await register('required');
      const options: WebAuthnRequestOptions = { challenge: randomId(), rpId: location.hostname, timeout: 5000, userVerification: 'required' };

      const assertion = await browserWebAuthn.getAssertion(options, never());

      expect(assertion.id).to.equal(credential.id);
      expect(assertion.authenticatorAttachment).to.equal('platform');
      expect(assertion.response.userHandle).to.be.a('string').and.match(BASE64URL);
      const authenticatorData = new Uint8Array(fromBase64url(assertion.response.authenticatorData));
      expect(authenticatorData[32]! & 0x04, 'user verified flag').to.equal(4);
    });

    // Chromium hides which credentials exist (WebAuthn's privacy rules): an allowCredentials list that
    // matches nothing ends as NotAllowedError, just like a cancel, here at once (headless, no UI). A desktop
    // Chromium shows its own dialog about the unregistered key first (not observable here).
    for (const transport of ['usb', 'internal'] as const) {
      it(`reports no matching credential (${transport}) as Chromium does: NotAllowedError, so "canceled"`, async function () {
        await needs(this, 'authenticator');
        authenticator = await addVirtualAuthenticator({ transport });
        await register();

        const { error } = await rejection(browserWebAuthn.getAssertion(requestFor(randomId()), never()));

        expect(describeError(error)).to.match(/^WebAuthnError\(canceled\) caused by NotAllowedError: /);
        expect(error).to.be.instanceOf(WebAuthnError);
      });
    }

    it('reports a refused user verification (the nearest a test gets to "the user canceled") as canceled', async function () {
      await needs(this, 'authenticator');
      authenticator = await addVirtualAuthenticator({ transport: 'internal' });
      const credential = await register();
      await authenticator.setUserVerified(false);

      const { error, ms } = await rejection(browserWebAuthn.getAssertion(requestFor(credential.id, { userVerification: 'required' }), never()));

      expect(describeError(error)).to.match(/^WebAuthnError\(canceled\) caused by NotAllowedError: /);
      expect(ms).to.be.lessThan(5000);
    });

    it('reports a timeout when nobody touches the key for the options\' timeout (NotAllowedError after 1 s)', async function () {
      await needs(this, 'presence');
      authenticator = await addVirtualAuthenticator({ transport: 'usb' });
      const credential = await register();
      await authenticator.setPresence(false);

      const { error, ms } = await rejection(browserWebAuthn.getAssertion(requestFor(credential.id, { timeout: 1000 }), never()));

      expect(describeError(error)).to.match(/^WebAuthnError\(timeout\) caused by NotAllowedError: /);
      expect(ms).to.be.at.least(1000).and.lessThan(4000);
    });

    it('rejects with the signal\'s reason when aborted, and the browser\'s request ends with it', async function () {
      await needs(this, 'presence');
      authenticator = await addVirtualAuthenticator({ transport: 'usb' });
      const credential = await register();
      await authenticator.setPresence(false);
      const controller = new AbortController();
      const reason = new Error('the user chose another method');

      const pending = rejection(browserWebAuthn.getAssertion(requestFor(credential.id, { timeout: 5000 }), controller.signal));
      setTimeout(() => controller.abort(reason), 100);
      const { error, ms } = await pending;

      expect(error).to.equal(reason);
      expect(error).not.to.be.instanceOf(WebAuthnError);
      expect(ms).to.be.lessThan(2000);
      // The request is over in the browser too: a new one is not "already pending" and succeeds at once.
      await authenticator.setPresence(true);
      const assertion = await browserWebAuthn.getAssertion(requestFor(credential.id), never());
      expect(assertion.id).to.equal(credential.id);
    });

    it('rejects with the reason of a signal aborted before it starts, and asks the authenticator nothing', async function () {
      await needs(this, 'authenticator');
      authenticator = await addVirtualAuthenticator({ transport: 'usb' });
      const credential = await register();
      const reason = new DOMException('gone', 'AbortError');
      const [before] = await authenticator.credentials();

      const { error } = await rejection(browserWebAuthn.getAssertion(requestFor(credential.id), AbortSignal.abort(reason)));

      expect(error).to.equal(reason);
      expect((await authenticator.credentials())[0]!.signCount, 'the signature counter').to.equal(before!.signCount);
    });

    it('maps the SecurityError of an rpId this origin may not use to insecure-context', async function () {
      await needs(this, 'authenticator');
      authenticator = await addVirtualAuthenticator({ transport: 'usb' });
      const credential = await register();

      const { error } = await rejection(browserWebAuthn.getAssertion(requestFor(credential.id, { rpId: 'another-site.invalid' }), never()));

      expect(describeError(error)).to.match(/^WebAuthnError\(insecure-context\) caused by SecurityError: /);
    });

    it('maps options that are not base64url (EncodingError) to failed', async function () {
      await needs(this, 'authenticator');
      authenticator = await addVirtualAuthenticator({ transport: 'usb' });
      const credential = await register();

      const { error } = await rejection(browserWebAuthn.getAssertion(requestFor(credential.id, { challenge: 'not base64url!' }), never()));

      expect(describeError(error)).to.match(/^WebAuthnError\(failed\) caused by EncodingError: /);
    });

    it('maps a second request while one is pending (OperationError) to failed; the first carries on', async function () {
      await needs(this, 'presence');
      authenticator = await addVirtualAuthenticator({ transport: 'usb' });
      const credential = await register();
      await authenticator.setPresence(false);
      const controller = new AbortController();
      const first = rejection(browserWebAuthn.getAssertion(requestFor(credential.id), controller.signal));

      const { error } = await rejection(browserWebAuthn.getAssertion(requestFor(credential.id), never()));

      expect(describeError(error)).to.match(/^WebAuthnError\(failed\) caused by OperationError: /);
      controller.abort('done');
      expect((await first).error).to.equal('done');
    });
  });

  describe('createBrowserWebAuthn, over other globals', () => {
    /** The page's real navigator.credentials, counting calls. */
    function countingCredentials() {
      const calls: CredentialRequestOptions[] = [];
      return {
        calls,
        credentials: { get: (options?: CredentialRequestOptions) => (calls.push(options!), navigator.credentials.get(options)) },
      };
    }

    it('is the same client as browserWebAuthn when given the page\'s globals', async function () {
      await needs(this, 'authenticator');
      const client = createBrowserWebAuthn({ credentials: navigator.credentials, PublicKeyCredential, isSecureContext });
      expect(client.unavailable()).to.equal(null);
      authenticator = await addVirtualAuthenticator({ transport: 'usb' });
      const credential = await register();
      expect((await client.getAssertion(requestFor(credential.id), never())).id).to.equal(credential.id);
    });

    it('without PublicKeyCredential: unsupported, and getAssertion rejects so without asking the browser', async () => {
      const { calls, credentials } = countingCredentials();
      const client = createBrowserWebAuthn({ credentials, PublicKeyCredential: undefined, isSecureContext: true });

      expect(client.unavailable()).to.equal('unsupported');
      const { error } = await rejection(client.getAssertion(requestFor(randomId()), never()));
      expect(describeError(error)).to.equal('WebAuthnError(unsupported) caused by undefined');
      expect(calls).to.have.length(0);
    });

    it('without navigator.credentials: unsupported', async () => {
      // {} stands for the interface, which the client only looks for (WebKitGTK has no PublicKeyCredential to give).
      const client = createBrowserWebAuthn({ credentials: undefined, PublicKeyCredential: {}, isSecureContext: true });

      expect(client.unavailable()).to.equal('unsupported');
      expect((await rejection(client.getAssertion(requestFor(randomId()), never()))).error).to.have.property('reason', 'unsupported');
    });

    it('in an insecure context (where browsers also hide both): insecure-context, before unsupported', async () => {
      const { calls, credentials } = countingCredentials();
      const hidden = createBrowserWebAuthn({ isSecureContext: false });
      const present = createBrowserWebAuthn({ credentials, PublicKeyCredential: {}, isSecureContext: false });

      expect(hidden.unavailable()).to.equal('insecure-context');
      expect(present.unavailable()).to.equal('insecure-context');
      expect((await rejection(present.getAssertion(requestFor(randomId()), never()))).error).to.have.property('reason', 'insecure-context');
      expect(calls).to.have.length(0);
    });

    it('in a browser without the JSON helpers: converts the options and the assertion itself, to the same JSON as toJSON()', async function () {
      await needs(this, 'authenticator');
      authenticator = await addVirtualAuthenticator({ transport: 'usb' });
      const credential = await register();
      let real: PublicKeyCredential | undefined;
      const passed: CredentialRequestOptions[] = [];
      // The real navigator.credentials.get(), with a credential that lacks toJSON() as older browsers' do.
      const credentials = {
        async get(options?: CredentialRequestOptions) {
          passed.push(options!);
          real = (await navigator.credentials.get(options)) as PublicKeyCredential;
          const c = real;
          return {
            id: c.id,
            rawId: c.rawId,
            type: c.type,
            response: c.response,
            authenticatorAttachment: c.authenticatorAttachment,
            getClientExtensionResults: () => c.getClientExtensionResults(),
          } as unknown as Credential;
        },
      };
      const client = createBrowserWebAuthn({ credentials, PublicKeyCredential: {}, isSecureContext: true });
      const options = requestFor(credential.id, { userVerification: 'discouraged' });

      const assertion = await client.getAssertion(options, never());

      const publicKey = passed[0]!.publicKey!;
      expect(publicKey.challenge).to.be.instanceOf(ArrayBuffer);
      expect(toBase64url(publicKey.challenge)).to.equal(options.challenge);
      expect(toBase64url(publicKey.allowCredentials![0]!.id)).to.equal(credential.id);
      expect(publicKey.userVerification).to.equal('discouraged');
      expect(assertion).to.deep.equal(real!.toJSON());
      expect(JSON.parse(decodeText(assertion.response.clientDataJSON))).to.include({ type: 'webauthn.get', challenge: options.challenge });
    });
  });

  describe('base64url', () => {
    it('round-trips every byte value, without padding or + and /', () => {
      const all = Uint8Array.from({ length: 256 }, (_, i) => i);
      for (let length = 0; length <= 256; length += length < 8 ? 1 : 31) {
        const bytes = all.slice(256 - length);
        const text = toBase64url(bytes);
        expect(text).to.match(BASE64URL);
        expect(toHex(fromBase64url(text))).to.equal(toHex(bytes));
      }
    });

    it('matches RFC 4648 vectors in the URL alphabet, and reads views at their offset', () => {
      const text = (s: string) => new TextEncoder().encode(s);
      expect(toBase64url(new ArrayBuffer(0))).to.equal('');
      expect(toBase64url(text('f'))).to.equal('Zg');
      expect(toBase64url(text('foob'))).to.equal('Zm9vYg');
      expect(toBase64url(text('foobar').buffer)).to.equal('Zm9vYmFy');
      expect(toBase64url(new Uint8Array([0xfb, 0xff, 0xbf]))).to.equal('-_-_');
      expect(toBase64url(new Uint8Array([9, 0xfb, 0xff, 9]).subarray(1, 3))).to.equal('-_8');
      expect(toBase64url(new DataView(new Uint8Array([9, 0x66, 9]).buffer, 1, 1))).to.equal('Zg');
      expect(toHex(fromBase64url('-_8'))).to.equal('fbff');
      expect(toHex(fromBase64url('-_8='))).to.equal('fbff');
    });

    it('throws on text that is not base64', () => {
      expect(() => fromBase64url('a')).to.throw(DOMException);
      expect(() => fromBase64url('ab!c')).to.throw(DOMException);
    });
  });
});
