import { Alert, DatePicker, Form, Input, Modal } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Callback } from '../../../../shared/api/types';
import { api } from '../../../../shared/api/contract';
import { call } from '../../api/client';
import { errorText, fieldErrors } from '../../api/errors';
import { checkAll, focusFirstError } from '../../api/validate';
import { clearErrors, prefixedErrorProps } from '../../components/FieldHelp';
import { SnippetTextArea } from '../../components/SnippetTextArea';
import { useSettings } from '../admin/settingsStore';
import { defaultPromisedDue } from './promisedDue';

export interface PromisedFrom {
  callId: string;
  recordNo: string;
  phone: string;
  name: string;
  organisation: string;
  customerId: string | null;
  content: string;
}

interface Props {
  from: PromisedFrom;
  onDone: (c: Callback) => void;
  onClose: () => void;
}

const SUBJECT_MAX = 1000;

/**
 * 承诺回电: the time the agent promises, which the
 * callback queue then holds to, and what it is about (the call's content so far). The same time goes
 * into the sheet's 承诺答复时间 by the caller of this dialog.
 */
export function PromisedCallbackModal({ from, onDone, onClose }: Props) {
  const { t } = useTranslation();
  const overrides = useSettings((s) => s.settings?.calendar);
  const [dueAt, setDueAt] = useState(() => defaultPromisedDue(new Date(), overrides));
  const [phone, setPhone] = useState(from.phone);
  const [subject, setSubject] = useState(() => {
    const head = t('script.promised.subjectHead', { no: from.recordNo });
    const content = from.content.trim();
    return (content ? `${head}${content}` : head).slice(0, SUBJECT_MAX);
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const e = (name: string) => prefixedErrorProps('promised', errors, name);

  const submit = async () => {
    if (busy) return;
    const params = {
      kind: 'promised' as const,
      callId: from.callId,
      customerId: from.customerId,
      phone: phone.trim(),
      name: from.name.trim(),
      organisation: from.organisation.trim(),
      dueAt,
      subject: subject.trim(),
    };
    // Every problem at once, by the contract's rules (a number a callback can dial), before anything is sent.
    const local = checkAll(api['callbacks.create'].params, params);
    if (local) {
      setErrors({ ...fieldErrors(local), ...(phone.trim() ? {} : { phone: t('script.promised.phoneRequired') }) });
      focusFirstError(document.querySelector('.ant-modal-wrap'));
      return;
    }
    setBusy(true);
    const res = await call('callbacks.create', params);
    setBusy(false);
    if (!res.ok) {
      setErrors(fieldErrors(res.error));
      setAlert(errorText(res.error));
      return;
    }
    onDone(res.result);
  };

  return (
    <Modal
      open
      title={t('script.promised.title')}
      okText={t('script.promised.create')}
      onOk={() => void submit()}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ ...{ 'data-testid': 'promised-submit' } }}
      cancelText={t('common.cancel')}
    >
      <div data-testid="promised-modal">
      {alert && <Alert type="error" showIcon title={alert} className="form-alert" data-testid="promised-error" />}
      <Form layout="vertical" component="div" className="call-form">
        <Form.Item label={t('script.promised.dueAt')} required {...e('dueAt')} extra={t('script.promised.dueHelp')}>
          <DatePicker
            data-testid="promised-dueAt"
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            allowClear={false}
            style={{ width: '100%' }}
            value={dayjs(dueAt)}
            onChange={(d) => {
              if (d?.isValid()) setDueAt(d.toISOString());
              setErrors((x) => clearErrors(x, ['dueAt']));
            }}
          />
        </Form.Item>
        <Form.Item label={t('script.promised.phone')} required {...e('phone')}>
          <Input
            data-testid="promised-phone"
            value={phone}
            maxLength={40}
            onChange={(ev) => {
              setPhone(ev.target.value);
              setErrors((x) => clearErrors(x, ['phone']));
            }}
          />
        </Form.Item>
        {(from.name || from.organisation) && (
          <Form.Item label={t('script.promised.who')}>
            <span data-testid="promised-who">{[from.name, from.organisation].filter(Boolean).join(' · ')}</span>
          </Form.Item>
        )}
        <Form.Item label={t('script.promised.subject')} {...e('subject')}>
          <SnippetTextArea
            data-testid="promised-subject"
            value={subject}
            onChange={(v) => {
              setSubject(v);
              setErrors((x) => clearErrors(x, ['subject']));
            }}
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={SUBJECT_MAX}
          />
        </Form.Item>
      </Form>
      </div>
    </Modal>
  );
}
