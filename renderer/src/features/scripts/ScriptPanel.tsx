import { Alert, App, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Callback, CallRecord } from '../../../../shared/api/types';
import type { SpecialSituation } from '../../../../shared/domain/callRecord';
import { type ScriptAction, scriptVariables } from '../../../../shared/domain/script';
import { fmtShort } from '../../components/format';
import { useSettings } from '../admin/settingsStore';
import { useSession } from '../auth/sessionStore';
import type { CallFormApi } from '../calls/form/useCallForm';
import { useCallComplaints } from '../complaints/callComplaints';
import { PromisedCallbackModal } from './PromisedCallbackModal';
import { ScriptRunner } from './ScriptRunner';
import { useScript } from './useScript';

interface Props {
  record: CallRecord;
  form: CallFormApi;
  /** The call screen is on top: the script's shortcuts are live. */
  visible: boolean;
}

/**
 * 话术 beside the call sheet: the version recorded on this call, with the variables filled
 * from settings, the signed-in agent and the sheet as the agent types. A special situation ticks itself
 * on the sheet; actions create the promised callback, open the complaint form, or mark the call transferred.
 */
export function ScriptPanel({ record, form, visible }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const settings = useSettings((s) => s.settings);
  const session = useSession((s) => s.session);
  const requestComplaint = useCallComplaints((s) => s.request);
  const { script, fallback } = useScript('call', record.scriptVersionId);
  const [promising, setPromising] = useState(false);
  const [promised, setPromised] = useState<Callback[]>([]);
  const v = form.values;

  const vars = scriptVariables({
    organisationName: settings?.organisationName ?? session?.organisationName ?? '',
    hotline: settings?.hotline ?? '',
    agentName: session?.user.displayName ?? '',
    callerName: v.callerName,
    organisation: v.organisation,
    phone: v.phone || record.phone,
  });

  const tick = (s: SpecialSituation) => {
    const list = form.values.specialSituations;
    if (!list.includes(s)) form.update({ specialSituations: [...list, s] });
  };

  const act = (a: ScriptAction) => {
    if (a === 'promised_callback') setPromising(true);
    else if (a === 'open_complaint') requestComplaint(record.id);
    else if (!form.values.transferred) {
      form.update({ transferred: true });
      message.success(t('script.transferredDone'));
    }
  };

  const lastPromise = promised[promised.length - 1];
  const done: Partial<Record<ScriptAction, string>> = {
    ...(lastPromise ? { promised_callback: t('script.promised.done', { at: fmtShort(lastPromise.dueAt) }) } : {}),
    ...(v.transferred ? { mark_transferred: t('script.transferredTag') } : {}),
  };

  if (!script) return <Skeleton active className="script-panel" />;
  return (
    <>
      {fallback && <Alert type="warning" showIcon title={t('script.fallback')} className="form-alert" data-testid="script-fallback" />}
      <ScriptRunner
        script={script}
        vars={vars}
        hotkeys={visible && !promising}
        ticked={v.specialSituations}
        onSpecial={tick}
        onAction={act}
        actionDone={done}
        extra={v.transferred ? <Tag color="purple">{t('script.transferredTag')}</Tag> : null}
      />
      {promising && (
        <PromisedCallbackModal
          from={{
            callId: record.id,
            recordNo: record.recordNo,
            phone: v.phone || record.phone,
            name: v.callerName,
            organisation: v.organisation,
            customerId: v.customerId,
            content: v.content,
          }}
          onClose={() => setPromising(false)}
          onDone={(c) => {
            setPromising(false);
            setPromised((list) => [...list, c]);
            // The sheet's promised reply is the same promise: one time, kept in both places.
            form.update({ promisedReplyBy: c.dueAt });
            message.success(t('script.promised.created', { at: fmtShort(c.dueAt) }));
          }}
        />
      )}
    </>
  );
}
