import { PrinterOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import './print.css';

/**
 * 打印 on a sheet: mounts the paper form beside the app (print CSS hides the app and shows only
 * the paper), calls window.print(), and removes it again. In Electron the same page is printed.
 */
export function PrintButton({ paper, testId = 'print-button' }: { paper: () => ReactNode; testId?: string }) {
  const { t } = useTranslation();
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    if (!printing) return;
    // One frame so the portal is laid out before the print dialog snapshots the page.
    const id = requestAnimationFrame(() => {
      window.print();
      setPrinting(false);
    });
    return () => cancelAnimationFrame(id);
  }, [printing]);
  return (
    <>
      <Button icon={<PrinterOutlined />} data-testid={testId} onClick={() => setPrinting(true)}>
        {t('complaint.print')}
      </Button>
      {printing && createPortal(<div className="print-portal">{paper()}</div>, document.body)}
    </>
  );
}
