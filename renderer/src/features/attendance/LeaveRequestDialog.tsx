import { Col, DatePicker, Form, Input, Modal, Radio, Row, Typography } from 'antd';
import dayjs from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../shared/api/contract';
import type { Leave } from '../../../../shared/api/qualityTypes';
import { LEAVE_TYPES, type LeaveType, leavePeriodIssues, workingDaysBetween } from '../../../../shared/domain/attendance';
import { NO_OVERRIDES } from '../../../../shared/domain/calendar';
import { call } from '../../api/client';
import { errorText, fieldErrors } from '../../api/errors';
import { checkAll, focusFirstError } from '../../api/validate';
import { clearErrors, errorProps } from '../../components/FieldHelp';
import { useLeaveGuard } from '../../components/useLeaveGuard';
import { useLabel } from '../../i18n/labels';
import { useSettings } from '../admin/settingsStore';
import { todayDay } from './bits';

interface Values {
  type: LeaveType | null;
  fromDay: string;
  toDay: string;
  reason: string;
}

/**
 * 申请请假: type, the first and last day, the reason. Every problem is shown beside its box at once (the
 * contract's schema and the period rule before sending; the core's answer, e.g. an overlap, after).
 */
export function LeaveRequestDialog({ onClose, onRequested }: { onClose: () => void; onRequested: (l: Leave) => void }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const calendar = useSettings((s) => s.settings?.calendar) ?? NO_OVERRIDES;
  const [v, setV] = useState<Values>(() => ({ type: null, fromDay: todayDay(), toDay: todayDay(), reason: '' }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const body = useRef<HTMLDivElement>(null);
  const dirty = v.type !== null || v.reason.trim() !== '';
  const guardedClose = useLeaveGuard(dirty, onClose);

  const set = <K extends keyof Values>(k: K, value: Values[K]) => {
    setV((old) => ({ ...old, [k]: value }));
    setErrors((e) => clearErrors(e, k === 'fromDay' || k === 'toDay' ? ['fromDay', 'toDay'] : [k]));
    setFailure(null);
  };

  const submit = async () => {
    // No type chosen is sent as none, so that it reads 此项必填 like the other boxes.
    const params = { type: (v.type ?? undefined) as LeaveType, fromDay: v.fromDay, toDay: v.toDay, reason: v.reason.trim() };
    const local = checkAll(api['leave.request'].params, params, v.fromDay && v.toDay ? leavePeriodIssues(v.fromDay, v.toDay) : []);
    if (local) {
      setErrors(fieldErrors(local));
      focusFirstError(body.current);
      return;
    }
    setBusy(true);
    const res = await call('leave.request', params);
    setBusy(false);
    if (res.ok) {
      onRequested(res.result);
      return;
    }
    const fields = fieldErrors(res.error);
    // The core reports an overlap with another request as a duplicate first day: say what it is.
    if (res.error.fields?.some((f) => f.field === 'fromDay' && f.code === 'duplicate')) fields.fromDay = t('attendance.leave.overlap');
    setErrors(fields);
    setFailure(Object.keys(fields).length ? null : errorText(res.error));
    focusFirstError(body.current);
  };

  const days = v.fromDay && v.toDay && v.toDay >= v.fromDay ? workingDaysBetween(v.fromDay, v.toDay, calendar) : null;
  const dateBox = (k: 'fromDay' | 'toDay') => (
    <Form.Item label={t(`attendance.leave.${k}`)} required {...errorProps(errors, k)}>
      <DatePicker
        data-testid={`leave-${k}`}
        style={{ width: '100%' }}
        allowClear={false}
        value={v[k] ? dayjs(v[k]) : null}
        onChange={(d) => set(k, d ? d.format('YYYY-MM-DD') : '')}
      />
    </Form.Item>
  );

  return (
    <Modal
      open
      title={t('attendance.leave.request')}
      okText={t('attendance.leave.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={guardedClose}
      okButtonProps={{ ...{ 'data-testid': 'leave-submit' } }}
      destroyOnHidden
      width={560}
    >
      <div ref={body} data-testid="leave-request-dialog">
        {failure && <Typography.Paragraph type="danger" data-testid="leave-request-error">{failure}</Typography.Paragraph>}
        <Form layout="vertical" component="div">
          <Form.Item label={t('attendance.leave.type')} required {...errorProps(errors, 'type')}>
            <Radio.Group
              data-testid="leave-type"
              optionType="button"
              value={v.type}
              onChange={(e) => set('type', e.target.value as LeaveType)}
              options={LEAVE_TYPES.map((x) => ({ value: x, label: <span data-testid={`leave-type-${x}`}>{label('leaveType', x)}</span> }))}
            />
          </Form.Item>
          <Row gutter={12}>
            <Col span={9}>{dateBox('fromDay')}</Col>
            <Col span={9}>{dateBox('toDay')}</Col>
            <Col span={6}>
              <Form.Item label={t('attendance.leave.workingDays')}>
                <span className="att-leave-days" data-testid="leave-working-days">
                  {days === null ? '—' : t('attendance.leave.days', { n: days })}
                </span>
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={t('attendance.leave.reason')} required {...errorProps(errors, 'reason')}>
            <Input.TextArea data-testid="leave-reason" rows={3} placeholder={t('attendance.leave.reasonPh')} value={v.reason} onChange={(e) => set('reason', e.target.value)} />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
