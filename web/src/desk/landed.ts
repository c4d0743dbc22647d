/**
 * Whether a correction refused with 412 had in fact landed: a send whose answer was lost (the signal
 * dropped after the API wrote it) is sent again and refused, as the version moved on — by the
 * correction itself. When every field it sends already holds what it sends (the record may carry more:
 * ids and states the server adds), the head's change is there, and showing it as "changed meanwhile"
 * would only confuse; nor is anyone's later change overwritten by calling it landed. No DOM.
 */
export function alreadyHolds(current: unknown, sent: unknown): boolean {
  if (Array.isArray(sent)) {
    return Array.isArray(current) && current.length === sent.length && sent.every((item, i) => alreadyHolds(current[i], item));
  }
  if (sent !== null && typeof sent === 'object') {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return false;
    return Object.entries(sent).every(([key, value]) => alreadyHolds(Reflect.get(current, key), value));
  }
  return Object.is(current, sent);
}
