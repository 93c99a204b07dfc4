import { App, Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../../shared/api/types';
import { call } from '../../api/client';
import { errorText, fieldErrors } from '../../api/errors';
import { clearErrors, errorProps } from '../../components/FieldHelp';

interface Props {
  phone: string;
  onCreated: (c: Customer) => void;
  onCancel: () => void;
}

/** A minimal customer file made mid-call from an unknown number; the rest is filled in later. */
export function NewCustomerForm({ phone, onCreated, onCancel }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [v, setV] = useState({ name: '', organisation: '', address: '', phone, serviceRequirements: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const set = (k: keyof typeof v, value: string) => {
    setV((old) => ({ ...old, [k]: value }));
    setErrors((e) => clearErrors(e, [k === 'phone' ? 'phones' : k]));
  };

  const submit = async () => {
    setBusy(true);
    const res = await call('customers.create', {
      name: v.name,
      organisation: v.organisation,
      address: v.address,
      phones: [v.phone],
      serviceRequirements: v.serviceRequirements,
      notes: '',
    });
    setBusy(false);
    if (!res.ok) {
      setErrors(fieldErrors(res.error));
      message.error(errorText(res.error));
      return;
    }
    message.success(t('pop.customerCreated'));
    onCreated(res.result);
  };

  return (
    <Form layout="vertical" size="small" className="new-customer" onFinish={() => void submit()} data-testid="new-customer-form">
      <Form.Item label={t('customers.name')} required {...errorProps(errors, 'name')}>
        <Input data-testid="new-customer-name" autoFocus value={v.name} onChange={(e) => set('name', e.target.value)} maxLength={100} />
      </Form.Item>
      <Form.Item label={t('customers.organisation')} {...errorProps(errors, 'organisation')}>
        <Input data-testid="new-customer-organisation" value={v.organisation} onChange={(e) => set('organisation', e.target.value)} maxLength={200} />
      </Form.Item>
      <Form.Item label={t('customers.address')} {...errorProps(errors, 'address')}>
        <Input data-testid="new-customer-address" value={v.address} onChange={(e) => set('address', e.target.value)} maxLength={200} />
      </Form.Item>
      <Form.Item label={t('customers.phones')} required {...errorProps(errors, 'phones')}>
        <Input data-testid="new-customer-phone" value={v.phone} onChange={(e) => set('phone', e.target.value)} maxLength={40} />
      </Form.Item>
      <Form.Item label={t('customers.serviceRequirements')} {...errorProps(errors, 'serviceRequirements')}>
        <Input.TextArea
          data-testid="new-customer-requirements"
          autoSize={{ minRows: 1, maxRows: 3 }}
          value={v.serviceRequirements}
          onChange={(e) => set('serviceRequirements', e.target.value)}
          maxLength={2000}
        />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="new-customer-submit">
          {t('pop.createAndLink')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
