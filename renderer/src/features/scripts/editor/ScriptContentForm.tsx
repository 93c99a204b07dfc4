import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Form, Input, Row, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { SCRIPT_ACTIONS, SCRIPT_VARIABLES, type ScriptAction, type ScriptKind } from '../../../../../shared/domain/script';
import { prefixedErrorProps } from '../../../components/FieldHelp';
import { type EditScript, type EditSpecial, type EditStep, newStepKey } from './model';

interface Props {
  kind: ScriptKind;
  value: EditScript;
  errors: Record<string, string>;
  onChange: (next: EditScript, touched: string[]) => void;
}

const MAX_STEPS = 20;
const NONE = '__none__';

/** The editable parts of a script: name, steps in order (add, move, remove) and the special situations. */
export function ScriptContentForm({ kind, value, errors, onChange }: Props) {
  const { t } = useTranslation();
  const e = (name: string) => prefixedErrorProps('script', errors, name);
  const vars = SCRIPT_VARIABLES.map((v) => `{${v}}`).join(' ');
  const actionOptions = [
    { value: NONE, label: t('script.editor.noAction') },
    ...SCRIPT_ACTIONS.map((a) => ({ value: a, label: t(`script.actions.${a}`) })),
  ];
  const toAction = (v: string): ScriptAction | null => (v === NONE ? null : (v as ScriptAction));

  const setStep = (i: number, patch: Partial<EditStep>) => {
    const steps = value.steps.map((s, j) => (j === i ? { ...s, ...patch } : s));
    onChange({ ...value, steps }, Object.keys(patch).map((k) => `steps.${i}.${k}`));
  };
  const move = (i: number, d: -1 | 1) => {
    const steps = [...value.steps];
    const [s] = steps.splice(i, 1);
    if (!s) return;
    steps.splice(i + d, 0, s);
    // Errors are by position; after a move they would point at the wrong step.
    onChange({ ...value, steps }, ['steps']);
  };
  const remove = (i: number) => onChange({ ...value, steps: value.steps.filter((_, j) => j !== i) }, ['steps']);
  const add = () =>
    onChange({ ...value, steps: [...value.steps, { key: newStepKey(value.steps), title: '', words: '', hints: '', action: null }] }, []);
  const setSpecial = (i: number, patch: Partial<EditSpecial>) => {
    const specials = value.specials.map((s, j) => (j === i ? { ...s, ...patch } : s));
    onChange({ ...value, specials }, Object.keys(patch).map((k) => `specials.${i}.${k}`));
  };

  return (
    <Form layout="vertical" component="div" data-testid="script-form">
      <Form.Item label={t('script.editor.name')} required {...e('name')}>
        <Input data-testid="script-name" value={value.name} maxLength={100} onChange={(ev) => onChange({ ...value, name: ev.target.value }, ['name'])} />
      </Form.Item>
      <div className="sheet-section-title">{t('script.editor.steps')}</div>
      {errors.steps && <div className="ant-form-item-explain-error">{errors.steps}</div>}
      {value.steps.map((st, i) => (
        <Card
          key={st.key}
          size="small"
          className="script-step-card"
          data-testid={`script-edit-step-${i}`}
          title={t('script.editor.step', { n: i + 1 })}
          extra={
            <Space size={4}>
              <Button size="small" icon={<ArrowUpOutlined />} aria-label={t('script.editor.moveUp')} disabled={i === 0} onClick={() => move(i, -1)} />
              <Button
                size="small"
                icon={<ArrowDownOutlined />}
                aria-label={t('script.editor.moveDown')}
                disabled={i === value.steps.length - 1}
                onClick={() => move(i, 1)}
              />
              <Button
                size="small"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('script.editor.removeStep')}
                disabled={value.steps.length === 1}
                onClick={() => remove(i)}
                data-testid={`script-step-remove-${i}`}
              />
            </Space>
          }
        >
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item label={t('script.editor.title')} required {...e(`steps.${i}.title`)}>
                <Input data-testid={`script-step-title-${i}`} value={st.title} maxLength={100} onChange={(ev) => setStep(i, { title: ev.target.value })} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label={t('script.editor.action')} {...e(`steps.${i}.action`)}>
                <Select
                  data-testid={`script-step-action-${i}`}
                  value={st.action ?? NONE}
                  onChange={(v: string) => setStep(i, { action: toAction(v) })}
                  options={actionOptions}
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={t('script.editor.words')} required {...e(`steps.${i}.words`)} extra={
              errors[`steps.${i}.words`] ? undefined : (
                // The variables are written as they are typed in the words (Chinese names), in either language.
                <>
                  {t('script.editor.wordsHelp', { vars: '' })}
                  <span data-data="">{vars}</span>
                </>
              )
            }
          >
            <Input.TextArea
              data-testid={`script-step-words-${i}`}
              value={st.words}
              maxLength={2000}
              autoSize={{ minRows: 2, maxRows: 6 }}
              onChange={(ev) => setStep(i, { words: ev.target.value })}
            />
          </Form.Item>
          <Form.Item label={t('script.editor.hints')} {...e(`steps.${i}.hints`)}>
            <Input.TextArea
              data-testid={`script-step-hints-${i}`}
              value={st.hints}
              autoSize={{ minRows: 1, maxRows: 5 }}
              onChange={(ev) => setStep(i, { hints: ev.target.value })}
            />
          </Form.Item>
        </Card>
      ))}
      <Button type="dashed" block icon={<PlusOutlined />} disabled={value.steps.length >= MAX_STEPS} onClick={add} data-testid="script-add-step">
        {t('script.editor.addStep')}
      </Button>

      {kind === 'call' && (
        <>
          <div className="sheet-section-title">{t('script.editor.specials')}</div>
          {value.specials.map((sp, i) => (
            <Card
              key={sp.situation}
              size="small"
              className="script-step-card"
              data-testid={`script-edit-special-${sp.situation}`}
              title={
                <Checkbox checked={sp.enabled} onChange={(ev) => setSpecial(i, { enabled: ev.target.checked })} data-testid={`script-special-enabled-${sp.situation}`}>
                  {t(`situations.${sp.situation}`)}
                </Checkbox>
              }
            >
              {sp.enabled ? (
                <>
                  <Row gutter={12}>
                    <Col span={12}>
                      <Form.Item label={t('script.editor.title')} required {...e(`specials.${i}.title`)}>
                        <Input value={sp.title} maxLength={100} onChange={(ev) => setSpecial(i, { title: ev.target.value })} />
                      </Form.Item>
                    </Col>
                    <Col span={12}>
                      <Form.Item label={t('script.editor.action')}>
                        <Select value={sp.action ?? NONE} onChange={(v: string) => setSpecial(i, { action: toAction(v) })} options={actionOptions} />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Form.Item label={t('script.editor.words')} required {...e(`specials.${i}.words`)}>
                    <Input.TextArea
                      data-testid={`script-special-words-${sp.situation}`}
                      value={sp.words}
                      maxLength={2000}
                      autoSize={{ minRows: 2, maxRows: 6 }}
                      onChange={(ev) => setSpecial(i, { words: ev.target.value })}
                    />
                  </Form.Item>
                  <Form.Item label={t('script.editor.hints')} {...e(`specials.${i}.hints`)}>
                    <Input.TextArea value={sp.hints} autoSize={{ minRows: 1, maxRows: 5 }} onChange={(ev) => setSpecial(i, { hints: ev.target.value })} />
                  </Form.Item>
                </>
              ) : null}
            </Card>
          ))}
        </>
      )}
    </Form>
  );
}
