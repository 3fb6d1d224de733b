// P1, U1: what `dvctt start` and `dvctt payment-simulator` print names the address people use
// (PUBLIC_URL), and the server's log is readable at a terminal and JSON elsewhere.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GatewaySimulator } from '../src/applications/index.ts';
import { createLogger, startMessage } from '../src/server.ts';
import { testConfig } from './helpers/app.ts';

const PUBLIC_URL = 'https://dichvucong.khanhhoa.gov.vn';

test('the start message names PUBLIC_URL, not the address the server is bound to', () => {
  const config = testConfig({ PUBLIC_URL, PORT: '8443', HOST: '::' });
  const message = startMessage(config, 'PostgreSQL nhúng 18');
  assert.equal(message, `Cổng dịch vụ công đang chạy tại ${PUBLIC_URL} (PORT=8443; cơ sở dữ liệu: PostgreSQL nhúng 18)\n`);
  assert.doesNotMatch(message, /127\.0\.0\.1|\[::/);
  // Without PUBLIC_URL the portal's own default (localhost and PORT) is named.
  assert.match(startMessage(testConfig({ PORT: '3001' }), 'x'), /đang chạy tại http:\/\/localhost:3001 /);
});

test('the payment simulator names where people come back to and has the portal run with the same PUBLIC_URL', async () => {
  const simulator = await new GatewaySimulator({ tmnCode: 'DVCTTDEMO', secret: 'bi-mat', ipnUrl: `${PUBLIC_URL}/api/v1/payments/vnpay/ipn` }).start();
  try {
    const message = simulator.startMessage(PUBLIC_URL);
    assert.match(message, new RegExp(`người dùng được đưa về ${PUBLIC_URL}/thanh-toan/vnpay/ket-qua; IPN gửi đến ${PUBLIC_URL}/api/v1/payments/vnpay/ipn`));
    assert.match(message, new RegExp(`^ {2}PUBLIC_URL=${PUBLIC_URL} DVCTT_PAYMENT_URL=${simulator.paymentUrl.replaceAll('.', '\\.')} DVCTT_PAYMENT_TMN_CODE=DVCTTDEMO DVCTT_PAYMENT_SECRET=bi-mat npm start$`, 'm'));
  } finally {
    await simulator.stop();
  }
});

test('at a terminal the log is one readable line per event; elsewhere it stays JSON', () => {
  const lines: string[] = [];
  const logger = createLogger(testConfig({ DVCTT_LOG_LEVEL: 'info' }), { isTTY: true, write: (s) => lines.push(s) });
  logger.info({ publicUrl: PUBLIC_URL }, 'portal listening');
  assert.equal(lines.length, 1);
  assert.doesNotMatch(lines[0]!, /^\{/);
  assert.match(lines[0]!, /INFO.*portal listening {2}publicUrl=https:\/\/dichvucong\.khanhhoa\.gov\.vn/);

  const piped: string[] = [];
  createLogger(testConfig({ DVCTT_LOG_LEVEL: 'info' }), { isTTY: false, write: (s) => piped.push(s) }).info({ publicUrl: PUBLIC_URL }, 'portal listening');
  assert.equal(piped.length, 1);
  assert.deepEqual(Object.entries(JSON.parse(piped[0]!) as object).filter(([k]) => ['level', 'msg', 'publicUrl', 'service'].includes(k)), [
    ['level', 30],
    ['service', 'dvctt'],
    ['publicUrl', PUBLIC_URL],
    ['msg', 'portal listening'],
  ]);
});
