import { SearchOutlined } from '@ant-design/icons';
import { Alert, App, Form, Input, Modal, Radio, Table, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QA_RECORD_KINDS, type QaRecordKind } from '../../../../shared/domain/quality';
import { call } from '../../api/client';
import { errorText, fieldErrors } from '../../api/errors';
import { dataCell } from '../../components/dataField';
import { errorProps } from '../../components/FieldHelp';
import { fmtMinute } from '../../components/format';
import { useLabel } from '../../i18n/labels';
import { monthRange } from './labels';

/** One record found, whatever its kind, as the dialog lists it. */
export interface FoundRecord {
  id: string;
  no: string;
  at: string | null;
  who: string;
  agent: string;
  text: string;
}

/** The lists without a date filter are read this deep and kept to the month here; a number or a name finds older ones. */
const UNDATED_LIMIT = 200;

/**
 * Finds records of a kind through the lists the other screens use: calls of the month, complaints received
 * in it, callbacks done in it (the core adds only a record of the sample's month).
 */
export async function findRecords(kind: QaRecordKind, q: string, month: string): Promise<{ rows: FoundRecord[]; error: string | null }> {
  const query = q.trim() || undefined;
  const range = monthRange(month);
  const inMonth = (r: FoundRecord) => !!r.at && r.at >= range.from && r.at <= range.to;
  if (kind === 'call') {
    const res = await call('calls.list', { q: query, ...range, limit: 20 });
    if (!res.ok) return { rows: [], error: errorText(res.error) };
    return { rows: res.result.rows.map((r) => ({ id: r.id, no: r.recordNo, at: r.answeredAt, who: r.callerName, agent: r.agentName, text: r.content })), error: null };
  }
  if (kind === 'complaint') {
    const res = await call('complaints.list', { q: query, limit: UNDATED_LIMIT });
    if (!res.ok) return { rows: [], error: errorText(res.error) };
    // The list names the handler, not the agent who took the complaint (whose sample it joins): left blank.
    const rows = res.result.rows.map((r) => ({ id: r.id, no: r.complaintNo, at: r.receivedAt, who: r.complainant, agent: '', text: r.problem }));
    return { rows: rows.filter(inMonth).slice(0, 50), error: null };
  }
  const res = await call('callbacks.queue', { scope: 'all', status: 'done', q: query, limit: UNDATED_LIMIT });
  if (!res.ok) return { rows: [], error: errorText(res.error) };
  const rows = res.result.rows.map((r) => ({ id: r.id, no: '', at: r.doneAt, who: r.name, agent: r.assigneeName, text: r.subject }));
  return { rows: rows.filter(inMonth).slice(0, 50), error: null };
}

/** 手工加入: a record a lead wants looked at (a complaint that went badly), found by number or name, with the reason. */
export function AddDialog({ month, onClose, onDone }: { month: string; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { label } = useLabel();
  const [kind, setKind] = useState<QaRecordKind>('complaint');
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<FoundRecord[]>([]);
  const [searching, setSearching] = useState(false);
  const [picked, setPicked] = useState<FoundRecord | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const search = useCallback(async (k: QaRecordKind, text: string) => {
    setSearching(true);
    const res = await findRecords(k, text, month);
    setSearching(false);
    setRows(res.rows);
    setAlert(res.error);
  }, [month]);

  useEffect(() => {
    void search(kind, '');
  }, [kind, search]);

  const submit = async () => {
    const local: Record<string, string> = {};
    if (!picked) local.recordId = t('quality.add.needRecord');
    if (!reason.trim()) local.reason = t('errors.fields.required');
    if (Object.keys(local).length) {
      setErrors(local);
      return;
    }
    if (!picked) return;
    setBusy(true);
    const res = await call('qa.add', { month, kind, recordId: picked.id, reason: reason.trim() });
    setBusy(false);
    if (!res.ok) {
      // The core's two refusals of a record say what is wrong with it, in the dialog's words.
      const issue = res.error.fields?.find((f) => f.field === 'recordId');
      const words = issue?.code === 'duplicate' ? t('quality.add.already') : issue?.code === 'out_of_range' ? t('quality.add.notOfMonth', { month }) : null;
      setErrors({ ...fieldErrors(res.error), ...(words ? { recordId: words } : {}) });
      setAlert(errorText(res.error));
      return;
    }
    message.success(t('quality.add.done', { no: res.result.recordNo || picked.who }));
    onDone();
  };

  const columns: TableColumnsType<FoundRecord> = [
    { title: t('quality.items.recordNo'), dataIndex: 'no', width: 180, onCell: dataCell },
    { title: t('quality.items.at'), dataIndex: 'at', width: 140, render: (v: string | null) => fmtMinute(v) },
    { title: t('callback.fields.customer'), dataIndex: 'who', width: 100, onCell: dataCell, ellipsis: true },
    { title: t('quality.items.agent'), dataIndex: 'agent', width: 80, onCell: dataCell, ellipsis: true },
    { title: t('quality.findings.text'), dataIndex: 'text', onCell: dataCell, ellipsis: true },
  ];

  return (
    <Modal
      open
      width={820}
      title={t('quality.add.title', { month })}
      okText={t('quality.add.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, ...{ 'data-testid': 'qa-add-submit' } }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {alert && <Alert type="error" showIcon title={alert} className="form-alert" data-testid="qa-add-error" />}
      <Form layout="vertical" component="div">
        <Form.Item label={t('quality.add.kind')}>
          <Radio.Group
            data-testid="qa-add-kind"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value);
              setPicked(null);
              setQ('');
            }}
            options={QA_RECORD_KINDS.map((k) => ({ value: k, label: label('qaRecordKind', k) }))}
            optionType="button"
          />
        </Form.Item>
        <Form.Item label={t('quality.add.search')} required {...errorProps(errors, 'recordId')}>
          <Input.Search
            data-testid="qa-add-search"
            allowClear
            enterButton={<SearchOutlined />}
            placeholder={t(`quality.add.searchPh.${kind}`)}
            value={q}
            loading={searching}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => void search(kind, v)}
          />
        </Form.Item>
        <Table<FoundRecord>
          data-testid="qa-add-results"
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ y: 220 }}
          loading={searching}
          rowSelection={{
            type: 'radio',
            selectedRowKeys: picked ? [picked.id] : [],
            onChange: (_keys, sel) => {
              setPicked(sel[0] ?? null);
              setErrors((e) => ({ ...e, recordId: '' }));
            },
          }}
          onRow={(r) => ({ onClick: () => setPicked(r), 'data-testid': 'qa-add-row' }) as never}
          locale={{ emptyText: t('quality.add.noResults') }}
        />
        <Form.Item label={t('quality.add.reason')} required className="qa-add-reason" {...errorProps(errors, 'reason')}>
          <Input.TextArea
            data-testid="qa-add-reason"
            value={reason}
            placeholder={t('quality.add.reasonPh')}
            onChange={(e) => setReason(e.target.value)}
            autoSize={{ minRows: 2, maxRows: 4 }}
            maxLength={500}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
