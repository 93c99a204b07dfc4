import { SPECIAL_SITUATIONS, type SpecialSituation } from '../../../../../shared/domain/callRecord';
import type { ScriptAction, ScriptContent, ScriptKind, ScriptVersion } from '../../../../../shared/domain/script';

/** Hints are edited as one text box, one hint a line; the raw text is kept so Enter can start a new line. */
export interface EditStep {
  key: string;
  title: string;
  words: string;
  hints: string;
  action: ScriptAction | null;
}

export interface EditSpecial {
  situation: SpecialSituation;
  enabled: boolean;
  title: string;
  words: string;
  hints: string;
  action: ScriptAction | null;
}

export interface EditScript {
  name: string;
  steps: EditStep[];
  /** All five situations, in their fixed order; the disabled ones are left out when publishing. */
  specials: EditSpecial[];
}

export function toEdit(s: ScriptContent): EditScript {
  return {
    name: s.name,
    steps: s.steps.map((st) => ({ ...st, hints: st.hints.join('\n') })),
    specials: SPECIAL_SITUATIONS.map((situation) => {
      const sp = s.specials.find((x) => x.situation === situation);
      return sp
        ? { ...sp, enabled: true, hints: sp.hints.join('\n') }
        : { situation, enabled: false, title: '', words: '', hints: '', action: null };
    }),
  };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * What `scripts.publish` receives. Field paths stay those of the editor (steps.N, specials.N of the
 * enabled ones), so `indexOfSpecial` maps an error on `specials.1.words` back to its box.
 */
export function toContent(e: EditScript): ScriptContent {
  return {
    name: e.name.trim(),
    steps: e.steps.map((st) => ({ key: st.key, title: st.title.trim(), words: st.words.trim(), hints: lines(st.hints), action: st.action })),
    specials: e.specials
      .filter((sp) => sp.enabled)
      .map((sp) => ({ situation: sp.situation, title: sp.title.trim(), words: sp.words.trim(), hints: lines(sp.hints), action: sp.action })),
  };
}

/** The editor row (of all five) that `specials.<n>` in the published content refers to. */
export function editIndexOfSpecial(e: EditScript, n: number): number {
  let seen = -1;
  for (let i = 0; i < e.specials.length; i++) {
    if (e.specials[i]?.enabled) seen++;
    if (seen === n) return i;
  }
  return -1;
}

/** Error paths from the core (`specials.1.words` of the published list) → the editor's rows. */
export function editErrors(e: EditScript, errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, msg] of Object.entries(errors)) {
    const m = /^specials\.(\d+)(\..*)?$/.exec(path);
    if (!m) out[path] = msg;
    else out[`specials.${editIndexOfSpecial(e, Number(m[1]))}${m[2] ?? ''}`] = msg;
  }
  return out;
}

/** A key no other step has; administrators never see or type keys. */
export function newStepKey(steps: readonly EditStep[]): string {
  const used = new Set(steps.map((s) => s.key));
  let n = steps.length + 1;
  while (used.has(`step_${n}`)) n++;
  return `step_${n}`;
}

export function previewVersion(kind: ScriptKind, content: ScriptContent, version: number): ScriptVersion {
  return { ...content, id: 'preview', kind, version, note: '', createdAt: '', createdBy: '', builtIn: false };
}
