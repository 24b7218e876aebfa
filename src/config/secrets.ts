import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config.ts';

/**
 * The server key: from AMPARO_SECRET_KEY, or a key file created on first start with mode 0600.
 * Several processes over one PostgreSQL must share it, so they set the variable or share the file.
 */
export function loadServerKey(config: Config): Buffer {
  if (config.secretKey) return Buffer.from(config.secretKey, 'base64url');
  const file = path.join(config.dataDir, 'server.key');
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  try {
    const text = fs.readFileSync(file, 'utf8').trim();
    const key = Buffer.from(text, 'base64url');
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key; restore it from backup`);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  // 'wx' fails if another process created the file first; then read theirs.
  try {
    fs.writeFileSync(file, key.toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadServerKey(config);
    throw error;
  }
}
