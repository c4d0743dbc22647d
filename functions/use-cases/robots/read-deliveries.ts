import type { Delivery, DeliveryStatus } from '#functions/ports/robots.ts';
import type { RobotDeps } from '../deps.ts';

/** The delivery log for admins: newest first, of one status when asked. */
export function listDeliveries(deps: Pick<RobotDeps, 'deliveries'>, query: { status?: DeliveryStatus; limit: number; cursor?: string }): Promise<{ items: Delivery[]; nextCursor: string | null }> {
  return deps.deliveries.page(query);
}
