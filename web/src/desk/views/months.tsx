import { useState } from 'preact/hooks';
import { findRegion, parentOf, regionContains } from '#schemas/regions.ts';
import { beijingDate, beijingDateTime } from '#schemas/time.ts';
import { announce } from '../../shell.ts';
import { getMonth, takeStep } from '../month-data.ts';
import { isLocked, MONTH_ACTIONS, MONTH_STATES, type MonthAction, REASON_REQUIRED } from '#schemas/month-words.ts';
import type { RegionMonth } from '#schemas/months.ts';
import { daysOf, isMonth, monthName, previousMonth, recentMonths } from '../../months/calendar.ts';
import { childWord } from '../../months/names.ts';
import { childRows, monthsTop, NEEDS_REASON, type Offer, offersOf } from '../../months/offers.ts';
import { hrefOf, type Route, withFilter } from '../route.ts';
import { navigate, person } from '../state.ts';
import { VIEW_NAMES } from '../words.ts';
import { Badge, Loading, Trouble, troubleText, useLoad, ViewTitle } from './common.tsx';
import { ReasonDialog } from './reason-dialog.tsx';

/** How far back the month picker reaches. */
const MONTHS_OFFERED = 24;

type MonthsRoute = Extract<Route, { view: 'months' }>;

const href = (region: string, month: string) => hrefOf({ view: 'months', filters: { region, month } });

/**
 * 月度报送 (`#/months?region=&month=`, staff and admins): a region's month (the person's own region
 * and the previous month unless the address names others): its state, its records and those still
 * awaiting review, each child's state (a prefecture's counties, the province's prefectures, each
 * opening its own month), the steps the person may take on it, and its trail.
 */
export function MonthsView({ route }: { route: MonthsRoute }) {
  const top = monthsTop(person.value);
  const asked = route.filters.region;
  const region = asked && findRegion(asked) && regionContains(top, asked) ? asked : top;
  const month = route.filters.month && isMonth(route.filters.month) ? route.filters.month : previousMonth(beijingDate());
  const loaded = useLoad(() => getMonth(month, region), [month, region]);
  const pick = (next: string) => navigate({ view: 'months', filters: withFilter(route.filters, 'month', next) }, true);
  const regionName = findRegion(region)?.name ?? region;
  const up = region !== top ? parentOf(region) : undefined;

  return (
    <section class="months-view" aria-labelledby="list-title">
      <ViewTitle id="list-title">{VIEW_NAMES.months}</ViewTitle>
      <div class="card month-head">
        <p class="month-place">
          {up && <><a href={href(up.code, month)} data-up>{up.name}</a> › </>}
          <strong>{regionName}</strong>
        </p>
        <div class="field month-pick">
          <label for="month-pick">月份</label>
          <select id="month-pick" value={month} onChange={(e) => pick((e.target as HTMLSelectElement).value)}>
            {withChosen(recentMonths(beijingDate(), MONTHS_OFFERED), month).map((m) => <option key={m} value={m}>{monthName(m)}</option>)}
          </select>
        </div>
      </div>
      {loaded.state.status === 'loading' ? <Loading what="月度报送" />
        : loaded.state.status === 'error' ? <Trouble error={loaded.state.error} retry={loaded.reload} />
          : <MonthPanel key={`${region}/${month}`} seen={loaded.state.value} onChange={loaded.set} />}
    </section>
  );
}

/** A month named by the address stays in the picker, however far back it is. */
const withChosen = (months: string[], chosen: string) => (months.includes(chosen) ? months : [...months, chosen].sort().reverse());

function MonthPanel({ seen, onChange }: { seen: RegionMonth; onChange: (month: RegionMonth) => void }) {
  const [asking, setAsking] = useState<MonthAction>();
  const [said, setSaid] = useState<{ text: string; ok: boolean }>();
  const [busy, setBusy] = useState(false);
  const regionName = findRegion(seen.region)?.name ?? seen.region;
  const what = `${regionName}${monthName(seen.month)}`;
  const offers = offersOf(person.value, seen);
  const { from, to } = daysOf(seen.month);
  const queue = hrefOf({ view: 'queue', filters: { region: seen.region, from, to } });

  /**
   * Takes a step; answers what refused it, or nothing once taken. A month changed meanwhile (412) is
   * read again and said, so the person decides on what it is now.
   */
  async function take(action: MonthAction, reason = ''): Promise<string | undefined> {
    setSaid(undefined);
    setBusy(true);
    try {
      const answer = await takeStep(seen, action, reason);
      if (answer.ok) {
        onChange(answer.value);
        const text = `已${MONTH_ACTIONS[action]}：${what}现为“${MONTH_STATES[answer.value.state]}”。`;
        setSaid({ text, ok: true });
        announce(text);
        return undefined;
      }
      if (answer.status === 412) {
        onChange(await getMonth(seen.month, seen.region));
        const text = `${what}刚被他人更新，已重新加载，请查看后再决定。`;
        setSaid({ text, ok: false });
        announce(text);
        return undefined;
      }
      return answer.problem.errors?.map((e) => e.message).join('；') || answer.problem.detail || answer.problem.title;
    } catch (error) {
      return troubleText(error);
    } finally {
      setBusy(false);
    }
  }

  /** A step without a reason is taken at once, its refusal said under the month; one with a reason asks it first. */
  const start = (action: MonthAction) => {
    if (NEEDS_REASON.includes(action)) return setAsking(action);
    void take(action).then((refused) => {
      if (!refused) return;
      setSaid({ text: refused, ok: false });
      announce(refused);
    });
  };

  return (
    <>
      <section class="card month-card" aria-labelledby="month-title" data-month={seen.month} data-region={seen.region} data-state={seen.state}>
        <h3 id="month-title">{what} <Badge tone={`month-${seen.state}`}>{MONTH_STATES[seen.state]}</Badge></h3>
        <p class="month-counts">
          本月记录 <strong data-count="records">{seen.counts.records.toLocaleString('zh-CN')}</strong> 条，其中待审核 <strong data-count="awaitingReview">{seen.counts.awaitingReview.toLocaleString('zh-CN')}</strong> 条
          {seen.counts.awaitingReview > 0 && !isLocked(seen.state) && <> · <a href={queue} data-queue>去审核</a></>}
        </p>
        {said && <p class={said.ok ? 'notice ok' : 'notice error'} role={said.ok ? 'status' : 'alert'} data-month-said>{said.text}</p>}
        {offers.length > 0 && <MonthActions offers={offers} busy={busy} start={start} />}
      </section>
      {seen.children.length > 0 || childRows(seen).length > 0 ? <ChildrenTable seen={seen} /> : null}
      <Trail seen={seen} />
      {asking && (
        <ReasonDialog
          title={`${MONTH_ACTIONS[asking]}${what}？`}
          what={asking === 'reopen' ? '重新打开后，本月记录可再修改，需重新报送。' : asking === 'return' ? '退回后由报送单位修改并重新报送。' : '确认后本月数据即为定稿。'}
          label={asking === 'confirm' ? '意见' : `${MONTH_ACTIONS[asking]}原因`}
          required={REASON_REQUIRED.includes(asking)}
          confirmText={`确认${MONTH_ACTIONS[asking]}`}
          onConfirm={(reason) => take(asking, reason)}
          onClose={() => setAsking(undefined)} />
      )}
    </>
  );
}

/** The steps of the person's place: each a button, one not allowed yet disabled with why beside it. */
function MonthActions({ offers, busy, start }: { offers: Offer[]; busy: boolean; start: (action: MonthAction) => void }) {
  return (
    <div class="month-actions">
      {offers.map((offer) => (
        <div class="month-action" key={offer.action}>
          <button type="button" class={offer.action === 'return' || offer.action === 'reopen' ? undefined : 'primary'} data-action={offer.action}
            disabled={busy || !offer.allowed} aria-describedby={offer.allowed ? undefined : `why-${offer.action}`} onClick={() => start(offer.action)}>
            {MONTH_ACTIONS[offer.action]}
          </button>
          {!offer.allowed && <span class="hint" id={`why-${offer.action}`} data-why>{offer.why}</span>}
        </div>
      ))}
    </div>
  );
}

function ChildrenTable({ seen }: { seen: RegionMonth }) {
  const rows = childRows(seen);
  const word = childWord(seen.region);
  const approved = rows.filter((r) => r.state === 'approved' || r.state === 'confirmed').length;
  return (
    <section class="card" aria-labelledby="month-children-title">
      <h3 id="month-children-title">各{word}报送情况</h3>
      <p class="hint">{approved} / {rows.length} 个{word}已审核通过。</p>
      <table class="month-children">
        <caption class="visually-hidden">各{word}{monthName(seen.month)}报送状态</caption>
        <thead><tr><th scope="col">{word}</th><th scope="col">状态</th></tr></thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.region} data-child={row.region} data-state={row.state}>
              <td><a href={href(row.region, seen.month)}>{row.name}</a></td>
              <td><Badge tone={`month-${row.state}`}>{MONTH_STATES[row.state]}</Badge>{row.state === 'submitted' && <> <a href={href(row.region, seen.month)} class="to-review">去审核</a></>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Who did what, when and why, oldest first. */
function Trail({ seen }: { seen: RegionMonth }) {
  return (
    <section class="card" aria-labelledby="month-trail-title">
      <h3 id="month-trail-title">办理记录</h3>
      {seen.trail.length === 0 ? <p class="hint">本月尚无报送记录。</p> : (
        <ol class="month-trail">
          {seen.trail.map((step, i) => (
            <li key={i} data-step={step.action}>
              <span class="when">{beijingDateTime(step.at)}</span> <span class="who">{step.by}</span> <strong>{MONTH_ACTIONS[step.action] ?? step.action}</strong>
              {step.reason && <span class="why">：{step.reason}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
