import { Badge, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { isSupervisor } from '../../../../shared/domain/roles';
import { useRole } from '../auth/sessionStore';
import { useCallbackCounts } from './countsStore';

/**
 * The number beside 回访 in the menu: an officer's own open callbacks, a lead's whole open queue.
 * Red when any are overdue, so a late callback is seen from every page.
 */
export function CallbackBadge() {
  const { t } = useTranslation();
  const role = useRole();
  const counts = useCallbackCounts((s) => s.counts);
  if (!counts) return null;
  const n = role && isSupervisor(role) ? counts.open : counts.mine;
  if (!n && !counts.overdue) return null;
  return (
    <Tooltip title={t('callback.badge', { open: n, overdue: counts.overdue, today: counts.dueToday })}>
      <Badge
        className="nav-badge"
        count={n || counts.overdue}
        overflowCount={999}
        color={counts.overdue ? '#ff4d4f' : '#1677ff'}
        data-testid="callback-badge"
        data-overdue={counts.overdue}
      />
    </Tooltip>
  );
}
