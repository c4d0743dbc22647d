/**
 * What the desk loads when first asked for, as one chunk: the correction form (the forms page's
 * generated form, the outbox and evidence store that keep corrections on the device, what a
 * resubmitted record changed), the withdrawal's confirmation, a record's change trail and evidence, the heads' pages (述职 and 总结讲评, the research-report collection, the
 * ministers roster), the two ledgers and the suspected duplicates (lists no role starts on), and
 * the branch registry's views, and 月度报送. One chunk, not one each: every dynamic import of its own would split the
 * modules it shares with the first view into more, smaller files, and the first view would weigh more.
 */
export { CorrectView } from './correct.tsx';
export { CorrectionKept } from './correction-kept.tsx';
export { ResubmittedSection } from './resubmitted.tsx';
export { startCorrections } from '../corrections.ts';
export { WithdrawDialog } from './withdraw-dialog.tsx';
export { HistoryView } from './history.tsx';
export { EvidenceSection } from './evidence.tsx';
export { DutyView } from './duty.tsx';
export { CollectionView } from './collection.tsx';
export { RosterView } from './roster.tsx';
export { DuplicatesView } from './duplicates.tsx';
export { ProblemsView } from './problems.tsx';
export { SuggestionsView } from './suggestions.tsx';
export { ImportView, ContactsView, MatchingView } from './registry-views.tsx';
export { SettingsView } from './settings.tsx';
export { MonthsView } from './months.tsx';
export { BulletinView } from './bulletin.tsx';
export { AccountsView } from './accounts.tsx';
