import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Input, InputNumber, Select, Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { QaFinding, ScorecardVersion } from '../../../../shared/domain/qaReview';
import { errorFor } from '../../components/FieldHelp';
import { FindingDue, FindingStatusTag, ItemLabel, useItemLabel } from './labels';
import {
  addFinding,
  editFinding,
  focusItem,
  liveTotal,
  removeFinding,
  type ScoringState,
  setFailed,
  setItemComment,
  setPoints,
} from './scoring';

/** Where the keyboard asked the focus to go ('C' a comment, 'I' a new finding); `n` makes each request new. */
export type FocusRequest = { target: 'comment'; itemId: string; n: number } | { target: 'finding'; key: number; n: number } | null;

interface Props {
  scorecard: ScorecardVersion;
  state: ScoringState;
  onChange: (update: (s: ScoringState) => ScoringState) => void;
  readOnly: boolean;
  errors: Record<string, string>;
  existing: QaFinding[];
  focus: FocusRequest;
  now: number;
  rectifyDays: number;
}

/**
 * The scorecard beside the record: each item with its points (0..weight) or its 红线 box and a comment,
 * the overall comment, findings to add, and the live total. A failed fatal item shows the score voided.
 */
export function ScorecardPanel({ scorecard, state, onChange, readOnly, errors, existing, focus, now, rectifyDays }: Props) {
  const { t } = useTranslation();
  const itemLabel = useItemLabel();
  const total = liveTotal(state);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!focus) return;
    const sel = focus.target === 'comment' ? `[data-focus="comment-${focus.itemId}"]` : `[data-focus="finding-${focus.key}"]`;
    box.current?.querySelector<HTMLElement>(sel)?.focus();
  }, [focus]);

  // The active item stays in view as J/K move through a long scorecard.
  const active = state.active;
  useEffect(() => {
    box.current?.querySelector<HTMLElement>(`[data-item-index="${active}"]`)?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  const itemOptions = [
    { value: '', label: t('quality.review.general') },
    ...scorecard.items.map((i) => ({ value: i.id, label: itemLabel(i).text })),
  ];

  return (
    <Card
      size="small"
      className="qa-scorecard"
      data-testid="qa-scorecard"
      title={
        <span>
          {t('quality.review.scorecard')}{' '}
          <span className="muted">
            <span data-data="">{scorecard.name}</span> · v{scorecard.version}
          </span>
        </span>
      }
      extra={<Total total={total} />}
    >
      <div ref={box} className="qa-scorecard-body" tabIndex={-1} data-testid="qa-scorecard-body">
        {total.voided && <Alert type="error" showIcon className="form-alert" data-testid="qa-voided" title={t('quality.review.voidedHint')} />}
        {state.items.map((it, i) => {
          const e = state.entries[it.id];
          const err = errorFor(errors, `scores.${it.id}`);
          const active = i === state.active && !readOnly;
          return (
            <div
              key={it.id}
              className={`qa-item${active ? ' qa-item-active' : ''}${it.fatal ? ' qa-item-fatal' : ''}${e?.failed ? ' qa-item-failed' : ''}`}
              data-testid="qa-item"
              data-item-id={it.id}
              data-item-index={i}
              data-active={active ? '1' : '0'}
              onClick={() => onChange((s) => focusItem(s, i))}
            >
              <div className="qa-item-head">
                <span className="qa-item-label">
                  <ItemLabel item={it} />
                  {it.guidance && (
                    <span className="muted qa-item-guidance" data-data="">
                      {it.guidance}
                    </span>
                  )}
                </span>
                <span className="qa-item-weight">
                  {it.fatal ? <Tag color="red">{t('quality.review.fatalItem')}</Tag> : <span className="muted">{t('quality.review.weight', { n: it.weight })}</span>}
                </span>
                {!readOnly || e?.comment ? (
                  <Input
                    size="small"
                    className="qa-item-comment"
                    data-focus={`comment-${it.id}`}
                    data-testid="qa-item-comment"
                    aria-label={t('quality.review.itemComment')}
                    placeholder={readOnly ? undefined : t('quality.review.itemCommentPh')}
                    readOnly={readOnly}
                    maxLength={500}
                    value={e?.comment ?? ''}
                    onChange={(ev) => onChange((s) => setItemComment(s, it.id, ev.target.value))}
                  />
                ) : (
                  <span className="qa-item-comment" />
                )}
                <span className="qa-item-input">
                  {it.fatal ? (
                    <Checkbox
                      data-testid="qa-item-failed"
                      disabled={readOnly}
                      checked={!!e?.failed}
                      onChange={(ev) => onChange((s) => setFailed(s, it.id, ev.target.checked))}
                    >
                      <span className={e?.failed ? 'qa-failed-text' : undefined}>{t('quality.review.failed')}</span>
                    </Checkbox>
                  ) : (
                    <InputNumber
                      data-testid="qa-item-points"
                      aria-label={t('quality.review.pointsOf', { item: itemLabel(it).text })}
                      size="small"
                      min={0}
                      max={it.weight}
                      precision={0}
                      disabled={readOnly}
                      status={err ? 'error' : undefined}
                      value={e?.points ?? null}
                      onChange={(v) => onChange((s) => setPoints(s, it.id, typeof v === 'number' ? v : null))}
                      suffix={`/ ${it.weight}`}
                      style={{ width: 100 }}
                    />
                  )}
                </span>
              </div>
              {err && (
                <div className="qa-item-error" data-testid={`qa-error-${it.id}`}>
                  <Typography.Text type="danger">{err}</Typography.Text>
                </div>
              )}
            </div>
          );
        })}

        <div className="qa-section-title">{t('quality.review.comment')}</div>
        <Input.TextArea
          data-testid="qa-comment"
          data-focus="comment"
          aria-label={t('quality.review.comment')}
          placeholder={readOnly ? undefined : t('quality.review.commentPh')}
          readOnly={readOnly}
          status={errors.comment ? 'error' : undefined}
          autoSize={{ minRows: 2, maxRows: 5 }}
          maxLength={2000}
          value={state.comment}
          onChange={(ev) => onChange((s) => ({ ...s, comment: ev.target.value }))}
        />
        {errors.comment && <Typography.Text type="danger">{errors.comment}</Typography.Text>}

        <div className="qa-section-title">{t('quality.review.findings')}</div>
        {existing.length > 0 && (
          <div className="qa-existing" data-testid="qa-existing-findings">
            {existing.map((f) => (
              <div key={f.id} className="qa-existing-finding" data-testid="qa-existing-finding">
                <FindingStatusTag status={f.status} />
                {f.fatal && <Tag color="red">{t('quality.findings.fatal')}</Tag>}
                <span className="muted">
                  <ItemLabel item={scorecard.items.find((i) => i.id === f.itemId)} id={f.itemId} />:
                </span>{' '}
                <span data-data="">{f.text}</span> <FindingDue f={f} now={now} />
              </div>
            ))}
          </div>
        )}
        {!readOnly && (
          <>
            {state.findings.map((f, n) => {
              const err = errorFor(errors, `findings.${n}`);
              return (
                <div key={f.key} className="qa-new-finding" data-testid="qa-new-finding">
                  <Select
                    size="small"
                    aria-label={t('quality.review.findingItem')}
                    style={{ width: 170 }}
                    value={f.itemId ?? ''}
                    options={itemOptions}
                    onChange={(v) => onChange((s) => editFinding(s, f.key, { itemId: v || null }))}
                  />
                  <Input
                    size="small"
                    data-focus={`finding-${f.key}`}
                    data-testid="qa-finding-text"
                    aria-label={t('quality.review.findingText')}
                    placeholder={t('quality.review.findingPh')}
                    status={err ? 'error' : undefined}
                    maxLength={1000}
                    value={f.text}
                    onChange={(ev) => onChange((s) => editFinding(s, f.key, { text: ev.target.value }))}
                  />
                  <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('quality.review.removeFinding')} onClick={() => onChange((s) => removeFinding(s, f.key))} />
                  {err && (
                    <Typography.Text type="danger" className="qa-finding-error" data-testid={`qa-error-finding-${n}`}>
                      {err}
                    </Typography.Text>
                  )}
                </div>
              );
            })}
            <Button size="small" icon={<PlusOutlined />} data-testid="qa-add-finding" onClick={() => onChange((s) => addFinding(s, s.items[s.active]?.id ?? null))}>
              {t('quality.review.addFinding')} <kbd className="qa-kbd">I</kbd>
            </Button>
            {state.findings.length > 0 && <div className="muted qa-hint">{t('quality.review.newFindingsHint', { days: rectifyDays })}</div>}
          </>
        )}
      </div>
    </Card>
  );
}

function Total({ total }: { total: ReturnType<typeof liveTotal> }) {
  const { t } = useTranslation();
  return (
    <span className={`qa-total${total.voided ? ' qa-total-voided' : ''}`} data-testid="qa-total" data-score={total.score} data-voided={total.voided ? '1' : '0'}>
      <span className="muted">{t('quality.review.scored', { n: total.scored, of: total.of })}</span>
      <span className="qa-total-label">{t('quality.review.total')}</span>
      {total.voided ? (
        <strong className="qa-total-number">{t('quality.score.voided')} · 0</strong>
      ) : (
        <strong className="qa-total-number">
          {total.score} <span className="muted">{t('quality.review.outOf', { max: total.max })}</span>
        </strong>
      )}
    </span>
  );
}
