// A real SMTP server on loopback that keeps every message it receives, parsed with mailparser:
// what the portal sends is read back as a person's mail program would.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Mailbox {
  /** Every message accepted so far, in order. */
  mails: ParsedMail[];
  /** SMTP_URL for the portal. */
  url: string;
  /** Waits (up to 5 s) until `count` messages have arrived, and says so if they do not. */
  waitFor(count: number): Promise<void>;
  close(): Promise<void>;
}

export interface MailboxOptions {
  /** The port to listen on (default: any free one), e.g. one the portal was given while nothing listened. */
  port?: number;
  /**
   * How the server answers a message it has read in full: nothing accepts it (kept in `mails`), an
   * Error refuses it (its `responseCode`, e.g. 451, is what the sender sees), 'held' leaves the
   * answer to `reply`, called later (the sender waits meanwhile; the message is not kept).
   */
  answer?: (mail: ParsedMail, reply: (err?: Error) => void) => Error | 'held' | undefined;
}

export async function startMailbox(options: MailboxOptions = {}): Promise<Mailbox> {
  const mails: ParsedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => void simpleParser(Buffer.concat(chunks)).then((m) => {
        const answer = options.answer?.(m, callback);
        if (answer === 'held') return;
        if (answer) return callback(answer);
        mails.push(m);
        callback();
      }));
    },
  });
  await new Promise<void>((r) => smtp.listen(options.port ?? 0, '127.0.0.1', () => r()));
  return {
    mails,
    url: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    async waitFor(count) {
      for (let i = 0; i < 100 && mails.length < count; i++) await new Promise((r) => setTimeout(r, 50));
      assert.equal(mails.length, count, 'emails received');
    },
    close: () => new Promise<void>((r) => smtp.close(() => r())),
  };
}
