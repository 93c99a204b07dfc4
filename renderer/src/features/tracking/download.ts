import type { Envelope } from '../../../../shared/api/envelope';
import type { JobChunk, JobStatus } from '../../../../shared/api/jobsTypes';
import { call } from '../../api/client';

function clickDownload(href: string, filename: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.dataset.testid = 'tracking-download';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

function blobDownload(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  clickDownload(url, filename);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const bytesOf = (base64: string): Uint8Array<ArrayBuffer> => {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
};

/** Hands a file the core built (base64) to the browser as a download. */
export function downloadBase64(filename: string, mime: string, base64: string): void {
  blobDownload(filename, new Blob([bytesOf(base64)], { type: mime }));
}

/**
 * Hands a finished job's file to the user, once. The browser host serves it by URL (the browser saves it
 * as it arrives; the page never holds it). The desktop app has no URL to the core: the file comes over
 * IPC in pieces (jobs.read) and is saved from a Blob, which Electron offers with its save dialog.
 * False when the file could not be fetched.
 */
export async function downloadJobFile(job: JobStatus): Promise<boolean> {
  if (!window.hotline) {
    clickDownload(`/jobs/${encodeURIComponent(job.jobId)}/file`, job.filename);
    return true;
  }
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let mime = '';
  let offset: number | null = 0;
  while (offset !== null) {
    const res: Envelope<JobChunk> = await call('jobs.read', { jobId: job.jobId, offset });
    if (!res.ok) return false;
    parts.push(bytesOf(res.result.base64));
    mime = res.result.mime;
    offset = res.result.next;
  }
  blobDownload(job.filename, new Blob(parts, { type: mime }));
  return true;
}
