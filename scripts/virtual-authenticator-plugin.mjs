// A web-test-runner plugin: commands that give browser tests a virtual WebAuthn authenticator. In Chromium
// (Playwright launcher) through the Chrome DevTools Protocol's `WebAuthn` domain on the test page's own CDP
// session; in other engines through the launcher's `virtualAuthenticators(sessionId)` (Firefox has one:
// scripts/engines/firefox.mjs), which returns the same operations. Wrapped for tests in
// test/browser/support/virtual-authenticator.ts.
//
// Commands (payload → result):
//   'virtual-authenticator:add'     { protocol?, transport?, hasResidentKey?, hasUserVerification?,
//                                     isUserVerified?, automaticPresenceSimulation? } → { authenticatorId }
//   'virtual-authenticator:remove'  { authenticatorId } → true
//   'virtual-authenticator:credentials' { authenticatorId } → WebAuthn.Credential[] (ids base64, not url)
//   'virtual-authenticator:set-user-verified' { authenticatorId, isUserVerified } → true
//   'virtual-authenticator:set-presence' { authenticatorId, enabled } → true (automatic presence simulation)
//   'virtual-authenticator:limits'  {} → { authenticator?: reason, presence?: reason }: what this engine cannot
//                                     do, each with the reason why (a launcher's `virtualAuthenticatorLimits`)
const PREFIX = 'virtual-authenticator:';
const DEFAULTS = {
  protocol: 'ctap2',
  transport: 'usb',
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
  automaticPresenceSimulation: true,
};

export function virtualAuthenticatorPlugin() {
  /** One CDP session per page, with the WebAuthn domain enabled. */
  const sessions = new WeakMap();

  async function cdpFor(session) {
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

  return {
    name: 'virtual-authenticator',
    async executeCommand({ command, payload, session }) {
      if (!command.startsWith(PREFIX)) return undefined;
      const operation = command.slice(PREFIX.length);
      if (operation === 'limits') return session.browser.virtualAuthenticatorLimits ?? {};
      const options = { ...DEFAULTS, ...payload };
      if (session.browser.type !== 'playwright') return viaLauncher(session, operation, options);
      const cdp = await cdpFor(session);
      switch (operation) {
        case 'add':
          return cdp.send('WebAuthn.addVirtualAuthenticator', { options });
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

/** The same commands through the launcher's own virtual authenticators (engines without the DevTools protocol). */
async function viaLauncher(session, operation, payload) {
  const limits = session.browser.virtualAuthenticatorLimits ?? {};
  const authenticators = session.browser.virtualAuthenticators?.(session.id);
  if (!authenticators) {
    throw new Error(`${session.browser.name} offers the tests no virtual WebAuthn authenticator: ${limits.authenticator ?? 'no reason given'}`);
  }
  const unsupported = (what) => new Error(`${session.browser.name}'s virtual authenticators cannot ${what}: ${limits.presence}`);
  switch (operation) {
    case 'add':
      if (payload.automaticPresenceSimulation === false) throw unsupported('wait for a touch that never comes');
      return authenticators.add(payload);
    case 'remove':
      await authenticators.remove(idOf(payload));
      return true;
    case 'credentials':
      return authenticators.credentials(idOf(payload));
    case 'set-user-verified':
      await authenticators.setUserVerified(idOf(payload), Boolean(payload.isUserVerified));
      return true;
    case 'set-presence':
      if (!authenticators.setPresence) throw unsupported('wait for a touch that never comes');
      await authenticators.setPresence(idOf(payload), Boolean(payload.enabled));
      return true;
    default:
      throw new Error(`Unknown command virtual-authenticator:${operation}.`);
  }
}

function idOf(payload) {
  if (typeof payload?.authenticatorId !== 'string') throw new Error('Give the authenticatorId that "add" returned.');
  return payload.authenticatorId;
}
