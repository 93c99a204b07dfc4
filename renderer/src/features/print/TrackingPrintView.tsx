import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Space, Spin, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { JobProgress } from '../../components/JobProgress';
import { SHOW_PROGRESS_AFTER_MS } from '../../components/jobs';
import { DATA_ATTR } from '../../components/dataField';
import { useSettings } from '../admin/settingsStore';
import { useSession } from '../auth/sessionStore';
import { paperT } from './paperParts';
import { TrackingPaper } from './TrackingPaper';
import { parseTrackingPrintSpec } from './trackingPrintSpec';
import { useTrackingPrint, VOLUME_ROWS } from './useTrackingPrint';
import './print.css';

/** Rows drawn on screen: the preview is a glimpse of the paper; the volume itself is in the page for print only. */
export const PREVIEW_ROWS = 30;
/** About this many register rows fit an A4 landscape page (275 major complaints made 31 pages): for the estimate shown before printing. */
const ROWS_PER_PAGE = 9;

/**
 * 打印 on the tracking sheet: annex 3 with every row of the sheet's view, not only the page on screen
 * (`#/print/tracking/<spec>`). The rows are fetched with a progress bar and a cancel button, then the
 * print dialog opens by itself. A view of more than VOLUME_ROWS rows prints in volumes (册), one at a
 * time or one after the other, each with its header rows, page numbers and signature lines.
 */
export function TrackingPrintView({ spec: raw }: { spec: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const spec = useMemo(() => parseTrackingPrintSpec(raw), [raw]);
  const org = useSettings((s) => s.settings?.organisationName) ?? useSession.getState().session?.organisationName ?? '';
  const { state, loadVolume, cancel, retry } = useTrackingPrint(spec);
  const { phase, total, volumes, volume, first, size, done, rows } = state;
  const [printingAll, setPrintingAll] = useState(false);
  const autoPrinted = useRef(false);

  // Toasts from the sheet must not land on the paper; the title names the PDF saved from this page.
  useEffect(() => {
    message.destroy();
    document.title = paperT('tracking.title');
  }, [message]);

  // Ready: a single volume prints by itself (once); 逐册打印全部 prints each volume and moves to the next.
  // window.print() returns once the dialog is closed and the pages are taken, so the next volume may replace them.
  useEffect(() => {
    if (phase !== 'ready' || rows.length === 0) return;
    if (!printingAll && (autoPrinted.current || volumes > 1)) return;
    autoPrinted.current = true;
    const id = requestAnimationFrame(() => {
      window.print();
      if (!printingAll) return;
      if (volume + 1 < volumes) void loadVolume(volume + 1);
      else setPrintingAll(false);
    });
    return () => cancelAnimationFrame(id);
  }, [phase, rows, volume, volumes, printingAll, loadVolume]);

  const busy = phase === 'keys' || phase === 'rows';
  // A quick volume shows a spinner only; the bar and its cancel button appear once it has taken a second.
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    setSlow(false);
    if (!busy) return;
    const id = setTimeout(() => setSlow(true), SHOW_PROGRESS_AFTER_MS);
    return () => clearTimeout(id);
  }, [busy]);
  const stop = () => {
    setPrintingAll(false);
    cancel();
  };
  const startAll = () => {
    setPrintingAll(true);
    void loadVolume(0);
  };
  const paperVolume = volumes > 1 ? { n: volume + 1, of: volumes } : undefined;

  if (!spec) return <Alert type="error" showIcon title={t('trackingPrint.badSpec')} className="print-toolbar" />;
  return (
    <div className="print-screen tracking-print-screen" data-testid="print-page">
      <div className="print-toolbar no-print">
        <Button icon={<ArrowLeftOutlined />} onClick={() => window.history.back()} data-testid="tracking-print-back">
          {t('trackingPrint.back')}
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} disabled={phase !== 'ready' || rows.length === 0} onClick={() => window.print()} data-testid="print-now">
          {volumes > 1 ? t('trackingPrint.printVolume') : t('trackingPrint.print')}
        </Button>
        {volumes > 1 && (
          <Space size={4} className="tracking-print-volumes">
            <Button disabled={busy || volume === 0} onClick={() => void loadVolume(volume - 1)} data-testid="tracking-print-prev">
              {t('trackingPrint.prev')}
            </Button>
            <span className="tracking-print-volume" data-testid="tracking-print-volume">
              {t('trackingPrint.volumeOf', { n: volume + 1, of: volumes })}
            </span>
            <Button disabled={busy || volume + 1 >= volumes} onClick={() => void loadVolume(volume + 1)} data-testid="tracking-print-next">
              {t('trackingPrint.next')}
            </Button>
            {printingAll ? (
              <Button danger onClick={stop} data-testid="tracking-print-stop">
                {t('trackingPrint.stopAll')}
              </Button>
            ) : (
              <Button disabled={busy} onClick={startAll} data-testid="tracking-print-all">
                {t('trackingPrint.printAll')}
              </Button>
            )}
          </Space>
        )}
      </div>
      {total > 0 && (
        <div className="print-toolbar no-print">
          <Typography.Text type="secondary" data-testid="tracking-print-summary">
            {volumes > 1
              ? `${t('trackingPrint.volumes', { total: total.toLocaleString(), of: volumes, rows: VOLUME_ROWS.toLocaleString(), pages: Math.ceil(VOLUME_ROWS / ROWS_PER_PAGE) })} · ${t('trackingPrint.volumeRows', { from: (first + 1).toLocaleString(), to: (first + size).toLocaleString() })}`
              : t('trackingPrint.summary', { total: total.toLocaleString(), pages: Math.max(1, Math.ceil(total / ROWS_PER_PAGE)) })}
            {printingAll && ` · ${t('trackingPrint.printingAll', { n: volume + 1, of: volumes })}`}
          </Typography.Text>
        </div>
      )}
      <div className="print-toolbar no-print tracking-print-status">
        {busy && !slow && <Spin size="small" data-testid="tracking-print-busy" />}
        {phase === 'keys' && slow && (
          <Space data-testid="tracking-print-keys">
            <Spin size="small" />
            <Typography.Text>{t('trackingPrint.keys')}</Typography.Text>
            <Button size="small" onClick={stop} data-testid="tracking-print-progress-cancel">
              {t('jobs.cancel')}
            </Button>
          </Space>
        )}
        {phase === 'rows' && slow && (
          <JobProgress
            title={volumes > 1 ? t('trackingPrint.preparingVolume', { n: volume + 1 }) : t('trackingPrint.preparing')}
            done={done}
            total={size}
            onCancel={stop}
            testId="tracking-print-progress"
          />
        )}
        {phase === 'cancelled' && (
          <Space>
            <Typography.Text type="secondary" data-testid="tracking-print-cancelled">
              {t('trackingPrint.cancelled')}
            </Typography.Text>
            <Button size="small" onClick={retry} data-testid="tracking-print-retry">
              {t('trackingPrint.retry')}
            </Button>
          </Space>
        )}
        {phase === 'error' && <Alert type="error" showIcon title={state.error} />}
        {phase === 'ready' && total === 0 && <Empty description={t('trackingPrint.empty')} data-testid="tracking-print-empty" />}
      </div>
      {phase === 'ready' && rows.length > 0 && (
        <>
          <div className="print-toolbar no-print">
            <Typography.Text type="secondary">
              {t(volumes > 1 ? 'trackingPrint.previewVolume' : 'trackingPrint.preview', { shown: Math.min(PREVIEW_ROWS, rows.length), size: rows.length.toLocaleString() })}
            </Typography.Text>
          </div>
          {/* The paper is the regulation's Chinese form whatever the screen language: data, not interface words. */}
          <div className="no-print tracking-print-preview" data-testid="tracking-print-preview" {...DATA_ATTR}>
            <TrackingPaper rows={rows.slice(0, PREVIEW_ROWS)} count={rows.length} total={total} org={org} offset={first} volume={paperVolume} />
          </div>
          <div className="tracking-print-full" data-testid="print-ready" {...DATA_ATTR}>
            <TrackingPaper rows={rows} total={total} org={org} offset={first} volume={paperVolume} />
          </div>
        </>
      )}
    </div>
  );
}
