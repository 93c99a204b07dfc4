import { type GetProps, type GetRef, Input } from 'antd';
import { type ChangeEvent, type KeyboardEvent, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_SNIPPETS, filterSnippets, type Snippet } from '../../../shared/domain/snippets';
import { useSettings } from '../features/admin/settingsStore';

type TextAreaProps = GetProps<typeof Input.TextArea>;
type Props = Omit<TextAreaProps, 'value' | 'onChange'> & {
  value: string;
  onChange: (value: string) => void;
  /** For tests and forms outside the settings store; defaults to settings.snippets. */
  snippets?: readonly Snippet[];
};

/** The most a menu shows at once; typing more letters narrows it (Zammad shows about as many). */
const MAX_ITEMS = 8;

/**
 * `::` then a few letters, right before the caret. Full-width `：：` too: agents type with a Chinese IME on.
 * The character before must not be a colon, so `:::` or a pasted `a::b` mid-word does not open it.
 */
const TOKEN = /(^|[^:：])([:：]{2})([^\s:：]{0,20})$/;

interface Token {
  /** Where `::` starts; the insertion replaces from here to the caret. */
  start: number;
  end: number;
  query: string;
}

export function findToken(value: string, caret: number): Token | null {
  const m = TOKEN.exec(value.slice(0, caret));
  if (!m) return null;
  const query = m[3] ?? '';
  return { start: caret - query.length - 2, end: caret, query };
}

/**
 * A TextArea for note fields with text modules: typing `::hf` offers the standard phrases whose key,
 * title or text match; ↑/↓ choose, Enter or Tab insert (replacing `::hf`), Esc closes the menu only.
 * A click inserts too. Everything else behaves like antd's TextArea.
 */
export function SnippetTextArea({ value, onChange, snippets, onKeyDown, onBlur, ...rest }: Props) {
  const { t } = useTranslation();
  const fromSettings = useSettings((s) => s.settings?.snippets);
  const list = snippets ?? fromSettings ?? DEFAULT_SNIPPETS;
  const ref = useRef<GetRef<typeof Input.TextArea>>(null);
  const [token, setToken] = useState<Token | null>(null);
  const [active, setActive] = useState(0);
  const caretAfter = useRef<number | null>(null);
  const menuId = useId();

  const items = token ? filterSnippets(list, token.query).slice(0, MAX_ITEMS) : [];
  const open = !!token && items.length > 0;
  const el = () => ref.current?.resizableTextArea?.textArea ?? null;

  // After an insertion the caret goes behind the inserted text, once React has written the value.
  useLayoutEffect(() => {
    const at = caretAfter.current;
    const area = el();
    if (at === null || !area) return;
    caretAfter.current = null;
    area.focus();
    area.setSelectionRange(at, at);
  });

  const track = (text: string, caret: number | null) => {
    const next = caret === null ? null : findToken(text, caret);
    setToken(next);
    if (next?.query !== token?.query) setActive(0);
  };

  const insert = (s: Snippet) => {
    if (!token) return;
    const next = value.slice(0, token.start) + s.text + value.slice(token.end);
    caretAfter.current = token.start + s.text.length;
    setToken(null);
    onChange(next);
  };

  const keyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open && !e.nativeEvent.isComposing) {
      const n = items.length;
      const handled = (fn: () => void) => {
        e.preventDefault();
        // Esc must not reach a dialog (closing it) and Enter must not reach a form (submitting it).
        e.stopPropagation();
        fn();
      };
      if (e.key === 'ArrowDown') return handled(() => setActive((a) => (a + 1) % n));
      if (e.key === 'ArrowUp') return handled(() => setActive((a) => (a - 1 + n) % n));
      if ((e.key === 'Enter' || e.key === 'Tab') && !e.ctrlKey && !e.altKey && !e.shiftKey) {
        const s = items[Math.min(active, n - 1)];
        if (s) return handled(() => insert(s));
      }
      if (e.key === 'Escape') return handled(() => setToken(null));
    }
    onKeyDown?.(e);
  };

  return (
    <div className="snippet-area">
      <Input.TextArea
        {...rest}
        ref={ref}
        value={value}
        onChange={(e: ChangeEvent<HTMLTextAreaElement>) => {
          onChange(e.target.value);
          track(e.target.value, e.target.selectionStart);
        }}
        onKeyDown={keyDown}
        // Moving the caret with the mouse or arrow keys (menu closed) re-reads the token under it.
        onKeyUp={(e) => {
          if (!open && (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Home' || e.key === 'End'))
            track(e.currentTarget.value, e.currentTarget.selectionStart);
        }}
        onClick={(e) => track(e.currentTarget.value, e.currentTarget.selectionStart)}
        onBlur={(e) => {
          setToken(null);
          onBlur?.(e);
        }}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-activedescendant={open ? `${menuId}-${active}` : undefined}
      />
      {open && (
        <div className="snippet-menu" role="listbox" id={menuId} data-testid="snippet-menu" aria-label={t('snippet.menu')}>
          {items.map((s, i) => (
            <div
              key={s.key}
              id={`${menuId}-${i}`}
              role="option"
              // Focus stays in the textarea (aria-activedescendant); options are reached with ↑/↓ there.
              tabIndex={-1}
              aria-selected={i === active}
              className={i === active ? 'snippet-option active' : 'snippet-option'}
              data-testid="snippet-option"
              data-key={s.key}
              // mousedown, not click: the textarea must keep focus (a blur would close the menu first).
              onMouseDown={(e) => {
                e.preventDefault();
                insert(s);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className="snippet-key">::{s.key}</span>
              <span className="snippet-title">{s.title}</span>
              <span className="snippet-text">{s.text}</span>
            </div>
          ))}
          <div className="snippet-help">{t('snippet.help')}</div>
        </div>
      )}
    </div>
  );
}
