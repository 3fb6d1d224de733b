// DATA_DIR: where the embedded database, uploaded files and the instance lock live.
import { constants, promises as fs } from 'node:fs';

export class DataDirError extends Error {
  override name = 'DataDirError';
}

/** Create DATA_DIR if needed and prove it is a writable directory, or say clearly why not. */
export async function prepareDataDir(dataDir: string): Promise<void> {
  try {
    await fs.mkdir(dataDir, { recursive: true });
    await fs.access(dataDir, constants.W_OK);
    const probe = `${dataDir}/.write-test-${process.pid}`;
    await fs.writeFile(probe, '');
    await fs.rm(probe);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why =
      e.code === 'ENOTDIR' || e.code === 'EEXIST'
        ? 'đường dẫn đi qua một tệp, không phải thư mục'
        : e.code === 'EACCES' || e.code === 'EPERM' || e.code === 'EROFS'
          ? 'không có quyền ghi'
          : e.message;
    throw new DataDirError(`Không dùng được thư mục dữ liệu DATA_DIR=${dataDir}: ${why}.`);
  }
}
