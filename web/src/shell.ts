/**
 * Where the pages reach the shared header and page start (`startPage`, `announce`): the header is a
 * Preact component in ui/shell.tsx; this name stays so every page imports it from one place.
 */
export { announce, type Page, startPage } from './ui/shell.tsx';
