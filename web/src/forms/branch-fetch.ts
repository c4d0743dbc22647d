import { request } from '../api.ts';
import type { WebConfig } from '../config.ts';
import type { PageFetcher } from './branch-registry.ts';

/** One page of `GET /branches` through the signed-in person's token; anything but a 200 is thrown (the kept list stays). */
export const branchPageFetcher = (config: WebConfig): PageFetcher => async (query) => {
  const answer = await request<Awaited<ReturnType<PageFetcher>>>(config, `/branches?${query}`);
  if (answer.status !== 200) throw new Error(`GET /branches: ${answer.status}`);
  return answer.body;
};
