/**
 * How `<mfa-prompt>` shares its flow with its parts: a `@lit/context` context holding the {@link MfaFlow}.
 * A part inside a prompt gets the flow from the context; a part used on its own takes one through its
 * `flow` property (or works from its own properties and events, see each element).
 */
import { createContext } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { defaultMessages } from '../flow/index.js';
import type { LocaleController } from '../i18n/controller.js';
import type { FlowMessages, FlowState, MfaFlow } from '../flow/index.js';

export const flowContext = createContext<MfaFlow | undefined>(Symbol.for('mfa-prompt/flow'));

/**
 * Keeps an element in step with its flow: subscribes to the flow in `host.flow` (re-subscribing when the
 * property changes) and requests an update on every state change.
 */
export class FlowStateController implements ReactiveController {
  private readonly host: ReactiveControllerHost & { flow?: MfaFlow | undefined };
  private subscribed: MfaFlow | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(host: ReactiveControllerHost & { flow?: MfaFlow | undefined }) {
    this.host = host;
    host.addController(this);
  }

  /** The flow's current state, or undefined when the element has no flow. */
  get state(): FlowState | undefined {
    return this.host.flow?.state;
  }

  hostConnected(): void {
    this.follow(this.host.flow);
  }

  hostUpdate(): void {
    this.follow(this.host.flow);
  }

  hostDisconnected(): void {
    this.follow(undefined);
  }

  private follow(flow: MfaFlow | undefined): void {
    if (flow === this.subscribed) return;
    this.unsubscribe?.();
    this.subscribed = flow;
    this.unsubscribe = flow?.subscribe(() => this.host.requestUpdate());
  }
}

/** What a part reads its texts from. */
export interface TextSource {
  flow?: MfaFlow | undefined;
  messages?: Partial<FlowMessages> | undefined;
  readonly locale: LocaleController;
}

/**
 * The texts a part shows: its flow's (in `<mfa-prompt>`'s language, with its `messages`), or without a flow
 * the part's own language (nearest `lang`) with its own `messages` over it.
 */
export function messagesOf({ flow, messages, locale }: TextSource): FlowMessages {
  return flow?.messages ?? { ...defaultMessages, ...locale.table, ...messages };
}
