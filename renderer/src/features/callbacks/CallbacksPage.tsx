import { ImportOutlined } from '@ant-design/icons';
import { Button, Card, Space, Tabs, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isSupervisor } from '../../../../shared/domain/roles';
import { useRole } from '../auth/sessionStore';
import { CallbackQueue, type Scope } from './CallbackQueue';
import { CallbackScreen } from './CallbackScreen';
import { useCallbackCounts } from './countsStore';
import { ImportDialog } from './ImportDialog';
import { DEFAULT_QUEUE_FILTERS, type QueueFilters, queueLinkFromQuery } from './queueQuery';

// Coming back from a callback returns to the tab the user left.
let lastTab: Scope = 'mine';

/**
 * 回访 (#/callbacks, #/callbacks/<id>): the queue by due time; a row opens the callback screen. A hash query
 * (#/callbacks?scope=all&dueBy=…, the board's drill-downs) picks the tab and filters; see queueQuery.ts.
 */
export function CallbacksPage({ openId, query = '' }: { openId: string | null; query?: string }) {
  const { t } = useTranslation();
  const role = useRole();
  const lead = !!role && isSupervisor(role);
  const counts = useCallbackCounts((s) => s.counts);
  const [tab, setTab] = useState<Scope>(() => {
    const linked = queueLinkFromQuery(query, lead)?.tab;
    if (linked) lastTab = linked;
    return linked ?? (lead ? lastTab : 'mine');
  });
  const [filters, setFilters] = useState<QueueFilters>(() => queueLinkFromQuery(query, lead)?.filters ?? DEFAULT_QUEUE_FILTERS);
  const [importing, setImporting] = useState(false);
  // A finished import reloads the queue by remounting it.
  const [rev, setRev] = useState(0);

  // A new link replaces tab and filters; opening a callback and coming back (no query, or Back to the same
  // one) keeps them as the user left them.
  const applied = useRef(query);
  useEffect(() => {
    if (!query || query === applied.current) return;
    applied.current = query;
    const link = queueLinkFromQuery(query, lead);
    if (!link) return;
    if (link.tab) {
      lastTab = link.tab;
      setTab(link.tab);
    }
    setFilters(link.filters);
  }, [query, lead]);

  if (openId) return <CallbackScreen key={openId} id={openId} />;

  const tabs: { key: Scope; label: string }[] = [
    { key: 'mine', label: t('callback.tabs.mine') },
    ...(lead
      ? ([
          { key: 'all', label: t('callback.tabs.all') },
          { key: 'unassigned', label: t('callback.tabs.unassigned') },
        ] as const)
      : []),
  ];

  return (
    <Card
      className="page-card"
      size="small"
      title={
        <Space size={12}>
          {t('callback.title')}
          {counts && (
            <span className="callback-counts" data-testid="callback-counts">
              <Tag>{t('callback.counts.open', { n: counts.open })}</Tag>
              <Tag color={counts.dueToday ? 'orange' : undefined}>{t('callback.counts.dueToday', { n: counts.dueToday })}</Tag>
              <Tag color={counts.overdue ? 'red' : undefined} data-testid="callback-count-overdue">
                {t('callback.counts.overdue', { n: counts.overdue })}
              </Tag>
              <Tag color="blue">{t('callback.counts.mine', { n: counts.mine })}</Tag>
            </span>
          )}
        </Space>
      }
      extra={
        lead && (
          <Button icon={<ImportOutlined />} data-testid="callback-import-button" onClick={() => setImporting(true)}>
            {t('callback.import.button')}
          </Button>
        )
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          lastTab = k as Scope;
          setTab(k as Scope);
          setFilters(DEFAULT_QUEUE_FILTERS); // another tab starts unfiltered, as it always has
        }}
        items={tabs.map((x) => ({
          key: x.key,
          label: <span data-testid={`callback-tab-${x.key}`}>{x.label}</span>,
          children: tab === x.key ? <CallbackQueue key={`${x.key}-${rev}`} scope={x.key} lead={lead} filters={filters} onFilters={setFilters} /> : null,
        }))}
      />
      {importing && <ImportDialog onClose={() => setImporting(false)} onImported={() => setRev((r) => r + 1)} />}
    </Card>
  );
}
