import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import '../../renderer/src/i18n/consoleSections';

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

// The app loads its screens when first opened (React.lazy in App.tsx). Loading them here, once, makes a
// screen's import resolve within the few ticks a test waits, as an already-downloaded chunk does in the app.
await Promise.all([
  import('../../renderer/src/components/AppLayout'),
  import('../../renderer/src/features/admin/settingsStore'),
  import('../../renderer/src/features/admin/SettingsPage'),
  import('../../renderer/src/features/auth/LockScreen'),
  import('../../renderer/src/features/backups/StoreCheck'),
  import('../../renderer/src/features/calls/CallScreen'),
  import('../../renderer/src/features/calls/CallList'),
  import('../../renderer/src/features/callbacks/CallbacksPage'),
  import('../../renderer/src/features/quality/QualityPage'),
  import('../../renderer/src/features/quality/MyQualityPage'),
  import('../../renderer/src/features/appraisal/AppraisalPage'),
  import('../../renderer/src/features/attendance/AttendancePage'),
  import('../../renderer/src/features/customers/CustomersPage'),
  import('../../renderer/src/features/complaints/ComplaintsPage'),
  import('../../renderer/src/features/print/PrintPage'),
  import('../../renderer/src/features/setup/SetupPage'),
  import('../../renderer/src/features/tracking/BoardPage'),
  import('../../renderer/src/features/tracking/TrackingPage'),
  import('antd/es/result'),
]);
