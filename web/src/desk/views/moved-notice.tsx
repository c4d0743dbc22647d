import { useEffect, useRef } from 'preact/hooks';

/**
 * The confirmation of a ledger's row moved on, under that row (on a phone, where the finger was); it
 * takes the focus the panel's button had, and so comes into sight.
 */
export function MovedNotice({ text }: { text: string }) {
  const el = useRef<HTMLParagraphElement>(null);
  useEffect(() => el.current?.focus(), [text]);
  return <p ref={el} class="notice ok" role="status" tabIndex={-1} data-moved-notice>{text}</p>;
}
