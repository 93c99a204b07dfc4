import { Checkbox, Col, DatePicker, Form, type FormItemProps, Input, Radio, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_CHANNELS, COMPLAINT_TYPES, SEVERITIES } from '../../../../../shared/domain/complaint';
import { errorFor } from '../../../components/FieldHelp';
import { SnippetTextArea } from '../../../components/SnippetTextArea';
import { isGrave, type SheetValues } from './values';

interface Props {
  values: SheetValues;
  errors: Record<string, string>;
  update: (patch: Partial<SheetValues>) => void;
  disabled: boolean;
  /** Registering sets the severity here; afterwards it changes only through 调整级别. */
  mode: 'register' | 'edit';
  departments: string[];
}

const DATE_FORMAT = 'YYYY-MM-DD HH:mm';
const toDay = (iso: string | null): Dayjs | null => (iso ? dayjs(iso) : null);
const toIso = (d: Dayjs | null): string | null => (d?.isValid() ? d.toISOString() : null);

/** A core field error beside its box; the message carries a test id so tests can find it. */
export function complaintErrorProps(errors: Record<string, string>, name: string, extra?: string): Pick<FormItemProps, 'validateStatus' | 'help'> {
  const msg = errorFor(errors, name);
  if (!msg) return extra ? { help: extra } : {};
  return { validateStatus: 'error', help: <span data-testid={`complaint-error-${name}`}>{msg}</span> };
}

/**
 * The descriptive boxes of annex 2 (客户投诉处理单) in the order of the paper form. Required marks
 * follow the core's rules: complainant, problem, address or phone; for major and crisis
 * complaints also soothing and the department head notified (whom and when).
 */
export function ComplaintFormFields({ values: v, errors, update, disabled, mode, departments }: Props) {
  const { t } = useTranslation();
  const label = (name: string) => t(`complaint.fields.${name}`);
  const e = (name: string, extra?: string) => complaintErrorProps(errors, name, extra);
  const grave = isGrave(v.severity);
  const contactRequired = !v.address.trim() && !v.phone.trim();
  const deptOptions = [...new Set([...departments, ...(v.rectificationDept ? [v.rectificationDept] : [])])].map((d) => ({ value: d, label: d }));

  return (
    <Form layout="vertical" disabled={disabled} className="call-form complaint-form" component="div">
      <Row gutter={12}>
        <Col span={24}>
          <Form.Item label={label('channel')} required {...e('channel')}>
            <Radio.Group
              data-testid="complaint-channel"
              optionType="button"
              value={v.channel}
              onChange={(ev) => update({ channel: ev.target.value })}
              options={COMPLAINT_CHANNELS.map((c) => ({ value: c, label: t(`complaint.channels.${c}`) }))}
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label={label('complainant')} required {...e('complainant')}>
            <Input data-testid="complaint-complainant" value={v.complainant} onChange={(ev) => update({ complainant: ev.target.value })} maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label={label('organisation')} {...e('organisation')}>
            <Input data-testid="complaint-organisation" value={v.organisation} onChange={(ev) => update({ organisation: ev.target.value })} maxLength={200} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label={label('phone')} required={contactRequired} {...e('phone')}>
            <Input data-testid="complaint-phone" value={v.phone} onChange={(ev) => update({ phone: ev.target.value })} maxLength={40} />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item label={label('address')} required={contactRequired} {...e('address')}>
            <Input data-testid="complaint-address" value={v.address} onChange={(ev) => update({ address: ev.target.value })} maxLength={200} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label={label('reportNo')} {...e('reportNo')}>
            <Input data-testid="complaint-reportNo" value={v.reportNo} onChange={(ev) => update({ reportNo: ev.target.value })} maxLength={64} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item {...e('confidential', t('visibility.confidentialHint'))}>
            <Checkbox data-testid="complaint-confidential" checked={v.confidential} onChange={(ev) => update({ confidential: ev.target.checked })}>
              {label('confidential')}
            </Checkbox>
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item label={label('problem')} required {...e('problem')}>
            <SnippetTextArea
              data-testid="complaint-problem"
              value={v.problem}
              onChange={(text) => update({ problem: text })}
              autoSize={{ minRows: 3, maxRows: 8 }}
              maxLength={5000}
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label={label('occurredAt')} {...e('occurredAt')}>
            <DatePicker
              data-testid="complaint-occurredAt"
              showTime={{ format: 'HH:mm' }}
              format={DATE_FORMAT}
              style={{ width: '100%' }}
              value={toDay(v.occurredAt)}
              onChange={(d) => update({ occurredAt: toIso(d) })}
            />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item label={label('type')} required {...e('type')}>
            <Radio.Group
              data-testid="complaint-type"
              value={v.type}
              onChange={(ev) => update({ type: ev.target.value })}
              options={COMPLAINT_TYPES.map((c) => ({ value: c, label: t(`complaint.types.${c}`) }))}
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item label={label('severity')} required {...e('severity', mode === 'edit' ? t('complaint.severityHint') : undefined)}>
            <Radio.Group
              data-testid="complaint-severity"
              optionType="button"
              buttonStyle="solid"
              disabled={disabled || mode === 'edit'}
              value={v.severity}
              onChange={(ev) => update({ severity: ev.target.value })}
              options={SEVERITIES.map((s) => ({ value: s, label: t(`complaint.severities.${s}`) }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <div className={grave ? 'complaint-grave grave-on' : 'complaint-grave'} data-testid="complaint-grave">
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item label={t('complaint.sections.grave')} required={grave} {...e('soothed')}>
              <Checkbox data-testid="complaint-soothed" checked={v.soothed} onChange={(ev) => update({ soothed: ev.target.checked })}>
                {label('soothed')}
              </Checkbox>
            </Form.Item>
          </Col>
          <Col span={9}>
            <Form.Item label={label('headNotifiedTo')} required={grave} {...e('headNotifiedTo')}>
              <Input data-testid="complaint-headNotifiedTo" value={v.headNotifiedTo} onChange={(ev) => update({ headNotifiedTo: ev.target.value })} maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={9}>
            <Form.Item label={label('headNotifiedAt')} required={grave} {...e('headNotifiedAt')}>
              <DatePicker
                data-testid="complaint-headNotifiedAt"
                showTime={{ format: 'HH:mm' }}
                format={DATE_FORMAT}
                style={{ width: '100%' }}
                value={toDay(v.headNotifiedAt)}
                onChange={(d) => update({ headNotifiedAt: toIso(d) })}
              />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item label=" " colon={false}>
              <Checkbox
                data-testid="complaint-involveQualityDept"
                checked={v.involveQualityDept}
                onChange={(ev) => update({ involveQualityDept: ev.target.checked })}
              >
                {label('involveQualityDept')}
              </Checkbox>
              <Checkbox
                data-testid="complaint-involveChiefEngineer"
                checked={v.involveChiefEngineer}
                onChange={(ev) => update({ involveChiefEngineer: ev.target.checked })}
              >
                {label('involveChiefEngineer')}
              </Checkbox>
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={label('agreedReplyBy')} {...e('agreedReplyBy')}>
              <DatePicker
                data-testid="complaint-agreedReplyBy"
                showTime={{ format: 'HH:mm' }}
                format={DATE_FORMAT}
                style={{ width: '100%' }}
                value={toDay(v.agreedReplyBy)}
                onChange={(d) => update({ agreedReplyBy: toIso(d) })}
              />
            </Form.Item>
          </Col>
        </Row>
      </div>
      {mode === 'edit' && (
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item label={label('rectificationDept')} {...e('rectificationDept')}>
              <Select
                data-testid="complaint-rectificationDept"
                allowClear
                value={v.rectificationDept || undefined}
                onChange={(d?: string) => update({ rectificationDept: d ?? '' })}
                options={deptOptions}
              />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item label={label('rectificationNote')} {...e('rectificationNote')}>
              <SnippetTextArea
                data-testid="complaint-rectificationNote"
                value={v.rectificationNote}
                onChange={(text) => update({ rectificationNote: text })}
                autoSize={{ minRows: 1, maxRows: 4 }}
                maxLength={2000}
              />
            </Form.Item>
          </Col>
        </Row>
      )}
    </Form>
  );
}
