import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HubCopy } from '../../../../shared/api/types';

/**
 * A confidential record that this workstation holds without its hidden fields, opened by a user who may
 * see it in full: read from the hub ('fetched'), or only the partial copy because the hub is out of
 * reach ('unavailable'). Either way it is not edited here: a save from the partial copy would send its
 * blanks as edits, and one from the hub's copy would leave the hidden text in this workstation's store.
 */
export function HubCopyNotice({ hubCopy }: { hubCopy: HubCopy | undefined }) {
  const { t } = useTranslation();
  if (!hubCopy) return null;
  return (
    <Alert
      type={hubCopy === 'fetched' ? 'info' : 'warning'}
      showIcon
      className="form-alert"
      data-testid={`hub-copy-${hubCopy}`}
      title={t(`hubCopy.${hubCopy}`)}
      description={t('hubCopy.readOnly')}
    />
  );
}
