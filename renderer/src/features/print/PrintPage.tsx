import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Spin, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { useSession } from '../auth/sessionStore';
import { loadBulletinPaper } from './BulletinPaper';
import { CallPaper } from './CallPaper';
import { HandoverPaper } from '../handover/HandoverPaper';
import { ComplaintPaper } from './ComplaintPaper';
import { paperT } from './paperParts';
import type { PrintKind } from './printRoute';
import { TrackingPrintView } from './TrackingPrintView';
import './print.css';
import '../../i18n/consoleSections';

export { parsePrintHash, type PrintKind, usePrintRoute } from './printRoute';

/**
 * The paper form alone, without the console around it: a print preview on screen, the form on A4
 * when printed (from this page, or from the PDF an end-to-end test makes of it). Annex 3 in full has
 * a view of its own: it fetches its rows with progress and prints them in volumes.
 */
export function PrintPage({ kind, id }: { kind: PrintKind; id: string }) {
  return kind === 'tracking' ? <TrackingPrintView spec={id} /> : <PaperPrintPage kind={kind} id={id} />;
}

function PaperPrintPage({ kind, id }: { kind: Exclude<PrintKind, 'tracking'>; id: string }) {
  const { t } = useTranslation();
  const fallbackOrg = useSession((s) => s.session?.organisationName ?? '');
  const { message } = App.useApp();
  const [paper, setPaper] = useState<ReactNode>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void (async () => {
      const settings = await call('settings.get', {});
      const org = settings.ok ? settings.result.organisationName : fallbackOrg;
      if (kind === 'complaint') {
        const res = await call('complaints.get', { id });
        if (!live) return;
        if (res.ok) setPaper(<ComplaintPaper c={res.result.complaint} org={org} />);
        else setError(errorText(res.error));
      } else if (kind === 'handover') {
        const res = await call('handover.get', { id });
        if (!live) return;
        if (res.ok) setPaper(<HandoverPaper h={res.result.handover} org={org} />);
        else setError(errorText(res.error));
      } else if (kind === 'bulletin') {
        const res = await loadBulletinPaper(id, org);
        if (!live) return;
        if ('paper' in res) setPaper(res.paper);
        else setError(res.error);
      } else {
        const res = await call('calls.get', { id });
        if (!live) return;
        if (res.ok) setPaper(<CallPaper r={res.result.record} org={org} />);
        else setError(errorText(res.error));
      }
    })();
    return () => {
      live = false;
    };
  }, [kind, id, fallbackOrg]);

  // Toasts from the sheet (已签字 …) must not land on the paper.
  useEffect(() => {
    message.destroy();
  }, [message]);

  useEffect(() => {
    // The title names the PDF saved from this page: the form's Chinese name, like the form itself.
    document.title = paperT(kind === 'complaint' ? 'complaint.sheet' : kind === 'handover' ? 'handover.paper.title' : kind === 'bulletin' ? 'bulletin.title' : 'complaint.callSheet');
  }, [kind]);

  return (
    <div className="print-screen" data-testid="print-page">
      <div className="print-toolbar no-print">
        <Button icon={<ArrowLeftOutlined />} onClick={() => window.history.back()}>
          {t('complaint.back')}
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} disabled={!paper} onClick={() => window.print()} data-testid="print-now">
          {t('complaint.print')}
        </Button>
        <Typography.Text type="secondary">{t('complaint.paper.toolbar')}</Typography.Text>
      </div>
      {error && <Alert type="error" showIcon title={error} className="print-toolbar no-print" />}
      {!paper && !error && <Spin className="print-toolbar" />}
      {paper && <div data-testid="print-ready">{paper}</div>}
    </div>
  );
}
