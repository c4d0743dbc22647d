/** The branch registry's views, one chunk loaded on demand (registry-lazy.tsx). */
export { ImportView } from './registry-import.tsx';
export { ContactsView } from './contacts.tsx';
export { MatchingView } from './matching.tsx';
