import { useState } from 'preact/hooks';
import { getDocument } from '../api.ts';
import type { WebConfig } from '../config.ts';
import { lazyPart } from '../ui/lazy.tsx';
import { useLoad } from '../ui/load.ts';
import { headline, type HeadlineKey, HEADLINES, type Summary, type SummaryHistory } from './figures.ts';
import { historyRange } from './place.ts';
import { troubleText } from './trouble.tsx';

/**
 * The two chart cards, each with its own choice of figure (the page keeps each choice from one region
 * to the next); what they draw is loaded once the snapshot is on screen (charts.tsx, history.tsx).
 */

/** Which figure a chart shows, and how another is picked. */
export interface Choice {
  key: HeadlineKey;
  pick: (key: HeadlineKey) => void;
}

export function useChoice(): Choice {
  const [key, pick] = useState<HeadlineKey>('sessions');
  return { key, pick };
}

function FigurePicker({ id, choice }: { id: string; choice: Choice }) {
  return (
    <div class="field picker">
      <label for={id}>指标</label>
      <select id={id} value={choice.key} onChange={(event) => choice.pick(headline(event.currentTarget.value).key)}>
        {HEADLINES.map((f) => <option key={f.key} value={f.key}>{`${f.name}（${f.unit}）`}</option>)}
      </select>
    </div>
  );
}

/** The children side by side for one headline figure. */
export function BarCard({ summary, heading, choice }: { summary: Summary; heading: string; choice: Choice }) {
  return (
    <section class="card" aria-labelledby="bars-title">
      <h2 id="bars-title">{`${heading}对比`}</h2>
      <FigurePicker id="bar-figure" choice={choice} />
      <Bars summary={summary} heading={heading} figure={headline(choice.key)} />
    </section>
  );
}

const Bars = lazyPart(() => import('./later.ts').then((m) => m.BarDrawing), (error) => (error === undefined
  ? <div class="chart-holder" />
  : <p class="notice error">{`图表无法加载：${troubleText(error)}`}</p>));

/** The region's last 30 days for one headline figure, asked for once the snapshot's day is known. */
export function HistoryCard({ config, region, asOf, choice }: { config: WebConfig; region: string; asOf: string; choice: Choice }) {
  const range = historyRange(asOf);
  const { state } = useLoad(
    () => getDocument<SummaryHistory>(config, `/summary/history?${new URLSearchParams({ region, ...range })}`),
    [region, asOf],
  );
  return (
    <section class="card" aria-labelledby="history-title">
      <h2 id="history-title">近 30 日走势</h2>
      <FigurePicker id="history-figure" choice={choice} />
      {state.status === 'ok'
        ? <History history={state.value} range={range} figure={headline(choice.key)} />
        : <HistoryWaiting error={state.status === 'error' ? state.error : undefined} />}
    </section>
  );
}

/** The card until its chart and table are drawn: the days' figures or their drawing on the way, or why they could not come. */
const HistoryWaiting = ({ error }: { error?: unknown }) => (
  <>
    <div class="chart-holder" />
    <div>
      {error === undefined
        ? <p class="notice" role="status">正在加载近 30 日数据…</p>
        : <p class="notice error">{`走势无法加载：${troubleText(error)}`}</p>}
    </div>
  </>
);

const History = lazyPart(() => import('./later.ts').then((m) => m.HistoryBody), (error) => <HistoryWaiting error={error} />);
