import { kindNamed } from '#schemas/kinds/index.ts';
import type { NoticeSubject } from '#schemas/notices.ts';

/**
 * Where a notice opens, from any page: the desk's address of what it is about. A record opens on its
 * record page (a head's 我的填报 and the staff's queue open the same page beside their list); a
 * contact branch opens the heads' unvisited contact branches; a view opens its list with its region.
 * No DOM here.
 */
const DESK = 'desk.html';

export function noticeHref(subject: NoticeSubject): string {
  if ('kind' in subject) {
    if (subject.kind === 'branch') return `${DESK}#/contacts`;
    // The desk's address names a kind by its collection path (`visits`); a notice, by its name (`visit`).
    const path = kindNamed(subject.kind)?.form.path;
    if (!path) return `${DESK}#/`;
    return `${DESK}#/record/${path}/${encodeURIComponent(subject.id)}`;
  }
  const query = new URLSearchParams();
  if (subject.region) query.set('region', subject.region);
  const tail = query.size ? `?${query}` : '';
  switch (subject.view) {
    case 'review': return `${DESK}#/queue${tail}`;
    // A month without a visit: the head's own visits, where the next one shows.
    case 'visits': return `${DESK}#/mine?kind=visits`;
    case 'problems':
    case 'suggestions': return `${DESK}#/${subject.view}${tail}`;
    // A step of the monthly close: that region's month.
    case 'months': {
      if (subject.month) query.set('month', subject.month);
      return `${DESK}#/months?${query}`;
    }
    default: return `${DESK}#/`;
  }
}
