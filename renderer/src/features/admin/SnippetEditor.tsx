import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Input, Space, Table, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../shared/api/envelope';
import type { Settings } from '../../../../shared/api/types';
import type { Snippet } from '../../../../shared/domain/snippets';
import { call } from '../../api/client';
import { errorText, fieldIssueText } from '../../api/errors';
import { i18n } from '../../i18n';
import { useSettings } from './settingsStore';

interface Row extends Snippet {
  /** Stable across edits of the key, so typing in a row does not remount it. */
  rid: number;
}

/** `snippets.3.key` → message for row 3's key box, with the editor's own wording for key problems. */
export function snippetFieldErrors(error: ApiError | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error?.fields ?? []) {
    const field = issue.field;
    if (field in out) continue;
    const last = field.split('.').pop() ?? field;
    const key = `snippet.errors.${last}.${issue.code}`;
    out[field] = i18n.exists(key) ? i18n.t(key) : fieldIssueText(issue);
  }
  return out;
}

let nextRid = 1;
const rows = (list: readonly Snippet[]): Row[] => list.map((s) => ({ ...s, rid: nextRid++ }));

/** 设置 → 常用语 (admin): the phrases `::` offers in every note field; saved as settings.snippets. */
export function SnippetEditor({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const put = useSettings((s) => s.put);
  const [list, setList] = useState<Row[]>(() => rows(settings.snippets));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const dirty = JSON.stringify(list.map(({ rid: _, ...s }) => s)) !== JSON.stringify(settings.snippets);

  const set = (i: number, patch: Partial<Snippet>) => {
    setList((l) => l.map((r, j) => (j === i ? { ...r, ...patch } : r)));
    setErrors((e) => {
      const out = { ...e };
      for (const k of Object.keys(patch)) delete out[`snippets.${i}.${k}`];
      return out;
    });
  };

  const save = async () => {
    setBusy(true);
    const snippets = list.map((r) => ({ key: r.key.trim().toLowerCase(), title: r.title.trim(), text: r.text.trim() }));
    const res = await call('settings.update', { snippets });
    setBusy(false);
    if (!res.ok) {
      setErrors(snippetFieldErrors(res.error));
      message.error(errorText(res.error));
      return;
    }
    setErrors({});
    put(res.result);
    setList(rows(res.result.snippets));
    message.success(t('snippet.editor.saved'));
  };

  const err = (i: number, k: keyof Snippet) => errors[`snippets.${i}.${k}`];
  const box = (i: number, k: keyof Snippet, node: ReactNode) => (
    <div>
      {node}
      {err(i, k) && (
        <div className="ant-form-item-explain-error" data-testid={`snippet-error-${i}-${k}`}>
          {err(i, k)}
        </div>
      )}
    </div>
  );

  return (
    <div data-testid="snippet-editor">
      <Typography.Paragraph type="secondary">{t('snippet.editor.intro')}</Typography.Paragraph>
      <Table<Row>
        size="small"
        rowKey="rid"
        pagination={false}
        dataSource={list}
        columns={[
          {
            title: t('snippet.editor.key'),
            dataIndex: 'key',
            width: 150,
            render: (_: unknown, r, i) =>
              box(
                i,
                'key',
                <Input
                  data-testid={`snippet-key-${i}`}
                  prefix="::"
                  value={r.key}
                  maxLength={20}
                  status={err(i, 'key') ? 'error' : undefined}
                  onChange={(e) => set(i, { key: e.target.value })}
                />,
              ),
          },
          {
            title: t('snippet.editor.title'),
            dataIndex: 'title',
            width: 180,
            render: (_: unknown, r, i) =>
              box(
                i,
                'title',
                <Input
                  data-testid={`snippet-title-${i}`}
                  value={r.title}
                  maxLength={50}
                  status={err(i, 'title') ? 'error' : undefined}
                  onChange={(e) => set(i, { title: e.target.value })}
                />,
              ),
          },
          {
            title: t('snippet.editor.text'),
            dataIndex: 'text',
            render: (_: unknown, r, i) =>
              box(
                i,
                'text',
                <Input.TextArea
                  data-testid={`snippet-text-${i}`}
                  value={r.text}
                  maxLength={1000}
                  autoSize={{ minRows: 1, maxRows: 4 }}
                  status={err(i, 'text') ? 'error' : undefined}
                  onChange={(e) => set(i, { text: e.target.value })}
                />,
              ),
          },
          {
            key: 'remove',
            width: 48,
            render: (_: unknown, _r, i) => (
              <Button
                icon={<DeleteOutlined />}
                aria-label={t('common.remove')}
                onClick={() => {
                  setList((l) => l.filter((__, j) => j !== i));
                  // Errors are by position; they would point at the wrong rows now.
                  setErrors({});
                }}
              />
            ),
          },
        ]}
      />
      <Space className="snippet-editor-actions">
        <Button type="dashed" icon={<PlusOutlined />} onClick={() => setList((l) => [...l, ...rows([{ key: '', title: '', text: '' }])])} data-testid="snippet-add">
          {t('snippet.editor.add')}
        </Button>
        <Button type="primary" loading={busy} disabled={!dirty} onClick={() => void save()} data-testid="snippet-save">
          {t('common.save')}
        </Button>
        {dirty && (
          <Button
            onClick={() => {
              setList(rows(settings.snippets));
              setErrors({});
            }}
          >
            {t('snippet.editor.reset')}
          </Button>
        )}
      </Space>
    </div>
  );
}
