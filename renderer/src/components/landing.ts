import { isCallTaker, type Role } from '../../../shared/domain/roles';
import { navigate, type Page } from './router';

/**
 * Where each role's day starts (issue 14): agents at the phone (来电受理), callback officers at their
 * queue (回访), quality inspectors at 质检, team leads at the board, administrators at the settings. Also the page a role is sent to
 * when the hash names a page it may not use.
 */
export function landingPage(role: Role): Page {
  if (role === 'callback_officer') return 'callbacks';
  if (role === 'quality_inspector') return 'quality';
  if (role === 'team_lead') return 'board';
  if (role === 'admin') return 'settings';
  return isCallTaker(role) ? 'calls' : 'records';
}

/**
 * After a login, the role's own page, whatever the previous user left in the address. A resumed session
 * (reload, Electron restart) keeps the page it was on, unless the address names none.
 */
export function land(role: Role, fresh: boolean): void {
  const path = window.location.hash.replace(/^#\/?/, '');
  if (fresh || !path) navigate(landingPage(role));
}
