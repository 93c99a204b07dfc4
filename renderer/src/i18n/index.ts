import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../../../shared/domain/labels';
import { en } from './en';
import { zh } from './zh';

export type { Lang };
const STORAGE_KEY = 'hotline.lang';

function storedLang(): Lang {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh'; // Storage can be unavailable (privacy settings); Chinese is the product default.
  }
}

const initial = storedLang();
dayjs.locale(initial === 'zh' ? 'zh-cn' : 'en');

// Resources are bundled and init is synchronous, so the first render already has its strings.
void i18next.use(initReactI18next).init({
  lng: initial,
  fallbackLng: 'zh',
  resources: { zh: { translation: zh }, en: { translation: en } },
  interpolation: { escapeValue: false }, // React escapes already.
  returnNull: false,
  initAsync: false,
});

export const i18n = i18next;
export const t = i18next.t.bind(i18next);

export function currentLang(): Lang {
  return i18next.language === 'en' ? 'en' : 'zh';
}

export async function setLanguage(lang: Lang): Promise<void> {
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Not persisting is acceptable; the switch still applies to this session.
  }
  await i18next.changeLanguage(lang);
}
