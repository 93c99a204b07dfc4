import { Button, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { KeyAccountEntry } from '../../../../shared/api/bulletinTypes';
import { fmtMinute } from '../../components/format';

/** What the records of the period say about key accounts, beside the box the lead writes their needs in; 引用 quotes one into it. */
export function KeyAccountsPanel({ entries, total, onQuote }: { entries: KeyAccountEntry[]; total: number; onQuote?: (text: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className="bulletin-key-accounts" data-testid="bulletin-key-accounts">
      <Typography.Text strong>{t('bulletin.keyAccounts.title', { n: total })}</Typography.Text>
      {total > entries.length && (
        <Typography.Text type="secondary" className="bulletin-key-shown">
          {t('bulletin.keyAccounts.shown', { total, n: entries.length })}
        </Typography.Text>
      )}
      <List<KeyAccountEntry>
        size="small"
        dataSource={entries}
        locale={{ emptyText: t('bulletin.keyAccounts.empty') }}
        renderItem={(e) => (
          <List.Item
            actions={
              onQuote
                ? [
                    <Button key="q" size="small" type="link" onClick={() => onQuote(`${e.organisation || e.customerName}:${e.text}`)} data-testid="bulletin-quote">
                      {t('bulletin.keyAccounts.quote')}
                    </Button>,
                  ]
                : []
            }
          >
            <div>
              <div>
                <Tag>{t(`bulletin.keyAccounts.${e.kind}`)}</Tag>
                <Typography.Link href={`#/${e.kind === 'call' ? 'records' : 'complaints'}/${encodeURIComponent(e.id)}`} data-data="">
                  {e.recordNo}
                </Typography.Link>{' '}
                <Typography.Text type="secondary" data-data="">
                  {fmtMinute(e.at)} · {e.organisation || e.customerName}
                </Typography.Text>
              </div>
              <div className="bulletin-key-text" data-data="">
                {e.text}
              </div>
            </div>
          </List.Item>
        )}
      />
    </div>
  );
}
