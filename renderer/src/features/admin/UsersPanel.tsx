import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Select, Space, Switch, Table, type TableColumnsType, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../shared/api/types';
import { ROLES, type Role } from '../../../../shared/domain/roles';
import { api } from '../../../../shared/api/contract';
import { call } from '../../api/client';
import { checkAll, focusFirstError } from '../../api/validate';
import { errorText, fieldErrors } from '../../api/errors';
import { clearErrors, errorProps } from '../../components/FieldHelp';
import { dataCell } from '../../components/dataField';
import { fmtDateTime } from '../../components/format';
import { useRecordsChanged } from '../../components/useRecordsChanged';

/** Users and roles. Accounts are disabled, never deleted: history rows keep pointing at them. */
export function UsersPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [users, setUsers] = useState<User[]>([]);
  const [loading, setLoading] = useState(false);
  // undefined: closed; null: creating; a user: editing.
  const [editing, setEditing] = useState<User | null | undefined>(undefined);

  const load = useCallback(async () => {
    setLoading(true);
    const res = await call('users.list', {});
    setLoading(false);
    if (res.ok) setUsers(res.result);
    else message.error(errorText(res.error));
  }, [message]);

  useEffect(() => {
    void load();
  }, [load]);
  useRecordsChanged(['user'], () => void load());

  // 10 wrong passwords lock a login on this workstation for a while; an administrator can lift it now.
  const unlock = async (u: User) => {
    const res = await call('users.unlock', { id: u.id });
    if (!res.ok) message.error(errorText(res.error));
    else if (res.result.unlocked) message.success(t('lock.unlocked'));
    else message.info(t('lock.notLocked'));
  };

  const columns: TableColumnsType<User> = [
    { title: t('users.username'), dataIndex: 'username', width: 140 },
    { title: t('users.displayName'), dataIndex: 'displayName', width: 140, onCell: dataCell },
    { title: t('users.role'), dataIndex: 'role', width: 120, render: (r: Role) => t(`roles.${r}`) },
    {
      title: t('users.status'),
      dataIndex: 'active',
      width: 90,
      render: (a: boolean) => (a ? <Tag color="green">{t('users.active')}</Tag> : <Tag>{t('users.inactive')}</Tag>),
    },
    { title: t('customers.updatedAt'), dataIndex: 'updatedAt', render: (v: string) => fmtDateTime(v) },
    {
      title: t('common.actions'),
      key: 'edit',
      width: 200,
      render: (_, u) => (
        <Space size={4}>
          <Button size="small" data-testid={`user-edit-${u.username}`} onClick={() => setEditing(u)}>
            {t('common.edit')}
          </Button>
          <Button size="small" data-testid={`user-unlock-${u.username}`} onClick={() => void unlock(u)}>
            {t('lock.unlockUser')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <div className="toolbar">
        <Button type="primary" icon={<PlusOutlined />} data-testid="user-create" onClick={() => setEditing(null)}>
          {t('users.create')}
        </Button>
      </div>
      <Table<User> data-testid="users-table" size="small" rowKey="id" loading={loading} columns={columns} dataSource={users} pagination={false} />
      {editing !== undefined && (
        <UserModal
          user={editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            void load();
          }}
        />
      )}
    </>
  );
}

function UserModal({ user, onClose, onSaved }: { user: User | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [v, setV] = useState({
    username: user?.username ?? '',
    displayName: user?.displayName ?? '',
    role: (user?.role ?? 'agent') as Role,
    active: user?.active ?? true,
    password: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => {
    setV((old) => ({ ...old, [k]: value }));
    setErrors((e) => clearErrors(e, [k]));
  };

  const submit = async () => {
    const update = user && {
      id: user.id,
      displayName: v.displayName,
      role: v.role,
      active: v.active,
      // An empty box means "keep the password", not "set an empty one".
      ...(v.password ? { password: v.password } : {}),
    };
    const create = { username: v.username, displayName: v.displayName, role: v.role, password: v.password };
    // Every problem at once, by the contract's own rules, before anything is sent.
    const local = update ? checkAll(api['users.update'].params, update) : checkAll(api['users.create'].params, create);
    if (local) {
      setErrors(fieldErrors(local));
      focusFirstError(document.querySelector('[data-testid="user-form"]'));
      return;
    }
    setBusy(true);
    const res = update ? await call('users.update', update) : await call('users.create', create);
    setBusy(false);
    if (!res.ok) {
      setErrors(fieldErrors(res.error));
      message.error(errorText(res.error));
      focusFirstError(document.querySelector('[data-testid="user-form"]'));
      return;
    }
    message.success(t(user ? 'users.saved' : 'users.created'));
    onSaved();
  };

  return (
    <Modal
      open
      title={user ? `${t('users.edit')} · ${user.username}` : t('users.create')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, ...{ 'data-testid': 'user-save' } }}
      destroyOnHidden
    >
      <Form layout="vertical" onFinish={() => void submit()} data-testid="user-form">
        <Form.Item label={t('users.username')} required={!user} {...errorProps(errors, 'username')}>
          <Input data-testid="user-username" autoFocus={!user} disabled={!!user} value={v.username} onChange={(e) => set('username', e.target.value)} />
        </Form.Item>
        <Form.Item label={t('users.displayName')} required {...errorProps(errors, 'displayName')}>
          <Input data-testid="user-displayName" value={v.displayName} onChange={(e) => set('displayName', e.target.value)} />
        </Form.Item>
        <Form.Item label={t('users.role')} required {...errorProps(errors, 'role')}>
          <Select
            data-testid="user-role"
            value={v.role}
            onChange={(r: Role) => set('role', r)}
            options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          />
        </Form.Item>
        {user && (
          <Form.Item label={t('users.status')}>
            <Switch
              data-testid="user-active"
              checked={v.active}
              checkedChildren={t('users.active')}
              unCheckedChildren={t('users.inactive')}
              onChange={(c) => set('active', c)}
            />
          </Form.Item>
        )}
        <Form.Item label={user ? t('users.newPassword') : t('users.password')} required={!user} {...errorProps(errors, 'password')}>
          <Input.Password
            data-testid="user-password"
            autoComplete="new-password"
            placeholder={user ? t('users.newPasswordPh') : undefined}
            value={v.password}
            onChange={(e) => set('password', e.target.value)}
          />
        </Form.Item>
        {/* Enter in any box submits, like the other forms. */}
        <button type="submit" hidden aria-hidden />
      </Form>
    </Modal>
  );
}
