import * as z from 'zod';

export const healthSchema = z.object({ status: z.literal('ok'), time: z.iso.datetime() }).meta({ id: 'Health' });

const regionNode = z.object({ code: z.string(), name: z.string(), level: z.enum(['province', 'prefecture', 'county']) });

export const regionTreeSchema = regionNode
  .extend({ children: z.array(regionNode.extend({ children: z.array(regionNode) })) })
  .meta({ id: 'RegionTree' });
