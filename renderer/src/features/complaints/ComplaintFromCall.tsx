import { ExclamationCircleOutlined } from '@ant-design/icons';
import { Button, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallCategory } from '../../../../shared/domain/callRecord';
import { navigate } from '../../components/router';
import { useCallComplaints } from './callComplaints';
import { type CallBoxes, fromCall } from './form/values';
import { NewComplaintDrawer } from './NewComplaint';

interface Props {
  callId: string;
  recordNo: string;
  /** The call-record form as it is now (typed, maybe not yet saved). */
  values: CallBoxes & { category: CallCategory | null };
}

/**
 * 登记投诉 on the call sheet: opens annex 2 pre-filled from the call (complainant, organisation,
 * address, phone, report no., problem, linked customer; channel 来电). When the call is classified
 * as 投诉 the button is primary and the sheet says a complaint sheet is due.
 */
export function ComplaintFromCall({ callId, recordNo, values }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const made = useCallComplaints((s) => s.byCall[callId]) ?? [];
  const add = useCallComplaints((s) => s.add);
  const isComplaint = values.category === 'complaint';
  const requested = useCallComplaints((s) => s.requested === callId);
  useEffect(() => {
    if (!requested) return;
    useCallComplaints.getState().clearRequest();
    setOpen(true);
  }, [requested]);
  return (
    <>
      <Tooltip title={isComplaint ? t('complaint.fromCallHint') : undefined}>
        <Button
          data-testid="register-complaint-button"
          type={isComplaint && !made.length ? 'primary' : 'default'}
          icon={isComplaint && !made.length ? <ExclamationCircleOutlined /> : undefined}
          onClick={() => setOpen(true)}
        >
          {t('complaint.fromCall')}
        </Button>
      </Tooltip>
      {made.map((c) => (
        <Typography.Link key={c.id} data-testid="registered-complaint-link" onClick={() => navigate('complaints', c.id)}>
          {c.complaintNo}
        </Typography.Link>
      ))}
      {open && (
        <NewComplaintDrawer
          title={t('complaint.fromCallTitle', { no: recordNo })}
          initial={fromCall(values)}
          callId={callId}
          onClose={() => setOpen(false)}
          onDone={(c) => {
            setOpen(false);
            add(callId, c);
          }}
        />
      )}
    </>
  );
}
