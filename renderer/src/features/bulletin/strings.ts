import { i18n } from '../../i18n';
import { bulletinEn } from '../../i18n/bulletinEn';
import { bulletinZh } from '../../i18n/bulletinZh';

// The bulletin's strings come with the console's frame (the menu names it) and the bulletin's screens,
// not with the login page, whose JavaScript is kept small (test/e2e/bundle.e2e.test.ts).
i18n.addResourceBundle('zh', 'translation', { bulletin: bulletinZh }, true, false);
i18n.addResourceBundle('en', 'translation', { bulletin: bulletinEn }, true, false);
