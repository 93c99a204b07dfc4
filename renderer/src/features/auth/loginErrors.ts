import type { ApiError } from '../../../../shared/api/envelope';
import { errorText } from '../../api/errors';
import { fmtDateTime } from '../../components/format';
import { i18n } from '../../i18n';

/** A refused login or unlock in the agent's words: the wait, or until when the login is locked. */
export function loginRefusalText(error: ApiError): string {
  if (error.code === 'login_throttled') return i18n.t('login.throttled', { n: error.details?.retryAfterSeconds ?? 1 });
  if (error.code === 'login_locked' && error.details?.lockedUntil) return i18n.t('login.locked', { time: fmtDateTime(error.details.lockedUntil) });
  return errorText(error);
}

/** Refusals the agent must read on the card, not in a fleeting toast. */
export const SHOWN_ON_CARD = new Set<ApiError['code']>(['invalid_credentials', 'forbidden', 'login_throttled', 'login_locked']);
