import * as z from 'zod/mini';
import { labelledEnum, pastDateSchema, regionCodeSchema, slugIdSchema, textSchema, uuidSchema } from './common.ts';
import { defineForm, flagRepeats, SUBMITTED_ONLY } from './form.ts';

/** 督查督导: a random check or a special inspection, whose findings may open problems. */

export const INSPECTION_TYPES = { random: '随机检查', special: '专项检查' } as const;

/** 听、看、考、问、查 */
export const INSPECTION_METHODS = { listen: '听', look: '看', test: '考', ask: '问', check: '查' } as const;

const findingFields = { id: uuidSchema, text: textSchema(2000) };

type Finding = { id: string };

export const inspectionForm = defineForm({
  kind: 'inspection',
  path: 'inspections',
  name: 'Inspection',
  label: { zh: '督查督导', en: 'Inspection' },
  fields: {
    /** The head who led it. */
    ministerId: slugIdSchema,
    type: labelledEnum(INSPECTION_TYPES),
    methods: z.array(labelledEnum(INSPECTION_METHODS)).check(z.minLength(1), z.maxLength(5)),
    /** The region inspected: a county, a prefecture, or the province. */
    regionCode: regionCodeSchema,
    date: pastDateSchema,
    /** The theme of a special inspection. */
    subject: z.optional(textSchema(200)),
    findings: z._default(z.array(z.strictObject(findingFields)).check(z.maxLength(100)), []),
  },
  statuses: SUBMITTED_ONLY,
  ruleReads: ['methods', 'findings'],
  rules: (i, ctx) => {
    flagRepeats(ctx, 'methods', i.methods as string[], (m) => m, 'id.duplicate');
    flagRepeats(ctx, 'findings', i.findings as Finding[], (f) => f.id, 'id.duplicate', ['id']);
  },
  storedFields: {
    /** Each finding lists the problems opened from it (kept by the server as problems are reported). */
    findings: z.array(z.object({ ...findingFields, problemIds: z.array(uuidSchema) })),
  },
  regionOf: (i): string => (i as { regionCode: string }).regionCode,
  dateOf: (i): string => (i as { date: string }).date,
});

export type Inspection = z.infer<typeof inspectionForm.schemas.record>;
export type InspectionFinding = Inspection['findings'][number];
