import type { MethodName, ParsedParamsOf, ResultOf } from '../../shared/api/contract';
import type { Actor } from '../../shared/domain/mutation';
import type { CoreContext } from './context';
import { ApiFailure } from './errors';
import type { Session } from './store/sessions';

export interface HandlerInput<M extends MethodName> {
  ctx: CoreContext;
  session: Session | null;
  params: ParsedParamsOf<M>;
}

export type Handler<M extends MethodName> = (input: HandlerInput<M>) => Promise<ResultOf<M>> | ResultOf<M>;
export type HandlerMap<K extends MethodName> = { [M in K]: Handler<M> };

/** The dispatcher guarantees a session for non-public methods; this narrows it for the handler. */
export function sessionOf(session: Session | null): Session {
  if (!session) throw new ApiFailure('unauthenticated', 'log in first');
  return session;
}

export const actorOf = (session: Session | null): Actor => sessionOf(session).actor;
