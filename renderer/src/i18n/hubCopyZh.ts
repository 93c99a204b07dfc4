/** A confidential record this workstation holds only in part (docs/sync.md, "Data minimised per workstation"). */
export const hubCopyZh = {
  unavailable: '该记录保密,需联网从中心服务器读取完整内容',
  fetched: '保密记录:完整内容已从中心服务器读取,未保存在本机(已记入审计日志)',
  readOnly: '在本工作站只能查看,不能修改',
};
