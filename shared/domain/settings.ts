import { z } from 'zod';
import { AppraisalWeights, DEFAULT_APPRAISAL_WEIGHTS, DEFAULT_QUALITY_RULES, QualityRules } from './appraisal';
import { AttendanceRules, DEFAULT_ATTENDANCE_RULES } from './attendance';
import { CallbackRules, DEFAULT_CALLBACK_RULES } from './callback';
import { CalendarOverrides, NO_OVERRIDES } from './calendar';
import { DEFAULT_DEADLINE_RULES, DeadlineRules } from './deadlines';
import { LIMITS, requiredText, text } from './fields';
import { duplicateIssues, hotlineText } from './fieldRules';
import { DEFAULT_SNIPPETS, Snippets } from './snippets';
import { WORKSTATION_CODE } from './serial';
import { DEFAULT_MASKING, MaskingRules } from './visibility';

export const DEFAULT_DEPARTMENTS = ['客户服务部', '市场部', '质量技术部', '总工办', '纺织品检验部', '综合办公室'];

export const OrganisationSettings = z.strictObject({
  organisationName: requiredText(LIMITS.name),
  /** Read out in the closing words (请随时拨打热线…): digits only, see shared/domain/fieldRules.ts. */
  hotline: hotlineText(),
  /** Area code of the centre, used to complete local landline numbers ("88881234" → "057188881234"). */
  areaCode: z.string().regex(/^(0\d{2,3})?$/),
  /** Each department once: a duplicate is refused beside the second entry. */
  departments: z
    .array(requiredText(LIMITS.name))
    .max(100)
    .superRefine((names, ctx) => {
      for (const i of duplicateIssues('departments', names)) ctx.addIssue({ code: 'custom', path: [Number(i.field.split('.')[1])], message: i.message, params: { code: 'duplicate' } });
    }),
  /** "Answer before the third ring": a call answered later than this counts as late. */
  answerWithinSeconds: z.number().int().min(3).max(120),
  /** A number that called within this many hours is flagged as a repeat caller. */
  repeatCallerHours: z.number().int().min(1).max(168),
  /** Complaint deadlines: which count working days, thresholds, warning lead times. */
  deadlineRules: DeadlineRules,
  /** Administrator corrections to the public-holiday calendar (chinese-days supplies the defaults). */
  calendar: CalendarOverrides,
  /** Callback due rules, retries and assignment. */
  callbackRules: CallbackRules,
  /** Standard phrases offered by `::` in note fields. */
  snippets: Snippets,
  /** Which roles see customers' phone numbers and addresses in full; the others see them masked and may reveal one (audited). */
  masking: MaskingRules,
  /** After 10 wrong passwords in a row a workstation login stays locked this long, unless a lead unlocks it. */
  loginLockMinutes: z.number().int().min(1).max(1440),
  /** The console locks after this many idle minutes and asks for the password again; 0 = never. */
  idleLockMinutes: z.number().int().min(0).max(480),
  /** QA sampling rate and the rectification deadline. */
  quality: QualityRules,
  /** The agent appraisal's weights; service standards weigh at least 20%. */
  appraisalWeights: AppraisalWeights,
  /** Shifts, the attendance thresholds and the clock tolerance. */
  attendance: AttendanceRules,
  /** Who the published monthly bulletin and quarterly report go to: the department head and the related departments. */
  bulletinDistribution: z
    .array(requiredText(LIMITS.name))
    .max(50)
    .superRefine((names, ctx) => {
      for (const i of duplicateIssues('bulletinDistribution', names)) ctx.addIssue({ code: 'custom', path: [Number(i.field.split('.')[1])], message: i.message, params: { code: 'duplicate' } });
    }),
});
export type OrganisationSettings = z.output<typeof OrganisationSettings>;

export const DEFAULT_SETTINGS: Omit<OrganisationSettings, 'organisationName' | 'hotline'> = {
  areaCode: '',
  departments: DEFAULT_DEPARTMENTS,
  answerWithinSeconds: 15,
  repeatCallerHours: 48,
  deadlineRules: DEFAULT_DEADLINE_RULES,
  calendar: NO_OVERRIDES,
  callbackRules: DEFAULT_CALLBACK_RULES,
  snippets: DEFAULT_SNIPPETS,
  masking: DEFAULT_MASKING,
  loginLockMinutes: 30,
  idleLockMinutes: 15,
  quality: DEFAULT_QUALITY_RULES,
  appraisalWeights: DEFAULT_APPRAISAL_WEIGHTS,
  attendance: DEFAULT_ATTENDANCE_RULES,
  bulletinDistribution: ['客户服务部负责人', '质量技术部', '市场部', '总工办'],
};

export const WorkstationCode = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.string().regex(WORKSTATION_CODE));

export const SettingsPatch = OrganisationSettings.partial();
export type SettingsPatch = z.output<typeof SettingsPatch>;

export const optionalText = text;
