import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// jsdom lacks a few browser APIs antd relies on (responsive grid, virtual lists, auto-size textareas).
if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }),
  });
}

class NoopResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
if (!('ResizeObserver' in window)) (window as unknown as { ResizeObserver: unknown }).ResizeObserver = NoopResizeObserver;

// antd measures scrollbars through getComputedStyle with pseudo elements, which jsdom does not implement.
// jsdom's real implementation re-parses every stylesheet on each call, and antd's CSS-in-JS injects
// a lot of them: with it a form renders in seconds. jsdom does no layout anyway, so inline styles
// are all a computed style could honestly report.
window.getComputedStyle = ((elt: Element) => (elt as HTMLElement).style) as typeof window.getComputedStyle;

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  delete window.hotline;
  window.location.hash = '';
});
