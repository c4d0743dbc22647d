import * as z from 'zod/mini';
import { intSchema } from './common.ts';

// Named for the OpenAPI document, which alone imports it: the functions build their refusals without it.
/** RFC 9457 problem details, with every invalid field listed. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: intSchema(),
    detail: z.optional(z.string()),
    errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  })
  .register(z.globalRegistry, { id: 'ProblemDetails' });
