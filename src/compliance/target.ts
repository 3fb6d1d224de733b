// What every part of `dvctt check` works on: the options, the target resolved from the URL, and
// the progress lines it prints.
import net from 'node:net';
import type { Resolver } from './dns.ts';

export interface CheckOptions {
  url: URL;
  /** A validating resolver (for AD) and for the portal's addresses; default: /etc/resolv.conf's. */
  resolver?: Resolver;
  /** Extra trusted CA certificates (PEM), e.g. an agency's internal CA. */
  caFile?: string;
  /** The plain-HTTP port that should redirect; default 80 when the URL uses the default port. */
  httpPort?: number;
  maxPages?: number;
  /** Run axe in Chromium when it is installed. */
  browser?: boolean;
}

export type Progress = (line: string) => void;

export interface Target {
  url: URL;
  host: string;
  port: number;
  secure: boolean;
  /** Where to connect: the first address found (IPv4 first, as most visitors). */
  address: string;
  v4: string[];
  v6: string[];
  ca: string[];
}

export const isIp = (h: string) => net.isIP(h) !== 0;
