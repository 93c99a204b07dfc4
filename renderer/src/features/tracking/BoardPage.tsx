import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Space, Statistic, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardSummary } from '../../../../shared/api';
import { CALLBACK_RESULTS, SEVERITIES } from '../../../../shared/domain/complaint';
import { beijingTime } from '../../../../shared/domain/tracking';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { navigateWith } from '../../components/router';
import { useRecordsChanged } from '../../components/useRecordsChanged';
import { useLabel } from '../../i18n/labels';
import { TrendsCard } from '../trends/TrendsCard';
import { LockedLoginsCard } from './LockedLoginsCard';
import { openTrackingWith } from './preset';
import './strings';
import './tracking.css';

const OPEN = ['registered', 'in_handling', 'handled', 'awaiting_approval'] as const;

/** A number on the board; clicking it opens the list behind it. */
function Num({ title, value, suffix, onOpen, testId, danger }: { title: string; value: number | string; suffix?: string; onOpen: () => void; testId: string; danger?: boolean }) {
  return (
    // A value in words (the callback results) is set smaller than a number, so that it stays on one or two lines.
    <Card size="small" hoverable className={typeof value === 'string' && value.length > 8 ? 'board-number board-words' : 'board-number'} onClick={onOpen} data-testid={testId} role="button" tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && onOpen()}>
      <Statistic title={title} value={value} suffix={suffix} styles={{ content: danger && Number(value) > 0 ? { color: '#cf1322' } : {} }} />
    </Card>
  );
}

/**
 * 班组看板: what a team lead watches during the shift; refreshed live. Each number opens its
 * list with the bounds the core counted it with (dayStart, dayEnd, monthStart): calls through
 * #/records?…, callbacks through #/callbacks?…, complaints through the tracking sheet's preset.
 */
export function BoardPage() {
  const { t } = useTranslation();
  const { label } = useLabel();
  const [b, setB] = useState<BoardSummary | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const res = await call('board.summary', {});
    if (res.ok) {
      setB(res.result);
      setError(null);
    } else setError(errorText(res.error));
  }, []);
  useEffect(() => {
    void load();
    const id = setInterval(() => void load(), 60_000); // clocks run out with nobody saving anything
    return () => clearInterval(id);
  }, [load]);
  useRecordsChanged(['complaint', 'call', 'callback', 'qa_finding', 'handover'], () => void load());

  // The locked logins are their own read: they show even while the numbers are loading or refused.
  if (!b)
    return (
      <>
        {error ? <Alert type="error" showIcon title={error} /> : null}
        <LockedLoginsCard />
      </>
    );
  // Same place in both returns, so the card keeps its state (and does not ask again) when the numbers arrive.
  return (
    <>
      <Card
        title={t('tracking.board.title')}
        data-testid="board-page"
        extra={
          <Space>
            <Typography.Text type="secondary">{t('tracking.board.asOf', { at: beijingTime(b.asOf) })}</Typography.Text>
            <Button icon={<ReloadOutlined />} onClick={() => void load()}>
              {t('tracking.board.refresh')}
            </Button>
          </Space>
        }
      >
        <Row gutter={[12, 12]}>
          <Col span={6}>
            <Num title={t('tracking.board.callsToday')} value={b.callsToday} onOpen={() => navigateWith('records', { from: b.dayStart })} testId="board-calls-today" />
          </Col>
          <Col span={6}>
            <Num title={t('tracking.board.answeredLate')} value={b.answeredLateToday} onOpen={() => navigateWith('records', { from: b.dayStart, late: true })} testId="board-answered-late" danger />
          </Col>
          <Col span={6}>
            <Num title={t('tracking.board.overdueComplaints')} value={b.overdueComplaints} onOpen={() => openTrackingWith({ status: [...OPEN], overdue: true, sort: 'nextDeadline', dir: 'asc' })} testId="board-overdue" danger />
          </Col>
          <Col span={6}>
            <Num title={t('tracking.board.escalationsOverdue')} value={b.escalationsOverdue} onOpen={() => openTrackingWith({ sort: 'receivedAt', dir: 'asc' }, 'escalation_overdue')} testId="board-escalations-overdue" danger />
          </Col>
          {SEVERITIES.map((s) => (
            <Col span={6} key={s}>
              <Num
                title={`${t('tracking.board.openBySeverity')} · ${label('severity', s)}`}
                value={b.openBySeverity[s]}
                onOpen={() => openTrackingWith({ status: [...OPEN], severity: [s], sort: 'nextDeadline', dir: 'asc' })}
                testId={`board-open-${s}`}
              />
            </Col>
          ))}
          <Col span={6}>
            <Num title={t('tracking.board.majorNotReported')} value={b.majorNotReported} onOpen={() => openTrackingWith({ sort: 'receivedAt', dir: 'asc' }, 'unreported_major')} testId="board-major-unreported" danger />
          </Col>
          <Col span={6}>
            <Num title={t('tracking.board.callbacksDue')} value={b.callbacksDue} onOpen={() => navigateWith('callbacks', { scope: 'all', dueBy: b.dayEnd })} testId="board-callbacks-due" />
          </Col>
          <Col span={6}>
            <Num title={t('tracking.board.callbacksOverdue')} value={b.callbacksOverdue} onOpen={() => navigateWith('callbacks', { scope: 'all', overdue: true })} testId="board-callbacks-overdue" danger />
          </Col>
          <Col span={6}>
            <Num
              title={`${t('tracking.board.satisfaction')} · ${t('tracking.board.average')}`}
              value={b.satisfaction.average ?? '—'}
              suffix={t('tracking.board.scored', { n: b.satisfaction.calls })}
              onOpen={() => navigateWith('records', { from: b.monthStart, rated: true })}
              testId="board-satisfaction"
            />
          </Col>
          <Col span={6}>
            <Num
              title={`${t('tracking.board.satisfaction')} · ${t('tracking.board.callbacks')}`}
              value={CALLBACK_RESULTS.map((k) => `${label('callbackResult', k)} ${b.satisfaction.callbacks[k]}`).join(' / ')}
              onOpen={() => openTrackingWith({ status: ['registered', 'in_handling', 'handled', 'awaiting_approval', 'closed'], sort: 'callbackAt', dir: 'desc' }, 'callback_month')}
              testId="board-callback-results"
            />
          </Col>
          {b.findingsOverdue !== null && (
            <Col span={6}>
              <Num
                title={t('quality.board.findingsOverdue')}
                value={b.findingsOverdue}
                onOpen={() => navigateWith('quality', { tab: 'findings', overdue: true })}
                testId="board-findings-overdue"
                danger
              />
            </Col>
          )}
          {b.handoversOpen !== null && (
            <Col span={6}>
              <Num title={t('handover.board.open')} value={b.handoversOpen} onOpen={() => navigateWith('handover', { status: 'open' })} testId="board-handovers-open" danger />
            </Col>
          )}
        </Row>
      </Card>
      <LockedLoginsCard />
      {/* After the locked logins: their card keeps its place (and state) in both returns. */}
      <TrendsCard />
    </>
  );
}
