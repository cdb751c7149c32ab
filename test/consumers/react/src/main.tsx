import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { MfaPrompt } from 'mfa-prompt/react';

function Login() {
  const [ticket, setTicket] = useState<string>();
  const [signedIn, setSignedIn] = useState<string>();
  useEffect(() => {
    // After the password step, the host's server hands the page a first-factor ticket.
    void fetch('/login/ticket')
      .then((response) => response.json() as Promise<{ ticket: string }>)
      .then(({ ticket }) => setTicket(ticket));
  }, []);

  if (signedIn) return <p role="status">Signed in with {signedIn}</p>;
  if (!ticket) return null;
  return (
    <MfaPrompt
      baseUrl="/mfa"
      username="alice"
      ticket={ticket}
      onMfaSuccess={(event) => {
        const { token, method } = event.detail; // typed: MfaSuccessEvent
        void fetch('/login/finish', { method: 'POST', body: JSON.stringify({ token }) });
        setSignedIn(method);
      }}
    />
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Login />
  </StrictMode>,
);
