import { ApiOutlined, DisconnectOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Modal, Row, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../shared/api/envelope';
import type { SyncStatus } from '../../../../shared/api/types';
import { call } from '../../api/client';
import { errorText, fieldErrors } from '../../api/errors';
import { clearErrors, errorProps } from '../../components/FieldHelp';
import { fmtDateTime } from '../../components/format';
import { useNow } from '../../components/useNow';
import { i18n } from '../../i18n';
import { useSettings } from '../admin/settingsStore';
import { relative, SyncLabel } from './SyncIndicator';
import { syncState, useSync } from './syncStore';

/** The core explains refusals in English for the log; the administrator reads one of these. */
export function joinErrorText(error: ApiError): string {
  const msg = error.message ?? '';
  if (error.code === 'invalid_credentials') return i18n.t('hub.errors.invalidCredentials');
  if (error.code === 'forbidden' && /hub administrator/i.test(msg)) return i18n.t('hub.errors.notAdmin');
  if (error.code !== 'refused') return errorText(error);
  if (/cannot be reached/i.test(msg)) return i18n.t('hub.errors.unreachable');
  if (/newer Hotline Desk|upgrade/i.test(msg)) return i18n.t('hub.errors.upgrade');
  if (/already joined/i.test(msg)) return i18n.t('hub.errors.alreadyJoined');
  return i18n.t('hub.errors.refused', { msg: msg.replace(/^the hub refused:\s*/i, '') });
}

/** 设置 → 中心服务器: join this workstation to a hub, or see its sync state and leave. Admin only. */
export function HubCard() {
  const { t } = useTranslation();
  const status = useSync((s) => s.status);
  const state = status ? syncState(status) : null;
  return (
    <Card
      className="page-card hub-card"
      size="small"
      title={
        <span>
          <ApiOutlined /> {t('hub.title')}
        </span>
      }
      extra={
        status &&
        state && (
          <span data-testid="hub-status" data-state={state}>
            <SyncLabel status={status} state={state} />
          </span>
        )
      }
      data-testid="hub-card"
    >
      {!status ? <Skeleton active paragraph={{ rows: 2 }} /> : status.joined ? <JoinedHub status={status} /> : <JoinForm />}
    </Card>
  );
}

function JoinForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const put = useSync((s) => s.put);
  const [v, setV] = useState({ hubUrl: '', username: '', password: '', setupCode: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof v, value: string) => {
    setV((old) => ({ ...old, [k]: value }));
    setErrors((e) => clearErrors(e, [k]));
    setRefusal(null);
  };

  const check = (): Record<string, string> => {
    const out: Record<string, string> = {};
    const url = v.hubUrl.trim();
    if (!url) out.hubUrl = t('errors.fields.required');
    else if (!/^https?:\/\/[^\s/]+/i.test(url)) out.hubUrl = t('hub.errors.urlFormat');
    if (!v.username.trim()) out.username = t('errors.fields.required');
    if (!v.password) out.password = t('errors.fields.required');
    return out;
  };

  const submit = async () => {
    const local = check();
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    setRefusal(null);
    const setupCode = v.setupCode.trim();
    const res = await call('sync.join', {
      hubUrl: v.hubUrl.trim().replace(/\/+$/, ''),
      username: v.username.trim(),
      password: v.password,
      // Only an empty hub asks for it; it refuses a seed without it (setup_code_required, shown beside the field).
      ...(setupCode ? { setupCode } : {}),
    });
    setBusy(false);
    if (!res.ok) {
      const fields = fieldErrors(res.error);
      setErrors(fields);
      if (!Object.keys(fields).length) setRefusal(joinErrorText(res.error));
      return;
    }
    put(res.result);
    // The hub's organisation settings replace ours on joining.
    void useSettings.getState().load();
    message.success(t('hub.joined'));
  };

  return (
    <Form layout="vertical" onFinish={() => void submit()} className="hub-form" data-testid="hub-form">
      <Typography.Paragraph type="secondary">{t('hub.intro')}</Typography.Paragraph>
      {refusal && <Alert type="error" showIcon title={<span data-testid="hub-error">{refusal}</span>} className="form-alert" />}
      <Form.Item label={t('hub.url')} required {...errorProps(errors, 'hubUrl', t('hub.urlHelp'))}>
        <Input data-testid="hub-url" placeholder={t('hub.urlPh')} value={v.hubUrl} onChange={(e) => set('hubUrl', e.target.value)} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label={t('hub.username')} required {...errorProps(errors, 'username', t('hub.usernameHelp'))}>
            <Input data-testid="hub-username" autoComplete="username" value={v.username} onChange={(e) => set('username', e.target.value)} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label={t('hub.password')} required {...errorProps(errors, 'password')}>
            <Input.Password
              data-testid="hub-password"
              autoComplete="current-password"
              value={v.password}
              onChange={(e) => set('password', e.target.value)}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('hub.setupCode')} {...errorProps(errors, 'setupCode', t('hub.setupCodeHelp'))}>
        <Input
          data-testid="hub-setup-code"
          placeholder={t('hub.setupCodePh')}
          autoComplete="off"
          value={v.setupCode}
          onChange={(e) => set('setupCode', e.target.value)}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} autoInsertSpace={false} data-testid="hub-join" icon={<ApiOutlined />}>
        {t('hub.join')}
      </Button>
    </Form>
  );
}

function JoinedHub({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const syncing = useSync((s) => s.syncing);
  const syncNow = useSync((s) => s.syncNow);
  const put = useSync((s) => s.put);
  const now = useNow(true, 30_000);
  const [confirm, setConfirm] = useState(false);
  const [leaving, setLeaving] = useState(false);

  const runNow = async () => {
    const res = await syncNow();
    if (!res.ok) message.error(t('sync.nowFailed', { msg: errorText(res.error) }));
    else if (res.status.error) message.warning(t('sync.nowFailed', { msg: t(`sync.states.${syncState(res.status)}`) }));
    else message.success(t('sync.nowDone'));
  };

  const leave = async () => {
    setLeaving(true);
    const res = await call('sync.leave', {});
    setLeaving(false);
    if (!res.ok) {
      message.error(errorText(res.error));
      return;
    }
    setConfirm(false);
    put(res.result);
    void useSettings.getState().load();
    message.success(t('hub.left'));
  };

  return (
    <>
      <Descriptions size="small" column={2} bordered className="hub-details" styles={{ label: { whiteSpace: 'nowrap', width: 120 } }}>
        <Descriptions.Item label={t('hub.address')} span={2}>
          <Typography.Text copyable data-testid="hub-address">
            {status.hubUrl}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('sync.pendingLabel')}>{status.pending}</Descriptions.Item>
        <Descriptions.Item label={t('sync.conflictsLabel')}>{status.conflicts}</Descriptions.Item>
        <Descriptions.Item label={t('sync.lastSyncLabel')} span={2}>
          {status.lastSyncAt ? `${fmtDateTime(status.lastSyncAt)} · ${relative(status.lastSyncAt, now)}` : t('sync.never')}
        </Descriptions.Item>
        {status.error && (
          <Descriptions.Item label={t('sync.errorLabel')} span={2}>
            {/* The engine's message is English, for the log; the card says what happened and what to do. */}
            <Typography.Text type="danger" data-testid="hub-status-error">
              {t(`sync.errorWords.${status.upgradeRequired ? 'upgrade' : status.online ? 'error' : 'offline'}`)}
            </Typography.Text>
          </Descriptions.Item>
        )}
      </Descriptions>
      <Space className="hub-actions">
        {!status.upgradeRequired && (
          <Button type="primary" icon={<SyncOutlined spin={syncing} />} loading={syncing} data-testid="hub-sync-now" onClick={() => void runNow()}>
            {t('sync.now')}
          </Button>
        )}
        <Button danger icon={<DisconnectOutlined />} data-testid="hub-leave" onClick={() => setConfirm(true)}>
          {t('hub.leave')}
        </Button>
      </Space>
      <Modal
        open={confirm}
        title={t('hub.leaveTitle')}
        okText={t('hub.leaveConfirm')}
        okButtonProps={{ danger: true, loading: leaving, autoInsertSpace: false, ...{ 'data-testid': 'hub-leave-confirm' } }}
        cancelText={t('common.cancel')}
        onOk={() => void leave()}
        onCancel={() => setConfirm(false)}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('hub.leaveWarn')}</Typography.Paragraph>
        {status.pending > 0 && <Typography.Paragraph type="warning">{t('hub.leavePending', { n: status.pending })}</Typography.Paragraph>}
      </Modal>
    </>
  );
}
