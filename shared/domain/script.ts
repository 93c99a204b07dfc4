import { z } from 'zod';
import { SPECIAL_SITUATIONS, type SpecialSituation } from './callRecord';
import { isoTime, LIMITS, requiredText, text, uuid } from './fields';
import { type Actor, type MutationResult, refuse } from './mutation';
import { surnameOf } from './users';

/**
 * Scripts are data an administrator edits (002 §6.1–6.2). Every publish is a new immutable
 * version; a call record or callback keeps the id of the version it showed, so later edits never
 * change what a saved record says was shown.
 */
export const SCRIPT_KINDS = ['call', 'callback'] as const;
export type ScriptKind = (typeof SCRIPT_KINDS)[number];

/** What a step or special situation can offer the agent with one click. */
export const SCRIPT_ACTIONS = ['promised_callback', 'open_complaint', 'mark_transferred'] as const;
export type ScriptAction = (typeof SCRIPT_ACTIONS)[number];

/** Variables a script may use; anything else in braces shows as unknown in the panel and the preview. */
export const SCRIPT_VARIABLES = ['机构名称', '热线', '姓氏', '客户称呼', '客户姓名', '单位', '来电号码'] as const;
export type ScriptVariable = (typeof SCRIPT_VARIABLES)[number];
export type ScriptVariables = Partial<Record<ScriptVariable, string>>;

export const ScriptStep = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/),
  title: requiredText(LIMITS.name),
  words: requiredText(2000),
  hints: z.array(requiredText(500)).max(10),
  action: z.enum(SCRIPT_ACTIONS).nullable(),
});
export type ScriptStep = z.output<typeof ScriptStep>;

export const ScriptSpecial = z.strictObject({
  situation: z.enum(SPECIAL_SITUATIONS),
  title: requiredText(LIMITS.name),
  words: requiredText(2000),
  hints: z.array(requiredText(500)).max(10),
  action: z.enum(SCRIPT_ACTIONS).nullable(),
});
export type ScriptSpecial = z.output<typeof ScriptSpecial>;

export const ScriptContent = z
  .strictObject({
    name: requiredText(LIMITS.name),
    steps: z.array(ScriptStep).min(1).max(20),
    specials: z.array(ScriptSpecial).max(SPECIAL_SITUATIONS.length),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.steps.forEach((st, i) => {
      if (seen.has(st.key)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'key'], message: 'duplicate step key', params: { code: 'invalid_value' } });
      seen.add(st.key);
    });
    const sits = new Set<string>();
    s.specials.forEach((sp, i) => {
      if (sits.has(sp.situation))
        ctx.addIssue({ code: 'custom', path: ['specials', i, 'situation'], message: 'duplicate special situation', params: { code: 'invalid_value' } });
      sits.add(sp.situation);
    });
  });
export type ScriptContent = z.output<typeof ScriptContent>;

export interface ScriptVersion extends ScriptContent {
  id: string;
  kind: ScriptKind;
  version: number;
  note: string;
  createdAt: string;
  createdBy: string;
  /** Built-in defaults live in code and are frozen; edits are stored versions. */
  builtIn: boolean;
}

export const ScriptPublishArgs = z.strictObject({
  id: uuid,
  kind: z.enum(SCRIPT_KINDS),
  version: z.number().int().min(1).max(1_000_000),
  content: ScriptContent,
  note: text(500),
  at: isoTime,
});
export type ScriptPublishArgs = z.output<typeof ScriptPublishArgs>;

/** Publishing creates a version and never edits one; replaying the same publish is a no-op. */
export function publishScript(prev: ScriptVersion | null, a: ScriptPublishArgs, actor: Actor): MutationResult<ScriptVersion> {
  if (actor.role !== 'admin') return refuse('forbidden', 'only an administrator may publish scripts');
  if (prev) return { ok: true, next: prev, changes: [] };
  const next: ScriptVersion = { ...a.content, id: a.id, kind: a.kind, version: a.version, note: a.note, createdAt: a.at, createdBy: actor.displayName, builtIn: false };
  return { ok: true, next, changes: [{ field: 'version', before: null, after: a.version }] };
}

/** A piece of rendered words: literal text, or a variable with its value (null when not known yet). */
export type ScriptSegment =
  | { kind: 'text'; text: string }
  | { kind: 'variable'; name: string; value: string | null; known: boolean };

const VARIABLE = /\{([^{}\n]{1,20})\}/g;

/** Splits words into text and variables so the panel can show unfilled and unknown variables visibly. */
export function renderWords(words: string, vars: ScriptVariables): ScriptSegment[] {
  const out: ScriptSegment[] = [];
  let last = 0;
  for (const m of words.matchAll(VARIABLE)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ kind: 'text', text: words.slice(last, at) });
    const name = (m[1] ?? '').trim();
    const known = (SCRIPT_VARIABLES as readonly string[]).includes(name);
    const value = known ? vars[name as ScriptVariable]?.trim() || null : null;
    out.push({ kind: 'variable', name, value, known });
    last = at + m[0].length;
  }
  if (last < words.length) out.push({ kind: 'text', text: words.slice(last) });
  return out;
}

/** Plain text with unfilled variables kept as 【name】, for copying and printing. */
export function wordsAsText(words: string, vars: ScriptVariables): string {
  return renderWords(words, vars)
    .map((s) => (s.kind === 'text' ? s.text : (s.value ?? `【${s.name}】`)))
    .join('');
}

/** Variables the words use that the panel cannot fill (typos such as {机构}); the editor warns about them. */
export function unknownVariables(content: ScriptContent): string[] {
  const names = new Set<string>();
  for (const w of [...content.steps, ...content.specials])
    for (const s of renderWords(w.words, {})) if (s.kind === 'variable' && !s.known) names.add(s.name);
  return [...names];
}

export interface VariableSource {
  organisationName: string;
  hotline: string;
  agentName: string;
  callerName?: string | undefined;
  organisation?: string | undefined;
  phone?: string | undefined;
}

/** 客户称呼: the surname plus 先生/女士 when a name is known; the agent says the right one. */
export function scriptVariables(s: VariableSource): ScriptVariables {
  const caller = s.callerName?.trim() ?? '';
  return {
    机构名称: s.organisationName,
    热线: s.hotline,
    姓氏: surnameOf(s.agentName),
    客户姓名: caller,
    客户称呼: caller ? `${surnameOf(caller)}先生/女士` : '',
    单位: s.organisation?.trim() ?? '',
    来电号码: s.phone?.trim() ?? '',
  };
}

export type { SpecialSituation };
