/**
 * Browser side of an export: every chunk of bytes becomes a Blob at once (the browser keeps
 * Blob data outside the JS heap, on disk when large), and the finished file is saved through an
 * object URL and an <a download> click.
 */
import type { ByteSink } from './xlsx';

export function blobCollector(): { sink: ByteSink; blob(type: string): Blob; bytes(): number } {
  const parts: Blob[] = [];
  let n = 0;
  return {
    sink: (chunk) => {
      parts.push(new Blob([chunk as Uint8Array<ArrayBuffer>]));
      n += chunk.length;
    },
    blob: (type) => new Blob(parts, { type }),
    bytes: () => n,
  };
}

export const MIME = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
} as const;

/** Save a Blob as a download (side panel / extension page). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has started reading the Blob by now; keep the URL a while for slow disks.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
