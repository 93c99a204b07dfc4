import { App, Col, Empty, type InputRef, Row, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallRecord, Customer, Draft } from '../../../../shared/api/types';
import { errorText } from '../../api/errors';
import { navigate } from '../../components/router';
import { useHotkeys } from '../../components/useHotkeys';
import { useCallRules } from '../admin/settingsStore';
import { useSession } from '../auth/sessionStore';
import { RecordConflicts } from '../sync/ConflictBanners';
import { useActiveCall } from './activeCallStore';
import { AnswerBar, RingingBanner } from './AnswerBar';
import { CallForm } from './form/CallForm';
import { useCallForm } from './form/useCallForm';
import { ScreenPop } from './ScreenPop';
import { ScriptPanel } from '../scripts/ScriptPanel';

/**
 * 来电受理. Stays mounted (hidden) while the agent looks at other pages, so a call in progress, its
 * ring timer and its unsaved typing survive navigation.
 */
export function CallScreen({ visible }: { visible: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const userId = useSession((s) => s.session?.user.id ?? '');
  const { ringing, lookup, record, resumeDraft, answering, lastEnded } = useActiveCall();
  const { answer, lookupNumber, clearLookup, dismissRinging, resume } = useActiveCall.getState();
  const rules = useCallRules();
  const [phone, setPhone] = useState('');
  const inputRef = useRef<InputRef>(null);

  useEffect(() => {
    if (!userId) return;
    void resume(userId).then((r) => {
      if (r) message.info(t('calls.resume', { no: r.recordNo }));
    });
  }, [userId, resume, message, t]);

  // A ring fills the number and puts focus on it, so Enter (or F2) answers straight away.
  const ringKey = ringing ? `${ringing.phone}@${ringing.rangAt}` : '';
  useEffect(() => {
    if (!ringKey || useActiveCall.getState().record) return;
    const r = useActiveCall.getState().ringing;
    if (r) setPhone(r.phone);
    inputRef.current?.focus();
  }, [ringKey]);

  // Typing a number pops the screen before answering, as a CTI ring would.
  useEffect(() => {
    if (record) return;
    const p = phone.trim();
    if (p.replace(/\D/g, '').length < 5) {
      if (!useActiveCall.getState().ringing) clearLookup();
      return;
    }
    const id = setTimeout(() => void lookupNumber(p), 350);
    return () => clearTimeout(id);
  }, [phone, record, lookupNumber, clearLookup]);

  const doAnswer = async () => {
    if (useActiveCall.getState().record) return;
    const number = phone.trim() || useActiveCall.getState().ringing?.phone || '';
    if (!number) {
      inputRef.current?.focus();
      return;
    }
    const res = await answer(number);
    if (!res.ok) message.error(errorText(res.error));
    else setPhone('');
  };

  useHotkeys({ 'F2': () => (useActiveCall.getState().record ? undefined : void doAnswer()) }, visible);

  return (
    <div className="call-screen" style={visible ? undefined : { display: 'none' }} data-testid="call-screen">
      <AnswerBar phone={phone} onPhone={setPhone} onAnswer={() => void doAnswer()} busy={answering} onCall={record?.phone ?? null} inputRef={inputRef} />
      {ringing && (
        <RingingBanner
          phone={ringing.phone}
          rangAt={ringing.rangAt}
          answerWithinSeconds={rules.answerWithinSeconds}
          waiting={!!record}
          onAnswer={() => void doAnswer()}
          onDismiss={dismissRinging}
        />
      )}
      {record ? (
        <ActiveCall key={record.id} record={record} draft={resumeDraft} visible={visible} departments={rules.departments} />
      ) : (
        <Row gutter={12} className="call-body">
          <Col span={8}>{lookup && <ScreenPop lookup={lookup} phone={phone.trim() || ringing?.phone || ''} linkedId={null} />}</Col>
          <Col span={16}>
            <Empty
              className="call-idle"
              description={
                <div>
                  <div>{t('calls.idle')}</div>
                  <div className="muted">{t('calls.shortcuts')}</div>
                  {lastEnded && (
                    <div>
                      {t('calls.lastCall')}:{' '}
                      <Typography.Link data-testid="last-call-link" onClick={() => navigate('records', lastEnded.id)}>
                        {lastEnded.recordNo}
                      </Typography.Link>
                    </div>
                  )}
                </div>
              }
            />
          </Col>
        </Row>
      )}
    </div>
  );
}

interface ActiveCallProps {
  record: CallRecord;
  draft: Draft | null;
  visible: boolean;
  departments: string[];
}

function ActiveCall({ record, draft, visible, departments }: ActiveCallProps) {
  const lookup = useActiveCall((s) => s.lookup);
  const { setRecord, finish, addMatch } = useActiveCall.getState();
  const form = useCallForm({
    record,
    draft,
    editable: true,
    onSaved: (r, how) => (how === 'end' ? finish(r) : setRecord(r)),
  });
  const { update, save, values } = form;

  // Linking a customer copies what the sheet still lacks from the customer file, then saves, so
  // the link is on the record at once and not only in a draft.
  const link = (c: Customer) => {
    update({
      customerId: c.id,
      callerName: values.callerName || c.name,
      organisation: values.organisation || c.organisation,
      address: values.address || c.address,
    });
    void save();
  };

  // Answered with the customer already linked (one match): fill the empty boxes from the file.
  const linkedAtAnswer = record.customerId;
  const matched = lookup?.matches.find((m) => m.customer.id === linkedAtAnswer)?.customer;
  const prefilled = useRef(false);
  useEffect(() => {
    if (prefilled.current || !matched || values.callerName) return;
    prefilled.current = true;
    update({ callerName: matched.name, organisation: values.organisation || matched.organisation, address: values.address || matched.address });
  }, [matched, values.callerName, values.organisation, values.address, update]);

  // Answering puts the cursor in the sheet, so the agent types while the caller talks.
  const bodyRef = useRef<HTMLDivElement>(null);
  const visibleAtStart = useRef(visible);
  const knownCaller = useRef(!!record.callerName || !!matched);
  useEffect(() => {
    // Once, when the call appears (the component is keyed by record id). A caller known from the
    // customer file already has a name on the sheet, so the cursor goes to the content instead.
    const field = knownCaller.current ? 'field-content' : 'field-callerName';
    if (visibleAtStart.current) bodyRef.current?.querySelector<HTMLElement>(`[data-testid="${field}"]`)?.focus();
  }, []);

  // Three areas: the script (what to say), the sheet (what was said), the customer (who is calling).
  // On narrower screens the script sits above the screen pop in the left column (styles.css).
  return (
    <div className="call-body call-body-active" ref={bodyRef}>
      <div className="call-area-script">
        <ScriptPanel record={record} form={form} visible={visible} />
      </div>
      <div className="call-area-pop">
        <ScreenPop
          lookup={lookup}
          phone={record.phone}
          linkedId={values.customerId}
          excludeId={record.id}
          onLink={(c) => link(c)}
          onCreated={(c) => {
            addMatch(c);
            link(c);
          }}
        />
      </div>
      <div className="call-area-form">
        <RecordConflicts id={record.id} />
        <CallForm form={form} editable departments={departments} hotkeys={visible} />
      </div>
    </div>
  );
}
