// Word 97–2003 (.doc) files, which many official forms still are, read through LibreOffice: it
// converts the file to .docx in a temporary folder, with a profile of its own so that two
// conversions at once do not share one.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const CANDIDATES = ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/lib/libreoffice/program/soffice', '/opt/libreoffice/program/soffice', '/Applications/LibreOffice.app/Contents/MacOS/soffice'];

/** LibreOffice's program on this machine, if there is one. */
export function findOffice(): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, 'soffice'))) return path.join(dir, 'soffice');
  }
  return CANDIDATES.find((f) => existsSync(f)) ?? null;
}

/** A conversion that takes longer than this is stopped: a real form converts in a few seconds. */
const TIMEOUT_MS = 90_000;

/** One conversion at a time: each LibreOffice takes a core and a few hundred MB while it runs. */
let queue: Promise<unknown> = Promise.resolve();

/** The .doc converted to .docx, or null when LibreOffice could not convert it. */
export function docToDocx(bytes: Buffer, office: string): Promise<Buffer | null> {
  const turn = queue.then(() => convert(bytes, office));
  queue = turn.catch(() => undefined);
  return turn;
}

async function convert(bytes: Buffer, office: string): Promise<Buffer | null> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dvctt-doc-'));
  try {
    const input = path.join(dir, 'mau.doc');
    await writeFile(input, bytes);
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    const ok = await new Promise<boolean>((resolve) => {
      execFile(office, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'docx', '--outdir', path.join(dir, 'out'), input], { timeout: TIMEOUT_MS, killSignal: 'SIGKILL' }, (err) => resolve(!err));
    });
    if (!ok) return null;
    const out = (await readdir(path.join(dir, 'out')).catch(() => [] as string[])).find((n) => n.endsWith('.docx'));
    return out ? await readFile(path.join(dir, 'out', out)) : null;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
