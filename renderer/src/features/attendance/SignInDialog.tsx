import { Alert, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { type KeyboardEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attendance, AttendanceToday } from '../../../../shared/api/qualityTypes';
import { call } from '../../api/client';
import { errorText, fieldErrors } from '../../api/errors';
import { errorProps } from '../../components/FieldHelp';
import { DATA_ATTR } from '../../components/dataField';
import './attendance.css';

/**
 * 签到: the shift to sign in for (the one starting nearest to now is chosen) and an optional note. Enter
 * signs in, Esc closes without signing in. The time is the core's (the workstation clock; the hub stamps
 * its own receipt time when it gets the sign-in).
 */
export function SignInDialog({
  today,
  title,
  intro,
  cancelText,
  onSignedIn,
  onClose,
}: {
  today: AttendanceToday;
  title: string;
  intro?: ReactNode;
  cancelText?: string;
  onSignedIn: (a: Attendance) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [shiftId, setShiftId] = useState(today.suggestedShiftId || today.shifts[0]?.id || '');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    const res = await call('attendance.signIn', { shiftId, ...(note.trim() ? { note: note.trim() } : {}) });
    setBusy(false);
    if (res.ok) {
      onSignedIn(res.result);
      return;
    }
    const fields = fieldErrors(res.error);
    setErrors(fields);
    // A refusal about the day (already signed in today) has no box of its own: it is said above the form.
    setFailure(fields.day ?? (Object.keys(fields).length ? null : errorText(res.error)));
  };

  // Enter anywhere in the dialog signs in (the note is one line); Esc is the modal's own close.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
    }
  };

  return (
    <Modal
      open
      title={title}
      okText={t('attendance.today.signIn')}
      cancelText={cancelText ?? t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ ...{ 'data-testid': 'signin-ok' } }}
      cancelButtonProps={{ ...{ 'data-testid': 'signin-cancel' } }}
      destroyOnHidden
      data-testid="signin-dialog"
    >
      {/* Enter from any control of the dialog signs in. */}
      <div onKeyDown={onKeyDown} data-testid="signin-dialog-body">
        {intro && <Typography.Paragraph>{intro}</Typography.Paragraph>}
        {failure && <Alert type="error" showIcon title={<span data-testid="signin-error">{failure}</span>} className="form-alert" />}
        <Form layout="vertical" component="div">
          <Form.Item label={t('attendance.signIn.shift')} {...errorProps(errors, 'shiftId')}>
            <Radio.Group value={shiftId} onChange={(e) => setShiftId(e.target.value as string)} data-testid="signin-shift">
              <Space orientation="vertical" size={4}>
                {today.shifts.map((s, i) => (
                  <Radio key={s.id} value={s.id} data-testid={`signin-shift-${s.id}`} autoFocus={s.id === shiftId || (i === 0 && !shiftId)}>
                    <span {...DATA_ATTR}>{s.name}</span> {s.start}–{s.end}
                    <Typography.Text type="secondary" className="att-grace">
                      {t('attendance.signIn.grace', { n: s.graceMinutes })}
                    </Typography.Text>
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          <Form.Item label={t('attendance.signIn.note')} {...errorProps(errors, 'note')}>
            <Input data-testid="signin-note" placeholder={t('attendance.signIn.notePh')} value={note} onChange={(e) => setNote(e.target.value)} />
          </Form.Item>
        </Form>
        <Typography.Text type="secondary" data-testid="signin-keys">
          {t('attendance.signIn.keys')}
        </Typography.Text>
      </div>
    </Modal>
  );
}
