import { BellOutlined, CloseOutlined, PhoneOutlined } from '@ant-design/icons';
import { Button, Input, type InputRef, Space, Typography } from 'antd';
import { type RefObject, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { secondsSince } from '../../components/format';
import { useNow } from '../../components/useNow';

interface AnswerBarProps {
  phone: string;
  onPhone: (p: string) => void;
  onAnswer: () => void;
  busy: boolean;
  /** A call is in progress: one call at a time, the bar shows the number instead of accepting one. */
  onCall: string | null;
  inputRef: RefObject<InputRef | null>;
}

/** The number field and the 接听 button. Enter or F2 answers; the ring time comes from the event. */
export function AnswerBar({ phone, onPhone, onAnswer, busy, onCall, inputRef }: AnswerBarProps) {
  const { t } = useTranslation();
  return (
    <div className="answer-bar">
      <Space.Compact className="answer-bar-input">
        <Input
          ref={inputRef}
          data-testid="answer-phone"
          aria-label={t('calls.answerPhone')}
          prefix={<PhoneOutlined />}
          placeholder={t('calls.answerPhonePh')}
          value={onCall ?? phone}
          disabled={!!onCall}
          onChange={(e) => onPhone(e.target.value)}
          onPressEnter={(e) => {
            // Chinese IME: the Enter that confirms a candidate must not answer the phone.
            if (!e.nativeEvent.isComposing) onAnswer();
          }}
          maxLength={40}
          size="large"
          allowClear
        />
        <Button data-testid="answer-button" type="primary" size="large" loading={busy} disabled={!!onCall} onClick={onAnswer}>
          {t('calls.answer')} <kbd>F2</kbd>
        </Button>
      </Space.Compact>
    </div>
  );
}

interface RingingProps {
  phone: string;
  rangAt: string;
  answerWithinSeconds: number;
  /** Another call is in progress; the banner shows the ring but cannot answer it. */
  waiting: boolean;
  onAnswer: () => void;
  onDismiss: () => void;
}

/** Live ring counter: the rule is to answer before the third ring, so the seconds turn red when late. */
export function RingingBanner({ phone, rangAt, answerWithinSeconds, waiting, onAnswer, onDismiss }: RingingProps) {
  const { t } = useTranslation();
  const now = useNow(true, 250);
  const secs = secondsSince(rangAt, now);
  const late = secs > answerWithinSeconds;
  useEffect(() => {
    // The window may be behind other apps when the softphone rings; the title shows it in the taskbar.
    const before = document.title;
    document.title = `☎ ${phone} — ${t('calls.ringing')}`;
    return () => {
      document.title = before;
    };
  }, [phone, t]);
  return (
    <div className={`ringing-banner${late ? ' late' : ''}`} data-testid="ringing-banner" role="alert">
      <BellOutlined className="ringing-icon" />
      <span className="ringing-label">{t('calls.ringing')}</span>
      <Typography.Text strong className="ringing-phone">
        {phone}
      </Typography.Text>
      <span className="ring-seconds" data-testid="ring-seconds" data-late={late ? 'true' : 'false'}>
        {t('calls.ringSeconds', { n: secs })}
      </span>
      <span className="muted">{late ? t('calls.late') : t('calls.lateHint', { n: answerWithinSeconds })}</span>
      <span className="ringing-actions">
        {!waiting && (
          <Button type="primary" data-testid="ringing-answer" onClick={onAnswer}>
            {t('calls.answer')} <kbd>F2</kbd>
          </Button>
        )}
        <Button type="text" icon={<CloseOutlined />} aria-label={t('common.close')} data-testid="ringing-dismiss" onClick={onDismiss} />
      </span>
    </div>
  );
}
