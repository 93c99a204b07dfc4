import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  /** 打印…: the focused window's page through the system print dialog. */
  print(): void;
  /** 导出 PDF…: the focused window's page as an A4 PDF, saved where the agent chooses. */
  exportPdf(): void;
}

export interface MenuInput {
  isMac: boolean;
  /** Reload and DevTools only in development: a reload mid-call would drop the open form's focus. */
  isDev: boolean;
  actions: MenuActions;
}

/** Minimal zh-CN menu. Mostly roles, so copy/paste shortcuts work (macOS needs an Edit menu). */
export function buildMenuTemplate({ isMac, isDev, actions }: MenuInput): MenuItemConstructorOptions[] {
  const printing: MenuItemConstructorOptions[] = [
    { label: '打印…', accelerator: 'CmdOrCtrl+P', click: () => actions.print() },
    { label: '导出 PDF…', accelerator: 'CmdOrCtrl+Shift+P', click: () => actions.exportPdf() },
  ];
  const view: MenuItemConstructorOptions[] = [
    ...(isDev
      ? ([
          { role: 'reload', label: '重新加载' },
          { role: 'toggleDevTools', label: '开发者工具' },
          { type: 'separator' },
        ] satisfies MenuItemConstructorOptions[])
      : []),
    { role: 'resetZoom', label: '实际大小' },
    { role: 'zoomIn', label: '放大' },
    { role: 'zoomOut', label: '缩小' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: '全屏' },
  ];
  return [
    ...(isMac
      ? ([
          {
            label: '客服热线工作台',
            submenu: [
              { role: 'about', label: '关于客服热线工作台' },
              { type: 'separator' },
              { role: 'hide', label: '隐藏' },
              { role: 'quit', label: '退出' },
            ],
          },
          { label: '文件', submenu: printing },
        ] satisfies MenuItemConstructorOptions[])
      : ([
          { label: '文件', submenu: [...printing, { type: 'separator' }, { role: 'quit', label: '退出' }] },
        ] satisfies MenuItemConstructorOptions[])),
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    { label: '视图', submenu: view },
    {
      label: '窗口',
      submenu: [
        { role: 'minimize', label: '最小化' },
        { role: 'close', label: '关闭' },
      ],
    },
  ];
}
