import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Form, Input, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../shared/api/contract';
import type { Customer } from '../../../../shared/api/types';
import type { ApiError } from '../../../../shared/api/envelope';
import { call } from '../../api/client';
import { errorText, fieldErrors, stripPrefix } from '../../api/errors';
import { checkAll, focusFirstError } from '../../api/validate';
import { clearErrors, errorProps } from '../../components/FieldHelp';

interface Values {
  name: string;
  organisation: string;
  address: string;
  phones: string[];
  serviceRequirements: string;
  notes: string;
  keyAccount: boolean;
}

const MAX_PHONES = 10;

function valuesOf(c: Customer | null): Values {
  return {
    name: c?.name ?? '',
    organisation: c?.organisation ?? '',
    address: c?.address ?? '',
    // The number as it was dictated, not the normalised digits: agents recognise what they typed.
    phones: c?.phones.length ? c.phones.map((p) => p.raw) : [''],
    serviceRequirements: c?.serviceRequirements ?? '',
    notes: c?.notes ?? '',
    keyAccount: c?.keyAccount ?? false,
  };
}

/** 客户档案: create (customer null) or edit. Confidential data: opened only on purpose, per customer. */
export function CustomerEditor({
  customer,
  readOnly = false,
  onSaved,
  onDirtyChange,
}: {
  customer: Customer | null;
  readOnly?: boolean;
  onSaved: (c: Customer) => void;
  /** Whether the boxes hold typing not yet saved, so the drawer can ask before it closes. */
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [v, setV] = useState<Values>(() => valuesOf(customer));
  const [saved, setSaved] = useState<Values>(() => valuesOf(customer));
  const form = useRef<HTMLDivElement>(null);
  const dirty = JSON.stringify(v) !== JSON.stringify(saved);
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof Values>(k: K, value: Values[K]) => {
    setV((old) => ({ ...old, [k]: value }));
    setErrors((e) => clearErrors(e, [k]));
  };
  const setPhone = (i: number, value: string) => {
    const phones = [...v.phones];
    phones[i] = value;
    setV((old) => ({ ...old, phones }));
    setErrors((e) => clearErrors(e, [`phones.${i}`, 'phones']));
  };

  // Blank phone lines are unused slots: `phones.N` of what was sent is the N-th filled line on screen.
  const filled = v.phones.map((p, i) => [p.trim(), i] as const).filter(([p]) => p);
  const show = (error: ApiError) => {
    const out: Record<string, string> = {};
    for (const [k, msg] of Object.entries(stripPrefix(fieldErrors(error), 'fields'))) {
      const m = /^phones\.(\d+)$/.exec(k);
      out[m ? `phones.${filled[Number(m[1])]?.[1] ?? m[1]}` : k] = msg;
    }
    setErrors(out);
    focusFirstError(form.current);
  };

  const submit = async () => {
    const fields = { ...v, phones: filled.map(([p]) => p) };
    // Every problem at once (a name and a phone missing, a number nobody can dial), before anything is sent.
    const local = customer ? checkAll(api['customers.update'].params, { id: customer.id, fields }) : checkAll(api['customers.create'].params, fields);
    if (local) {
      show(local);
      return;
    }
    setBusy(true);
    const res = customer ? await call('customers.update', { id: customer.id, fields }) : await call('customers.create', fields);
    setBusy(false);
    if (!res.ok) {
      show(res.error);
      message.error(errorText(res.error));
      return;
    }
    message.success(t(customer ? 'customers.saved' : 'customers.created'));
    setV(valuesOf(res.result));
    setSaved(valuesOf(res.result));
    onSaved(res.result);
  };

  return (
    <div ref={form}>
    <Form layout="vertical" onFinish={() => void submit()} data-testid="customer-form" disabled={readOnly}>
      <Form.Item label={t('customers.name')} required {...errorProps(errors, 'name')}>
        <Input data-testid="customer-name" autoFocus value={v.name} onChange={(e) => set('name', e.target.value)} maxLength={100} />
      </Form.Item>
      <Form.Item label={t('customers.organisation')} {...errorProps(errors, 'organisation')}>
        <Input data-testid="customer-organisation" value={v.organisation} onChange={(e) => set('organisation', e.target.value)} maxLength={200} />
      </Form.Item>
      <Form.Item label={t('customers.address')} {...errorProps(errors, 'address')}>
        <Input data-testid="customer-address" value={v.address} onChange={(e) => set('address', e.target.value)} maxLength={200} />
      </Form.Item>
      <Form.Item label={t('customers.phones')} required {...(errors.phones ? errorProps(errors, 'phones') : {})}>
        {v.phones.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: phone lines are positional (errors come back as phones.N).
          <Form.Item key={`phone-${i + 1}`} noStyle>
            <div className="dept-row">
              <Input
                data-testid={`customer-phone-${i}`}
                aria-label={`${t('customers.phones')} ${i + 1}`}
                value={p}
                status={errors[`phones.${i}`] ? 'error' : undefined}
                onChange={(e) => setPhone(i, e.target.value)}
                maxLength={40}
              />
              <Button
                icon={<DeleteOutlined />}
                aria-label={t('common.remove')}
                disabled={v.phones.length === 1}
                onClick={() => set('phones', v.phones.filter((_, j) => j !== i))}
              />
            </div>
            {errors[`phones.${i}`] && (
              <div className="ant-form-item-explain-error" data-testid={`field-error-phones.${i}`}>
                {errors[`phones.${i}`]}
              </div>
            )}
          </Form.Item>
        ))}
        <Button
          type="dashed"
          icon={<PlusOutlined />}
          data-testid="customer-add-phone"
          disabled={v.phones.length >= MAX_PHONES}
          onClick={() => set('phones', [...v.phones, ''])}
        >
          {t('customers.addPhone')}
        </Button>
      </Form.Item>
      <Form.Item label={t('customers.serviceRequirements')} {...errorProps(errors, 'serviceRequirements')}>
        <Input.TextArea
          data-testid="customer-serviceRequirements"
          autoSize={{ minRows: 2, maxRows: 6 }}
          value={v.serviceRequirements}
          onChange={(e) => set('serviceRequirements', e.target.value)}
          maxLength={2000}
        />
      </Form.Item>
      <Form.Item label={t('customers.notes')} {...errorProps(errors, 'notes')}>
        <Input.TextArea data-testid="customer-notes" autoSize={{ minRows: 2, maxRows: 6 }} value={v.notes} onChange={(e) => set('notes', e.target.value)} maxLength={2000} />
      </Form.Item>
      <Form.Item extra={t('customers.keyAccountHelp')} {...errorProps(errors, 'keyAccount')}>
        <Checkbox data-testid="customer-keyAccount" checked={v.keyAccount} onChange={(e) => set('keyAccount', e.target.checked)}>
          {t('customers.keyAccount')}
        </Checkbox>
      </Form.Item>
      {!readOnly && (
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="customer-save">
            {t('common.save')}
          </Button>
        </Space>
      )}
    </Form>
    </div>
  );
}
