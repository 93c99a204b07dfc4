import type { ThemeConfig } from 'antd';

/**
 * Control sizes for an eight-hour day at 1366×768 (issue 14, "small things"): checkboxes and radios at
 * 18 px instead of 16; controls stay 32 px high and the text 14 px, so the
 * dense forms and tables keep their layout. The small close icons (tags, alerts, drawers, modals) get a larger hit
 * area in styles.css rather than a larger glyph.
 */
export const CONSOLE_THEME: ThemeConfig = {
  token: { controlInteractiveSize: 18 },
  components: {
    Radio: { radioSize: 18, dotSize: 8 },
  },
};
