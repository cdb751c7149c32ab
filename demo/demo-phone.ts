/**
 * `<demo-phone>`: the simulated user's side of the login, for the demo page. It shows what the user's
 * devices would show (a push notification, an incoming call, text messages, an authenticator app, a
 * hardware token, bypass codes on paper) and acts on them through the simulator's control API.
 *
 * Demo-only: none of its texts are the prompt's, and it talks to the simulator directly, never over HTTP.
 *
 * @property username - Whose devices to show.
 * @property simulator - The simulator the page's mock backend runs (a `DemoSimulator` also says which SMS codes
 *   were used: the phone crosses them out).
 * @property devices - The user's devices, when the page knows them (the simulator's API does not list them):
 *   shown under the heading, and a user without any gets a note instead of an idle phone.
 */
import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { MfaSimulator } from '../mock-server/core/simulator.js';
import type { DemoSimulator } from './demo-simulator.js';
import type { SimulatedDevice } from '../mock-server/core/users.js';
import type { ActiveCall, PendingPush, PhoneScript, SimulatedPhone, SimulatorEvent, SmsMessage } from '../mock-server/core/types.js';

const TOTP_STEP_SECONDS = 30;
const AUTO_APPROVE_AFTER_MS = 2000;
const AUTO_ANSWER_AFTER_MS = 2000;

const LOCK_ICON = html`<svg class="app-icon" viewBox="0 0 24 24" aria-hidden="true"><rect x="4" y="10" width="16" height="11" rx="2" /><path d="M8 10V7a4 4 0 0 1 8 0v3" fill="none" stroke="currentColor" stroke-width="2" /></svg>`;
const PHONE_ICON = html`<svg class="app-icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z" /></svg>`;

interface Automation {
  autoApprove: boolean;
  autoAnswer: boolean;
}

export class DemoPhone extends LitElement {
  // Declared without decorators: demo/ is outside tsconfig.json's `include`, so Vite compiles it without
  // `experimentalDecorators`; `declare` keeps class fields from shadowing Lit's accessors.
  static override properties = {
    username: {},
    simulator: { attribute: false },
    devices: { attribute: false },
    now: { state: true },
    tokenDisplay: { state: true },
    notice: { state: true },
    announcement: { state: true },
  };

  /** Whose devices to show. */
  declare username: string;

  /** The simulator the page's mock backend runs; a `DemoSimulator` also tells which SMS codes were used. */
  declare simulator: MfaSimulator | DemoSimulator | undefined;

  /** The user's devices, if known. */
  declare devices: readonly SimulatedDevice[] | undefined;

  /** The clock the countdowns read; ticks every second while connected. */
  private declare now: number;

  /** The hardware token's display: empty until its button is pressed. */
  private declare tokenDisplay: string;

  /** The last thing the phone did or failed to do, for the status line. */
  private declare notice: string;

  /** What screen readers hear when something arrives on the phone. */
  private declare announcement: string;

  /** The simulator cannot tell which scripts it runs, so the phone remembers what it asked for, per user. */
  private readonly automation = new Map<string, Automation>();
  private unsubscribe: (() => void) | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** Where to scroll the screen after the next render: to what just arrived, as a phone shows it. */
  private revealOnRender: 'notifications' | 'messages' | undefined;

  constructor() {
    super();
    this.username = '';
    this.simulator = undefined;
    this.devices = undefined;
    this.now = Date.now();
    this.tokenDisplay = '';
    this.notice = '';
    this.announcement = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => (this.now = Date.now()), 1000);
    this.follow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('simulator')) this.follow();
    if (changed.has('username')) {
      this.tokenDisplay = '';
      this.notice = '';
    }
  }

  protected override updated(): void {
    if (!this.revealOnRender) return;
    const reveal = this.revealOnRender;
    this.revealOnRender = undefined;
    const screen = this.renderRoot.querySelector<HTMLElement>('.screen');
    const target = this.renderRoot.querySelector<HTMLElement>(`#${reveal}-title`);
    if (!screen || !target) return;
    // Within the phone's screen only: scrollIntoView would scroll the page too.
    const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
    const top = reveal === 'notifications' ? 0 : target.offsetTop - 8;
    screen.scrollTo({ top, behavior: smooth ? 'smooth' : 'auto' });
  }

  override render(): TemplateResult {
    const phone = this.phone;
    return html`
      <section class="frame" aria-labelledby="phone-title">
        <div class="notch" aria-hidden="true"></div>
        <div class="status-bar" aria-hidden="true">
          <span>${clockTime(this.now)}</span>
          <span class="signal"><span></span><span></span><span></span><span></span></span>
        </div>
        <div class="screen">
          <h2 id="phone-title">${this.username ? html`${this.username}'s phone` : 'Simulated phone'}</h2>
          ${this.devices && this.devices.length > 0
            ? html`<ul class="devices" aria-label="Devices">
                ${this.devices.map((device) => html`<li>${device.displayName}</li>`)}
              </ul>`
            : nothing}
          <p class="sr-only" role="status">${this.announcement || nothing}</p>
          ${phone
            ? this.renderScreen(phone)
            : html`<p class="empty">${this.simulator ? 'Pick a user to see their phone.' : 'Waiting for the simulated backend…'}</p>`}
        </div>
        <div class="home-bar" aria-hidden="true"></div>
      </section>
    `;
  }

  private renderScreen(phone: SimulatedPhone): TemplateResult {
    if (this.devices?.length === 0) {
      return html`<p class="empty no-device">${this.username} has no enrolled device: nothing will arrive here.</p>`;
    }
    const push = phone.pendingPush();
    const call = phone.activeCall();
    const authenticatorCode = readIfPresent(() => phone.authenticatorCode());
    const hasToken = readIfPresent(() => phone.tokenCode()) !== undefined;
    const bypassCodes = phone.bypassCodes();
    return html`
      <p class="notice" role="status" tabindex="-1">${this.notice || nothing}</p>

      <section class="card-group" aria-labelledby="notifications-title">
        <h3 id="notifications-title">Notifications</h3>
        ${push ? this.renderPush(push) : nothing} ${call ? this.renderCall(call) : nothing}
        ${!push && !call ? html`<p class="empty">Nothing right now. Start a push or a call in the prompt.</p>` : nothing}
      </section>

      <section aria-labelledby="messages-title">
        <h3 id="messages-title">Messages</h3>
        ${this.renderInbox(phone.smsInbox())}
      </section>

      ${authenticatorCode === undefined ? nothing : this.renderAuthenticator(authenticatorCode)}
      ${hasToken ? this.renderToken() : nothing}
      ${bypassCodes.length > 0 ? this.renderBypassCodes(bypassCodes) : nothing}
      ${this.renderAutomation()}
    `;
  }

  private renderPush(push: PendingPush): TemplateResult {
    const secondsLeft = Math.max(0, Math.ceil((push.expiresAt - this.now) / 1000));
    return html`
      <article class="card push" aria-labelledby="push-title">
        <header>
          ${LOCK_ICON}
          <h4 id="push-title">Login request</h4>
          <span class="meta">${clockTime(push.requestedAt)}</span>
        </header>
        <dl>
          <dt>User</dt>
          <dd>${this.username}</dd>
          <dt>Device</dt>
          <dd>${push.deviceName}</dd>
          <dt>Expires</dt>
          <dd>in ${secondsLeft} s</dd>
        </dl>
        <form class="actions" @submit=${(e: SubmitEvent) => this.approvePush(e, push)}>
          ${push.verificationCode === undefined
            ? nothing
            : html`<label class="verification">
                Enter the code shown on the login screen
                <input name="code" inputmode="numeric" autocomplete="off" maxlength="6" required />
              </label>`}
          <button class="approve">Approve</button>
          <button type="button" class="deny" @click=${() => this.act('You denied the login request.', (p) => p.denyPush())}>Deny</button>
        </form>
        <button class="link danger" @click=${() => this.act('You reported the request as fraud.', (p) => p.reportPush())}>
          Report fraud
        </button>
      </article>
    `;
  }

  private renderCall(call: ActiveCall): TemplateResult {
    const number = call.maskedNumber ?? call.deviceName;
    if (call.state === 'ringing') {
      return html`
        <article class="card call" aria-labelledby="call-title">
          <header>
            ${PHONE_ICON}
            <h4 id="call-title">Incoming call</h4>
            <span class="meta">${clockTime(call.startedAt)}</span>
          </header>
          <p>Ringing on ${call.deviceName}${call.maskedNumber ? '' : ` (${number})`}: the login service is calling.</p>
          <div class="actions">
            <button class="approve" @click=${() => this.act('You answered the call.', (p) => p.answerCall())}>Answer</button>
            <button class="deny" @click=${() => this.act('You declined the call.', (p) => p.hangUp())}>Decline</button>
          </div>
        </article>
      `;
    }
    return html`
      <article class="card call" aria-labelledby="call-title">
        <header>
          ${PHONE_ICON}
          <h4 id="call-title">On a call · ${call.deviceName}</h4>
        </header>
        <p class="voice">“Press any key to log in. Press 9 to deny and report fraud.”</p>
        <div class="actions">
          <button class="approve" @click=${() => this.act('You pressed 1.', (p) => p.pressKey('1'))}>Press 1 (approve)</button>
          <button class="deny" @click=${() => this.act('You pressed 9: reported as fraud.', (p) => p.pressKey('9'))}>
            Press 9 (report fraud)
          </button>
        </div>
        <button class="link danger" @click=${() => this.act('You hung up.', (p) => p.hangUp())}>Hang up</button>
      </article>
    `;
  }

  private renderInbox(inbox: SmsMessage[]): TemplateResult {
    if (inbox.length === 0) return html`<p class="empty">No messages. In the prompt: Enter a Passcode, then Send codes.</p>`;
    // Each new batch replaces every older code sent to that device.
    const newestPerDevice = new Map<string, string>();
    for (const message of inbox) newestPerDevice.set(message.deviceId, message.id);
    return html`
      <ol class="inbox">
        ${[...inbox].reverse().map((message) => {
          const current = newestPerDevice.get(message.deviceId) === message.id;
          return html`
            <li class=${current ? 'sms' : 'sms replaced'}>
              <div class="meta">
                <span>${message.deviceName}</span>
                <time datetime=${new Date(message.time).toISOString()}>${clockTime(message.time, true)}</time>
              </div>
              <p>Your login passcodes${current ? '' : html` <em>(replaced by a newer batch)</em>`}:</p>
              <ul class="codes" aria-label="Passcodes">
                ${message.codes.map((code) =>
                  this.used(code)
                    ? html`<li class="used"><code>${code}</code> <span class="sr-only">(used)</span></li>`
                    : html`<li><code>${code}</code></li>`,
                )}
              </ul>
            </li>
          `;
        })}
      </ol>
    `;
  }

  private renderAuthenticator(code: string): TemplateResult {
    const elapsed = Math.floor(this.now / 1000) % TOTP_STEP_SECONDS;
    const secondsLeft = TOTP_STEP_SECONDS - elapsed;
    return html`
      <section aria-labelledby="authenticator-title">
        <h3 id="authenticator-title">Authenticator</h3>
        <div class="card otp">
          <p class="code" aria-label=${`Current code ${code}`}><code>${code.slice(0, 3)} ${code.slice(3)}</code></p>
          <p class="meta">Next code in ${secondsLeft} s</p>
          <progress max=${TOTP_STEP_SECONDS} .value=${secondsLeft} aria-label="Time left for this code"></progress>
        </div>
      </section>
    `;
  }

  private renderToken(): TemplateResult {
    return html`
      <section aria-labelledby="token-title">
        <h3 id="token-title">Hardware token</h3>
        <div class="card otp token">
          <p class="code" aria-live="polite">
            ${this.tokenDisplay ? html`<code>${this.tokenDisplay}</code>` : html`<span class="meta">Display off</span>`}
          </p>
          <button class="secondary" @click=${this.showTokenCode}>Show next code</button>
        </div>
      </section>
    `;
  }

  private renderBypassCodes(codes: string[]): TemplateResult {
    return html`
      <section aria-labelledby="bypass-title">
        <h3 id="bypass-title">Bypass codes</h3>
        <p class="meta">Single use, issued by the help desk.</p>
        <ul class="codes bypass">
          ${codes.map((code) => html`<li><code>${code}</code></li>`)}
        </ul>
      </section>
    `;
  }

  private renderAutomation(): TemplateResult {
    const { autoApprove, autoAnswer } = this.currentAutomation;
    return html`
      <section aria-labelledby="automation-title">
        <h3 id="automation-title">Automation</h3>
        <label class="toggle">
          <input type="checkbox" .checked=${autoApprove} @change=${(e: Event) => this.automate({ autoApprove: checked(e) })} />
          Auto-approve pushes after 2 s
        </label>
        <label class="toggle">
          <input type="checkbox" .checked=${autoAnswer} @change=${(e: Event) => this.automate({ autoAnswer: checked(e) })} />
          Auto-answer calls (and press 1)
        </label>
      </section>
    `;
  }

  // ---- Handlers ----

  private get phone(): SimulatedPhone | undefined {
    if (!this.simulator || !this.username) return undefined;
    return readIfPresent(() => this.simulator!.phone(this.username));
  }

  private get currentAutomation(): Automation {
    return this.automation.get(this.username) ?? { autoApprove: false, autoAnswer: false };
  }

  /** An SMS code the backend accepted: single use, so the phone crosses it out. */
  private used(code: string): boolean {
    const simulator = this.simulator;
    return !!simulator && 'accepted' in simulator && simulator.accepted(code);
  }

  /**
   * Runs a phone action; the push or call may have ended since the screen was drawn, so failures are shown, not
   * thrown. The action usually removes the card whose button was pressed: focus then moves to the notice that
   * says what happened, instead of falling to the page's body.
   */
  private act(done: string, action: (phone: SimulatedPhone) => void): void {
    const phone = this.phone;
    if (!phone) return;
    try {
      action(phone);
      this.notice = done;
    } catch (error) {
      this.notice = error instanceof Error ? error.message : String(error);
    }
    void this.keepFocus();
  }

  private async keepFocus(): Promise<void> {
    const root = this.renderRoot as ShadowRoot;
    if (!root.activeElement) return;
    await this.updateComplete;
    if (!root.activeElement) root.querySelector<HTMLElement>('.notice')?.focus();
  }

  /** **Verified Push**: the phone sends what the user typed; the simulator decides whether it matches. */
  private approvePush(event: SubmitEvent, push: PendingPush): void {
    event.preventDefault();
    const typed = new FormData(event.target as HTMLFormElement).get('code');
    const code = typeof typed === 'string' ? typed.trim() : undefined;
    this.act('You approved the login request.', (p) => p.approvePush(code));
    if (push.verificationCode !== undefined && this.simulator?.statusOf(push.txid) !== 'allow') {
      this.notice = 'That code does not match the login screen: the request was denied.';
    }
  }

  private showTokenCode(): void {
    const code = this.phone && readIfPresent(() => this.phone!.tokenCode());
    this.tokenDisplay = code ?? '';
  }

  private automate(change: Partial<Automation>): void {
    if (!this.simulator || !this.username) return;
    const next = { ...this.currentAutomation, ...change };
    this.automation.set(this.username, next);
    const script: PhoneScript = {
      ...(next.autoApprove ? { push: { action: 'approve', afterMs: AUTO_APPROVE_AFTER_MS } } : {}),
      ...(next.autoAnswer ? { call: { action: 'answer-and-press', afterMs: AUTO_ANSWER_AFTER_MS } } : {}),
    };
    if (script.push || script.call) this.simulator.script(this.username, script);
    else this.simulator.clearScript(this.username);
    this.requestUpdate();
  }

  private follow(): void {
    this.unsubscribe?.();
    this.unsubscribe = this.simulator?.subscribe((event) => this.onSimulatorEvent(event));
  }

  private onSimulatorEvent(event: SimulatorEvent): void {
    if (event.type === 'reset') {
      // The simulator dropped every script and the token's counter went back to the start.
      this.automation.clear();
      this.tokenDisplay = '';
      this.notice = '';
    } else if (event.username === this.username) {
      if (event.type === 'transaction' && (event.status === 'pushed' || event.status === 'calling')) {
        this.announcement = event.status === 'pushed' ? `Login request on ${this.username}'s phone.` : `Incoming call for ${this.username}.`;
        this.revealOnRender = 'notifications';
      }
      if (event.type === 'sms') {
        this.announcement = `New text message with passcodes for ${this.username}.`;
        this.revealOnRender = 'messages';
      }
    }
    this.requestUpdate();
  }

  static override styles = css`
    :host {
      display: block;
      --phone-bg: #ffffff;
      --phone-surface: #f2f4f7;
      --phone-text: #1f2328;
      --phone-muted: #57606a;
      --phone-border: #d0d7de;
      --phone-frame: #24292f;
      --phone-accent: #1a5fd6;
      --phone-approve: #1a7f37;
      --phone-danger: #cf222e;
      color: var(--phone-text);
      font: 14px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    }
    @media (prefers-color-scheme: dark) {
      :host {
        --phone-bg: #0d1117;
        --phone-surface: #161b22;
        --phone-text: #e6edf3;
        --phone-muted: #9da7b3;
        --phone-border: #3d444d;
        --phone-frame: #000000;
        --phone-accent: #58a6ff;
        --phone-approve: #3fb950;
        --phone-danger: #ff7b72;
      }
    }

    .frame {
      position: relative;
      box-sizing: border-box;
      width: min(100%, 340px);
      margin-inline: auto;
      padding: 14px;
      border-radius: 44px;
      background: var(--phone-frame);
      box-shadow: 0 12px 32px rgb(0 0 0 / 0.18);
    }
    .notch {
      position: absolute;
      top: 14px;
      left: 50%;
      width: 96px;
      height: 22px;
      transform: translateX(-50%);
      border-radius: 0 0 14px 14px;
      background: var(--phone-frame);
      z-index: 1;
    }
    /* The notch's width is kept free in the middle: the clock and the signal never sit under it, and the
       bar is taller than the notch, so the screen's content starts below it and scrolls under nothing. */
    .status-bar {
      display: grid;
      grid-template-columns: 1fr 104px 1fr;
      align-items: center;
      height: 34px;
      padding: 0 22px;
      border-radius: 30px 30px 0 0;
      background: var(--phone-bg);
      font-size: 12px;
      font-weight: 600;
    }
    .signal {
      grid-column: 3;
      justify-self: end;
      display: inline-flex;
      align-items: flex-end;
      gap: 2px;
      height: 10px;
    }
    .signal span {
      width: 3px;
      background: currentColor;
      border-radius: 1px;
    }
    .signal span:nth-child(1) { height: 3px; }
    .signal span:nth-child(2) { height: 5px; }
    .signal span:nth-child(3) { height: 7px; }
    .signal span:nth-child(4) { height: 10px; }
    .screen {
      position: relative;
      height: 640px;
      overflow-y: auto;
      padding: 4px 16px 16px;
      background: var(--phone-bg);
      scrollbar-width: thin;
    }
    .home-bar {
      height: 22px;
      border-radius: 0 0 30px 30px;
      background: var(--phone-bg);
      position: relative;
    }
    .home-bar::after {
      content: '';
      position: absolute;
      left: 50%;
      top: 8px;
      width: 110px;
      height: 4px;
      transform: translateX(-50%);
      border-radius: 2px;
      background: var(--phone-muted);
      opacity: 0.6;
    }

    h2 {
      margin: 4px 0 8px;
      font-size: 17px;
      text-align: center;
    }
    .devices {
      display: flex;
      flex-wrap: wrap;
      justify-content: center;
      gap: 4px;
      margin: -2px 0 8px;
      padding: 0;
      list-style: none;
      color: var(--phone-muted);
      font-size: 12px;
    }
    .devices li {
      padding: 0 8px;
      border: 1px solid var(--phone-border);
      border-radius: 999px;
      white-space: nowrap;
    }
    .no-device {
      margin-top: 40px;
      text-align: center;
    }
    h3 {
      margin: 18px 0 6px;
      font-size: 12px;
      letter-spacing: 0.06em;
      text-transform: uppercase;
      color: var(--phone-muted);
    }
    h4 {
      margin: 0;
      font-size: 15px;
      flex: 1;
    }
    p {
      margin: 4px 0;
    }
    .sr-only {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    .empty,
    .meta {
      color: var(--phone-muted);
      font-size: 13px;
    }
    .notice:empty {
      margin: 0;
      padding: 0;
    }
    .notice {
      margin: 0 0 4px;
      padding: 6px 10px;
      border-radius: 8px;
      background: var(--phone-surface);
      font-size: 13px;
      text-align: center;
    }

    .card {
      margin: 8px 0;
      padding: 12px;
      border: 1px solid var(--phone-border);
      border-radius: 14px;
      background: var(--phone-surface);
    }
    .card header {
      display: flex;
      align-items: center;
      gap: 8px;
      margin-bottom: 6px;
    }
    .push,
    .call {
      border-color: var(--phone-accent);
      box-shadow: 0 2px 10px rgb(0 0 0 / 0.12);
      animation: arrive 200ms ease-out;
    }
    @keyframes arrive {
      from { transform: translateY(-6px); opacity: 0; }
    }
    @media (prefers-reduced-motion: reduce) {
      .push, .call { animation: none; }
    }
    .app-icon {
      width: 20px;
      height: 20px;
      flex: none;
      fill: var(--phone-accent);
      color: var(--phone-accent);
    }
    dl {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 2px 10px;
      margin: 0 0 10px;
      font-size: 13px;
    }
    dt {
      color: var(--phone-muted);
    }
    dd {
      margin: 0;
    }
    .voice {
      font-style: italic;
      margin-bottom: 10px;
    }

    button {
      font: inherit;
      min-height: 40px;
      padding: 0 14px;
      border-radius: 10px;
      border: 1px solid var(--phone-border);
      background: var(--phone-bg);
      color: var(--phone-text);
      cursor: pointer;
    }
    button:focus-visible,
    input:focus-visible {
      outline: 2px solid var(--phone-accent);
      outline-offset: 2px;
    }
    .actions {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 8px;
    }
    .verification {
      grid-column: 1 / -1;
      display: grid;
      gap: 4px;
      font-size: 13px;
    }
    .verification input {
      font: inherit;
      font-size: 20px;
      letter-spacing: 0.3em;
      min-height: 40px;
      padding: 0 10px;
      border-radius: 10px;
      border: 1px solid var(--phone-border);
      background: var(--phone-bg);
      color: var(--phone-text);
    }
    .approve {
      border-color: var(--phone-approve);
      background: var(--phone-approve);
      color: var(--phone-bg);
      font-weight: 600;
    }
    .deny {
      border-color: var(--phone-danger);
      color: var(--phone-danger);
      font-weight: 600;
    }
    .secondary {
      border-color: var(--phone-accent);
      color: var(--phone-accent);
    }
    .link {
      display: block;
      min-height: 32px;
      margin: 6px auto 0;
      border: none;
      background: none;
      text-decoration: underline;
    }
    .danger {
      color: var(--phone-danger);
    }

    ol.inbox {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .sms {
      margin: 8px 0;
      padding: 10px 12px;
      border-radius: 14px 14px 14px 4px;
      background: var(--phone-surface);
      border: 1px solid var(--phone-border);
    }
    .sms .meta {
      display: flex;
      justify-content: space-between;
      font-size: 12px;
    }
    .sms.replaced {
      color: var(--phone-muted);
    }
    ul.codes {
      list-style: none;
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      margin: 6px 0 0;
      padding: 0;
    }
    ul.codes code {
      display: inline-block;
      padding: 2px 6px;
      border-radius: 6px;
      background: var(--phone-bg);
      border: 1px solid var(--phone-border);
      font: 600 14px/1.4 ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      letter-spacing: 0.04em;
      user-select: all;
    }
    .sms.replaced code,
    ul.codes .used code {
      text-decoration: line-through;
    }
    ul.codes .used code {
      color: var(--phone-muted);
      background: transparent;
      border-style: dashed;
    }

    .otp {
      text-align: center;
    }
    .otp .code {
      margin: 2px 0;
      min-height: 40px;
      display: flex;
      align-items: center;
      justify-content: center;
    }
    .otp .code code {
      font: 600 30px/1.2 ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      letter-spacing: 0.08em;
      user-select: all;
    }
    progress {
      width: 100%;
      height: 6px;
      accent-color: var(--phone-accent);
    }
    .token button {
      margin-top: 6px;
    }

    .toggle {
      display: flex;
      align-items: center;
      gap: 8px;
      min-height: 36px;
      cursor: pointer;
    }
    .toggle input {
      width: 18px;
      height: 18px;
      margin: 0;
      accent-color: var(--phone-accent);
    }
  `;
}

/** A read that throws when the user lacks the thing (no authenticator, no token) becomes `undefined`. */
function readIfPresent<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

function clockTime(ms: number, withSeconds = false): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', ...(withSeconds ? { second: '2-digit' } : {}) });
}

if (!customElements.get('demo-phone')) customElements.define('demo-phone', DemoPhone);

function checked(event: Event): boolean {
  return (event.target as HTMLInputElement).checked;
}

declare global {
  interface HTMLElementTagNameMap {
    'demo-phone': DemoPhone;
  }
}
