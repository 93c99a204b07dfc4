import { App } from 'antd';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * No lost typing: closing a form that holds unsaved typing (Esc, the close icon, a click outside)
 * asks first (放弃未保存的内容？); leaving the page or closing the window is asked by the browser.
 * Returns the function to call instead of `leave`.
 */
export function useLeaveGuard(dirty: boolean, leave: () => void): () => void {
  const { modal } = App.useApp();
  const { t } = useTranslation();
  useAskBeforeUnload(dirty);

  return useCallback(() => {
    if (!dirty) {
      leave();
      return;
    }
    modal.confirm({
      title: t('common.discardTitle'),
      content: t('common.discardBody'),
      okText: t('common.discard'),
      cancelText: t('common.keepEditing'),
      okButtonProps: { danger: true, ...{ 'data-testid': 'discard-ok' } },
      cancelButtonProps: { ...{ 'data-testid': 'discard-cancel' } },
      onOk: leave,
    });
  }, [dirty, leave, modal, t]);
}

/** Reloading or closing the page with unsaved typing: the browser asks first. */
export function useAskBeforeUnload(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const ask = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [dirty]);
}
