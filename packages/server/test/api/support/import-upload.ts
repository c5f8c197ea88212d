// POST /imports as a browser sends it: multipart/form-data built by hand (the body is bytes, so files keep their
// BOMs and encodings exactly), through `inject`. Answers the status and the parsed JSON body.
import type { FastifyInstance } from 'fastify';
import type { ImportResultDto } from '@tandem/api';
import type { Answer } from './api-types.ts';

export type Upload = { file?: { name: string; content: string | Buffer }; dryRun?: string; mapping?: string };

export function multipartBody(upload: Upload): { body: Buffer; contentType: string } {
  const boundary = '----tandem-import-7d1f';
  const chunks: Buffer[] = [];
  const field = (name: string, value: string) => chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (upload.dryRun !== undefined) field('dryRun', upload.dryRun);
  if (upload.mapping !== undefined) field('mapping', upload.mapping);
  if (upload.file) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${upload.file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    chunks.push(Buffer.isBuffer(upload.file.content) ? upload.file.content : Buffer.from(upload.file.content, 'utf8'));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export type ImportAnswer = Answer<{ 200: ImportResultDto }>;

export async function postImport(app: FastifyInstance, token: string | undefined, upload: Upload): Promise<ImportAnswer> {
  const { body, contentType } = multipartBody(upload);
  const res = await app.inject({
    method: 'POST', url: '/api/v1/imports', payload: body,
    headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  return { status: res.statusCode, body: res.json(), headers: res.headers } as ImportAnswer;
}
