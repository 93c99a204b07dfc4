import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Shift } from '../../../../shared/domain/attendance';
import type { ReactNode } from 'react';
import { errorFor } from '../../components/FieldHelp';

/** A new shift's id: the first of shift1, shift2 … not taken (ids are kept by sign-ins, never shown). */
export function newShiftId(shifts: Shift[]): string {
  const taken = new Set(shifts.map((s) => s.id));
  let n = shifts.length + 1;
  while (taken.has(`shift${n}`)) n++;
  return `shift${n}`;
}

const FIELDS = ['name', 'start', 'end', 'graceMinutes'] as const;

/** 班次: one line per shift (name, start, end, grace), each box with its own error. */
export function ShiftsEditor({ shifts, errors, onChange }: { shifts: Shift[]; errors: Record<string, string>; onChange: (shifts: Shift[]) => void }) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<Shift>) => onChange(shifts.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const msg = (i: number, f: (typeof FIELDS)[number]) =>
    // A shift listed twice is reported on its id, which the admin never sees: it shows under the name.
    errorFor(errors, `attendance.shifts.${i}.${f}`) ?? (f === 'name' ? errorFor(errors, `attendance.shifts.${i}.id`) : undefined);
  const head = ['shiftName', 'shiftStart', 'shiftEnd', 'shiftGrace'] as const;
  return (
    <Form.Item label={t('qualitySettings.shifts')} extra={t('qualitySettings.shiftTimeHelp')} {...(errors['attendance.shifts'] ? { validateStatus: 'error', help: errors['attendance.shifts'] } : {})}>
      <div className="qs-shifts" data-testid="qs-shifts">
        {head.map((h) => (
          <Typography.Text type="secondary" key={h} className="qs-shift-head">
            {t(`qualitySettings.${h}`)}
          </Typography.Text>
        ))}
        <span />
        {shifts.map((s, i) => (
          <ShiftLine key={s.id} s={s} i={i} msg={msg} set={set} onRemove={shifts.length > 1 ? () => onChange(shifts.filter((_, j) => j !== i)) : undefined} />
        ))}
      </div>
      <Button type="dashed" icon={<PlusOutlined />} data-testid="qs-add-shift" onClick={() => onChange([...shifts, { id: newShiftId(shifts), name: '', start: '09:00', end: '18:00', graceMinutes: 5 }])}>
        {t('qualitySettings.addShift')}
      </Button>
    </Form.Item>
  );
}

function ShiftLine({
  s,
  i,
  msg,
  set,
  onRemove,
}: {
  s: Shift;
  i: number;
  msg: (i: number, f: (typeof FIELDS)[number]) => string | undefined;
  set: (i: number, patch: Partial<Shift>) => void;
  onRemove?: () => void;
}) {
  const { t } = useTranslation();
  const cell = (f: (typeof FIELDS)[number], box: ReactNode) => {
    const m = msg(i, f);
    return (
      <Form.Item className="qs-shift-cell" validateStatus={m ? 'error' : undefined} help={m ? <span data-testid={`field-error-attendance.shifts.${i}.${f}`}>{m}</span> : undefined}>
        {box}
      </Form.Item>
    );
  };
  return (
    <>
      {cell('name', <Input data-testid={`qs-shift-${i}-name`} aria-label={t('qualitySettings.shiftName')} value={s.name} data-data="" onChange={(e) => set(i, { name: e.target.value })} />)}
      {cell('start', <Input data-testid={`qs-shift-${i}-start`} aria-label={t('qualitySettings.shiftStart')} value={s.start} placeholder="08:30" onChange={(e) => set(i, { start: e.target.value.trim() })} />)}
      {cell('end', <Input data-testid={`qs-shift-${i}-end`} aria-label={t('qualitySettings.shiftEnd')} value={s.end} placeholder="17:30" onChange={(e) => set(i, { end: e.target.value.trim() })} />)}
      {cell(
        'graceMinutes',
        <InputNumber
          data-testid={`qs-shift-${i}-grace`}
          aria-label={t('qualitySettings.shiftGrace')}
          precision={0}
          style={{ width: '100%' }}
          value={s.graceMinutes}
          onChange={(n) => set(i, { graceMinutes: typeof n === 'number' ? n : s.graceMinutes })}
        />,
      )}
      <Button icon={<DeleteOutlined />} aria-label={t('qualitySettings.removeShift')} data-testid={`qs-remove-shift-${i}`} disabled={!onRemove} onClick={onRemove} />
    </>
  );
}
