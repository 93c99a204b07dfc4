import { Alert, AutoComplete, Checkbox, DatePicker, Form, Input, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Complaint, DirectoryUser } from '../../../../../shared/api/types';
import { CALLBACK_RESULTS, type ComplaintActionName, SEVERITIES } from '../../../../../shared/domain/complaint';
import { SnippetTextArea } from '../../../components/SnippetTextArea';
import { complaintErrorProps } from '../form/ComplaintFormFields';
import { phoneNeedsCorrection, type SignKind, type StepDraft } from './steps';

interface Props {
  action: ComplaintActionName;
  complaint: Complaint;
  draft: StepDraft;
  update: (patch: Partial<StepDraft>) => void;
  errors: Record<string, string>;
  directory: DirectoryUser[];
  departments: string[];
  kinds: SignKind[];
}

const DATE_FORMAT = 'YYYY-MM-DD HH:mm';

/** The boxes of one workflow step, each with its test id `step-<box>` and its error beside it. */
export function StepFields({ action, complaint: c, draft: d, update, errors, directory, departments, kinds }: Props) {
  const { t } = useTranslation();
  const f = (name: string) => t(`complaint.fields.${name}`);
  const e = (name: string) => complaintErrorProps(errors, name);
  const text = (name: 'note' | 'opinion' | 'reason' | 'investigation' | 'result' | 'replyToCustomer', label: string, requiredBox: boolean, rows = 2) => (
    <Form.Item label={label} required={requiredBox} {...e(name)}>
      <SnippetTextArea
        data-testid={`step-${name}`}
        value={d[name]}
        onChange={(text) => update({ [name]: text })}
        autoSize={{ minRows: rows, maxRows: 8 }}
        maxLength={name === 'note' || name === 'opinion' ? 1000 : 5000}
      />
    </Form.Item>
  );

  switch (action) {
    case 'assign': {
      const handlers = directory.filter((u) => u.role === 'agent' || u.role === 'team_lead' || u.id === d.handlerId);
      const deptOptions = [...new Set([...departments, ...d.departments])].map((x) => ({ value: x, label: x }));
      return (
        <>
          <Form.Item label={f('departments')} required {...e('departments')}>
            <Select data-testid="step-departments" mode="multiple" value={d.departments} onChange={(v: string[]) => update({ departments: v })} options={deptOptions} />
          </Form.Item>
          <Form.Item label={t('complaint.dialog.handler')} required {...e('handlerId')}>
            <Select
              data-testid="step-handler"
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('complaint.dialog.handlerPh')}
              value={d.handlerId ?? undefined}
              onChange={(v: string) => update({ handlerId: v })}
              options={handlers.map((u) => ({ value: u.id, label: `${u.displayName}(${t(`roles.${u.role}`)})` }))}
            />
          </Form.Item>
        </>
      );
    }
    case 'escalate': {
      const leads = directory.filter((u) => u.role === 'team_lead').map((u) => ({ value: u.displayName }));
      return (
        <>
          <Form.Item label={t('complaint.dialog.to')} required {...e('to')}>
            <AutoComplete
              data-testid="step-to"
              options={leads}
              value={d.to}
              onChange={(v: string) => update({ to: v })}
              placeholder={t('complaint.dialog.toPh')}
            />
          </Form.Item>
          {text('note', t('complaint.dialog.note'), false)}
        </>
      );
    }
    case 'report':
      return text('note', t('complaint.dialog.reportNote'), true, 3);
    case 'changeSeverity':
      return (
        <>
          <Form.Item label={f('severity')} required {...e('severity')}>
            <Radio.Group
              data-testid="step-severity"
              optionType="button"
              buttonStyle="solid"
              value={d.severity}
              onChange={(ev) => update({ severity: ev.target.value })}
              options={SEVERITIES.map((s) => ({ value: s, label: t(`complaint.severities.${s}`) }))}
            />
          </Form.Item>
          {d.severity !== 'general' && (
            <>
              <Form.Item required {...e('soothed')}>
                <Checkbox data-testid="step-soothed" checked={d.soothed} onChange={(ev) => update({ soothed: ev.target.checked })}>
                  {f('soothed')}
                </Checkbox>
              </Form.Item>
              <Form.Item label={f('headNotifiedTo')} required {...e('headNotifiedTo')}>
                <Input data-testid="step-headNotifiedTo" value={d.headNotifiedTo} onChange={(ev) => update({ headNotifiedTo: ev.target.value })} maxLength={100} />
              </Form.Item>
              <Form.Item label={f('headNotifiedAt')} required {...e('headNotifiedAt')}>
                <DatePicker
                  data-testid="step-headNotifiedAt"
                  showTime={{ format: 'HH:mm' }}
                  format={DATE_FORMAT}
                  value={d.headNotifiedAt ? dayjs(d.headNotifiedAt) : null}
                  onChange={(v) => update({ headNotifiedAt: v?.isValid() ? v.toISOString() : null })}
                />
              </Form.Item>
            </>
          )}
        </>
      );
    case 'recordResult':
      return (
        <>
          {/* A stored number nobody can dial is corrected here: the callback after the result dials it. */}
          {(phoneNeedsCorrection(c) || errors.phone) && (
            <Form.Item label={f('phone')} required {...e('phone')}>
              <Input data-testid="step-phone" value={d.phone} maxLength={40} onChange={(ev) => update({ phone: ev.target.value })} />
            </Form.Item>
          )}
          {text('investigation', f('investigation'), true, 3)}
          <Form.Item label={f('solutions')} {...e('solutions')}>
            {d.solutions.map((line, i) => (
              <Input
                // biome-ignore lint/suspicious/noArrayIndexKey: three fixed, positional slots.
                key={i}
                className="step-solution"
                data-testid={`step-solutions-${i}`}
                prefix={<span className="solution-no">{i + 1}.</span>}
                value={line}
                maxLength={500}
                onChange={(ev) => {
                  const solutions = [...d.solutions] as StepDraft['solutions'];
                  solutions[i] = ev.target.value;
                  update({ solutions, chosenSolution: d.chosenSolution === i && !ev.target.value.trim() ? null : d.chosenSolution });
                }}
              />
            ))}
          </Form.Item>
          <Form.Item label={f('chosenSolution')} {...e('chosenSolution')}>
            <Radio.Group
              data-testid="step-chosenSolution"
              value={d.chosenSolution ?? -1}
              onChange={(ev) => update({ chosenSolution: ev.target.value === -1 ? null : (ev.target.value as number) })}
              options={[
                { value: -1, label: t('complaint.notChosen') },
                ...d.solutions.map((line, i) => ({ value: i, label: t('complaint.solutionN', { n: i + 1 }), disabled: !line.trim() })),
              ]}
            />
          </Form.Item>
          {text('result', f('result'), true, 3)}
          {text('replyToCustomer', f('replyToCustomer'), true, 2)}
        </>
      );
    case 'callbackNotReached':
      return (
        <>
          <Alert type="info" showIcon className="form-alert" title={t('complaint.dialog.notReachedHint', { n: c.callbackAttempts })} />
          {text('note', t('complaint.dialog.note'), false)}
        </>
      );
    case 'recordCallback':
      return (
        <>
          <Form.Item label={f('callbackResult')} required {...e('callbackResult')}>
            <Radio.Group
              data-testid="step-callbackResult"
              optionType="button"
              buttonStyle="solid"
              value={d.callbackResult ?? undefined}
              onChange={(ev) => update({ callbackResult: ev.target.value })}
              options={CALLBACK_RESULTS.map((r) => ({ value: r, label: t(`complaint.callbackResults.${r}`) }))}
            />
          </Form.Item>
          {d.callbackResult === 'unsatisfied' && (
            <Alert type="warning" showIcon className="form-alert" data-testid="step-unsatisfied-warn" title={t('complaint.dialog.unsatisfiedWarn', { n: c.round + 1 })} />
          )}
          {text('note', f('callbackNote'), false, 3)}
        </>
      );
    case 'signoff':
      return (
        <>
          <Form.Item label={t('complaint.dialog.kind')} required {...e('kind')}>
            <Radio.Group
              data-testid="step-kind"
              value={d.kind ?? undefined}
              onChange={(ev) => update({ kind: ev.target.value })}
              options={kinds.map((k) => ({ value: k, label: t(`complaint.signoffKinds.${k}`) }))}
            />
          </Form.Item>
          {text('opinion', t('complaint.dialog.opinion'), true, 3)}
        </>
      );
    case 'approveClose':
      return (
        <>
          <Alert type="info" showIcon className="form-alert" title={t('complaint.dialog.approveHint')} />
          {text('opinion', t('complaint.dialog.opinion'), true, 3)}
        </>
      );
    case 'void':
      return (
        <>
          <Alert type="warning" showIcon className="form-alert" title={t('complaint.dialog.voidWarn')} />
          {text('reason', t('complaint.dialog.reason'), true)}
        </>
      );
  }
}
