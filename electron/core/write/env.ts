import { type MutationEnv, mutationEnvFrom } from '../../../shared/domain/mutations';
import type { CoreContext } from '../context';
import { requireSettings } from '../store/settings';

/** Derived once per settings object; `readSettings` hands out the same object until the row is written. */
const envs = new WeakMap<object, MutationEnv>();

/** The rules every mutation is judged by (deadlines, calendar, callback rules), from the organisation settings. */
export function mutationEnv(ctx: CoreContext): MutationEnv {
  const s = requireSettings(ctx.db);
  let env = envs.get(s);
  if (!env) {
    env = mutationEnvFrom(s);
    envs.set(s, env);
  }
  return env;
}
