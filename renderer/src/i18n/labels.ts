import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { type EnumLabels, enumLabel, type Lang, type LabelKind } from '../../../shared/domain/labels';

// i18next itself rather than ./index: the message files import mapLabels, and ./index imports them.
/** The language shown now (i18next's, narrowed to ours). */
const langOf = (language: string | undefined): Lang => (language === 'en' ? 'en' : 'zh');

/** An enumeration's words in the language shown now, from shared/domain/labels.ts. Outside React. */
export function label<K extends LabelKind>(kind: K, value: keyof EnumLabels[K]): string {
  return enumLabel(kind, value, langOf(i18next.language));
}

/** The same in a component: re-renders on the language switch, like `t`. */
export function useLabel(): { lang: Lang; label: <K extends LabelKind>(kind: K, value: keyof EnumLabels[K]) => string } {
  const { i18n: current } = useTranslation();
  const lang = langOf(current.language);
  return { lang, label: (kind, value) => enumLabel(kind, value, lang) };
}

/** A copy of one table with each label passed through `f` (e.g. 升级 → 升级时限). */
export function mapLabels<T extends Record<string, string>>(table: T, f: (label: string) => string): Record<keyof T, string> {
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [k, f(v)])) as Record<keyof T, string>;
}
