import { INSPECTION_TYPES } from '#schemas/kinds/inspection.ts';
import { findRegion } from '#schemas/regions.ts';
import { addDays } from '#schemas/time.ts';
import { shorten } from '../text.ts';

/**
 * Where a problem came to light, offered as lists to choose from (never typed ids): a visit of the
 * head, newest first, by date and branch; an inspection by date and subject, then one of its
 * findings by its text. The lists loaded when online are kept on the device, so a form opened
 * without signal still offers them. No DOM here.
 */
export interface VisitChoice {
  id: string;
  /** 2026-11-20 · 城东区周家泉村党支部 */
  label: string;
  date: string;
}

export interface FindingChoice {
  id: string;
  label: string;
}

export interface InspectionChoice {
  id: string;
  /** 2026-11-20 · 专项检查：三会一课落实情况 */
  label: string;
  date: string;
  findings: FindingChoice[];
}

/** A list as loaded: `device` when it is the one kept from an earlier load (offline now). */
export type Listed<T> = { items: T[]; from: 'api' | 'device' } | { unavailable: true };

export interface SourceLists {
  visits(ministerId: string): Promise<Listed<VisitChoice>>;
  inspections(): Promise<Listed<InspectionChoice>>;
}

/** How far back the lists reach: a problem is reported soon after the visit or inspection that found it. */
export const SOURCE_DAYS = 180;
const LONG = 40;

interface VisitRecord { id: string; date: string; status?: string; branch?: { name?: string } }
interface InspectionRecord {
  id: string; date: string; status?: string; subject?: string; type?: string; regionCode?: string;
  findings?: { id: string; text: string }[];
}

const newestFirst = <T extends { date: string }>(items: T[]) => [...items].sort((a, b) => b.date.localeCompare(a.date));
const live = (r: { status?: string }) => r.status !== 'withdrawn';

export function visitChoices(records: readonly VisitRecord[]): VisitChoice[] {
  return newestFirst(records.filter(live).map((v) => ({ id: v.id, date: v.date, label: `${v.date} · ${v.branch?.name ?? '（未写党组织）'}` })));
}

export function inspectionChoices(records: readonly InspectionRecord[]): InspectionChoice[] {
  return newestFirst(records.filter(live).map((i) => {
    const what = [i.type && (INSPECTION_TYPES as Record<string, string>)[i.type], i.subject].filter(Boolean).join('：') || '督查督导';
    const where = i.regionCode ? findRegion(i.regionCode)?.name : undefined;
    return {
      id: i.id,
      date: i.date,
      label: [i.date, where, shorten(what, LONG)].filter(Boolean).join(' · '),
      findings: (i.findings ?? []).map((f, n) => ({ id: f.id, label: `${n + 1}. ${shorten(f.text, LONG)}` })),
    };
  }));
}

export interface ListDeps {
  /** GET a path of the API: its status and body; throws when there is no answer. */
  get(path: string): Promise<{ status: number; body: unknown }>;
  store: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  online(): boolean;
  today(): string;
}

export function sourceLists(deps: ListDeps): SourceLists {
  async function load<T>(key: string, path: string, choose: (items: never[]) => T[]): Promise<Listed<T>> {
    if (deps.online()) {
      try {
        const answer = await deps.get(path);
        if (answer.status === 200) {
          const items = choose(((answer.body as { items?: never[] }).items ?? []));
          deps.store.setItem(key, JSON.stringify(items));
          return { items, from: 'api' };
        }
      } catch {
        // No answer: what the device kept will do.
      }
    }
    const kept = deps.store.getItem(key);
    return kept ? { items: JSON.parse(kept) as T[], from: 'device' } : { unavailable: true };
  }
  const since = () => addDays(deps.today(), -SOURCE_DAYS);
  return {
    visits: (ministerId) => load(`xjc.sources.visits.${ministerId}`,
      `/visits?${new URLSearchParams({ ministerId, from: since(), limit: '500' })}`, visitChoices),
    inspections: () => load('xjc.sources.inspections', `/inspections?${new URLSearchParams({ from: since(), limit: '500' })}`, inspectionChoices),
  };
}
