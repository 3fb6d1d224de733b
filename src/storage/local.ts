// Files on the local disk (or a shared mount): content-addressed by SHA-256 under DATA_DIR/files.
// A file is written to a temporary name, fsynced, renamed into place and its directory fsynced,
// so a key handed to the database always names a complete, durable file (A1, F2).
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { FileTooLargeError, type FileStore, type ListedFile, type PutOptions, type StoredFile } from './model.ts';

const KEY = /^[0-9a-f]{64}$/;

export class LocalFileStore implements FileStore {
  readonly root: string;
  constructor(root: string) {
    this.root = path.resolve(root);
  }

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`Khóa tệp không hợp lệ: ${key}`);
    return path.join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  async put(data: Buffer | Readable | AsyncIterable<Buffer>, options: PutOptions = {}): Promise<StoredFile> {
    const tmpDir = path.join(this.root, 'tmp');
    await fs.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    let size = 0;
    let head = Buffer.alloc(0);
    const handle = await fs.open(tmp, 'wx', 0o640);
    try {
      const chunks: AsyncIterable<Buffer> | Buffer[] = Buffer.isBuffer(data) ? [data] : data;
      for await (const chunk of chunks) {
        size += chunk.length;
        if (options.maxBytes !== undefined && size > options.maxBytes) throw new FileTooLargeError(options.maxBytes);
        if (head.length < 4096) head = Buffer.concat([head, chunk.subarray(0, 4096 - head.length)]);
        hash.update(chunk);
        await handle.write(chunk);
      }
      await handle.sync();
    } catch (err) {
      await handle.close().catch(() => undefined);
      await fs.rm(tmp, { force: true });
      // A stream the caller was reading from must be drained, or the request never ends.
      if (!Buffer.isBuffer(data) && 'resume' in data && typeof data.resume === 'function') data.resume();
      throw err;
    }
    await handle.close();
    const sha256 = hash.digest('hex');
    const final = this.pathOf(sha256);
    await fs.mkdir(path.dirname(final), { recursive: true });
    const created = !(await fs.access(final).then(() => true, () => false));
    await fs.rename(tmp, final);
    await syncDir(path.dirname(final));
    return { key: sha256, sha256, size, head, created };
  }

  open(key: string): Readable {
    return createReadStream(this.pathOf(key));
  }

  async read(key: string): Promise<Buffer> {
    return fs.readFile(this.pathOf(key));
  }

  async exists(key: string): Promise<boolean> {
    try {
      await fs.access(this.pathOf(key));
      return true;
    } catch {
      return false;
    }
  }

  async remove(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }

  async *list(): AsyncIterable<ListedFile> {
    const dirs = async (dir: string) => (await fs.readdir(dir, { withFileTypes: true }).catch(() => [])).filter((e) => e.isDirectory() && /^[0-9a-f]{2}$/.test(e.name)).map((e) => e.name);
    for (const a of await dirs(this.root)) {
      for (const b of await dirs(path.join(this.root, a))) {
        const dir = path.join(this.root, a, b);
        for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
          if (!KEY.test(name)) continue;
          const stat = await fs.stat(path.join(dir, name)).catch(() => undefined);
          if (stat?.isFile()) yield { key: name, modified: stat.mtime };
        }
      }
    }
  }
}

async function syncDir(dir: string): Promise<void> {
  const h = await fs.open(dir, 'r');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}
