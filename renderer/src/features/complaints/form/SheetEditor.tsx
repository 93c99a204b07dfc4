import { CheckCircleOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Complaint } from '../../../../../shared/api/types';
import { call } from '../../../api/client';
import { clearErrors } from '../../../components/FieldHelp';
import { fmtClock } from '../../../components/format';
import { useHotkeys } from '../../../components/useHotkeys';
import { useCallRules } from '../../admin/settingsStore';
import { complaintFieldErrors, refusalText } from '../errors';
import { ComplaintFormFields } from './ComplaintFormFields';
import { changedFields, fromComplaint, type SheetValues } from './values';

interface Props {
  complaint: Complaint;
  editable: boolean;
  onSaved: (c: Complaint) => void;
}

/**
 * The descriptive boxes of a registered complaint. Saving sends only what this user changed
 * (complaints.edit). A change arriving from elsewhere (a step, another workstation) replaces the
 * boxes only while this user has nothing unsaved.
 */
export function SheetEditor({ complaint, editable, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { departments } = useCallRules();
  const [values, setValues] = useState<SheetValues>(() => fromComplaint(complaint));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const base = useRef(complaint);
  const dirty = Object.keys(changedFields(values, base.current)).length > 0;

  useEffect(() => {
    if (complaint.version === base.current.version) return;
    const untouched = Object.keys(changedFields(values, base.current)).length === 0;
    base.current = complaint;
    if (untouched) setValues(fromComplaint(complaint));
  }, [complaint, values]);

  const update = (patch: Partial<SheetValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    const keys = Object.keys(patch);
    setErrors((e) => clearErrors(e, keys.includes('phone') || keys.includes('address') ? [...keys, 'phone', 'address'] : keys));
  };

  const save = async () => {
    const fields = changedFields(values, base.current);
    if (busy || !Object.keys(fields).length) return;
    setBusy(true);
    const res = await call('complaints.edit', { id: complaint.id, fields });
    setBusy(false);
    if (!res.ok) {
      setErrors(complaintFieldErrors(res.error));
      setAlert(refusalText(res.error));
      return;
    }
    setErrors({});
    setAlert(null);
    base.current = res.result;
    setValues(fromComplaint(res.result));
    setSavedAt(res.result.updatedAt);
    message.success(t('complaint.saved'));
    onSaved(res.result);
  };

  useHotkeys({ 'Ctrl+S': () => void save() }, editable);

  return (
    <div className="call-form-wrap" data-testid="complaint-form">
      {alert && <Alert type="error" showIcon title={alert} className="form-alert" data-testid="complaint-edit-error" />}
      <ComplaintFormFields values={values} errors={errors} update={update} disabled={!editable} mode="edit" departments={departments} />
      {editable && (
        <div className="call-form-actions">
          <Button data-testid="complaint-save" icon={<SaveOutlined />} type={dirty ? 'primary' : 'default'} loading={busy} disabled={!dirty} onClick={() => void save()}>
            {t('common.save')} <kbd>Ctrl+S</kbd>
          </Button>
          {savedAt && !dirty && (
            <Typography.Text type="success">
              <CheckCircleOutlined /> {t('calls.savedAt', { time: fmtClock(savedAt) })}
            </Typography.Text>
          )}
        </div>
      )}
    </div>
  );
}
