/** Who may see what (issue 12): confidential records, masked numbers and addresses, the audited reveal. */
export const visibilityZh = {
  confidentialTag: '保密',
  confidentialHint: '客户要求保密:仅受理人、处理人和班组长/管理员可见全部内容;由保密来电登记的投诉自动保密',
  partlyHidden: '此记录为客户保密,仅显示可公开的部分',
  reveal: '显示',
  revealTitle: '显示完整信息(将记入审计日志)',
  revealFailed: '无法显示:{{message}}',
  masking: {
    title: '号码与地址脱敏',
    help: '未勾选的角色看到的电话号码和地址会被部分隐藏,需要时可点击“显示”查看,每次显示都会记入审计日志。',
    phone: '可见完整电话的角色',
    address: '可见完整地址的角色',
  },
};
