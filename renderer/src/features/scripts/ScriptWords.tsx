import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { renderWords, type ScriptVariables } from '../../../../shared/domain/script';

/**
 * Script words with their variables filled in. A variable without a value yet (the caller has not
 * given a name) or one the panel does not know (a typo such as {机构}) is shown as a visible tag,
 * never as a blank the agent would read over.
 */
export function ScriptWords({ words, vars }: { words: string; vars: ScriptVariables }) {
  const { t } = useTranslation();
  return (
    <span className="script-words">
      {renderWords(words, vars).map((s, i) => {
        // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional pieces of one fixed string.
        if (s.kind === 'text') return <span key={i}>{s.text}</span>;
        if (s.value)
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: as above.
            <Tooltip key={i} title={`{${s.name}}`}>
              <span className="script-var filled" data-testid="script-var-filled" data-var={s.name}>
                {s.value}
              </span>
            </Tooltip>
          );
        const kind = s.known ? 'unfilled' : 'unknown';
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above.
          <Tooltip key={i} title={t(`script.var.${kind}`, { name: s.name })}>
            <span className={`script-var ${kind}`} data-testid={`script-var-${kind}`} data-var={s.name}>
              【{s.name}】
            </span>
          </Tooltip>
        );
      })}
    </span>
  );
}
