// The person's uses of the national databases through the API (P3, V4), beside the data store's usage log.
import type { FastifyInstance } from 'fastify';
import type { PortalIdentity } from '../config.ts';
import type { DB } from '../db/index.ts';
import { actorOf, GATES, guards } from '../identity/index.ts';
import { SOURCES } from './protocol.ts';
import { sourceUsesOf } from './store.ts';

export async function dataSourceRoutes(app: FastifyInstance, deps: { db: DB; portal: PortalIdentity }): Promise<void> {
  const gate = guards(deps);
  app.get(
    '/api/v1/me/datasource-uses',
    { preHandler: gate.api(GATES.signedIn), schema: { tags: ['kho dữ liệu'], summary: 'Nhật ký khai thác cơ sở dữ liệu quốc gia: mỗi lần cổng lấy thông tin của người gọi từ CSDL dân cư, hộ tịch điện tử hay kho kết quả số hóa — thay giấy tờ nào, cho hồ sơ nào, lúc nào' } },
    async (req) => {
      const uses = await sourceUsesOf(deps.db, actorOf(req).id);
      return { items: uses.map((u) => ({ at: u.at, source: u.source, sourceName: SOURCES[u.source], purpose: u.purpose, subject: u.subject, reference: u.reference, application: u.applicationCode, agencyName: u.agencyName })) };
    },
  );
}
