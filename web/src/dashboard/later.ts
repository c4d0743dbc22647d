/**
 * What the dashboard draws once a snapshot is on screen: the two charts, the 30 days' table, the
 * never-visited list, how far the months are signed off. One chunk, loaded after the figures show, so the first view carries none of it.
 */
export { BarDrawing } from './charts.tsx';
export { HistoryBody } from './history.tsx';
export { NeverVisitedTable } from './never-visited.tsx';
export { SignOffCard } from './sign-off.tsx';
