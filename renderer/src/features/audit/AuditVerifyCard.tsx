import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Tag, Tooltip } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditVerification } from '../../../../shared/api/types';
import type { AuditChainStatus } from '../../../../shared/sync/audit';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';

/** Each workstation's chain: intact, or broken from row N (with why), as the hub and this workstation see it. */
export function AuditVerifyCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [result, setResult] = useState<AuditVerification | null>(null);
  const [loading, setLoading] = useState(false);

  const verify = useCallback(async () => {
    setLoading(true);
    const res = await call('audit.verify', {});
    setLoading(false);
    if (res.ok) setResult(res.result);
    else message.error(errorText(res.error));
  }, [message]);

  useEffect(() => {
    void verify();
  }, [verify]);

  const chainTag = (c: AuditChainStatus, name: string) => (
    <Tooltip
      key={name}
      title={c.breaks.length ? c.breaks.map((b) => `#${b.seq} ${t(`audit.verify.kinds.${b.kind}`)}`).join(';') : t('audit.verify.rows', { n: c.rows })}
    >
      <Tag color={c.ok ? 'green' : 'red'} data-testid={`audit-chain-${c.workstation}`}>
        {name}:{c.ok ? t('audit.verify.ok') : t('audit.verify.broken', { seq: c.brokenAt })}
        {' · '}
        {t('audit.verify.rows', { n: c.rows })}
      </Tag>
    </Tooltip>
  );

  return (
    <Card
      size="small"
      title={t('audit.verify.title')}
      data-testid="audit-verify"
      extra={
        <Button size="small" icon={<ReloadOutlined />} loading={loading} onClick={() => void verify()}>
          {t('audit.verify.again')}
        </Button>
      }
    >
      <Space wrap size={[4, 8]}>
        {result && chainTag(result.local, `${result.local.workstation} ${t('audit.verify.local')}`)}
        {result?.chains.map((c) => chainTag(c, c.workstation))}
      </Space>
    </Card>
  );
}
