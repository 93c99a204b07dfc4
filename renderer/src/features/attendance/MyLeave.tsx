import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Popconfirm } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeaveRow } from '../../../../shared/api/qualityTypes';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { useRecordsChanged } from '../../components/useRecordsChanged';
import { LeaveRequestDialog } from './LeaveRequestDialog';
import { LeaveTable } from './LeaveTable';

/** 我的请假: the viewer's requests with their status; a pending one can be withdrawn. */
export function MyLeave() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [rows, setRows] = useState<LeaveRow[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [requesting, setRequesting] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    const res = await call('leave.list', { scope: 'mine', limit: 500 });
    setLoading(false);
    if (res.ok) {
      setRows(res.result.rows);
      setError(null);
    } else setError(errorText(res.error));
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useRecordsChanged(['leave'], () => void load());

  const cancel = async (l: LeaveRow) => {
    const res = await call('leave.cancel', { id: l.id });
    if (!res.ok) {
      message.error(errorText(res.error));
      return;
    }
    message.success(t('attendance.leave.cancelled'));
    void load();
  };

  return (
    <div data-testid="attendance-leave">
      <div className="toolbar">
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setRequesting(true)} data-testid="leave-request">
          {t('attendance.leave.request')}
        </Button>
      </div>
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      <LeaveTable
        rows={rows}
        loading={loading}
        who={false}
        testId="leave-mine"
        emptyText={t('attendance.leave.empty')}
        actions={(l) =>
          l.status === 'requested' && (
            <Popconfirm
              title={t('attendance.leave.cancelTitle')}
              okText={t('attendance.leave.cancel')}
              cancelText={t('common.cancel')}
              okButtonProps={{ ...{ 'data-testid': 'leave-cancel-ok' } }}
              onConfirm={() => cancel(l)}
            >
              <Button size="small" data-testid="leave-cancel">
                {t('attendance.leave.cancel')}
              </Button>
            </Popconfirm>
          )
        }
      />
      {requesting && (
        <LeaveRequestDialog
          onClose={() => setRequesting(false)}
          onRequested={() => {
            setRequesting(false);
            message.success(t('attendance.leave.requested'));
            void load();
          }}
        />
      )}
    </div>
  );
}
