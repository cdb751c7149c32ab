/**
 * The example page: the first factor sets a session cookie, then `<mfa-prompt base-url="/mfa">` runs the
 * second factor through the bridge, and `mfa-success`'s token is redeemed by the server (`/redeem`).
 */
import '../../src/define.js';

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

async function post(path: string, body: unknown = {}): Promise<{ ok: boolean; data: Record<string, unknown> }> {
  const response = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { ok: response.ok, data: (await response.json()) as Record<string, unknown> };
}

$<HTMLFormElement>('#first-factor').addEventListener('submit', async (event) => {
  event.preventDefault();
  const username = $<HTMLInputElement>('#username').value.trim();
  const { ok, data } = await post('/login', { username });
  if (!ok) return void ($('#result').textContent = 'Login failed.');
  const prompt = document.createElement('mfa-prompt');
  prompt.setAttribute('base-url', '/mfa');
  prompt.setAttribute('username', username);
  prompt.addEventListener('mfa-success', async (e) => {
    const { ok: done, data: session } = await post('/redeem', { token: e.detail.token });
    $('#result').textContent = done ? `Logged in as ${String(session['username'])} (${String(session['method'])}).` : 'The login token was refused.';
  });
  prompt.addEventListener('mfa-failure', (e) => ($('#result').textContent = `Second factor failed: ${e.detail.reason}.`));
  $('#prompt-slot').replaceChildren(prompt);
  $('#first-factor').hidden = true;
  $('#second-factor').hidden = false;
  $('#phone').hidden = data['simulated'] !== true;
});

$('#phone').addEventListener('click', async (event) => {
  const action = (event.target as HTMLElement).closest('button')?.dataset['action'];
  if (!action) return;
  const code = $<HTMLInputElement>('#vp-code').value.trim();
  const { data } = await post(`/sim/${action}${action === 'approve' && code ? `/${code}` : ''}`);
  $('#phone-output').textContent = data['codes'] ? (data['codes'] as string[]).join('\n') : data['code'] ? String(data['code']) : data['error'] ? String(data['error']) : 'Done.';
});
