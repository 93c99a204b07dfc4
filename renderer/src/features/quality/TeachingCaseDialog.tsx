import { Alert, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QaReview, TeachingCase } from '../../../../shared/domain/qaReview';
import { call } from '../../api/client';
import { errorText, fieldErrors } from '../../api/errors';
import { errorProps } from '../../components/FieldHelp';
import { useLabel } from '../../i18n/labels';

const NONE = 'none';

/** 标为案例: a reviewed record as a good or bad example for the team, with a note; or no longer one. */
export function TeachingCaseDialog({ review, onClose, onDone }: { review: QaReview; onClose: () => void; onDone: (r: QaReview) => void }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const [kind, setKind] = useState<TeachingCase | typeof NONE>(review.teachingCase ?? NONE);
  const [note, setNote] = useState(review.caseNote);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    const res = await call('qa.markCase', { reviewId: review.id, teachingCase: kind === NONE ? null : kind, note: note.trim() });
    setBusy(false);
    if (!res.ok) {
      setErrors(fieldErrors(res.error));
      setAlert(errorText(res.error));
      return;
    }
    onDone(res.result);
  };

  return (
    <Modal
      open
      title={t('quality.teaching.title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, ...{ 'data-testid': 'qa-case-submit' } }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {alert && <Alert type="error" showIcon title={alert} className="form-alert" />}
      <Form layout="vertical" component="div">
        <Form.Item label={t('quality.teaching.kind')}>
          <Radio.Group
            data-testid="qa-case-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value)}
            options={[
              { value: 'good', label: label('teachingCase', 'good') },
              { value: 'bad', label: label('teachingCase', 'bad') },
              { value: NONE, label: t('quality.teaching.none') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('quality.teaching.note')} {...errorProps(errors, 'note')}>
          <Input.TextArea
            data-testid="qa-case-note"
            value={note}
            placeholder={t('quality.teaching.notePh')}
            onChange={(e) => setNote(e.target.value)}
            autoSize={{ minRows: 2, maxRows: 5 }}
            maxLength={1000}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
