import type { EventName } from '../../shared/api/events';

/**
 * Core events → renderer windows. A window gets an event only once its page has said it listens
 * (the preload reports each first subscription). `call.incoming` is held until then: on a cold start
 * from a softphone the call rings before React has mounted, and a lost screen pop is a customer the
 * agent has to ask for their number again. Other events are refresh hints and are simply dropped.
 */
const HELD_UNTIL_LISTENING = new Set<EventName>(['call.incoming']);
/** A burst of calls before start-up finished; older ones are already answered or gone. */
export const MAX_HELD = 5;

type Send = (name: EventName, payload: unknown) => void;

interface Target {
  send: Send;
  listening: Set<EventName>;
}

export class EventRelay {
  readonly #targets = new Map<number, Target>();
  #held: Array<{ name: EventName; payload: unknown }> = [];

  attach(id: number, send: Send): void {
    this.#targets.set(id, { send, listening: new Set() });
  }

  detach(id: number): void {
    this.#targets.delete(id);
  }

  /** A new document (reload) starts with no subscriptions; its preload will report them again. */
  resetListening(id: number): void {
    this.#targets.get(id)?.listening.clear();
  }

  markListening(id: number, name: EventName): void {
    const target = this.#targets.get(id);
    if (!target || target.listening.has(name)) return;
    target.listening.add(name);
    const deliver = this.#held.filter((e) => e.name === name);
    this.#held = this.#held.filter((e) => e.name !== name);
    for (const e of deliver) target.send(e.name, e.payload);
  }

  publish(name: EventName, payload: unknown): void {
    let delivered = false;
    for (const target of this.#targets.values()) {
      if (!target.listening.has(name)) continue;
      target.send(name, payload);
      delivered = true;
    }
    if (!delivered && HELD_UNTIL_LISTENING.has(name)) {
      this.#held.push({ name, payload });
      if (this.#held.length > MAX_HELD) this.#held.shift();
    }
  }

  get heldCount(): number {
    return this.#held.length;
  }
}
