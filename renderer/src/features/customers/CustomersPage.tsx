import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Drawer, Input, Table, type TableColumnsType, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerView as Customer } from '../../../../shared/api/types';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { dataCell } from '../../components/dataField';
import { MaskedContacts } from '../../components/RevealLink';
import { fmtDateTime } from '../../components/format';
import { useLeaveGuard } from '../../components/useLeaveGuard';
import { useRecordsChanged } from '../../components/useRecordsChanged';
import '../../i18n/lists';
import { mayTakeCalls, useRole } from '../auth/sessionStore';
import { CustomerEditor } from './CustomerEditor';

/**
 * 客户: the customers touched most recently, before anything is searched (the core audits and masks the
 * list as it does a search); a search by name, organisation or phone, or key accounts only, narrows it.
 */
export function CustomersPage() {
  const { t } = useTranslation();
  // Callback officers read customer files; the core lets only call takers write them.
  const canEdit = mayTakeCalls(useRole());
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [keyAccount, setKeyAccount] = useState(false);
  const [rows, setRows] = useState<Customer[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // undefined: closed; null: creating; a customer: editing it.
  const [editing, setEditing] = useState<Customer | null | undefined>(undefined);
  // Typing in the editor not yet saved: closing the drawer asks first.
  const [dirty, setDirty] = useState(false);
  const closeEditor = useLeaveGuard(dirty, () => {
    setDirty(false);
    setEditing(undefined);
  });

  useEffect(() => {
    const id = setTimeout(() => setQuery(q.trim()), 250);
    return () => clearTimeout(id);
  }, [q]);

  const search = useCallback(async () => {
    setLoading(true);
    const res = await call('customers.search', { ...(query ? { q: query } : {}), ...(keyAccount ? { keyAccount: true } : {}), limit: 100 });
    setLoading(false);
    if (res.ok) {
      setRows(res.result);
      setError(null);
    } else setError(errorText(res.error));
  }, [query, keyAccount]);

  useEffect(() => {
    void search();
  }, [search]);

  useRecordsChanged(['customer'], () => void search());

  const columns: TableColumnsType<Customer> = [
    {
      title: t('customers.name'),
      dataIndex: 'name',
      width: 200,
      render: (name: string, c) => (
        <span>
          <span data-data="">{name}</span>
          {c.keyAccount && (
            <Tag color="gold" className="tag-after">
              {t('customers.keyAccount')}
            </Tag>
          )}
        </span>
      ),
    },
    { title: t('customers.organisation'), dataIndex: 'organisation', ellipsis: true, onCell: dataCell },
    { title: t('customers.phones'), key: 'phones', width: 260, render: (_, c) => c.phones.map((p) => p.raw).join(',') },
    { title: t('customers.address'), dataIndex: 'address', ellipsis: true, onCell: dataCell },
    { title: t('customers.updatedAt'), dataIndex: 'updatedAt', width: 170, render: (v: string) => fmtDateTime(v) },
  ];

  return (
    <Card
      className="page-card"
      size="small"
      title={t('customers.title')}
      extra={
        canEdit && (
          <Button type="primary" icon={<PlusOutlined />} data-testid="customer-new" onClick={() => setEditing(null)}>
            {t('common.create')}
          </Button>
        )
      }
    >
      <div className="toolbar">
        <Input
          data-testid="customer-search"
          prefix={<SearchOutlined />}
          placeholder={t('customers.searchPh')}
          aria-label={t('common.search')}
          allowClear
          autoFocus
          style={{ width: 320 }}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onPressEnter={() => setQuery(q.trim())}
        />
        <Checkbox data-testid="customer-key-accounts" checked={keyAccount} onChange={(e) => setKeyAccount(e.target.checked)}>
          {t('lists.customersKeyOnly')}
        </Checkbox>
        {!query && <span className="muted" data-testid="customer-recent-note">{t('lists.customersRecent')}</span>}
      </div>
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      <Table<Customer>
        data-testid="customer-table"
        className="clickable-rows"
        size="small"
        rowKey="id"
        loading={loading}
        columns={columns}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: query || keyAccount ? t('customers.noResult') : t('lists.customersNone') }}
        onRow={(c) => ({
          onClick: () => setEditing(c),
          onKeyDown: (e) => {
            if (e.key === 'Enter') setEditing(c);
          },
          tabIndex: 0,
          'data-testid': 'customer-row',
        })}
      />
      <Drawer
        open={editing !== undefined}
        size={560}
        title={
          editing ? (
            <>
              {t('customers.edit')} · <span data-data="">{editing.name}</span>
            </>
          ) : (
            t('pop.newCustomer')
          )
        }
        onClose={closeEditor}
        destroyOnHidden
        data-testid="customer-drawer"
      >
        {editing && (
          <MaskedContacts
            entity="customer"
            id={editing.id}
            masked={editing.masked}
            values={{ phone: editing.phones.map((p) => p.raw).join('、'), address: editing.address }}
          />
        )}
        {editing !== undefined && (
          <CustomerEditor
            key={editing?.id ?? 'new'}
            customer={editing}
            readOnly={!canEdit}
            onDirtyChange={setDirty}
            onSaved={(c) => {
              setEditing(c);
              void search();
            }}
          />
        )}
      </Drawer>
    </Card>
  );
}
