import { i18n } from './index';

/**
 * Strings of the board's card of locked logins (issue 12, "Locks"), registered with i18next under
 * `lockedLogins`. A file of their own, so that they need no edit of zh.ts / en.ts, which other work
 * changes at the same time.
 */
const zh = {
  title: '登录已锁定的账号',
  lockedUntil: '锁定至 {{time}}',
  throttled: '连续输错 {{n}} 次,每次重试需等待',
  failures: '连续输错 {{n}} 次',
  unlock: '解除锁定',
  unlocked: '已解除登录锁定',
  notLocked: '该账号已不在锁定中',
};

const en: typeof zh = {
  title: 'Locked logins',
  lockedUntil: 'Locked until {{time}}',
  throttled: '{{n}} wrong passwords in a row; each retry must wait',
  failures: '{{n}} wrong passwords in a row',
  unlock: 'Unlock',
  unlocked: 'Login unlocked',
  notLocked: 'This login is no longer locked',
};

i18n.addResourceBundle('zh', 'translation', { lockedLogins: zh }, true, false);
i18n.addResourceBundle('en', 'translation', { lockedLogins: en }, true, false);
