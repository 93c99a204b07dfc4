import { ArrowDownOutlined, ArrowUpOutlined, BulbOutlined, CloseOutlined } from '@ant-design/icons';
import { Button, Tag, Tooltip } from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SPECIAL_SITUATIONS, type SpecialSituation } from '../../../../shared/domain/callRecord';
import type { ScriptAction, ScriptVariables, ScriptVersion } from '../../../../shared/domain/script';
import { type HotkeyMap, useHotkeys } from '../../components/useHotkeys';
import { ScriptWords } from './ScriptWords';

/**
 * Alt+digit like the categories (Alt+1…5), so both live on the number row: Windows and Electron menus
 * never take Alt+digit, and the physical key code makes them layout-proof. Fixed per situation, not
 * per position in the script, so 超出能力 is Alt+8 whatever the administrator left out.
 */
export const SPECIAL_KEYS: Record<SpecialSituation, string> = {
  emotional: 'Alt+6',
  dialect: 'Alt+7',
  beyond_ability: 'Alt+8',
  phone_fault: 'Alt+9',
  result_query: 'Alt+0',
};
export const NEXT_KEY = 'Alt+ArrowDown';
export const PREV_KEY = 'Alt+ArrowUp';
export const ACTION_KEY = 'Alt+Enter';

interface Props {
  script: ScriptVersion;
  vars: ScriptVariables;
  /** Shortcuts only for the screen the user is looking at. */
  hotkeys: boolean;
  /** Situations already ticked on the record: their buttons show it. */
  ticked?: readonly SpecialSituation[];
  onSpecial?: (s: SpecialSituation) => void;
  /** Without it the action buttons are not shown (preview, read-only versions). */
  onAction?: (a: ScriptAction) => void;
  /** What an action already did, shown beside its button (e.g. the promised callback's time). */
  actionDone?: Partial<Record<ScriptAction, ReactNode>>;
  extra?: ReactNode;
  testId?: string;
}

/**
 * A script as the agent walks it: steps in order with the current one highlighted and its words and
 * hints open, the special situations one key away, and the action a step or situation offers.
 * Used by the call screen, the callback screen and the script editor's preview.
 */
export function ScriptRunner({ script, vars, hotkeys, ticked = [], onSpecial, onAction, actionDone = {}, extra, testId = 'script-panel' }: Props) {
  const { t, i18n } = useTranslation();
  const [current, setCurrent] = useState(0);
  const [special, setSpecial] = useState<SpecialSituation | null>(null);
  const last = script.steps.length - 1;
  const index = Math.min(current, last);
  const step = script.steps[index];
  const shown = special ? script.specials.find((s) => s.situation === special) : undefined;
  const listRef = useRef<HTMLOListElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the step changes; it reads the new step from the DOM.
  useEffect(() => {
    listRef.current?.querySelector<HTMLElement>('li.current')?.scrollIntoView?.({ block: 'nearest' });
  }, [index]);

  const go = (i: number) => {
    setSpecial(null);
    setCurrent(Math.max(0, Math.min(last, i)));
  };
  const pick = (s: SpecialSituation) => {
    onSpecial?.(s);
    // Pressing it again goes back to the step; the situation stays ticked on the record.
    setSpecial((cur) => (cur === s ? null : s));
  };
  // A call script offers all five (each ticks the record); other scripts only the ones they define.
  const situations = script.kind === 'call' ? SPECIAL_SITUATIONS : SPECIAL_SITUATIONS.filter((s) => script.specials.some((x) => x.situation === s));
  const shownAction = special ? (shown?.action ?? null) : (step?.action ?? null);

  const keys: HotkeyMap = {
    // Leaving a situation returns to the step the agent was on rather than skipping one.
    [NEXT_KEY]: () => (special ? setSpecial(null) : go(index + 1)),
    [PREV_KEY]: () => go(special ? index : index - 1),
  };
  for (const s of situations) keys[SPECIAL_KEYS[s]] = () => pick(s);
  if (onAction && shownAction) keys[ACTION_KEY] = () => onAction(shownAction);
  useHotkeys(keys, hotkeys);

  // Only the action on show (the open situation, else the current step) carries the Alt+Enter hint.
  const actionButton = (action: ScriptAction | null, primary: boolean, keyed: boolean) =>
    onAction && action ? (
      <div className="script-action">
        <Button
          size="small"
          type={primary ? 'primary' : 'default'}
          data-testid={`script-action-${action}`}
          onClick={(e) => {
            e.stopPropagation();
            onAction(action);
          }}
        >
          {t(`script.actions.${action}`)}
          {hotkeys && keyed && <kbd>Alt+Enter</kbd>}
        </Button>
        {actionDone[action] && <span className="script-action-done">{actionDone[action]}</span>}
      </div>
    ) : null;

  return (
    <div className="script-panel" data-testid={testId} data-step={step?.key ?? ''} data-special={special ?? ''}>
      <div className="script-head">
        <span className="script-name">
          <BulbOutlined /> <span data-data="">{script.name}</span>
        </span>
        <Tag className="script-version">{t('script.versionN', { n: script.version })}</Tag>
        {extra}
      </div>

      {special && (
        <div className="script-special" data-testid="script-special-card" data-situation={special} role="alert">
          <div className="script-special-head">
            <strong data-data={shown ? '' : undefined}>{shown?.title ?? t(`situations.${special}`)}</strong>
            <Button size="small" type="text" icon={<CloseOutlined />} aria-label={t('script.backToStep')} onClick={() => setSpecial(null)} />
          </div>
          {shown ? (
            <>
              <div className="script-step-words" data-data="">
                <ScriptWords words={shown.words} vars={vars} />
              </div>
              <Hints hints={shown.hints} />
              {actionButton(shown.action, true, true)}
            </>
          ) : (
            <div className="muted">{t('script.noSpecialWords')}</div>
          )}
        </div>
      )}

      <ol className="script-steps" ref={listRef}>
        {script.steps.map((st, i) => {
          const isCurrent = i === index && !special;
          return (
            <li
              key={st.key}
              className={i === index ? (special ? 'current paused' : 'current') : i < index ? 'done' : undefined}
              data-testid={`script-step-${st.key}`}
              aria-current={isCurrent ? 'step' : undefined}
            >
              <button type="button" className="script-step-title" onClick={() => go(i)}>
                <span className="script-step-no">{i + 1}</span>
                <span data-data="">{st.title}</span>
                {st.action && !isCurrent && <span className="script-step-has-action">{t(`script.actions.${st.action}`)}</span>}
              </button>
              {i === index ? (
                <>
                  <div className="script-step-words" data-testid={isCurrent ? 'script-current-words' : undefined} data-data="">
                    <ScriptWords words={st.words} vars={vars} />
                  </div>
                  <Hints hints={st.hints} />
                  {actionButton(st.action, false, !special)}
                </>
              ) : (
                <div className="script-step-preview" data-data="">
                  <ScriptWords words={st.words} vars={vars} />
                </div>
              )}
            </li>
          );
        })}
      </ol>

      <div className="script-nav">
        <Button size="small" icon={<ArrowUpOutlined />} disabled={index === 0 && !special} onClick={() => go(special ? index : index - 1)} data-testid="script-prev">
          {t('script.prev')}
          {hotkeys && <kbd>Alt+↑</kbd>}
        </Button>
        <Button
          size="small"
          type="primary"
          icon={<ArrowDownOutlined />}
          disabled={index === last && !special}
          onClick={() => (special ? setSpecial(null) : go(index + 1))}
          data-testid="script-next"
        >
          {t('script.next')}
          {hotkeys && <kbd>Alt+↓</kbd>}
        </Button>
      </div>

      {situations.length > 0 && (
        <div className="script-specials" data-testid="script-specials">
          <div className="script-specials-title muted">{t('script.specials')}</div>
          {situations.map((s) => {
            const on = ticked.includes(s);
            const def = script.specials.find((x) => x.situation === s);
            return (
              <Tooltip key={s} title={def ? def.words : t('script.noSpecialWords')}>
                <Button
                  size="small"
                  data-testid={`script-special-${s}`}
                  data-ticked={on ? 'true' : 'false'}
                  className={special === s ? 'script-special-btn active' : 'script-special-btn'}
                  type={special === s ? 'primary' : 'default'}
                  danger={on}
                  onClick={() => pick(s)}
                >
                  {on ? '✓ ' : ''}
                  {/* The script's own title in Chinese; in English the situation's name, the script being written in Chinese. */}
                  {(i18n.language !== 'en' && def?.title) || t(`situations.${s}`)}
                  {hotkeys && <kbd>{SPECIAL_KEYS[s]}</kbd>}
                </Button>
              </Tooltip>
            );
          })}
        </div>
      )}
    </div>
  );
}

function Hints({ hints }: { hints: readonly string[] }) {
  if (!hints.length) return null;
  return (
    <ul className="script-hints" data-data="">
      {hints.map((h) => (
        <li key={h}>{h}</li>
      ))}
    </ul>
  );
}
