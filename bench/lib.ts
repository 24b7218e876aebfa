// Small helpers shared by the benchmarks: figures and their formatting, percentiles, ports,
// temporary directories and a raw HTTP GET that keeps the bytes exactly as they came over the wire.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** One measured number. With a target it prints PASS or MISS; without one it is context. */
export interface Figure {
  label: string;
  value: number;
  unit: string;
  digits?: number;
  target?: { op: '<=' | '>='; value: number };
  /** Printed after the verdict, e.g. the sample count. */
  note?: string;
  /** Detail lines are indented under the figure they explain. */
  detail?: boolean;
}

export function passes(f: Figure): boolean | undefined {
  if (!f.target) return undefined;
  return f.target.op === '<=' ? f.value <= f.target.value : f.value >= f.target.value;
}

export function formatFigure(f: Figure): string {
  const digits = f.digits ?? 1;
  const unit = f.unit ? ` ${f.unit}` : '';
  let line = `${f.detail ? '  ' : ''}${f.label}: ${Number.isFinite(f.value) ? f.value.toFixed(digits) : String(f.value)}${unit}`;
  if (f.target) line += `  target ${f.target.op} ${f.target.value}${unit}  ${passes(f) ? 'PASS' : 'MISS'}`;
  if (f.note) line += `  (${f.note})`;
  return line;
}

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function median(samples: number[]): number {
  return percentile(samples, 50);
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `amparo-bench-${prefix}-`));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A port that was free a moment ago on 127.0.0.1 (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as sent (still gzip-compressed when content-encoding says so). */
  body: Buffer;
}

/** GET from 127.0.0.1 only, without any decoding, bounded by a timeout. */
export function rawGet(port: number, urlPath: string, headers: Record<string, string> = {}, timeoutMs = 5000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, headers, agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${urlPath} timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}
