import { LinkOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallSummary, Customer, LookupResult } from '../../../../shared/api/types';
import { fmtShort } from '../../components/format';
import { navigate } from '../../components/router';
import { NewCustomerForm } from './NewCustomerForm';
import { StatusTag } from './StatusTag';

interface Props {
  lookup: LookupResult | null;
  phone: string;
  /** The customer the active call is linked to, if any. */
  linkedId: string | null;
  /** Present while a call is active: linking fills the call-record form. */
  onLink?: (c: Customer) => void;
  /** Record ids to leave out of "recent calls" (the call in progress). */
  excludeId?: string | null;
  onCreated?: (c: Customer) => void;
}

/** The caller at a glance: who, from where, how often lately, what about. */
export function ScreenPop({ lookup, phone, linkedId, onLink, excludeId, onCreated }: Props) {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  if (!lookup) return null;
  const recent = lookup.recentCalls.filter((c) => c.id !== excludeId);
  const unknown = lookup.matches.length === 0;

  return (
    <Card
      size="small"
      data-testid="screen-pop"
      title={
        <Space wrap size={6}>
          <span>{t('pop.title')}</span>
          <Typography.Text strong>{lookup.phone}</Typography.Text>
          {lookup.matches.length > 1 && <Tag>{t('pop.matches', { n: lookup.matches.length })}</Tag>}
        </Space>
      }
      extra={<RepeatTag lookup={lookup} excludeId={excludeId} />}
      className="screen-pop"
    >
      {!lookup.valid && <Typography.Text type="warning">{t('pop.invalidNumber')}</Typography.Text>}
      {lookup.matches.map(({ customer, recentCalls }) => (
        <CustomerCard
          key={customer.id}
          customer={customer}
          calls={recentCalls.filter((c) => c.id !== excludeId)}
          linked={customer.id === linkedId}
          onLink={onLink}
        />
      ))}
      {unknown && !creating && (
        <div className="pop-unknown">
          <Typography.Text type="secondary">{t('pop.unknown')}</Typography.Text>
          <Button data-testid="new-customer-button" icon={<UserAddOutlined />} onClick={() => setCreating(true)}>
            {t('pop.newCustomer')}
          </Button>
        </div>
      )}
      {unknown && creating && (
        <NewCustomerForm
          phone={phone}
          onCancel={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            onCreated?.(c);
          }}
        />
      )}
      {unknown && (
        <div className="pop-section">
          <Typography.Text type="secondary">{t('pop.recent')}</Typography.Text>
          <RecentCalls calls={recent} />
        </div>
      )}
    </Card>
  );
}

export function RepeatTag({ lookup, excludeId }: { lookup: LookupResult; excludeId?: string | null }) {
  const { t } = useTranslation();
  // A lookup made after answering (resume, refresh) counts the call in progress; it is not a repeat.
  const self = excludeId && lookup.recentCalls.some((c) => c.id === excludeId) ? 1 : 0;
  const within24h = Math.max(0, lookup.repeat.within24h - self);
  const within48h = Math.max(0, lookup.repeat.within48h - self);
  if (within24h > 0)
    return (
      <Tag color="red" data-testid="repeat-tag">
        {t('pop.repeat24', { n: within24h })}
      </Tag>
    );
  if (within48h > 0)
    return (
      <Tag color="orange" data-testid="repeat-tag">
        {t('pop.repeat48', { n: within48h })}
      </Tag>
    );
  return null;
}

function CustomerCard({ customer: c, calls, linked, onLink }: { customer: Customer; calls: CallSummary[]; linked: boolean; onLink?: (c: Customer) => void }) {
  const { t } = useTranslation();
  return (
    <div className="pop-customer" data-testid="customer-card">
      <div className="pop-customer-head">
        <Typography.Text strong className="pop-customer-name">
          <span data-data="">{c.name}</span>
          {c.keyAccount && (
            <Tag color="gold" className="tag-after" data-testid="key-account-tag">
              {t('customers.keyAccount')}
            </Tag>
          )}
        </Typography.Text>
        {linked ? (
          <Tag color="green">{t('pop.linked')}</Tag>
        ) : (
          onLink && (
            <Button size="small" data-testid="link-customer-button" icon={<LinkOutlined />} onClick={() => onLink(c)}>
              {t('pop.link')}
            </Button>
          )
        )}
      </div>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'org', label: t('customers.organisation'), children: <span data-data="">{c.organisation || '—'}</span> },
          { key: 'addr', label: t('customers.address'), children: <span data-data="">{c.address || '—'}</span> },
          { key: 'phones', label: t('pop.phones'), children: c.phones.map((p) => p.raw).join(',') || '—' },
          ...(c.serviceRequirements
            ? [{ key: 'req', label: t('customers.serviceRequirements'), children: <span data-data="">{c.serviceRequirements}</span> }]
            : []),
          ...(c.notes ? [{ key: 'notes', label: t('customers.notes'), children: <span data-data="">{c.notes}</span> }] : []),
        ]}
      />
      <Typography.Text type="secondary">{t('pop.recent')}</Typography.Text>
      <RecentCalls calls={calls} />
    </div>
  );
}

function RecentCalls({ calls }: { calls: CallSummary[] }) {
  const { t } = useTranslation();
  if (!calls.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pop.noRecent')} className="pop-empty" />;
  return (
    <ul className="pop-recent" data-testid="recent-calls">
      {calls.slice(0, 8).map((c) => (
        <li key={c.id} className={c.voided ? 'voided-row' : undefined}>
          <Typography.Link onClick={() => navigate('records', c.id)}>{fmtShort(c.answeredAt)}</Typography.Link>{' '}
          {c.category && <Tag>{t(`categories.${c.category}`)}</Tag>}
          <StatusTag record={c} />{' '}
          <span className="muted" data-data="">
            {c.agentName}
          </span>
          {c.content && (
            <div className="pop-recent-content" data-data="">
              {c.content}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
