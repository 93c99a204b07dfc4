import { Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RevealableField } from '../../../shared/api/types';
import { call } from '../api/client';
import { errorText } from '../api/errors';

interface Props {
  entity: 'call' | 'complaint' | 'customer' | 'callback';
  id: string;
  field: RevealableField;
  /** The fields the core masked for this user (the detail's `masked`); no link unless `field` is one. */
  masked: readonly RevealableField[] | undefined;
  /** The value as shown (masked); replaced by the full one once revealed. */
  shown: string;
}

/**
 * A masked number or address with a small 显示 / Show link: revealing is an explicit action of this user,
 * answered by records.reveal, which writes an audit row. The full value stays on this screen only.
 */
export function RevealLink({ entity, id, field, masked, shown }: Props) {
  const { t } = useTranslation();
  const [full, setFull] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!masked?.includes(field)) return <span data-testid={`value-${field}`}>{shown}</span>;
  if (full !== null) return <span data-testid={`value-${field}`}>{full}</span>;
  const reveal = async () => {
    const res = await call('records.reveal', { entity, id, field });
    if (res.ok) setFull(res.result.value);
    else setError(t('visibility.revealFailed', { message: errorText(res.error) }));
  };
  return (
    <span className="masked-value">
      <span data-testid={`value-${field}`}>{shown}</span>{' '}
      <Typography.Link data-testid={`reveal-${field}`} title={t('visibility.revealTitle')} onClick={() => void reveal()}>
        {t('visibility.reveal')}
      </Typography.Link>
      {error && (
        <Typography.Text type="danger" data-testid={`reveal-error-${field}`}>
          {' '}
          {error}
        </Typography.Text>
      )}
    </span>
  );
}

/**
 * The masked contact fields of a record, each with its 显示 / Show link, above a form whose own boxes show
 * the masked values. Nothing when the core masked nothing for this user.
 */
export function MaskedContacts({ entity, id, masked, values }: Omit<Props, 'field' | 'shown'> & { values: Partial<Record<RevealableField, string>> }) {
  const { t } = useTranslation();
  const fields = (masked ?? []).filter((f) => values[f] !== undefined);
  if (!fields.length) return null;
  return (
    <div className="masked-contacts muted" data-testid="masked-contacts">
      {fields.map((f, i) => (
        <span key={f}>
          {i > 0 && ' · '}
          {t(`complaint.fields.${f}`)}: <RevealLink entity={entity} id={id} field={f} masked={masked} shown={values[f] ?? ''} />
        </span>
      ))}
    </div>
  );
}

/** A confidential record shown without its hidden fields: say so, so that blank boxes are not taken for empty ones. */
export function ConfidentialNotice({ partlyHidden }: { partlyHidden: boolean }) {
  const { t } = useTranslation();
  if (!partlyHidden) return null;
  return (
    <Typography.Paragraph type="warning" data-testid="confidential-notice">
      {t('visibility.partlyHidden')}
    </Typography.Paragraph>
  );
}
