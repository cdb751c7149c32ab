// A web-test-runner plugin: commands that give browser tests a virtual WebAuthn authenticator through the
// Chrome DevTools Protocol (the `WebAuthn` domain), on the test page's own CDP session. Chromium with the
// Playwright launcher only. Wrapped for tests in test/browser/support/virtual-authenticator.ts.
//
// Commands (payload → result):
//   'virtual-authenticator:add'     { protocol?, transport?, hasResidentKey?, hasUserVerification?,
//                                     isUserVerified?, automaticPresenceSimulation? } → { authenticatorId }
//   'virtual-authenticator:remove'  { authenticatorId } → true
//   'virtual-authenticator:credentials' { authenticatorId } → WebAuthn.Credential[] (ids base64, not url)
//   'virtual-authenticator:set-user-verified' { authenticatorId, isUserVerified } → true
//   'virtual-authenticator:set-presence' { authenticatorId, enabled } → true (automatic presence simulation)
const PREFIX = 'virtual-authenticator:';

export function virtualAuthenticatorPlugin() {
  /** One CDP session per page, with the WebAuthn domain enabled. */
  const sessions = new WeakMap();

  async function cdpFor(session) {
    if (session.browser.type !== 'playwright' || typeof session.browser.getPage !== 'function') {
      throw new Error(`Virtual authenticators need the Playwright launcher (this is ${session.browser.name}).`);
    }
    const page = session.browser.getPage(session.id);
    let cdp = sessions.get(page);
    if (!cdp) {
      cdp = (async () => {
        const client = await page.context().newCDPSession(page);
        // enableUI: false keeps Chromium's own WebAuthn dialogs out of the way, as headless has none anyway.
        await client.send('WebAuthn.enable', { enableUI: false });
        return client;
      })();
      sessions.set(page, cdp);
      cdp.catch(() => sessions.delete(page));
    }
    return cdp;
  }

  function idOf(payload) {
    if (typeof payload?.authenticatorId !== 'string') throw new Error('Give the authenticatorId that "add" returned.');
    return payload.authenticatorId;
  }

  return {
    name: 'virtual-authenticator',
    async executeCommand({ command, payload, session }) {
      if (!command.startsWith(PREFIX)) return undefined;
      const cdp = await cdpFor(session);
      switch (command.slice(PREFIX.length)) {
        case 'add': {
          const options = {
            protocol: 'ctap2',
            transport: 'usb',
            hasResidentKey: true,
            hasUserVerification: true,
            isUserVerified: true,
            automaticPresenceSimulation: true,
            ...payload,
          };
          return cdp.send('WebAuthn.addVirtualAuthenticator', { options });
        }
        case 'remove':
          await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: idOf(payload) });
          return true;
        case 'credentials': {
          const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId: idOf(payload) });
          return credentials;
        }
        case 'set-user-verified':
          await cdp.send('WebAuthn.setUserVerified', {
            authenticatorId: idOf(payload),
            isUserVerified: Boolean(payload.isUserVerified),
          });
          return true;
        case 'set-presence':
          await cdp.send('WebAuthn.setAutomaticPresenceSimulation', {
            authenticatorId: idOf(payload),
            enabled: Boolean(payload.enabled),
          });
          return true;
        default:
          throw new Error(`Unknown command ${command}.`);
      }
    },
  };
}
