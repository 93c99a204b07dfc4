import { LABELS } from '../../../shared/domain/labels';

// Enumerations come from shared/domain/labels.ts: one wording for every screen, print and export.
const L = LABELS.zh;

/** Chinese strings for scripts (话术), the script editor and text snippets (常用语). `scriptEn.ts` has the same shape. */
export const scriptZh = {
  versionN: '第 {{n}} 版',
  prev: '上一步',
  next: '下一步',
  specials: '特殊情况(一键切换,并勾选到来电记录单)',
  backToStep: '返回当前步骤',
  noSpecialWords: '此话术未设置该情况的应答话术',
  fallback: '无法读取本次来电的话术版本,暂显示内置默认话术',
  transferredTag: '已转接',
  transferredDone: '已在来电记录单上标记“已转接”',
  var: {
    unfilled: '{{name}}:尚未填写(来电记录单中填写后自动替换)',
    unknown: '{{name}}:不是可用的变量,请管理员检查话术',
  },
  actions: L.scriptAction,
  promised: {
    title: '承诺回电',
    create: '创建回访',
    dueAt: '回电时间',
    dueHelp: '默认两小时后(工作时间内),可修改;同时写入来电记录单的承诺答复时间',
    phone: '回电号码',
    phoneRequired: '请填写回电号码',
    who: '客户',
    subject: '回访事项',
    subjectHead: '来电 {{no}}:',
    created: '已创建承诺回电,{{at}} 前回复客户',
    done: '已承诺 {{at}} 回电',
  },
  editor: {
    tab: '话术',
    kind: '话术类别',
    kinds: L.scriptKind,
    name: '话术名称',
    steps: '步骤',
    step: '步骤 {{n}}',
    title: '标题',
    words: '话术',
    wordsHelp: '可用变量:{{vars}}',
    hints: '提示(每行一条)',
    action: '本步骤提供的操作',
    noAction: '无',
    addStep: '添加步骤',
    moveUp: '上移',
    moveDown: '下移',
    removeStep: '删除步骤',
    specials: '特殊情况',
    specialEnabled: '启用',
    preview: '实时预览',
    sampleCaller: '示例来电人',
    sampleOrganisation: '示例单位',
    sampleCallerValue: '张伟',
    sampleOrganisationValue: '杭州某某服饰有限公司',
    unknownVars: '话术中有无法识别的变量:{{names}}。可用变量:{{vars}}',
    note: '发布说明',
    notePh: '例如:更新问候语',
    publish: '发布新版本',
    published: '已发布第 {{n}} 版话术',
    publishHint: '发布后新的来电使用新版本;已保存的来电记录仍显示当时使用的版本。',
    versions: '版本记录',
    version: '版本',
    createdBy: '发布人',
    createdAt: '发布时间',
    active: '当前使用',
    builtIn: '内置',
    view: '查看',
    useAsBase: '以此为底稿编辑',
    loadedBase: '已载入第 {{n}} 版作为底稿,修改后发布为新版本',
    readOnly: '第 {{n}} 版(只读)',
    loadFailed: '无法读取话术:{{msg}}',
    dirty: '有未发布的修改',
    reset: '放弃修改',
  },
  errors: {
    words: { required: '请填写话术' },
    title: { required: '请填写标题' },
    name: { required: '请填写话术名称' },
    steps: { too_small: '至少需要一个步骤', out_of_range: '步骤数量须为 1–20 个' },
    key: { invalid_value: '步骤编号重复', invalid_format: '步骤编号须为小写字母开头的字母、数字或下划线' },
    situation: { invalid_value: '特殊情况重复' },
  },
};

/** `::` text modules. */
export const snippetZh = {
  menu: '常用语',
  help: '↑↓ 选择 · 回车或 Tab 插入 · Esc 关闭',
  editor: {
    tab: '常用语',
    intro: '在备注类文本框中输入 :: 加简码(如 ::hf)即可插入常用语。简码用小写字母、数字或下划线。',
    key: '简码',
    title: '名称',
    text: '内容',
    add: '添加常用语',
    saved: '常用语已保存',
    reset: '放弃修改',
  },
  errors: {
    key: { invalid_format: '简码须为 1–20 位小写字母、数字或下划线', invalid_value: '简码重复' },
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type ScriptMessages = Shape<typeof scriptZh>;
export type SnippetMessages = Shape<typeof snippetZh>;
