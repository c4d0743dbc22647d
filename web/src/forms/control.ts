/**
 * One field's widget as the form sees it: its element, the value to send, and a way to fill it.
 * A module of its own so that widgets built apart (the branch picker) need not import the rest.
 */
export interface Control {
  el: HTMLElement;
  /** The value to send; undefined leaves the field out. */
  read(): unknown;
  load(value: unknown): void;
}
