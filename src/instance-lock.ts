// One portal per embedded data directory: a second `dvctt start` on the same DATA_DIR must stop
// with a clear message instead of sharing (or corrupting) the first one's database.
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { prepareDataDir } from './data-dir.ts';

const LOCK = 'dvctt.pid';

function alivePortal(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('dvctt');
  } catch {
    return true; // no /proc: trust the PID
  }
}

/** The PID of a live portal serving this data directory, if any. */
export async function runningPortal(dataDir: string): Promise<number | undefined> {
  const text = await fs.readFile(path.join(dataDir, LOCK), 'utf8').catch(() => '');
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 && alivePortal(pid) ? pid : undefined;
}

export class InstanceLockError extends Error {
  override name = 'InstanceLockError';
}

/** Take the data directory for this process; returns the release function. */
export async function acquireInstanceLock(dataDir: string): Promise<() => Promise<void>> {
  await prepareDataDir(dataDir);
  const file = path.join(dataDir, LOCK);
  const other = await runningPortal(dataDir);
  if (other) {
    throw new InstanceLockError(
      `Một cổng dvctt khác (PID ${other}) đang chạy với DATA_DIR=${dataDir}. ` +
        'Hãy dừng nó trước, hoặc dùng DATA_DIR khác; nhiều máy chủ cùng lúc cần DATABASE_URL.',
    );
  }
  // A lock left by a crashed process is stale: replace it. `wx` guards against a racing start.
  await fs.rm(file, { force: true });
  try {
    await fs.writeFile(file, String(process.pid), { flag: 'wx' });
  } catch {
    throw new InstanceLockError(`Một cổng dvctt khác vừa khởi động với DATA_DIR=${dataDir}.`);
  }
  return async () => {
    const text = await fs.readFile(file, 'utf8').catch(() => '');
    if (text.trim() === String(process.pid)) await fs.rm(file, { force: true });
  };
}
