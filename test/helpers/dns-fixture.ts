// A tiny DNS world on loopback for `dvctt check`: Knot serves signed.test (signed by Knot itself)
// and unsigned.test; Unbound validates, trusting signed.test's DS as its anchor. High ports only.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { query } from '../../src/compliance/dns.ts';
import { freePort } from './process.ts';

export interface DnsFixture {
  /** The validating resolver (Unbound). */
  resolver: { host: string; port: number };
  authoritative: { host: string; port: number };
  stop(): Promise<void>;
}

function zone(name: string): string {
  return `$ORIGIN ${name}.\n$TTL 300\n@ SOA ns.${name}. hostmaster.${name}. 1 3600 600 86400 300\n@ NS ns.${name}.\nns A 127.0.0.1\nportal A 127.0.0.1\nportal AAAA ::1\n`;
}

async function waitFor(what: string, child: ChildProcess, log: () => string, ready: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited: ${log()}`);
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not answer: ${log()}`);
}

function run(cmd: string, args: string[]): { child: ChildProcess; log: () => string } {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  return { child, log: () => out };
}

export async function startDnsFixture(): Promise<DnsFixture> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dvctt-dns-'));
  mkdirSync(path.join(dir, 'db'));
  const knotPort = await freePort();
  const unboundPort = await freePort();
  for (const z of ['signed.test', 'unsigned.test']) writeFileSync(path.join(dir, `${z}.zone`), zone(z));
  const knotConf = path.join(dir, 'knot.conf');
  writeFileSync(
    knotConf,
    `server:\n  listen: 127.0.0.1@${knotPort}\n  rundir: ${dir}\nlog:\n  - target: stderr\n    any: warning\ndatabase:\n  storage: ${dir}/db\n` +
      `template:\n  - id: default\n    storage: ${dir}\n    journal-content: none\n    zonefile-sync: -1\n` +
      `zone:\n  - domain: signed.test\n    dnssec-signing: on\n  - domain: unsigned.test\n`,
  );
  const procs: ChildProcess[] = [];
  const stop = async () => {
    for (const p of procs.reverse()) {
      if (p.exitCode === null) {
        p.kill('SIGTERM');
        await new Promise((r) => p.once('exit', r));
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const knot = run('knotd', ['-c', knotConf]);
    procs.push(knot.child);
    const authoritative = { host: '127.0.0.1', port: knotPort };
    await waitFor('knotd', knot.child, knot.log, async () => (await query(authoritative, 'signed.test', 'DNSKEY', { timeoutMs: 300 })).answers.some((a) => a.typeName === 'DNSKEY'));
    const ds = execFileSync('keymgr', ['-c', knotConf, 'signed.test', 'ds'], { encoding: 'utf8' })
      .split('\n')
      .find((l) => / DS \d+ \d+ 2 /.test(l));
    if (!ds) throw new Error('keymgr gave no SHA-256 DS record');
    const unboundConf = path.join(dir, 'unbound.conf');
    writeFileSync(
      unboundConf,
      `server:\n  interface: 127.0.0.1\n  port: ${unboundPort}\n  do-daemonize: no\n  username: ""\n  chroot: ""\n  directory: "${dir}"\n  pidfile: ""\n` +
        `  use-syslog: no\n  logfile: ""\n  verbosity: 0\n  do-not-query-localhost: no\n  do-ip6: no\n  access-control: 127.0.0.0/8 allow\n` +
        `  module-config: "validator iterator"\n  local-zone: "test." nodefault\n  trust-anchor: "${ds.trim()}"\n` +
        `stub-zone:\n  name: "signed.test"\n  stub-addr: 127.0.0.1@${knotPort}\nstub-zone:\n  name: "unsigned.test"\n  stub-addr: 127.0.0.1@${knotPort}\n`,
    );
    const unbound = run('unbound', ['-c', unboundConf]);
    procs.push(unbound.child);
    const resolver = { host: '127.0.0.1', port: unboundPort };
    await waitFor('unbound', unbound.child, unbound.log, async () => (await query(resolver, 'portal.signed.test', 'A', { timeoutMs: 300 })).answers.length > 0);
    return { resolver, authoritative, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
