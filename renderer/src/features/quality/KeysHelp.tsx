import { Card } from 'antd';
import { useTranslation } from 'react-i18next';

/** The scoring keys (useScoringKeys), on screen: a reviewer learns them by looking, not from a manual. */
const KEYS: [keys: string[], what: string][] = [
  [['↑', '↓', 'K', 'J'], 'move'],
  [['0–9'], 'points'],
  [['+', '−'], 'step'],
  [['M'], 'full'],
  [['A'], 'fillRest'],
  [['F'], 'fatal'],
  [['I'], 'finding'],
  [['C'], 'comment'],
  [['Esc'], 'leave'],
  [['Ctrl+Enter'], 'save'],
  [['N'], 'next'],
];

export function KeysHelp() {
  const { t } = useTranslation();
  return (
    <Card size="small" className="qa-keys" title={t('quality.keys.title')} data-testid="qa-keys">
      <dl className="qa-keys-list">
        {KEYS.map(([keys, what]) => (
          <div key={what} className="qa-keys-row">
            <dt>
              {keys.map((k) => (
                <kbd key={k} className="qa-kbd">
                  {k}
                </kbd>
              ))}
            </dt>
            <dd>{t(`quality.keys.${what}`)}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
