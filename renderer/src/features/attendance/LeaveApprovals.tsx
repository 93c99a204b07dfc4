import { Alert, App, Button, Checkbox, Form, Input, Modal, Space, Tooltip } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeaveRow } from '../../../../shared/api/qualityTypes';
import { call } from '../../api/client';
import { errorText, fieldErrors, fieldIssueText } from '../../api/errors';
import { focusFirstError } from '../../api/validate';
import { errorProps } from '../../components/FieldHelp';
import { useRecordsChanged } from '../../components/useRecordsChanged';
import { useSession } from '../auth/sessionStore';
import { LeaveTable } from './LeaveTable';

/** 驳回: the reason is required, and the requester reads it. */
function RefuseDialog({ leave, onClose, onDone }: { leave: LeaveRow; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const body = useRef<HTMLDivElement>(null);
  const submit = async () => {
    if (!reason.trim()) {
      setErrors({ reason: fieldIssueText({ field: 'reason', code: 'required', message: 'required' }) });
      focusFirstError(body.current);
      return;
    }
    setBusy(true);
    const res = await call('leave.decide', { id: leave.id, approve: false, reason: reason.trim() });
    setBusy(false);
    if (res.ok) return onDone();
    const fields = fieldErrors(res.error);
    setErrors(fields);
    setFailure(Object.keys(fields).length ? null : errorText(res.error));
  };
  return (
    <Modal
      open
      title={t('attendance.leave.refuseTitle', { name: leave.userName })}
      okText={t('attendance.leave.refuse')}
      okButtonProps={{ danger: true, ...{ 'data-testid': 'leave-refuse-ok' } }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <div ref={body} data-testid="leave-refuse-dialog">
        {failure && <Alert type="error" showIcon title={failure} className="form-alert" />}
        <Form layout="vertical" component="div">
          <Form.Item label={t('attendance.leave.refuseReason')} required {...errorProps(errors, 'reason')}>
            <Input.TextArea
              data-testid="leave-refuse-reason"
              rows={3}
              autoFocus
              placeholder={t('attendance.leave.refuseReasonPh')}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                setErrors({});
              }}
            />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

/** 请假审批 (team leads): the team's requests, waiting ones first; approve, or refuse with a reason. */
export function LeaveApprovals() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSession((s) => s.session?.user.id ?? '');
  const [pendingOnly, setPendingOnly] = useState(true);
  const [rows, setRows] = useState<LeaveRow[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [refusing, setRefusing] = useState<LeaveRow | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    const res = await call('leave.list', { scope: 'team', limit: 500, ...(pendingOnly ? { status: 'requested' as const } : {}) });
    setLoading(false);
    if (res.ok) {
      setRows(res.result.rows);
      setError(null);
    } else setError(errorText(res.error));
  }, [pendingOnly]);
  useEffect(() => {
    void load();
  }, [load]);
  useRecordsChanged(['leave'], () => void load());

  const approve = async (l: LeaveRow) => {
    setBusyId(l.id);
    const res = await call('leave.decide', { id: l.id, approve: true, reason: '' });
    setBusyId(null);
    if (!res.ok) {
      message.error(errorText(res.error));
      return;
    }
    message.success(t('attendance.leave.approved'));
    void load();
  };

  return (
    <div data-testid="attendance-approvals">
      <div className="toolbar">
        <Checkbox checked={pendingOnly} onChange={(e) => setPendingOnly(e.target.checked)} data-testid="leave-pending-only">
          {t('attendance.leave.pendingOnly')}
        </Checkbox>
      </div>
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      <LeaveTable
        rows={rows}
        loading={loading}
        who
        testId="leave-team"
        emptyText={pendingOnly ? t('attendance.leave.noneWaiting') : t('attendance.leave.empty')}
        actions={(l) => {
          if (l.status !== 'requested') return null;
          // Nobody approves their own leave (the core refuses it too).
          if (l.userId === me)
            return (
              <Tooltip title={t('attendance.leave.own')}>
                <span className="att-muted">—</span>
              </Tooltip>
            );
          return (
            <Space size={4}>
              <Button size="small" type="primary" loading={busyId === l.id} onClick={() => void approve(l)} data-testid="leave-approve">
                {t('attendance.leave.approve')}
              </Button>
              <Button size="small" danger onClick={() => setRefusing(l)} data-testid="leave-refuse">
                {t('attendance.leave.refuse')}
              </Button>
            </Space>
          );
        }}
      />
      {refusing && (
        <RefuseDialog
          leave={refusing}
          onClose={() => setRefusing(null)}
          onDone={() => {
            setRefusing(null);
            message.success(t('attendance.leave.refused'));
            void load();
          }}
        />
      )}
    </div>
  );
}
