// The README's usage snippet, exactly as written (the harness copies it here from README.md).
import './readme-snippet.ts';

// After the password step, the host's server hands the page a first-factor ticket.
const { ticket } = (await (await fetch('/login/ticket')).json()) as { ticket: string };

const prompt = document.createElement('mfa-prompt'); // typed MfaPrompt, from define's tag map
prompt.baseUrl = '/mfa';
prompt.username = 'alice';
prompt.ticket = ticket;
prompt.addEventListener('mfa-success', (event) => {
  const token: string = event.detail.token; // typed from define's event map
  document.title = `Signed in (${event.detail.method})`;
  void fetch('/login/finish', { method: 'POST', body: JSON.stringify({ token }) });
});
document.querySelector('main')!.append(prompt);
