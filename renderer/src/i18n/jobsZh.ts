/** Long jobs (导出全部): the progress bar, its cancel button and how a job ended. */
export const jobsZh = {
  count: '{{done}} / {{total}} 条({{percent}}%)',
  selecting: '正在筛选({{percent}}%)',
  cancel: '取消',
  kind: {
    tracking_export: '正在导出跟踪表',
  },
  cancelled: '已取消导出',
  failed: '导出失败:{{reason}}',
  downloadFailed: '导出的文件未能取回,请重新导出',
};
