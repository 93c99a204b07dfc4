import { i18n } from './index';
import { appraisalEn, qualitySettingsEn } from './appraisalEn';
import { appraisalZh, qualitySettingsZh } from './appraisalZh';
import { attendanceEn } from './attendanceEn';
import { attendanceZh } from './attendanceZh';
import { jobsEn } from './jobsEn';
import { jobsZh } from './jobsZh';
import { trackingPrintEn } from './printEn';
import { trackingPrintZh } from './printZh';
import { qualityEn } from './qualityEn';
import { qualityZh } from './qualityZh';
import { trendsEn } from './trendsEn';
import { trendsZh } from './trendsZh';

// The strings of the screens behind the login (QA, appraisal, attendance, trends, long jobs, the full
// print) come with the console's frame, the print route and the sign-in offer, not with the login page,
// whose JavaScript is kept small (test/e2e/bundle.e2e.test.ts).
const zh = { quality: qualityZh, appraisal: appraisalZh, attendance: attendanceZh, qualitySettings: qualitySettingsZh, trends: trendsZh, jobs: jobsZh, trackingPrint: trackingPrintZh };
const en = { quality: qualityEn, appraisal: appraisalEn, attendance: attendanceEn, qualitySettings: qualitySettingsEn, trends: trendsEn, jobs: jobsEn, trackingPrint: trackingPrintEn };
i18n.addResourceBundle('zh', 'translation', zh, true, false);
i18n.addResourceBundle('en', 'translation', en, true, false);
