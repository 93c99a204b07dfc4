/** The tracking sheet printed in full (annex 3, 打印全部): the print view's words and the paper's page footer. */
export const trackingPrintZh = {
  keys: '正在确定要打印的投诉…',
  preparing: '正在准备打印',
  preparingVolume: '正在准备第 {{n}} 册',
  summary: '共 {{total}} 条,约 {{pages}} 页',
  volumes: '共 {{total}} 条,分 {{of}} 册打印,每册至多 {{rows}} 条(约 {{pages}} 页)',
  volumeOf: '第 {{n}} 册 / 共 {{of}} 册',
  volumeRows: '本册第 {{from}}–{{to}} 条',
  prev: '上一册',
  next: '下一册',
  print: '打印',
  printVolume: '打印本册',
  printAll: '逐册打印全部',
  printingAll: '逐册打印中:第 {{n}} / {{of}} 册',
  stopAll: '停止逐册打印',
  empty: '当前筛选没有投诉,没有可打印的内容',
  cancelled: '已取消准备打印',
  retry: '重新准备',
  preview: '屏幕上预览前 {{shown}} 条;打印时输出全部 {{size}} 条,每页重复表头并有页码,末尾有签字栏。',
  previewVolume: '屏幕上预览前 {{shown}} 条;打印时输出本册全部 {{size}} 条,每页重复表头并有页码,末尾有签字栏。',
  back: '返回跟踪表',
  badSpec: '打印链接无效,请回到跟踪表重新打印',
  /** On the paper (printed in Chinese whatever the screen language). */
  paper: {
    pageFooter: '第 {{page}} 页 / 共 {{pages}} 页',
    volume: '第 {{n}} 册 / 共 {{of}} 册',
  },
};
