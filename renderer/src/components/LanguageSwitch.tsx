import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Lang, setLanguage } from '../i18n';

/** 中文 / English. Chinese is the default; the choice is kept per workstation. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Segmented
      data-testid="lang-switch"
      aria-label={t('layout.language')}
      size="small"
      value={i18n.language === 'en' ? 'en' : 'zh'}
      onChange={(v) => void setLanguage(v as Lang)}
      options={[
        { value: 'zh', label: t('lang.zh') },
        { value: 'en', label: t('lang.en') },
      ]}
    />
  );
}
