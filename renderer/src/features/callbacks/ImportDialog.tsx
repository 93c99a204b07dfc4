import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Modal, Radio, Result, Table, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../shared/api/envelope';
import type { CallbackImportReport, ImportRefusal } from '../../../../shared/api/types';
import { CALLBACK_IMPORT_COLUMNS, type CallbackImportColumn, IMPORTED_CALLBACK_KINDS } from '../../../../shared/domain/callback';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { i18n } from '../../i18n';

type Kind = (typeof IMPORTED_CALLBACK_KINDS)[number];

/** The contract takes at most 5 MB of base64, i.e. 3.75 MB of file; a customer list is far smaller. */
export const MAX_FILE_BYTES = Math.floor((5 * 1024 * 1024 * 3) / 4) - 1024;

/** The file's bytes as base64, read in the page: the core never reads the user's disk for this. */
export function readBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}

/** A refused row's reason in Chinese by its code; an unknown code shows the core's English reason. */
export function refusalReason(r: Pick<ImportRefusal, 'code' | 'reason'>): string {
  const key = `callback.import.codes.${r.code}`;
  return i18n.exists(key) ? i18n.t(key) : i18n.t('callback.import.codes.other', { reason: r.reason });
}

/** Why a whole file was refused, by the field and code of the core's issue (fileName / base64). */
export function fileErrorText(error: ApiError): string {
  const issue = error.fields?.[0];
  if (error.code === 'invalid_params' && issue) {
    const key = `callback.import.fileErrors.${issue.field}.${issue.code}`;
    const max = issue.params?.maximum;
    if (i18n.exists(key)) return i18n.t(key, { phones: CALLBACK_IMPORT_COLUMNS.phone.join(' / '), max });
  }
  return error.code === 'invalid_params' || error.code === 'refused' ? i18n.t('callback.import.refused') : errorText(error);
}

/** 导入回访名单 (leads): pre-sale or after-sale list from .xlsx or CSV; good rows in, bad rows reported. */
export function ImportDialog({ onClose, onImported }: { onClose: () => void; onImported: (r: CallbackImportReport) => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('aftersale');
  const [file, setFile] = useState<File | null>(null);
  const [defaultDue, setDefaultDue] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const [detail, setDetail] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<CallbackImportReport | null>(null);

  const submit = async () => {
    if (!file) {
      setAlert(t('callback.import.noFile'));
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      setAlert(t('callback.import.tooLarge'));
      return;
    }
    setBusy(true);
    let base64: string;
    try {
      base64 = await readBase64(file);
    } catch {
      setBusy(false);
      setAlert(t('callback.import.unreadable'));
      return;
    }
    if (!base64) {
      setBusy(false);
      setAlert(t('callback.import.empty'));
      return;
    }
    const res = await call('callbacks.import', { kind, fileName: file.name, base64, ...(defaultDue ? { defaultDueAt: defaultDue } : {}) });
    setBusy(false);
    if (!res.ok) {
      // A file the core cannot read at all (wrong type, no phone column, no rows) is refused as a whole;
      // the core's own sentence is kept underneath for whoever fixes the file.
      setAlert(fileErrorText(res.error));
      // Only in English: the core's sentence is English, and no English sentence reaches a Chinese screen.
      const english = i18n.language.startsWith('en');
      setDetail(english && (res.error.code === 'invalid_params' || res.error.code === 'refused') ? res.error.message : null);
      return;
    }
    setAlert(null);
    setDetail(null);
    setReport(res.result);
    onImported(res.result);
  };

  return (
    <Modal
      open
      width={760}
      title={t('callback.import.title')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        report
          ? [
              <Button key="close" type="primary" onClick={onClose} data-testid="callback-import-close">
                {t('common.close')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={onClose}>
                {t('common.cancel')}
              </Button>,
              <Button key="ok" type="primary" loading={busy} onClick={() => void submit()} data-testid="callback-import-submit">
                {t('callback.import.submit')}
              </Button>,
            ]
      }
    >
      <div data-testid="callback-import">
        {alert && (
          <Alert
            type="error"
            showIcon
            title={alert}
            description={detail ? <span className="muted">{detail}</span> : undefined}
            className="form-alert"
            data-testid="callback-import-error"
          />
        )}
        {report ? (
          <ImportReport report={report} />
        ) : (
          <Form layout="vertical" component="div">
            <Form.Item label={t('callback.import.kind')} required>
              <Radio.Group
                data-testid="callback-import-kind"
                optionType="button"
                value={kind}
                onChange={(e) => setKind(e.target.value as Kind)}
                options={IMPORTED_CALLBACK_KINDS.map((k) => ({ value: k, label: t(`callback.kinds.${k}`) }))}
              />
            </Form.Item>
            <Form.Item label={t('callback.import.file')} required extra={<ColumnHelp />}>
              <Upload
                accept=".xlsx,.csv"
                maxCount={1}
                beforeUpload={(f) => {
                  setFile(f);
                  setAlert(null);
                  setDetail(null);
                  return false;
                }}
                onRemove={() => setFile(null)}
                fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
              >
                <Button icon={<UploadOutlined />} data-testid="callback-import-pick">
                  {t('callback.import.pick')}
                </Button>
              </Upload>
            </Form.Item>
            <Form.Item label={t('callback.import.defaultDue')} extra={t('callback.import.defaultDueHelp')}>
              <DatePicker
                data-testid="callback-import-defaultDue"
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                value={defaultDue ? dayjs(defaultDue) : null}
                onChange={(d) => setDefaultDue(d?.isValid() ? d.toISOString() : null)}
              />
            </Form.Item>
          </Form>
        )}
      </div>
    </Modal>
  );
}

/** Which columns are read, by header name, from CALLBACK_IMPORT_COLUMNS (so the help cannot drift from the importer). */
function ColumnHelp() {
  const { t } = useTranslation();
  return (
    <div className="import-help" data-testid="callback-import-help">
      <div>{t('callback.import.columnsIntro')}</div>
      <ul>
        {(Object.keys(CALLBACK_IMPORT_COLUMNS) as CallbackImportColumn[]).map((k) => (
          <li key={k}>
            <strong>{t(`callback.import.columns.${k}`)}</strong>
            {k === 'phone' && <span className="import-required">{t('callback.import.required')}</span>}:{CALLBACK_IMPORT_COLUMNS[k].join(' / ')}
          </li>
        ))}
      </ul>
      <div>{t('callback.import.dateFormats')}</div>
    </div>
  );
}

function ImportReport({ report }: { report: CallbackImportReport }) {
  const { t } = useTranslation();
  const refused = report.refused;
  return (
    <div data-testid="callback-import-report" data-imported={report.imported} data-refused={refused.length}>
      <Result
        status={refused.length ? 'warning' : 'success'}
        title={t('callback.import.done', { imported: report.imported, total: report.totalRows })}
        subTitle={refused.length ? t('callback.import.someRefused', { n: refused.length }) : t('callback.import.noneRefused')}
        className="import-result"
      />
      {refused.length > 0 && (
        <Table<ImportRefusal>
          data-testid="callback-import-refused"
          size="small"
          rowKey={(r) => `${r.row}-${r.code}`}
          pagination={refused.length > 10 ? { pageSize: 10 } : false}
          dataSource={refused}
          onRow={(r) => ({ 'data-testid': 'import-refused-row', 'data-row': r.row, 'data-code': r.code }) as object}
          columns={[
            { title: t('callback.import.row'), dataIndex: 'row', width: 80 },
            { title: t('callback.import.reason'), dataIndex: 'code', width: 220, render: (_: unknown, r) => refusalReason(r) },
            {
              title: t('callback.import.values'),
              dataIndex: 'values',
              render: (v: Record<string, string>) =>
                Object.entries(v)
                  .filter(([, x]) => x)
                  .map(([k, x]) => `${i18n.exists(`callback.import.columns.${k}`) ? t(`callback.import.columns.${k}`) : k}:${x}`)
                  .join(';'),
            },
          ]}
        />
      )}
    </div>
  );
}
