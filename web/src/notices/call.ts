/** What the header's 消息 hands its inbox (ui/inbox.tsx → notices/panel.tsx). Types only. */

/** The API, called with the signed-in person's token; a body makes it a POST. */
export type Call = <T>(path: string, body?: unknown) => Promise<{ status: number; body: T }>;

export interface InboxProps {
  call: Call;
  /** The count as the inbox knows it after reading (one read, all read); undefined: ask again. */
  onCount(count?: number): void;
  onClose(): void;
}
