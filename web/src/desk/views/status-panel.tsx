import { lazyPart } from './lazy.tsx';
import type { StatusPanelProps } from './status-form.tsx';

/**
 * The status panel (status-form.tsx) comes apart from the desk's first view, fetched as soon as the
 * desk starts rather than when first shown: by the time a record or a problem's row is opened it is
 * there, and the first view stays within its weight.
 */
export const StatusPanel = lazyPart<StatusPanelProps>(() => import('./status-form.tsx').then((m) => m.StatusForm), '状态', { atStart: true });
