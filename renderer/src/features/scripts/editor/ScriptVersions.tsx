import { Alert, Button, Modal, Skeleton, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScriptSummary } from '../../../../../shared/api/types';
import { type ScriptVersion, scriptVariables } from '../../../../../shared/domain/script';
import { call } from '../../../api/client';
import { errorText } from '../../../api/errors';
import { dataCell } from '../../../components/dataField';
import '../../../i18n/lists';
import { fmtDateTime } from '../../../components/format';
import { useSettings } from '../../admin/settingsStore';
import { ScriptRunner } from '../ScriptRunner';

/** 版本记录: every published version (and the built-in one), the active one marked; older ones open read-only. */
export function ScriptVersions({ versions, onUseAsBase }: { versions: ScriptSummary[]; onUseAsBase: (v: ScriptVersion) => void }) {
  const { t } = useTranslation();
  const [viewing, setViewing] = useState<string | null>(null);
  return (
    <div className="script-versions">
      <div className="sheet-section-title">{t('script.editor.versions')}</div>
      <Table<ScriptSummary>
        data-testid="script-versions"
        size="small"
        rowKey="id"
        pagination={versions.length > 10 ? { pageSize: 10 } : false}
        dataSource={versions}
        onRow={(v) => ({ 'data-testid': 'script-version-row', 'data-version': v.version, 'data-active': v.active }) as object}
        columns={[
          {
            title: t('script.editor.version'),
            dataIndex: 'version',
            width: 200,
            render: (n: number, v) => (
              <Space size={4} className="nowrap">
                {t('script.versionN', { n })}
                {v.active && <Tag color="green">{t('script.editor.active')}</Tag>}
                {v.builtIn && <Tag>{t('script.editor.builtIn')}</Tag>}
              </Space>
            ),
          },
          { title: t('script.editor.name'), dataIndex: 'name', ellipsis: true, onCell: dataCell },
          { title: t('script.editor.note'), dataIndex: 'note', ellipsis: true, onCell: dataCell },
          {
            title: t('script.editor.createdBy'),
            dataIndex: 'createdBy',
            width: 100,
            // The built-in versions are stored as written by 系统; the interface names it in its own language.
            render: (by: string, v) => (v.builtIn ? t('lists.builtInAuthor') : <span data-data="">{by}</span>),
          },
          { title: t('script.editor.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => fmtDateTime(v) },
          {
            title: t('common.actions'),
            key: 'view',
            width: 80,
            render: (_: unknown, v) => (
              <Button size="small" onClick={() => setViewing(v.id)} data-testid="script-version-view">
                {t('script.editor.view')}
              </Button>
            ),
          },
        ]}
      />
      {viewing && (
        <VersionModal
          id={viewing}
          onClose={() => setViewing(null)}
          onUseAsBase={(v) => {
            setViewing(null);
            onUseAsBase(v);
          }}
        />
      )}
    </div>
  );
}

function VersionModal({ id, onClose, onUseAsBase }: { id: string; onClose: () => void; onUseAsBase: (v: ScriptVersion) => void }) {
  const { t } = useTranslation();
  const settings = useSettings((s) => s.settings);
  const [state, setState] = useState<{ v: ScriptVersion | null; error: string | null }>({ v: null, error: null });
  useEffect(() => {
    let live = true;
    void call('scripts.get', { id }).then((res) => {
      if (live) setState({ v: res.ok ? res.result : null, error: res.ok ? null : errorText(res.error) });
    });
    return () => {
      live = false;
    };
  }, [id]);
  const v = state.v;
  const vars = scriptVariables({ organisationName: settings?.organisationName ?? '', hotline: settings?.hotline ?? '', agentName: '' });
  return (
    <Modal
      open
      width={640}
      title={v ? `${v.name} · ${t('script.editor.readOnly', { n: v.version })}` : t('script.editor.view')}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="base" disabled={!v} onClick={() => v && onUseAsBase(v)} data-testid="script-use-as-base">
          {t('script.editor.useAsBase')}
        </Button>,
        <Button key="close" type="primary" onClick={onClose}>
          {t('common.close')}
        </Button>,
      ]}
    >
      {state.error && <Alert type="error" showIcon title={state.error} />}
      {!v && !state.error && <Skeleton active />}
      {v && (
        <>
          {v.note && <p className="muted">{v.note}</p>}
          <ScriptRunner script={v} vars={vars} hotkeys={false} testId="script-version-panel" />
        </>
      )}
    </Modal>
  );
}
