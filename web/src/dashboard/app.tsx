import { useEffect, useRef, useState } from 'preact/hooks';
import { findRegion } from '#schemas/regions.ts';
import { beijingDate, EARLIEST_DATE } from '#schemas/time.ts';
import { getDocument } from '../api.ts';
import type { Person } from '../auth.ts';
import type { WebConfig } from '../config.ts';
import { announce } from '../shell.ts';
import type { Load } from '../ui/load.ts';
import { lazyPart } from '../ui/lazy.tsx';
import { CoverageCard } from './coverage.tsx';
import { downloadSummaryCsv } from './csv.ts';
import type { Summary } from './figures.ts';
import { BarCard, type Choice, HistoryCard, useChoice } from './panels.tsx';
import { type Place, placeQuery, readPlace, samePlace, topRegion, validDate } from './place.ts';
import { isRefusal, SubmitterNotice, TroubleNotice } from './trouble.tsx';
import { Breadcrumb, ChildrenTable, childrenHeading, HeadlineFigures, PROVISIONAL, type RegionLink, RegionTitle, SnapshotMeta, TargetsBlock } from './view.tsx';

/**
 * The figures page: a region's snapshot for a day (the newest unless one is chosen), its children
 * to drill into, two charts and the CSV. The address holds the place (`?region=…&date=…`), so the
 * back button and a shared link show the same figures.
 */
export function Dashboard({ config, person }: { config: WebConfig; person: Person }) {
  const top = topRegion(person);
  const [asked, setPlace] = useState<Place>(() => readPlace(location.search, top, beijingDate()));
  const region = findRegion(asked.region)!;
  /** Whether the focus goes to the title once the next place is drawn: after a drill-down or the back button. */
  const focusTitle = useRef(false);
  /** Each chart's figure, kept from one region to the next. */
  const bars = useChoice();
  const trend = useChoice();
  /** The answer for the place on screen: an answer for an earlier place, or an earlier round, is never shown. */
  const [answer, setAnswer] = useState<{ place: Place; round: number; state: Load<Summary> }>();
  const [round, setRound] = useState(0);
  const state: Load<Summary> = answer?.place === asked && answer.round === round ? answer.state : { status: 'loading' };
  const summary = state.status === 'ok' ? state.value : undefined;
  const [csv, setCsv] = useState<{ busy: boolean; failed?: { error: unknown } }>({ busy: false });

  useEffect(() => {
    let current = true;
    const query = new URLSearchParams({ region: asked.region });
    if (asked.date) query.set('date', asked.date);
    const settle = (state: Load<Summary>) => { if (current) setAnswer({ place: asked, round, state }); };
    getDocument<Summary>(config, `/summary?${query}`).then((value) => settle({ status: 'ok', value }), (error: unknown) => settle({ status: 'error', error }));
    setCsv({ busy: false });
    if (focusTitle.current) {
      focusTitle.current = false;
      document.getElementById('region-title')?.focus();
    }
    return () => { current = false; };
  }, [asked, round]);

  useEffect(() => {
    if (location.search && location.search !== placeQuery(asked)) history.replaceState(null, '', placeQuery(asked));
    const back = () => {
      focusTitle.current = true;
      setPlace(readPlace(location.search, top, beijingDate()));
    };
    window.addEventListener('popstate', back);
    return () => window.removeEventListener('popstate', back);
  }, []);

  useEffect(() => {
    if (summary) announce(`已显示${summary.region.name}截至 ${summary.asOf} 的统计${summary.provisional ? `（${PROVISIONAL}）` : ''}`);
  }, [summary]);

  const go = (next: Place, focus: boolean) => {
    if (samePlace(next, asked)) return;
    history.pushState(null, '', placeQuery(next));
    focusTitle.current = focus;
    setPlace(next);
  };

  const link: RegionLink = (code) => ({
    href: placeQuery({ region: code, date: asked.date }),
    onClick: (event) => {
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      go({ region: code, date: asked.date }, true);
    },
  });

  const saveCsv = async () => {
    if (!summary) return;
    setCsv({ busy: true });
    try {
      await downloadSummaryCsv(config, summary.region.code, summary.asOf);
      setCsv({ busy: false });
      announce('CSV 已下载');
    } catch (error) {
      setCsv({ busy: false, failed: { error } });
    }
  };

  const pickDate = (value: string) => {
    if (!value) return go({ region: asked.region }, false);
    const date = validDate(value, beijingDate());
    if (date) go({ region: asked.region, date }, false);
    else announce(`请选择 ${EARLIEST_DATE} 至今天之间的日期`);
  };

  if (state.status === 'error' && isRefusal(state.error) && person.role === 'submitter') return <SubmitterNotice />;
  return (
    <div class="dash">
      <Breadcrumb top={top} region={region.code} link={link} />
      <section class="card dash-head" aria-label="地区与日期">
        <RegionTitle region={region} />
        {state.status === 'loading' && <p class="meta">正在加载…</p>}
        {summary && <SnapshotMeta summary={summary} />}
        <div class="dash-controls">
          <div class="field">
            <label for="snapshot-date">统计日期<span class="optional">（不选：最新）</span></label>
            <div class="date-row">
              <input type="date" id="snapshot-date" min={EARLIEST_DATE} max={beijingDate()} value={summary?.asOf ?? asked.date ?? ''}
                onChange={(event) => pickDate(event.currentTarget.value)} />
              <button type="button" hidden={!asked.date} onClick={() => go({ region: asked.region }, false)}>最新</button>
            </div>
          </div>
          <button type="button" id="download-csv" disabled={!summary || csv.busy} onClick={() => void saveCsv()}>下载 CSV</button>
        </div>
        {csv.failed && <TroubleNotice error={csv.failed.error} config={config} retry={() => void saveCsv()} />}
      </section>
      <div class="dash-body" aria-busy={state.status === 'loading' ? 'true' : undefined}>
        {state.status === 'loading' && <p class="notice" role="status">正在加载统计…</p>}
        {state.status === 'error' && <TroubleNotice error={state.error} config={config} retry={() => setRound((r) => r + 1)} date={asked.date} />}
        {summary && <Figures key={`${summary.region.code}/${summary.asOf}`} config={config} summary={summary} link={link} bars={bars} trend={trend} />}
      </div>
    </div>
  );
}

/** 月度报送's card: drawn from the chunk loaded once the figures show (nothing while it loads), so the first view stays as light. */
const SignOff = lazyPart(() => import('./later.ts').then((m) => m.SignOffCard), () => null);

/** A snapshot's sections, drawn anew for each snapshot (the never-visited list and the 30 days belong to it). */
function Figures({ config, summary, link, bars, trend }: { config: WebConfig; summary: Summary; link: RegionLink; bars: Choice; trend: Choice }) {
  const heading = childrenHeading(summary);
  const hasChildren = summary.children.length > 0;
  return (
    <>
      <HeadlineFigures summary={summary} />
      <TargetsBlock summary={summary} />
      <SignOff summary={summary} />
      <CoverageCard summary={summary} config={config} />
      {hasChildren && (
        <section class="card" aria-labelledby="children-title">
          <h2 id="children-title">{heading}</h2>
          <p class="hint">点击地区名称查看其统计；表格可左右滑动。</p>
          <ChildrenTable summary={summary} link={link} caption={`${heading}主要指标（最后一行为${summary.region.name}合计）`} />
        </section>
      )}
      {hasChildren && <BarCard summary={summary} heading={heading} choice={bars} />}
      <HistoryCard config={config} region={summary.region.code} asOf={summary.asOf} choice={trend} />
    </>
  );
}
