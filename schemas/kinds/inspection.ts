import * as z from 'zod/mini';
import { labelledEnum, pastDateSchema, regionCodeSchema, slugIdSchema, textSchema, uuidSchema } from '../common.ts';
import { attachmentsField } from '../attachment-field.ts';
import { fieldRule, ValidationError } from '../errors.ts';
import { defineForm, flagRepeats, SUBMITTED_ONLY } from '../form.ts';
import { defineKind, titleOf } from '../kind.ts';
import { findRegion } from '../regions.ts';

/** 督查督导: a random check or a special inspection, whose findings may open problems. */

export const INSPECTION_TYPES = { random: '随机检查', special: '专项检查' } as const;

/** 听、看、考、问、查 */
export const INSPECTION_METHODS = { listen: '听', look: '看', test: '考', ask: '问', check: '查' } as const;

const findingFields = () => ({ id: uuidSchema, text: textSchema(2000) });

export const inspectionForm = defineForm({
  kind: 'inspection',
  path: 'inspections',
  name: 'Inspection',
  label: { zh: '督查督导', en: 'Inspection' },
  fields: () => ({
    /** The head who led it. */
    ministerId: slugIdSchema,
    type: labelledEnum(INSPECTION_TYPES),
    methods: z.array(labelledEnum(INSPECTION_METHODS)).check(z.minLength(1), z.maxLength(5)),
    /** The region inspected: a county, a prefecture, or the province. */
    regionCode: regionCodeSchema,
    date: pastDateSchema,
    /** The theme of a special inspection. */
    subject: z.optional(textSchema(200)),
    findings: z._default(z.array(z.strictObject(findingFields())).check(z.maxLength(100)), []),
    attachments: attachmentsField,
  }),
  statuses: SUBMITTED_ONLY,
  ruleReads: ['methods', 'findings'],
  rules: (i, ctx) => {
    flagRepeats(ctx, 'methods', i.methods, (m) => m, 'id.duplicate');
    flagRepeats(ctx, 'findings', i.findings, (f) => f.id, 'id.duplicate', ['id']);
  },
  storedFields: () => ({
    /** Each finding lists the problems opened from it (kept by the server as problems are reported). */
    findings: z.array(z.object({ ...findingFields(), problemIds: z.array(uuidSchema) })),
  }),
});

export type Inspection = z.output<typeof inspectionForm.schemas.stored>;
export type InspectionFinding = Inspection['findings'][number];

/** New findings start with no problems; a finding that opened problems keeps them and cannot be removed. */
function mergeFindings(current: readonly InspectionFinding[], patched: readonly { id: string; text: string }[]): InspectionFinding[] {
  const stored = new Map(current.map((f) => [f.id, f]));
  const kept = new Set(patched.map((f) => f.id));
  const lost = current.flatMap((f, i) => (f.problemIds.length && !kept.has(f.id) ? [i] : []));
  if (lost.length) {
    throw new ValidationError(undefined, lost.map((i) => ({ path: `findings[${i}]`, issue: { code: 'custom', params: { key: 'finding.linked' } } })));
  }
  return patched.map((f) => ({ ...f, problemIds: stored.get(f.id)?.problemIds ?? [] }));
}

/** The inspection with `problemId` listed under its finding `findingId` (itself when already listed); 422 for an unknown finding. */
export function linkProblem(inspection: Inspection, findingId: string | undefined, problemId: string): Inspection {
  const finding = inspection.findings.find((f) => f.id === findingId);
  if (!finding) throw fieldRule('foundBy.findingId', 'finding.unknown');
  if (finding.problemIds.includes(problemId)) return inspection;
  return { ...inspection, findings: inspection.findings.map((f) => (f === finding ? { ...f, problemIds: [...f.problemIds, problemId] } : f)) };
}

export const inspectionKind = defineKind(inspectionForm, {
  regionOf: (i) => i.regionCode,
  dateOf: (i) => i.date,
  fromInput: (input) => ({ ...input, findings: mergeFindings([], input.findings) }),
  merge: (current, patch) => ({ ...current, ...patch, ...(patch.findings ? { findings: mergeFindings(current.findings, patch.findings) } : {}) }),
  count: (i) => ({ sums: { inspections: 1, inspectionFindings: i.findings.length } }),
  presentation: {
    title: (i) => titleOf(i.subject ?? (i.type && INSPECTION_TYPES[i.type]), i.regionCode && findRegion(i.regionCode)?.name, i.date),
    columns: [
      { key: 'date', label: '督查日期', value: (i) => i.date },
      { key: 'type', label: '督查类型', value: (i) => INSPECTION_TYPES[i.type] },
      { key: 'region', label: '督查范围', value: (i) => findRegion(i.regionCode)?.name ?? i.regionCode },
      { key: 'methods', label: '督查方式', value: (i) => i.methods.map((m) => INSPECTION_METHODS[m]).join('') },
      { key: 'findings', label: '发现问题（条）', value: (i) => i.findings.length },
    ],
    labels: {
      type: { label: '督查类型' },
      methods: { label: '督查方式', hint: '听、看、考、问、查，至少一项' },
      regionCode: { label: '督查范围' },
      date: { label: '督查日期' },
      subject: { label: '专项督查主题', hint: '专项检查时填写' },
      findings: { label: '发现的问题' },
      'findings.text': { label: '问题内容' },
      'findings.problemIds': { label: '由此建立的问题' },
    },
  },
});
