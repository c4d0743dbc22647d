import * as z from 'zod/mini';

export const healthSchema = z.object({ status: z.literal('ok'), time: z.iso.datetime() }).register(z.globalRegistry, { id: 'Health' });

const regionNode = z.object({ code: z.string(), name: z.string(), level: z.enum(['province', 'prefecture', 'county']) });

export const regionTreeSchema = z
  .extend(regionNode, { children: z.array(z.extend(regionNode, { children: z.array(regionNode) })) })
  .register(z.globalRegistry, { id: 'RegionTree' });
