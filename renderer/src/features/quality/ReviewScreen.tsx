import { ArrowLeftOutlined, RightOutlined, SaveOutlined, StarOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Row, Skeleton, Space, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QaItemDetail, QaItemRow } from '../../../../shared/api/qualityTypes';
import { DEFAULT_QUALITY_RULES } from '../../../../shared/domain/appraisal';
import { call } from '../../api/client';
import { errorText, fieldErrors } from '../../api/errors';
import { fmtDateTime } from '../../components/format';
import { navigate } from '../../components/router';
import { useLeaveGuard } from '../../components/useLeaveGuard';
import { useNow } from '../../components/useNow';
import { useRecordsChanged } from '../../components/useRecordsChanged';
import { useLabel } from '../../i18n/labels';
import { useSettings } from '../admin/settingsStore';
import { RecordKindTag, ScoreText, TeachingCaseTag } from './labels';
import { KeysHelp } from './KeysHelp';
import { RecordPanel } from './RecordPanel';
import type { ReviewTarget } from './route';
import { type FocusRequest, ScorecardPanel } from './ScorecardPanel';
import { applyKey, findingsOf, initialScoring, nextUnreviewed, type ScoringState, scoresOf } from './scoring';
import { TeachingCaseDialog } from './TeachingCaseDialog';
import { useScoringKeys } from './useScoringKeys';

/** What a save would send, to tell unsaved typing from what is on record. */
const snapshot = (s: ScoringState) => JSON.stringify([scoresOf(s), s.comment.trim(), findingsOf(s)]);

/**
 * The review screen (#/quality/review?month=…&kind=…&id=…): the record as saved on the left, its scorecard
 * on the right, scored from the keyboard (KeysHelp lists the keys). An agent opens their own review here
 * read-only (#/myQuality/review?…).
 */
export function ReviewScreen({ target, readOnly }: { target: ReviewTarget; readOnly: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { label } = useLabel();
  const now = useNow(true, 60_000);
  const rectifyDays = useSettings((s) => s.settings?.quality?.rectifyWorkingDays) ?? DEFAULT_QUALITY_RULES.rectifyWorkingDays;
  const [detail, setDetail] = useState<QaItemDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sample, setSample] = useState<QaItemRow[]>([]);
  const [state, setState] = useState<ScoringState | null>(null);
  const [saved, setSaved] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [focus, setFocus] = useState<FocusRequest>(null);
  const [caseOpen, setCaseOpen] = useState(false);
  const { month, kind, recordId } = target;

  const start = useCallback((d: QaItemDetail) => {
    const s = initialScoring(d.scorecard.items, d.review);
    setDetail(d);
    setState(s);
    setSaved(snapshot(s));
    setErrors({});
    setAlert(null);
  }, []);

  const load = useCallback(async () => {
    const res = await call('qa.item', { month, kind, recordId });
    if (res.ok) start(res.result);
    else setError(errorText(res.error));
  }, [month, kind, recordId, start]);

  const loadSample = useCallback(async () => {
    if (readOnly) return;
    const res = await call('qa.month', { month });
    if (res.ok) setSample(res.result.items);
  }, [month, readOnly]);

  useEffect(() => {
    setDetail(null);
    setError(null);
    void load();
  }, [load]);
  useEffect(() => {
    void loadSample();
  }, [loadSample]);
  // Another reviewer's save elsewhere changes who is left to review.
  useRecordsChanged(['qa_review', 'qa_sample'], () => void loadSample());

  const dirty = !!state && !readOnly && snapshot(state) !== saved;
  const leaveTo = useRef<() => void>(() => {});
  const guarded = useLeaveGuard(dirty, () => leaveTo.current());
  const go = (to: () => void) => {
    leaveTo.current = to;
    guarded();
  };
  const back = () => go(() => (readOnly ? navigate('myQuality', null, { tab: 'reviews' }) : navigate('quality', null, { month })));
  const next = useMemo(() => nextUnreviewed(sample, { kind, recordId }), [sample, kind, recordId]);
  const openNext = () => {
    if (!next) {
      message.info(t('quality.review.noNext'));
      return;
    }
    go(() => navigate('quality', 'review', { month, kind: next.kind, id: next.recordId }));
  };

  const save = async () => {
    if (!state || !detail || readOnly || busy) return;
    setBusy(true);
    const res = await call('qa.review', {
      month,
      kind,
      recordId,
      scorecardId: detail.scorecard.id,
      scores: scoresOf(state),
      comment: state.comment.trim(),
      findings: findingsOf(state),
    });
    setBusy(false);
    if (!res.ok) {
      setErrors(fieldErrors(res.error));
      setAlert(errorText(res.error));
      return;
    }
    start(res.result);
    void loadSample();
    const r = res.result.review;
    message.success(r?.voided ? t('quality.review.savedVoided') : t('quality.review.saved', { score: r?.score ?? 0 }));
  };

  useScoringKeys(
    {
      onKey: (key, name) => {
        if (!state || readOnly) return;
        if (key === 'comment') {
          const it = state.items[state.active];
          if (it) setFocus({ target: 'comment', itemId: it.id, n: Date.now() });
          return;
        }
        const nextState = applyKey(state, key, name);
        setState(nextState);
        if (key === 'finding') setFocus({ target: 'finding', key: nextState.nextKey - 1, n: Date.now() });
      },
      onSave: () => void save(),
      onNext: openNext,
      onLeaveField: (el) => {
        el.blur();
        document.querySelector<HTMLElement>('[data-testid="qa-scorecard-body"]')?.focus();
      },
    },
    !!state && !readOnly && !caseOpen,
  );

  if (error)
    return (
      <Alert type="error" showIcon title={error} action={<Button onClick={back}>{readOnly ? t('quality.review.backMine') : t('quality.review.back')}</Button>} />
    );
  if (!detail || !state) return <Skeleton active />;
  const { item, review } = detail;
  const at = sample.findIndex((i) => i.kind === kind && i.recordId === recordId);
  const left = sample.filter((i) => !i.reviewId).length;

  return (
    <div className="qa-review" data-testid="qa-review" data-reviewed={review ? '1' : '0'}>
      <Card size="small" className="qa-review-head">
        <div className="qa-review-head-row">
          <Button icon={<ArrowLeftOutlined />} onClick={back} data-testid="qa-back">
            {readOnly ? t('quality.review.backMine') : t('quality.review.back')}
          </Button>
          <Typography.Title level={5} className="qa-review-title">
            <RecordKindTag kind={item.kind} />
            <span data-data="">{item.recordNo || t('quality.items.noNumber')}</span>
            <span className="muted">
              {' · '}
              <span data-data="">{item.agentName}</span>
            </span>
          </Typography.Title>
          <span data-testid="qa-review-state">
            {review ? (
              <>
                <ScoreText score={review.score} voided={review.voided} />{' '}
                <span className="muted">
                  <span data-data="">{review.reviewerName}</span> {t('quality.review.reviewedAt', { at: fmtDateTime(review.reviewedAt) })}
                </span>{' '}
                <TeachingCaseTag value={review.teachingCase} />
              </>
            ) : (
              <span className="muted">{t('quality.review.notReviewed')}</span>
            )}
          </span>
          {!readOnly && at >= 0 && (
            <span className="muted" data-testid="qa-progress">
              {t('quality.review.progress', { n: at + 1, total: sample.length, left })}
            </span>
          )}
          {!readOnly && (
            <Space className="qa-review-actions">
              {review && (
                <Button icon={<StarOutlined />} onClick={() => setCaseOpen(true)} data-testid="qa-case-button">
                  {t('quality.teaching.button')}
                </Button>
              )}
              <Button icon={<RightOutlined />} onClick={openNext} data-testid="qa-next">
                {t('quality.review.next')} <kbd className="qa-kbd">N</kbd>
              </Button>
              <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={() => void save()} data-testid="qa-save">
                {t('quality.review.save')} <kbd className="qa-kbd">Ctrl+Enter</kbd>
              </Button>
            </Space>
          )}
        </div>
      </Card>
      {alert && <Alert type="error" showIcon title={alert} className="form-alert" data-testid="qa-save-error" />}
      {review?.teachingCase && review.caseNote && (
        <Alert type="info" className="form-alert" title={<span data-data="">{review.caseNote}</span>} />
      )}
      <Row gutter={12}>
        <Col xs={24} xl={10}>
          <RecordPanel detail={detail} />
          {!readOnly && <KeysHelp />}
        </Col>
        <Col xs={24} xl={14}>
          <ScorecardPanel
            scorecard={detail.scorecard}
            state={state}
            onChange={(update) => setState((s) => (s ? update(s) : s))}
            readOnly={readOnly}
            errors={errors}
            existing={detail.findings}
            focus={focus}
            now={now}
            rectifyDays={rectifyDays}
          />
        </Col>
      </Row>
      {caseOpen && review && (
        <TeachingCaseDialog
          review={review}
          onClose={() => setCaseOpen(false)}
          onDone={(r) => {
            setCaseOpen(false);
            setDetail((d) => (d ? { ...d, review: r } : d));
            message.success(r.teachingCase ? t('quality.teaching.saved', { kind: label('teachingCase', r.teachingCase) }) : t('quality.teaching.cleared'));
          }}
        />
      )}
    </div>
  );
}
