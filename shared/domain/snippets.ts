import { z } from 'zod';
import { requiredText } from './fields';

/**
 * Standard phrases an agent inserts into a note field by typing `::` and a few letters (Zammad's text
 * modules). They are settings, so every workstation offers the same words.
 */
export const Snippet = z.strictObject({
  /** Typed after `::` to filter: short pinyin or an abbreviation. */
  key: z
    .string()
    .transform((s) => s.trim().toLowerCase())
    .pipe(z.string().regex(/^[a-z0-9_]{1,20}$/)),
  title: requiredText(50),
  text: requiredText(1000),
});
export type Snippet = z.output<typeof Snippet>;

export const Snippets = z
  .array(Snippet)
  .max(200)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((s, i) => {
      if (seen.has(s.key)) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: 'duplicate snippet key', params: { code: 'invalid_value' } });
      seen.add(s.key);
    });
  });

export const DEFAULT_SNIPPETS: Snippet[] = [
  { key: 'hf', title: '承诺回复', text: '已告知客户:问题查清后于约定时间内电话回复。' },
  { key: 'cx', title: '自助查询', text: '已指导客户凭报告编号在网站自助查询检测结果,结果以正式报告为准。' },
  { key: 'zj', title: '已转接', text: '已转接相关专业技术部门处理。' },
  { key: 'sb', title: '已上报', text: '问题超出受理范围,已上报班组长协调处理。' },
  { key: 'af', title: '安抚', text: '客户情绪激动,已安抚并引导到具体问题。' },
  { key: 'jj', title: '已解决', text: '已当场解答,客户表示问题已解决。' },
  { key: 'ts', title: '投诉登记', text: '客户提出投诉,已登记投诉处理单并告知处理时限。' },
  { key: 'jy', title: '建议登记', text: '客户提出建议,已记录,将在 7 个工作日内评估并告知客户。' },
  { key: 'wjt', title: '未接通', text: '电话未接通,稍后再次回访。' },
];

/** Snippets whose key, title or text contains the typed filter; key-prefix matches first. */
export function filterSnippets(list: readonly Snippet[], typed: string): Snippet[] {
  const q = typed.trim().toLowerCase();
  if (!q) return [...list];
  const score = (s: Snippet) => (s.key.startsWith(q) ? 0 : s.key.includes(q) || s.title.includes(q) ? 1 : s.text.includes(q) ? 2 : 3);
  return list
    .map((s) => ({ s, r: score(s) }))
    .filter((x) => x.r < 3)
    .sort((a, b) => a.r - b.r)
    .map((x) => x.s);
}
