import { Checkbox, Col, DatePicker, Form, Input, Radio, Rate, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CALL_CATEGORIES, SPECIAL_SITUATIONS } from '../../../../../shared/domain/callRecord';
import { errorProps } from '../../../components/FieldHelp';
import { SnippetTextArea } from '../../../components/SnippetTextArea';
import type { FormValues } from './values';

interface Props {
  values: FormValues;
  errors: Record<string, string>;
  update: (patch: Partial<FormValues>) => void;
  departments: string[];
  disabled: boolean;
}

const DATE_FORMAT = 'YYYY-MM-DD HH:mm';
const toDay = (iso: string | null): Dayjs | null => (iso ? dayjs(iso) : null);
const toIso = (d: Dayjs | null): string | null => (d?.isValid() ? d.toISOString() : null);

/**
 * Annex 1 (客户来电记录单), in the order of the paper form, so an agent used to the sheet finds
 * every box where it was. Tab order follows reading order; every control is a native focusable.
 */
export function CallFormFields({ values: v, errors, update, departments, disabled }: Props) {
  const { t } = useTranslation();
  const label = (name: string) => t(`fields.${name}`);
  // Departments no longer in settings stay selectable on old records, so they are not silently lost.
  const deptOptions = [...new Set([...departments, ...v.departmentsCoordinated])].map((d) => ({ value: d, label: d }));

  return (
    <Form layout="vertical" disabled={disabled} className="call-form" component="div">
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item label={label('callerName')} {...errorProps(errors, 'callerName')}>
            <Input data-testid="field-callerName" value={v.callerName} onChange={(e) => update({ callerName: e.target.value })} maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label={label('organisation')} {...errorProps(errors, 'organisation')}>
            <Input data-testid="field-organisation" value={v.organisation} onChange={(e) => update({ organisation: e.target.value })} maxLength={200} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label={label('phone')} {...errorProps(errors, 'phone')}>
            <Input data-testid="field-phone" value={v.phone} onChange={(e) => update({ phone: e.target.value })} maxLength={40} />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item label={label('address')} {...errorProps(errors, 'address')}>
            <Input data-testid="field-address" value={v.address} onChange={(e) => update({ address: e.target.value })} maxLength={200} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label={label('reportNo')} {...errorProps(errors, 'reportNo')}>
            <Input data-testid="field-reportNo" value={v.reportNo} onChange={(e) => update({ reportNo: e.target.value })} maxLength={64} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item label={`${label('category')} (Alt+1…5)`} required {...errorProps(errors, 'category')}>
            <Radio.Group
              data-testid="field-category"
              optionType="button"
              buttonStyle="solid"
              value={v.category}
              onChange={(e) => update({ category: e.target.value })}
              options={CALL_CATEGORIES.map((c, i) => ({ value: c, label: `${i + 1} ${t(`categories.${c}`)}` }))}
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item label={label('content')} required {...errorProps(errors, 'content')}>
            <SnippetTextArea
              data-testid="field-content"
              value={v.content}
              onChange={(text) => update({ content: text })}
              autoSize={{ minRows: 3, maxRows: 8 }}
              maxLength={5000}
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item label={label('specialSituations')} {...errorProps(errors, 'specialSituations')}>
            <Checkbox.Group
              data-testid="field-specialSituations"
              value={v.specialSituations}
              onChange={(list) => update({ specialSituations: list as FormValues['specialSituations'] })}
              options={SPECIAL_SITUATIONS.map((s) => ({ value: s, label: t(`situations.${s}`) }))}
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label={label('answeredOnSpot')} {...errorProps(errors, 'answeredOnSpot')}>
            <Radio.Group
              data-testid="field-answeredOnSpot"
              value={v.answeredOnSpot === null ? undefined : v.answeredOnSpot}
              onChange={(e) => update({ answeredOnSpot: e.target.value as boolean })}
              options={[
                { value: true, label: t('common.yes') },
                { value: false, label: t('common.no') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item label={label('departmentsCoordinated')} {...errorProps(errors, 'departmentsCoordinated')}>
            <Select
              data-testid="field-departmentsCoordinated"
              mode="multiple"
              allowClear
              value={v.departmentsCoordinated}
              onChange={(list: string[]) => update({ departmentsCoordinated: list })}
              options={deptOptions}
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            label={label('promisedReplyBy')}
            required={v.answeredOnSpot === false}
            {...errorProps(errors, 'promisedReplyBy')}
          >
            <DatePicker
              data-testid="field-promisedReplyBy"
              showTime={{ format: 'HH:mm' }}
              format={DATE_FORMAT}
              style={{ width: '100%' }}
              value={toDay(v.promisedReplyBy)}
              onChange={(d) => update({ promisedReplyBy: toIso(d) })}
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item label={label('replyContent')} {...errorProps(errors, 'replyContent')}>
            <SnippetTextArea
              data-testid="field-replyContent"
              value={v.replyContent}
              onChange={(text) => update({ replyContent: text })}
              autoSize={{ minRows: 1, maxRows: 6 }}
              maxLength={5000}
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label={label('repliedAt')} {...errorProps(errors, 'repliedAt')}>
            <DatePicker
              data-testid="field-repliedAt"
              showTime={{ format: 'HH:mm' }}
              format={DATE_FORMAT}
              style={{ width: '100%' }}
              value={toDay(v.repliedAt)}
              onChange={(d) => update({ repliedAt: toIso(d) })}
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label={label('repliedBy')} {...errorProps(errors, 'repliedBy')}>
            <Input data-testid="field-repliedBy" value={v.repliedBy} onChange={(e) => update({ repliedBy: e.target.value })} maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <SolutionLines v={v} errors={errors} update={update} />
        </Col>
        <Col span={8}>
          <Form.Item label={label('satisfaction')} {...errorProps(errors, 'satisfaction')}>
            <Rate data-testid="field-satisfaction" allowClear value={v.satisfaction ?? 0} onChange={(n) => update({ satisfaction: n || null })} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label=" " colon={false} {...errorProps(errors, 'confidential')}>
            <Checkbox data-testid="field-confidential" checked={v.confidential} onChange={(e) => update({ confidential: e.target.checked })}>
              {label('confidential')}
            </Checkbox>
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label=" " colon={false} {...errorProps(errors, 'transferred')}>
            <Checkbox data-testid="field-transferred" checked={v.transferred} onChange={(e) => update({ transferred: e.target.checked })}>
              {label('transferred')}
            </Checkbox>
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item label={label('suggestions')} {...errorProps(errors, 'suggestions')}>
            <SnippetTextArea
              data-testid="field-suggestions"
              value={v.suggestions}
              onChange={(text) => update({ suggestions: text })}
              autoSize={{ minRows: 1, maxRows: 4 }}
              maxLength={2000}
            />
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}

/** 001 §2.3: up to three proposed solutions, then which one the customer chose. */
function SolutionLines({ v, errors, update }: Pick<Props, 'errors' | 'update'> & { v: FormValues }) {
  const { t } = useTranslation();
  const setLine = (i: number, text: string) => {
    const solutions = [...v.solutions] as FormValues['solutions'];
    solutions[i] = text;
    // Emptying the chosen line un-chooses it, so the sheet never points at a blank solution.
    const chosen = v.chosenSolution === i && !text.trim() ? null : v.chosenSolution;
    update({ solutions, chosenSolution: chosen });
  };
  return (
    <Row gutter={12}>
      {v.solutions.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: three fixed, positional slots; the index is their identity.
        <Col span={8} key={`solution-${i + 1}`}>
          <Form.Item label={i === 0 ? t('fields.solutions') : ' '} colon={false} {...errorProps(errors, `solutions.${i}`)}>
            <Input
              data-testid={`field-solutions-${i}`}
              prefix={<span className="solution-no">{i + 1}.</span>}
              value={line}
              onChange={(e) => setLine(i, e.target.value)}
              maxLength={500}
            />
          </Form.Item>
        </Col>
      ))}
      <Col span={24}>
        <Form.Item label={t('fields.chosenSolution')} {...errorProps(errors, 'chosenSolution')}>
          <Radio.Group
            data-testid="field-chosenSolution"
            value={v.chosenSolution ?? -1}
            onChange={(e) => update({ chosenSolution: e.target.value === -1 ? null : (e.target.value as number) })}
            options={[
              { value: -1, label: t('calls.notChosen') },
              ...v.solutions.map((line, i) => ({ value: i, label: t('calls.solutionN', { n: i + 1 }), disabled: !line.trim() })),
            ]}
          />
        </Form.Item>
      </Col>
    </Row>
  );
}
