import type { ScriptKind, ScriptVersion } from './script';

/**
 * The built-in scripts (002 §6.1–6.2, 001 §2). Frozen: a record that showed one of these keeps its id,
 * so changing these words would rewrite history. Ship new defaults under a new id and version instead.
 */
export const BUILT_IN_CALL_SCRIPT: ScriptVersion = {
  id: '019a0000-0000-7000-8000-00000000c001',
  kind: 'call',
  version: 1,
  name: '来电接听标准话术',
  note: '内置默认话术(依据《客户服务规范》6.1)',
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: '系统',
  builtIn: true,
  steps: [
    {
      key: 'greeting',
      title: '问候',
      words: '您好,{机构名称},请问您有什么需要帮助的?',
      hints: ['振铃三声内接听', '语气亲切诚恳,声音饱满'],
      action: null,
    },
    {
      key: 'identify',
      title: '确认身份',
      words: '请问您怎么称呼?是哪个单位的?方便留一个联系电话吗?',
      hints: ['核对来电号码与客户档案', '有报告/样品编号时请客户提供'],
      action: null,
    },
    {
      key: 'classify',
      title: '了解需求',
      words: '{客户称呼},请您具体说一下遇到的问题,我这边帮您记录。',
      hints: ['注意倾听,保持耐心', '判断类别:咨询、查询、投诉、建议、其他'],
      action: 'open_complaint',
    },
    {
      key: 'handle',
      title: '处理',
      words: '针对您的问题,我们可以这样处理……您看这样可以吗?',
      hints: ['及时、完整、准确地解答', '可提出 1–3 个解决方案供客户选择', '解决不了的问题:15 分钟内上报班组长'],
      action: 'promised_callback',
    },
    {
      key: 'confirm',
      title: '确认',
      words: '请问问题解决了吗?是否还有其他疑问?',
      hints: ['复述处理结果和约定的回复时间'],
      action: null,
    },
    {
      key: 'closing',
      title: '结束语',
      words: '谢谢您的来电。如有需要,请随时拨打{热线}。',
      hints: ['请客户为本次服务评分(1–5 分)', '待客户先挂机'],
      action: null,
    },
  ],
  specials: [
    {
      situation: 'emotional',
      title: '客户情绪激动',
      words: '我非常理解您的心情,希望我们心平气和地交谈,将问题尽快解决。',
      hints: ['克制自己的情绪,语气温和', '把话题转到具体问题上来'],
      action: null,
    },
    {
      situation: 'dialect',
      title: '方言听不懂',
      words: '不好意思,麻烦您用普通话讲,或者讲慢一点好吗?',
      hints: ['请能听懂方言的同事接听', '或记下电话,由能听懂方言的同事回电'],
      action: 'promised_callback',
    },
    {
      situation: 'beyond_ability',
      title: '问题超出能力',
      words: '对不起,您提的问题我马上给您查一下,请您留下电话号码,我查清楚后马上给您复电话,您看行吗?',
      hints: ['禁止盲目解答或承诺', '确定方案后按约定时间回电'],
      action: 'promised_callback',
    },
    {
      situation: 'phone_fault',
      title: '电话故障',
      words: '不好意思,您的声音不太清楚,我帮您转接到其他线路,请稍候。',
      hints: ['联系网管及时处理', '转接电话'],
      action: 'mark_transferred',
    },
    {
      situation: 'result_query',
      title: '查询检测结果',
      words: '您可以在{机构名称}网站上凭报告编号自助查询检测结果,检测结果以正式报告为准。',
      hints: ['不在电话中口头解读结论', '结果以报告所述为准(002 §4.2(2))'],
      action: null,
    },
  ],
};

export const BUILT_IN_CALLBACK_SCRIPT: ScriptVersion = {
  id: '019a0000-0000-7000-8000-00000000c002',
  kind: 'callback',
  version: 1,
  name: '电话回访标准话术',
  note: '内置默认话术(依据《客户服务规范》6.2)',
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: '系统',
  builtIn: true,
  steps: [
    {
      key: 'introduce',
      title: '自我介绍',
      words: '您好!我是{机构名称}客户服务中心回访员,我姓{姓氏},能否耽误您几分钟,了解一下贵单位的检测服务情况?',
      hints: ['确认对方是联系人本人'],
      action: null,
    },
    { key: 'satisfaction', title: '满意度', words: '您对我们的检测服务满意吗?', hints: ['记录:满意 / 基本满意 / 不满意'], action: null },
    {
      key: 'survey',
      title: '回访内容',
      words: '想请您评价一下:检测的准确性、检测的及时性、检测过程中的服务态度。还有没有其他不满意的地方?您对我们的检测有什么意见和建议?',
      hints: ['逐项记录客户评价', '建议须在 7 个工作日内评估并告知客户'],
      action: null,
    },
    { key: 'hotline', title: '告知热线', words: '如果有问题,请再打电话{热线},我们将及时为您服务。', hints: [], action: null },
    { key: 'thanks', title: '致谢', words: '感谢您对我们的工作提出宝贵意见。谢谢!再见。', hints: ['客户不满意:如实记录,转回处理'], action: null },
  ],
  specials: [],
};

export const BUILT_IN_SCRIPTS: Record<ScriptKind, ScriptVersion> = { call: BUILT_IN_CALL_SCRIPT, callback: BUILT_IN_CALLBACK_SCRIPT };

export function builtInScript(id: string): ScriptVersion | null {
  return Object.values(BUILT_IN_SCRIPTS).find((s) => s.id === id) ?? null;
}
