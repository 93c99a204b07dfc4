import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Callback } from '../../../../shared/api/types';
import { call } from '../../api/client';
import { errorText, fieldErrors } from '../../api/errors';
import { prefixedErrorProps } from '../../components/FieldHelp';
import { useDirectory } from '../complaints/useDirectory';

type Target = Pick<Callback, 'id' | 'name' | 'phone' | 'assigneeId'>;
interface Props {
  callback: Target;
  onClose: () => void;
  onDone: (c: Callback) => void;
}

const NOBODY = '__nobody__';

/** 指派 (leads): one of the active callback officers, or nobody (back to 未分配). */
export function AssignDialog({ callback, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const officers = useDirectory().filter((u) => u.role === 'callback_officer');
  const [pick, setPick] = useState<string>(callback.assigneeId ?? NOBODY);
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    const res = await call('callbacks.assign', { id: callback.id, assigneeId: pick === NOBODY ? null : pick });
    setBusy(false);
    if (!res.ok) {
      setAlert(errorText(res.error));
      return;
    }
    onDone(res.result);
  };

  return (
    <Modal
      open
      title={t('callback.assign.title', { who: callback.name || callback.phone })}
      okText={t('callback.assign.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, ...{ 'data-testid': 'callback-assign-submit' } }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {alert && <Alert type="error" showIcon title={alert} className="form-alert" data-testid="callback-assign-error" />}
      <Form layout="vertical" component="div">
        <Form.Item label={t('callback.assign.officer')} extra={officers.length ? undefined : t('callback.assign.noOfficers')}>
          <Select
            data-testid="callback-assign-officer"
            value={pick}
            onChange={setPick}
            options={[{ value: NOBODY, label: t('callback.unassigned') }, ...officers.map((u) => ({ value: u.id, label: u.displayName }))]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 取消回访 (leads): a reason is required and kept on the record. */
export function CancelDialog({ callback, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!reason.trim()) {
      setErrors({ reason: t('callback.cancel.reasonRequired') });
      return;
    }
    setBusy(true);
    const res = await call('callbacks.cancel', { id: callback.id, reason: reason.trim() });
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
      title={t('callback.cancel.title', { who: callback.name || callback.phone })}
      okText={t('callback.cancel.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, loading: busy, ...{ 'data-testid': 'callback-cancel-submit' } }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {alert && <Alert type="error" showIcon title={alert} className="form-alert" />}
      <Form layout="vertical" component="div">
        <Form.Item label={t('callback.cancel.reason')} required {...prefixedErrorProps('callback', errors, 'reason')}>
          <Input.TextArea
            data-testid="callback-cancel-reason"
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setErrors({});
            }}
            autoSize={{ minRows: 2, maxRows: 5 }}
            maxLength={500}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
