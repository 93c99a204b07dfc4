import { SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../shared/api/contract';
import type { Complaint } from '../../../../shared/api/types';
import { sheetIssues } from '../../../../shared/domain/complaintWorkflow';
import { call } from '../../api/client';
import { checkAll, focusFirstError } from '../../api/validate';
import { useLeaveGuard } from '../../components/useLeaveGuard';
import { clearErrors } from '../../components/FieldHelp';
import { useHotkeys } from '../../components/useHotkeys';
import { useCallRules } from '../admin/settingsStore';
import { complaintFieldErrors, refusalText } from './errors';
import { ComplaintFormFields } from './form/ComplaintFormFields';
import { registerParams, type SheetValues } from './form/values';

interface Props {
  title: string;
  initial: SheetValues;
  /** The call this complaint came from, when registered on the call screen. */
  callId: string | null;
  onDone: (c: Complaint) => void;
  onClose: () => void;
}

/**
 * 登记客户投诉处理单: a drawer over the call screen (pre-filled from the call) or over the
 * complaint list (a visit, letter, fax, e-mail or online complaint). The core checks the
 * required boxes; its field errors show beside each box in Chinese.
 */
export function NewComplaintDrawer({ title, initial, callId, onDone, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { departments } = useCallRules();
  const [values, setValues] = useState<SheetValues>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const update = (patch: Partial<SheetValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    // Address and phone are required together: filling either clears both messages.
    const keys = Object.keys(patch);
    setErrors((e) => clearErrors(e, keys.includes('phone') || keys.includes('address') ? [...keys, 'phone', 'address'] : keys));
  };

  const body = useRef<HTMLDivElement>(null);
  const showErrors = (error: Parameters<typeof complaintFieldErrors>[0]) => {
    setErrors(complaintFieldErrors(error));
    setAlert(refusalText(error));
    focusFirstError(body.current);
  };

  // Esc, the close icon or a click outside: typing is not thrown away without asking.
  const close = useLeaveGuard(JSON.stringify(values) !== JSON.stringify(initial), onClose);

  const submit = async () => {
    if (busy) return;
    const params = registerParams(values, callId);
    // Every problem at once: the contract's schema and the sheet's rules, the same the core runs.
    const local = checkAll(api['complaints.register'].params, params, sheetIssues({ ...values, address: values.address.trim(), phone: values.phone.trim(), headNotifiedTo: values.headNotifiedTo.trim(), solutions: [], chosenSolution: null }, new Date().toISOString(), null, true));
    if (local) {
      showErrors(local);
      return;
    }
    setBusy(true);
    const res = await call('complaints.register', params);
    setBusy(false);
    if (!res.ok) {
      showErrors(res.error);
      return;
    }
    setAlert(null);
    message.success(t('complaint.registered', { no: res.result.complaintNo }));
    onDone(res.result);
  };

  useHotkeys({ 'Ctrl+S': () => void submit() }, true);

  return (
    <Drawer
      open
      size={900}
      title={title}
      onClose={close}
      destroyOnHidden
      styles={{ body: { padding: 12 } }}
      data-testid="complaint-new"
      extra={
        <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={() => void submit()} data-testid="complaint-register">
          {t('complaint.register')} <kbd>Ctrl+S</kbd>
        </Button>
      }
    >
      {alert && <Alert type="error" showIcon title={alert} className="form-alert" data-testid="complaint-new-error" />}
      <div className="call-form-wrap" ref={body}>
        <ComplaintFormFields values={values} errors={errors} update={update} disabled={false} mode="register" departments={departments} />
      </div>
    </Drawer>
  );
}
