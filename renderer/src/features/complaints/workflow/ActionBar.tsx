import { Alert, App, Button, Form, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Complaint, ComplaintDetail } from '../../../../../shared/api/types';
import type { ComplaintActionName } from '../../../../../shared/domain/complaint';
import { call } from '../../../api/client';
import { errorText } from '../../../api/errors';
import { focusFirstError } from '../../../api/validate';
import { clearErrors } from '../../../components/FieldHelp';
import { useCallRules } from '../../admin/settingsStore';
import { useSession } from '../../auth/sessionStore';
import { complaintFieldErrors, refusalText } from '../errors';
import { useDirectory } from '../useDirectory';
import { StepFields } from './StepFields';
import { buildStep, dialogErrors, initialDraft, type StepDraft, signKinds } from './steps';

/** Steps that move the complaint on are primary; the rest are ordinary, 作废 is red. */
const PRIMARY: ComplaintActionName[] = ['assign', 'recordResult', 'recordCallback', 'approveClose'];

/**
 * Exactly the steps `complaints.get` says this user may take now (`detail.actions`), in the core's
 * order. Each opens a dialog; the core decides, and its refusals are shown in Chinese.
 */
export function ActionBar({ detail, onDone }: { detail: ComplaintDetail; onDone: (c: Complaint) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<ComplaintActionName | null>(null);
  if (!detail.actions.length) return null;
  return (
    <div className="complaint-actions" data-testid="complaint-actions">
      <Space wrap size={8}>
        {detail.actions.map((a) => (
          <Button
            key={a}
            data-testid={`action-${a}`}
            type={PRIMARY.includes(a) ? 'primary' : 'default'}
            danger={a === 'void'}
            autoInsertSpace={false}
            onClick={() => setOpen(a)}
          >
            {t(`complaint.actions.${a}`)}
          </Button>
        ))}
      </Space>
      {open && (
        <ActionDialog
          action={open}
          complaint={detail.complaint}
          onClose={() => setOpen(null)}
          onDone={(c) => {
            setOpen(null);
            onDone(c);
          }}
        />
      )}
    </div>
  );
}

interface DialogProps {
  action: ComplaintActionName;
  complaint: Complaint;
  onClose: () => void;
  onDone: (c: Complaint) => void;
}

function ActionDialog({ action, complaint, onClose, onDone }: DialogProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useSession((s) => s.session?.user);
  const { departments } = useCallRules();
  const directory = useDirectory(action === 'assign' || action === 'escalate');
  const kinds = user ? signKinds(complaint, user) : [];
  const [draft, setDraft] = useState<StepDraft>(() => initialDraft(complaint, kinds));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const update = (patch: Partial<StepDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setErrors((e) => clearErrors(e, Object.keys(patch)));
    setAlert(null);
  };

  const submit = async () => {
    const built = buildStep(action, draft, directory, complaint);
    if (!built.ok) {
      setErrors(built.errors);
      setAlert(errorText({ code: 'invalid_params', message: '' }));
      focusFirstError(document.querySelector('[data-testid="step-dialog"]'));
      return;
    }
    setBusy(true);
    const res = await call('complaints.transition', { id: complaint.id, step: built.step });
    setBusy(false);
    if (!res.ok) {
      setErrors(dialogErrors(action, complaintFieldErrors(res.error)));
      setAlert(refusalText(res.error));
      focusFirstError(document.querySelector('[data-testid="step-dialog"]'));
      return;
    }
    message.success(t(`complaint.done.${action}`));
    onDone(res.result);
  };

  return (
    <Modal
      open
      title={`${t(`complaint.actions.${action}`)} · ${complaint.complaintNo}`}
      okText={t(`complaint.actions.${action}`)}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, danger: action === 'void', ...{ 'data-testid': 'step-submit' } }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
      data-testid="step-dialog"
    >
      {alert && <Alert type="error" showIcon title={alert} className="form-alert" data-testid="step-error" />}
      <Form layout="vertical" component="div" className="step-form" data-testid={`step-form-${action}`}>
        <StepFields
          action={action}
          complaint={complaint}
          draft={draft}
          update={update}
          errors={errors}
          directory={directory}
          departments={departments}
          kinds={kinds}
        />
      </Form>
    </Modal>
  );
}
