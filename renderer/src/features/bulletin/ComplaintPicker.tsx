import { Alert, Button, Input, Modal, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrackingRow } from '../../../../shared/api';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { dataCell } from '../../components/dataField';
import { fmtMinute } from '../../components/format';
import { useLabel } from '../../i18n/labels';

export interface PickedComplaint {
  id: string;
  complaintNo: string;
  problem: string;
  handling: string;
}

/**
 * The period's complaints (registered in it, newest first, searchable) to pick a representative one
 * from. The pick reads the whole complaint: the list cuts the problem at 80 characters, the bulletin
 * takes it whole with its handling result.
 */
export function ComplaintPicker({ range, picked, onPick, onClose }: { range: { from: string; to: string }; picked: string[]; onPick: (c: PickedComplaint) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<TrackingRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(async () => {
      const res = await call('tracking.query', { from: range.from, to: range.to, q: q.trim() || undefined, sort: 'receivedAt', dir: 'desc', limit: 200 });
      if (!live) return;
      if (res.ok) {
        setRows(res.result.rows);
        setError(null);
      } else setError(errorText(res.error));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q, range.from, range.to]);

  const pick = async (r: TrackingRow) => {
    setBusy(r.id);
    const res = await call('complaints.get', { id: r.id });
    setBusy(null);
    if (!res.ok) return setError(errorText(res.error));
    const c = res.result.complaint;
    onPick({ id: c.id, complaintNo: c.complaintNo, problem: c.problem, handling: c.result || c.replyToCustomer || c.investigation });
  };

  const columns: ColumnsType<TrackingRow> = [
    { key: 'no', title: t('bulletin.picker.no'), dataIndex: 'complaintNo', width: 190, onCell: dataCell },
    { key: 'at', title: t('bulletin.picker.receivedAt'), width: 130, render: (_, r) => fmtMinute(r.receivedAt), onCell: dataCell },
    { key: 'who', title: t('bulletin.picker.complainant'), dataIndex: 'complainant', width: 100, ellipsis: true, onCell: dataCell },
    { key: 'problem', title: t('bulletin.picker.problem'), dataIndex: 'problem', ellipsis: true, onCell: dataCell },
    { key: 'status', title: t('bulletin.picker.status'), width: 90, render: (_, r) => label('complaintStatus', r.status) },
    {
      key: 'pick',
      title: '',
      width: 80,
      render: (_, r) =>
        picked.includes(r.id) ? (
          t('bulletin.picker.picked')
        ) : (
          <Button size="small" type="primary" loading={busy === r.id} onClick={() => void pick(r)} data-testid="bulletin-pick">
            {t('bulletin.picker.pick')}
          </Button>
        ),
    },
  ];

  return (
    <Modal open title={t('bulletin.picker.title')} onCancel={onClose} footer={null} width={960} data-testid="bulletin-picker">
      <Input.Search allowClear placeholder={t('bulletin.picker.search')} value={q} onChange={(e) => setQ(e.target.value)} data-testid="bulletin-picker-search" />
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      <Table<TrackingRow>
        size="small"
        rowKey="id"
        className="bulletin-picker-table"
        loading={rows === null}
        columns={columns}
        dataSource={rows ?? []}
        pagination={{ pageSize: 8, showSizeChanger: false }}
        locale={{ emptyText: t('bulletin.picker.empty') }}
        onRow={(r) => ({ 'data-testid': 'bulletin-picker-row', 'data-complaint-no': r.complaintNo }) as never}
      />
    </Modal>
  );
}
