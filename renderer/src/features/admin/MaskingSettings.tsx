import { App, Button, Checkbox, Form, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/api/types';
import { ROLES } from '../../../../shared/domain/roles';
import type { MaskingRules, RevealableField } from '../../../../shared/domain/visibility';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { useSettings } from './settingsStore';

const FIELDS: RevealableField[] = ['phone', 'address'];

/**
 * 号码与地址脱敏: per contact field, the roles that see it in full (the others see it masked and may reveal
 * it, audited). Admin only, like every setting.
 */
export function MaskingSettings({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const put = useSettings((s) => s.put);
  const [rules, setRules] = useState<MaskingRules>(() => ({ phone: [...settings.masking.phone], address: [...settings.masking.address] }));
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setBusy(true);
    const res = await call('settings.update', { masking: rules });
    setBusy(false);
    if (!res.ok) {
      message.error(errorText(res.error));
      return;
    }
    put(res.result);
    message.success(t('settings.saved'));
  };

  return (
    <Form layout="vertical" data-testid="masking-settings" onFinish={() => void save()}>
      <Typography.Paragraph type="secondary">{t('visibility.masking.help')}</Typography.Paragraph>
      {FIELDS.map((f) => (
        <Form.Item key={f} label={t(`visibility.masking.${f}`)}>
          <Checkbox.Group
            data-testid={`masking-${f}`}
            value={rules[f]}
            onChange={(roles) => setRules((r) => ({ ...r, [f]: ROLES.filter((x) => roles.includes(x)) }))}
            options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          />
        </Form.Item>
      ))}
      <Button type="primary" htmlType="submit" loading={busy} data-testid="masking-save">
        {t('common.save')}
      </Button>
    </Form>
  );
}
