/**
 * The two start-up dialogs of the store key (store-key.ts): what to do without an OS keyring, and the
 * store password. The password window is a small sandboxed page from a data: URL in its own
 * in-memory session (the app session refuses anything but the app's files); it has no preload and no
 * IPC: its form "navigates" to `hotline-store-password:<json>`, which main intercepts and cancels.
 */
import { BrowserWindow, dialog } from 'electron';

const ANSWER_SCHEME = 'hotline-store-password:';

/** The administrator's choice on a computer without a keyring (Linux 'basic_text'). */
export async function chooseWithoutKeyring(): Promise<'password' | 'basic' | 'quit'> {
  const { response } = await dialog.showMessageBox({
    type: 'warning',
    title: '数据库加密 / Store encryption',
    message: '本机没有可用的系统密钥环 / No keyring on this computer',
    detail:
      '客户资料保存在本机的加密数据库中。没有密钥环时，系统只能用固定密钥保护数据库密钥，等于没有保护。' +
      '建议设置数据库密码：以后每次启动时输入。\n\n' +
      'Customer data is kept in an encrypted store. Without a keyring the store key is protected by a fixed key only. ' +
      'Set a store password (asked at every start) instead.',
    buttons: ['设置数据库密码 / Set a store password', '仍用系统保护（不推荐）/ Basic protection (not recommended)', '退出 / Quit'],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
  });
  return response === 0 ? 'password' : response === 1 ? 'basic' : 'quit';
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page of the password window; exported for tests. */
export function passwordPage({ creating, wrongBefore }: { creating: boolean; wrongBefore: boolean }): string {
  const title = creating ? '设置数据库密码 / Set the store password' : '输入数据库密码 / Store password';
  const hint = wrongBefore
    ? creating
      ? '两次输入不一致或少于 8 位。/ The two entries differ or are shorter than 8 characters.'
      : '密码不正确。/ Wrong password.'
    : creating
      ? '至少 8 位。忘记密码将无法读取本机数据（可从总机重新同步）。/ At least 8 characters. Without it this store cannot be read (it can be synced again from the hub).'
      : '客服热线工作台的本机数据库已加密。/ The local store is encrypted.';
  const confirm = creating ? '<label>再次输入 / Again<input id="p2" type="password" autocomplete="new-password"></label>' : '';
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<style>body{font:14px system-ui,sans-serif;margin:20px}label{display:block;margin:10px 0}input{display:block;width:100%;margin-top:4px;padding:4px}
.hint{color:${wrongBefore ? '#c00' : '#555'}}button{margin-top:12px;margin-right:8px}</style></head><body>
<h3>${esc(title)}</h3><p class="hint">${esc(hint)}</p>
<form id="f"><label>密码 / Password<input id="p1" type="password" autofocus autocomplete="${creating ? 'new-password' : 'current-password'}"></label>${confirm}
<button type="submit">确定 / OK</button><button type="button" id="c">取消 / Cancel</button></form>
<script>
const send = (answer) => { location.href = '${ANSWER_SCHEME}' + encodeURIComponent(JSON.stringify(answer)); };
document.getElementById('c').onclick = () => send({ cancel: true });
document.getElementById('f').onsubmit = (e) => {
  e.preventDefault();
  const p1 = document.getElementById('p1').value;
  const p2 = document.getElementById('p2');
  send({ password: p1, again: p2 ? p2.value : p1 });
};
</script></body></html>`;
}

/** Parses what the page sent; a new password typed twice differently counts as a mistyped one (''). */
export function parsePasswordAnswer(url: string, creating: boolean): string | null | undefined {
  if (!url.startsWith(ANSWER_SCHEME)) return undefined;
  try {
    const answer = JSON.parse(decodeURIComponent(url.slice(ANSWER_SCHEME.length))) as { cancel?: boolean; password?: string; again?: string };
    if (answer.cancel) return null;
    const password = typeof answer.password === 'string' ? answer.password : '';
    if (creating && answer.again !== password) return '';
    return password;
  } catch {
    return '';
  }
}

/** Shows the password window; resolves with the password, or null when it was cancelled or closed. */
export function askStorePassword(opts: { creating: boolean; wrongBefore: boolean }): Promise<string | null> {
  const win = new BrowserWindow({
    width: 460,
    height: opts.creating ? 360 : 280,
    resizable: false,
    minimizable: false,
    title: '数据库密码',
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, partition: 'store-password', devTools: false },
  });
  return new Promise((resolve) => {
    let answered = false;
    win.webContents.on('will-navigate', (event) => {
      event.preventDefault();
      const answer = parsePasswordAnswer(event.url, opts.creating);
      if (answer === undefined || answered) return;
      answered = true;
      resolve(answer);
      win.close();
    });
    win.on('closed', () => {
      if (!answered) resolve(null);
    });
    void win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(passwordPage(opts))}`);
  });
}
