import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SNIPPETS } from '../../shared/domain/snippets';
import { findToken, SnippetTextArea } from '../../renderer/src/components/SnippetTextArea';
import '../../renderer/src/i18n';

function Harness({ initial = '' }: { initial?: string }) {
  const [v, setV] = useState(initial);
  return (
    <>
      <SnippetTextArea data-testid="note" value={v} onChange={setV} snippets={DEFAULT_SNIPPETS} />
      <output data-testid="value">{v}</output>
    </>
  );
}

const area = () => screen.getByTestId('note') as HTMLTextAreaElement;
const value = () => screen.getByTestId('value').textContent;
// jsdom puts the caret at the end of a value set this way, as a browser does after typing.
const type = (text: string) => fireEvent.change(area(), { target: { value: text } });
const options = () => screen.queryAllByTestId('snippet-option').map((o) => o.getAttribute('data-key'));

describe('findToken', () => {
  it('finds `::` and the letters before the caret, half- or full-width', () => {
    expect(findToken('已处理::hf', 7)).toEqual({ start: 3, end: 7, query: 'hf' });
    expect(findToken('::', 2)).toEqual({ start: 0, end: 2, query: '' });
    expect(findToken('客户：：cx', 6)).toEqual({ start: 2, end: 6, query: 'cx' });
  });

  it('ignores a single colon, a space after the token and a triple colon', () => {
    expect(findToken('时间:10', 5)).toBeNull();
    expect(findToken('::hf 已', 6)).toBeNull();
    expect(findToken('a:::hf', 6)).toBeNull();
  });
});

describe('`::` snippets in a note field', () => {
  it('offers the filtered snippets and inserts the chosen one by keyboard, replacing the token', async () => {
    render(<Harness />);
    type('客户询问进度。::');
    expect(options().length).toBeGreaterThan(3);
    type('客户询问进度。::j');
    // Key-prefix matches come first: jj, jy.
    expect(options().slice(0, 2)).toEqual(['jj', 'jy']);
    fireEvent.keyDown(area(), { key: 'ArrowDown' });
    expect(screen.getAllByTestId('snippet-option')[1]?.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(area(), { key: 'Enter' });
    await act(async () => {});
    expect(value()).toBe('客户询问进度。客户提出建议,已记录,将在 7 个工作日内评估并告知客户。');
    expect(screen.queryByTestId('snippet-menu')).toBeNull();
    // The caret sits after the inserted words, ready to type on.
    expect(area().selectionStart).toBe(value()!.length);
  });

  it('inserts in the middle of the text with Tab, keeping what follows the caret', async () => {
    render(<Harness initial="开头。" />);
    const el = area();
    fireEvent.change(el, { target: { value: '开头。::hf结尾' } });
    el.setSelectionRange(7, 7);
    fireEvent.click(el);
    expect(options()[0]).toBe('hf');
    fireEvent.keyDown(el, { key: 'Tab' });
    await act(async () => {});
    expect(value()).toBe('开头。已告知客户:问题查清后于约定时间内电话回复。结尾');
  });

  it('Esc closes the menu and leaves the text as typed; a filter that matches nothing shows no menu', () => {
    render(<Harness />);
    type('::cx');
    expect(screen.getByTestId('snippet-menu')).toBeTruthy();
    fireEvent.keyDown(area(), { key: 'Escape' });
    expect(screen.queryByTestId('snippet-menu')).toBeNull();
    expect(value()).toBe('::cx');
    type('::zzzz');
    expect(screen.queryByTestId('snippet-menu')).toBeNull();
  });

  it('works with a full-width `：：` typed with the Chinese IME, and with the mouse', async () => {
    render(<Harness />);
    type('已处理,：：wjt');
    expect(options()).toEqual(['wjt']);
    fireEvent.mouseDown(screen.getByTestId('snippet-option'));
    await act(async () => {});
    expect(value()).toBe('已处理,电话未接通,稍后再次回访。');
  });

  it('Enter without an open menu is an ordinary new line', () => {
    render(<Harness initial="第一行" />);
    const ev = fireEvent.keyDown(area(), { key: 'Enter' });
    // Not prevented: the browser inserts the line break as usual.
    expect(ev).toBe(true);
  });
});
