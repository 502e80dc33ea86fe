import type { PublishedResponse } from './published-response.js';

/** Events one feature raises and others react to, within one process. */
export interface AppEventMap {
  /** A response became public (first publication, or after its embargo ended). */
  'response.published': { response: PublishedResponse };
  /** A published response was changed and republished; `note` is the correction's text. */
  'response.corrected': { response: PublishedResponse; note: string };
}
export type AppEventName = keyof AppEventMap;
type Handler<K extends AppEventName> = (payload: AppEventMap[K]) => Promise<void> | void;

/** A typed in-process event hub. `emit` awaits every handler; a failing handler does not stop the others. */
export function createEvents(onError: (err: unknown, event: AppEventName) => void) {
  const handlers = new Map<AppEventName, Handler<AppEventName>[]>();
  return {
    on<K extends AppEventName>(event: K, handler: Handler<K>): void {
      const list = handlers.get(event) ?? [];
      list.push(handler as Handler<AppEventName>);
      handlers.set(event, list);
    },
    async emit<K extends AppEventName>(event: K, payload: AppEventMap[K]): Promise<void> {
      for (const h of handlers.get(event) ?? []) {
        try {
          await h(payload);
        } catch (err) {
          onError(err, event);
        }
      }
    },
  };
}
export type AppEvents = ReturnType<typeof createEvents>;
