import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { HubCopyNotice } from '../../renderer/src/features/sync/HubCopyNotice';
import { setLanguage } from '../../renderer/src/i18n';

// A confidential record held partial on this workstation (docs/sync.md, "Data minimised per workstation").
afterEach(async () => {
  await act(() => setLanguage('zh'));
});

describe('HubCopyNotice', () => {
  it('says nothing for a record held in full', () => {
    const { container } = render(<HubCopyNotice hubCopy={undefined} />);
    expect(container.textContent).toBe('');
  });

  it('tells a lead offline that the full record needs the hub, in Chinese and English', async () => {
    await act(() => setLanguage('zh'));
    const { unmount } = render(<HubCopyNotice hubCopy="unavailable" />);
    expect(screen.getByTestId('hub-copy-unavailable').textContent).toContain('该记录保密,需联网从中心服务器读取完整内容');
    expect(screen.getByTestId('hub-copy-unavailable').textContent).toContain('只能查看');
    unmount();
    await act(() => setLanguage('en'));
    render(<HubCopyNotice hubCopy="unavailable" />);
    const en = screen.getByTestId('hub-copy-unavailable').textContent ?? '';
    expect(en).toContain('connect to the hub to read it in full');
    expect(en).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('says a fetched record came from the hub and is not stored here', async () => {
    await act(() => setLanguage('en'));
    render(<HubCopyNotice hubCopy="fetched" />);
    expect(screen.getByTestId('hub-copy-fetched').textContent).toContain('not stored on this workstation');
  });
});
