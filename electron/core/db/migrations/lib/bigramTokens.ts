/**
 * FROZEN. The two-character tokenizer as migrations 003, 004 and 006 used it when they were released (a copy
 * of `bigramTokens` in store/complaintIndex.ts at that time). The live tokenizer may change; these
 * migrations must keep writing what they wrote then, so never edit this file: a later migration that needs
 * other tokens carries its own copy and rewrites the indexes itself.
 *
 * Text → space-separated tokens: every two-character window of each run of letters and digits, and the
 * last character of the run alone, so that a one-character term is a prefix query ("投"*) and a
 * two-character term one token ("投诉"). Lower-cased so that Latin letters match either case.
 */
const WORD_RUN = /[\p{L}\p{N}]+/gu;

export function bigramTokens(text: string): string {
  const out = new Set<string>();
  for (const m of text.toLowerCase().matchAll(WORD_RUN)) {
    const chars = Array.from(m[0]);
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
    out.add(chars[chars.length - 1]!);
  }
  return [...out].join(' ');
}
