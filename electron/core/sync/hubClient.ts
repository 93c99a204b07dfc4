import type { HubLoginResponse, PullResponse, PushRequest, PushResponse } from '../../../shared/sync/protocol';
import { SCHEMA_HEADER, SYNC_SCHEMA_VERSION } from '../../../shared/sync/protocol';
import type { AuditChainStatus, AuditFilter, AuditPushRequest, AuditPushResponse, AuditRow } from '../../../shared/sync/audit';

export type HubErrorKind = 'offline' | 'unauthorized' | 'forbidden' | 'upgrade_required' | 'rate_limited' | 'bad_request' | 'server';

/** Every hub failure as one typed error, with an English message for logs and a kind for the UI. */
export class HubError extends Error {
  constructor(
    readonly kind: HubErrorKind,
    message: string,
    readonly status = 0,
    /** The hub's own error code (`setup_code_required`, `already_initialized` …), when it sent one. */
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'HubError';
  }
}

const TIMEOUT_MS = 8000;

export class HubClient {
  constructor(
    readonly baseUrl: string,
    private token: string | null = null,
  ) {}

  withToken(token: string | null): HubClient {
    return new HubClient(this.baseUrl, token);
  }

  async request<T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown, timeoutMs = TIMEOUT_MS): Promise<T> {
    const headers: Record<string, string> = { [SCHEMA_HEADER]: String(SYNC_SCHEMA_VERSION) };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let res: Response;
    try {
      res = await fetch(new URL(path, this.baseUrl), {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new HubError('offline', `hub ${this.baseUrl} unreachable: ${(err as Error).message}`);
    }
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      throw new HubError('server', `hub answered ${res.status} with non-JSON`, res.status);
    }
    if (res.ok) return json as T;
    const error = (json as { error?: { message?: string; code?: string } } | null)?.error;
    const message = error?.message ?? `hub answered ${res.status}`;
    const kind: HubErrorKind =
      res.status === 401 ? 'unauthorized'
      : res.status === 403 ? 'forbidden'
      : res.status === 426 ? 'upgrade_required'
      : res.status === 429 ? 'rate_limited'
      : res.status < 500 ? 'bad_request'
      : 'server';
    throw new HubError(kind, message, res.status, typeof error?.code === 'string' ? error.code : null);
  }

  health() {
    return this.request<{ ok: boolean; initialized: boolean; setupCodeRequired?: boolean; schema: { min: number; max: number } }>('GET', '/health', undefined, 3000);
  }

  login(username: string, password: string, workstation: string) {
    return this.request<HubLoginResponse>('POST', '/auth/login', { username, password, workstation }, 5000);
  }

  push(req: PushRequest) {
    return this.request<PushResponse>('POST', '/sync/push', req, 20_000);
  }

  pull(cursor: number, limit = 1000) {
    return this.request<PullResponse>('GET', `/sync/pull?cursor=${cursor}&limit=${limit}`, undefined, 20_000);
  }

  pushAudit(req: AuditPushRequest) {
    return this.request<AuditPushResponse>('POST', '/sync/audit', req, 20_000);
  }

  /** The hub's audit rows (administrators only). */
  queryAudit(filter: AuditFilter, limit: number, offset: number) {
    const q = new URLSearchParams({ limit: String(limit), offset: String(offset) });
    for (const [k, v] of Object.entries(filter)) if (v !== undefined) q.set(k, String(v));
    return this.request<{ rows: AuditRow[]; total: number }>('GET', `/audit?${q}`, undefined, 20_000);
  }

  verifyAudit() {
    return this.request<{ chains: AuditChainStatus[] }>('GET', '/audit/verify', undefined, 60_000);
  }
}
