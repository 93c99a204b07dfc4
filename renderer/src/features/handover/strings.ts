import { i18n } from '../../i18n';
import { handoverEn } from '../../i18n/handoverEn';
import { handoverZh } from '../../i18n/handoverZh';

// The handover's strings come with the console's frame (the menu and the board's tile name it) and its
// screens, not with the login page, whose JavaScript is kept small (test/e2e/bundle.e2e.test.ts).
i18n.addResourceBundle('zh', 'translation', { handover: handoverZh }, true, false);
i18n.addResourceBundle('en', 'translation', { handover: handoverEn }, true, false);
