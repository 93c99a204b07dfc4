import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BulletinVersionSummary } from '../../../../shared/api/bulletinTypes';
import { dataCell } from '../../components/dataField';
import { fmtDateTime } from '../../components/format';
import { navigate } from '../../components/router';
import { downloadXlsx, openPrint } from './output';

/** The published versions of a period, newest first: each opens frozen, read-only, and prints or downloads as published. */
export function VersionsList({ versions }: { versions: BulletinVersionSummary[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rows = [...versions].sort((a, b) => b.number - a.number);
  return (
    <Table<BulletinVersionSummary>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={rows}
      data-testid="bulletin-versions"
      locale={{ emptyText: t('bulletin.version.none') }}
      onRow={(v) => ({ 'data-testid': 'bulletin-version-row', 'data-number': v.number }) as never}
      columns={[
        { key: 'n', title: t('bulletin.version.column'), width: 120, render: (_, v) => t('bulletin.version.number', { n: v.number }) },
        { key: 'by', title: t('bulletin.version.publishedBy'), dataIndex: 'publishedBy', width: 160, onCell: dataCell },
        { key: 'at', title: t('bulletin.version.publishedAt'), width: 200, render: (_, v) => fmtDateTime(v.publishedAt), onCell: dataCell },
        {
          key: 'actions',
          title: t('common.actions'),
          render: (_, v) => (
            <Space>
              <Button size="small" type="link" onClick={() => navigate('bulletin', v.id)} data-testid="bulletin-version-open">
                {t('bulletin.actions.open')}
              </Button>
              <Button size="small" icon={<PrinterOutlined />} onClick={() => openPrint({ versionId: v.id })}>
                {t('bulletin.actions.print')}
              </Button>
              <Button
                size="small"
                icon={<DownloadOutlined />}
                onClick={async () => {
                  const r = await downloadXlsx({ versionId: v.id });
                  (r.ok ? message.success : message.error)(r.text);
                }}
              >
                {t('bulletin.actions.xlsx')}
              </Button>
            </Space>
          ),
        },
      ]}
    />
  );
}
