import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CallStatus } from '../../../../shared/domain/callRecord';

const COLORS: Record<CallStatus, string> = { open: 'processing', awaiting_reply: 'warning', replied: 'cyan', closed: 'default' };

/** Status and void marks read the same in the list, the form header and the screen pop. */
export function StatusTag({ record }: { record: { status: CallStatus; voided: boolean } }) {
  const { t } = useTranslation();
  if (record.voided)
    return (
      <Tag color="default" className="voided-tag" data-testid="voided-tag">
        {t('list.voided')}
      </Tag>
    );
  return <Tag color={COLORS[record.status]}>{t(`statuses.${record.status}`)}</Tag>;
}
