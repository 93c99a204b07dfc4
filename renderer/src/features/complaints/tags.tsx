import { Tag } from 'antd';
import type { ComplaintStatus, Severity } from '../../../../shared/domain/complaint';
import { useLabel } from '../../i18n/labels';

const SEVERITY_COLORS: Record<Severity, string> = { general: 'blue', major: 'orange', crisis: 'red' };
const STATUS_COLORS: Record<ComplaintStatus, string> = {
  registered: 'default',
  in_handling: 'processing',
  handled: 'cyan',
  awaiting_approval: 'warning',
  closed: 'success',
  voided: 'default',
};

export function SeverityTag({ severity }: { severity: Severity }) {
  const { label } = useLabel();
  return (
    <Tag color={SEVERITY_COLORS[severity]} data-testid="severity-tag" data-severity={severity}>
      {label('severity', severity)}
    </Tag>
  );
}

export function ComplaintStatusTag({ status }: { status: ComplaintStatus }) {
  const { label } = useLabel();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="complaint-status" data-status={status} className={status === 'voided' ? 'voided-tag' : undefined}>
      {label('complaintStatus', status)}
    </Tag>
  );
}
