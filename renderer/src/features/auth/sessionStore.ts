import { create } from 'zustand';
import type { Envelope } from '../../../../shared/api/envelope';
import type { SessionInfo } from '../../../../shared/api/types';
import { isCallTaker, type Role } from '../../../../shared/domain/roles';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { land } from '../../components/landing';

export type Phase = 'boot' | 'setup' | 'login' | 'ready' | 'unreachable';

interface SessionState {
  phase: Phase;
  session: SessionInfo | null;
  /** Shown on the login page: why the agent is there (signed out, session expired). */
  notice: string | null;
  bootError: string | null;
  /** The console locked itself after idle time (or was locked when the page loaded); the workspace stays mounted underneath. */
  locked: boolean;
  /** Set by a login (not by resuming a session): the sign-in prompt (features/attendance) asks once, then clears it. */
  freshLogin: boolean;
  boot(): Promise<void>;
  /** Locks the session in the core first, so that a reload cannot skip the password. */
  lock(): Promise<void>;
  unlock(password: string): Promise<Envelope<{ locked: false }>>;
  signedIn(session: SessionInfo): void;
  logout(): Promise<void>;
  ended(notice: string): void;
}

export const useSession = create<SessionState>((set) => ({
  phase: 'boot',
  session: null,
  notice: null,
  bootError: null,
  locked: false,
  freshLogin: false,

  async boot() {
    const status = await call('setup.status', {});
    if (!status.ok) {
      set({ phase: 'unreachable', bootError: errorText(status.error) });
      return;
    }
    if (status.result.needsSetup) {
      set({ phase: 'setup', session: null });
      return;
    }
    // An existing session (Electron restart, browser reload) is resumed instead of asking again.
    const current = await call('auth.session', {});
    if (current.ok) land(current.result.user.role, false);
    set(
      current.ok
        ? { phase: 'ready', session: current.result, bootError: null, locked: current.result.locked === true }
        : { phase: 'login', session: null, bootError: null, locked: false },
    );
  },

  signedIn(session) {
    // The token (if any) never reaches the renderer's state: the bridge keeps it.
    const { user, expiresAt, workstation, organisationName } = session;
    land(user.role, true);
    set({ phase: 'ready', session: { user, expiresAt, workstation, organisationName }, notice: null, locked: false, freshLogin: true });
  },

  async lock() {
    set({ locked: true });
    await call('auth.lock', {});
  },

  async unlock(password) {
    const res = await call('auth.unlock', { password });
    if (res.ok) set({ locked: false });
    return res;
  },

  async logout() {
    await call('auth.logout', {});
    set({ phase: 'login', session: null, notice: null, locked: false, freshLogin: false });
  },

  ended(notice) {
    set((s) => (s.phase === 'ready' ? { phase: 'login', session: null, notice, locked: false } : s));
  },
}));

export function useRole(): Role | null {
  return useSession((s) => s.session?.user.role ?? null);
}

export const mayTakeCalls = (role: Role | null): boolean => !!role && isCallTaker(role);
