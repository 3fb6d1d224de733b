// Email through SMTP (SMTP_URL) with nodemailer: plain text and HTML, a stable Message-ID.
import nodemailer from 'nodemailer';
import { DeliveryError, type DeliveryChannel, type OutgoingMessage, type SendResult } from './channel.ts';

export function emailChannel(smtpUrl: string, from: string, publicUrl: string, connections = 4): DeliveryChannel {
  // A pool of open connections, one per worker at most: a mail server's greeting costs a connection
  // setup and often a deliberate pause (100 ms and more), paid once per connection, not per email.
  // Parameters in SMTP_URL (e.g. ?pool=false) take precedence.
  const transport = nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: connections, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  const host = new URL(publicUrl).hostname;
  return {
    name: 'email',
    async send(m: OutgoingMessage): Promise<SendResult> {
      try {
        const info = await transport.sendMail({
          from,
          to: m.to,
          subject: m.subject ?? '',
          text: m.text,
          html: m.html,
          // The same id on every try: a message sent twice shows up as a duplicate, not as two.
          messageId: `<${m.id.toLowerCase()}@${host}>`,
          headers: { 'X-DVCTT-Message-Id': m.id },
        });
        return { providerId: info.messageId, answer: String(info.response ?? 'accepted') };
      } catch (err) {
        const e = err as { responseCode?: number; message?: string; code?: string };
        // 5xx: the server refuses this message for good (unknown mailbox …); 4xx and network: later.
        const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600 && e.code !== 'ECONNECTION';
        throw new DeliveryError(`SMTP: ${e.message ?? String(err)}`, permanent);
      }
    },
    close: () => transport.close(),
  };
}
