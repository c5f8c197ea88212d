// Files over the API: a download (the contacts export) and a multipart upload (an import), with the session's
// cookie and, for the upload, the CSRF double-submit header, exactly as `call` sends them (client.ts). Errors are
// the same ApiError from the problem document.
import type { ImportResultDto } from '@tandem/api';
import { ApiError, CSRF_COOKIE, CSRF_HEADER, NetworkError, problemOf, readCookie, toQueryString } from './client.ts';
import { ENDPOINTS, type EndpointName } from './endpoints.ts';

/** What POST /imports answers, dry run or not (@tandem/api import.ts): counts, refused and skipped rows, columns, mapping. */
export type ImportReport = ImportResultDto;
export { IMPORT_FIELDS, type ImportField } from '@tandem/api';

/** Headers a server may use to say how many rows it wrote (the first one present wins). */
export const ROW_COUNT_HEADERS = ['x-row-count', 'x-tandem-row-count', 'x-export-rows'];

export type DownloadedFile = { blob: Blob; filename: string; rows: number | null };

/** The file name of `Content-Disposition: attachment; filename*=UTF-8''…` (RFC 6266: the extended form wins), or null. */
export function filenameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(disposition);
  if (extended?.[2]) {
    try {
      return decodeURIComponent(extended[2].trim().replace(/^"|"$/g, ''));
    } catch {
      // a malformed escape: fall back to the plain name
    }
  }
  const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(disposition);
  if (!plain) return null;
  const name = plain[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : (plain[1] ?? '').trim();
  return name || null;
}

export function rowsOf(headers: Headers): number | null {
  for (const name of ROW_COUNT_HEADERS) {
    const value = headers.get(name);
    if (value !== null && /^\d+$/.test(value.trim())) return Number(value);
  }
  return null;
}

async function send(url: string, init: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin', ...init });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError();
  }
  if (!res.ok) throw new ApiError(await problemOf(res));
  return res;
}

/** GETs a file endpoint and reads the whole body as a blob (the server streams it; the browser buffers it). */
export async function downloadFile(name: EndpointName, query: Record<string, string | number | boolean | null | undefined>, fallbackName: string, signal?: AbortSignal): Promise<DownloadedFile> {
  const res = await send(ENDPOINTS[name].path + toQueryString(query), { method: 'GET', headers: { accept: '*/*' }, signal });
  const blob = await res.blob();
  return { blob, filename: filenameOf(res.headers.get('content-disposition')) ?? fallbackName, rows: rowsOf(res.headers) };
}

/** POSTs a multipart form (the browser writes its boundary) and reads the JSON answer. */
export async function uploadForm<T>(name: EndpointName, form: FormData, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const csrf = readCookie(CSRF_COOKIE);
  if (csrf) headers[CSRF_HEADER] = csrf;
  const res = await send(ENDPOINTS[name].path, { method: ENDPOINTS[name].method, headers, body: form, signal });
  return (await res.json()) as T;
}

/** Hands a downloaded blob to the browser as a file save. */
export function saveBlob(file: DownloadedFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the save; give the browser a moment before the URL goes.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
