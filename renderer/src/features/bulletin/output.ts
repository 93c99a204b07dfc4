import type { BulletinKind } from '../../../../shared/domain/bulletin';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { i18n } from '../../i18n';
import { downloadBase64 } from '../tracking/download';

/** What a print or an export is of: a published version, or the period's draft with its live figures. */
export type BulletinTarget = { versionId: string } | { kind: BulletinKind; periodKey: string };

/** The print route's id: the version's id, or draft:<kind>:<period> (features/print/printRoute.ts). */
export function printId(target: BulletinTarget): string {
  return 'versionId' in target ? target.versionId : `draft:${target.kind}:${target.periodKey}`;
}

/** Opens the A4 print view (打印 there prints it; in the app 文件 → 导出 PDF… saves it). */
export function openPrint(target: BulletinTarget): void {
  window.location.hash = `/print/bulletin/${encodeURIComponent(printId(target))}`;
}

/** The .xlsx the core builds (one sheet per table), handed to the browser as a download. Returns the message to show. */
export async function downloadXlsx(target: BulletinTarget): Promise<{ ok: boolean; text: string }> {
  const res = await call('bulletin.export', target);
  if (!res.ok) return { ok: false, text: errorText(res.error) };
  downloadBase64(res.result.filename, res.result.mime, res.result.base64);
  return { ok: true, text: i18n.t('bulletin.exported', { file: res.result.filename }) };
}
