/** The flow's listeners: state subscribers and outcome events. A throwing listener never breaks the flow. */
import type { FlowEvents, FlowState } from './state.js';

export type Listener<T> = (value: T) => void;

/** @internal */
export class FlowEmitter {
  private readonly stateListeners = new Set<Listener<FlowState>>();
  private readonly eventListeners = new Map<keyof FlowEvents, Set<Listener<never>>>();

  subscribe(listener: Listener<FlowState>): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  on<K extends keyof FlowEvents>(type: K, listener: Listener<FlowEvents[K]>): () => void {
    const listeners = this.eventListeners.get(type) ?? new Set();
    this.eventListeners.set(type, listeners);
    listeners.add(listener as Listener<never>);
    return () => listeners.delete(listener as Listener<never>);
  }

  state(state: FlowState): void {
    for (const listener of this.stateListeners) notify(listener, state);
  }

  /** Freezes `detail` and hands it to the listeners of `type`. */
  emit<K extends keyof FlowEvents>(type: K, detail: FlowEvents[K]): void {
    Object.freeze(detail);
    for (const listener of this.eventListeners.get(type) ?? []) notify(listener as Listener<FlowEvents[K]>, detail);
  }

  clear(): void {
    this.stateListeners.clear();
    this.eventListeners.clear();
  }
}

/** A throwing listener must not break the flow or the other listeners: report it asynchronously instead. */
function notify<T>(listener: Listener<T>, value: T): void {
  try {
    listener(value);
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}
