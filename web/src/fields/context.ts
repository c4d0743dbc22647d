import { type ComponentChild, createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { fieldText, type Kind } from '#schemas/kind.ts';
import type { StoredFile } from '../evidence/files.ts';
import type { BranchSource } from '../forms/branch-source.ts';
import type { Field } from '../forms/field.ts';

/**
 * What the field widgets of a record's form know beyond its fields: who fills it in (their region
 * bounds the pickers; a head reports for themself), the device's lists, and the errors shown.
 */
export interface Minister {
  id: string;
  name: string;
  level: string;
  regionCode: string;
}

export interface FieldsContext {
  kind: Kind;
  /** The signed-in person's region: pickers offer only what lies within it. */
  region: string;
  /** A head or their staff report for that head only. */
  ministerId?: string;
  ministers: Minister[];
  /** The name this device knows for `ministerId` (when the list could not be loaded). */
  ministerName?: string;
  /** The minister last reported for on this device: staff and admins often enter several records for one head. */
  lastMinisterId?: string;
  /** The branch registry (支部名册) kept on the device: branch fields search it; without it they are typed in. */
  branches?: BranchSource;
  /** The record's files already stored (a correction on the desk), so its evidence shows their pictures. */
  storedFile?: (id: string) => Promise<StoredFile | undefined>;
  /** A widget of the page's own for a field (a problem's source, chosen from lists), else the generated one. */
  custom?: (props: FieldProps<Field>) => ComponentChild | undefined;
}

/** The form's state as each widget needs it: the context, the record's id, errors by the widget that shows them. */
export interface FormState {
  ctx: FieldsContext;
  recordId: string;
  /** The error line under the widget at this path (its own errors and those of inputs it holds without a widget). */
  errorOf(path: string): string | undefined;
  /** Whether this path or a widget holding it has an error. */
  invalid(path: string): boolean;
  /** Fields fixed once reported: shown, not editable. */
  fixed: readonly string[];
  /** A field of the form as it is now (a problem's source follows the head chosen). */
  valueOf(name: string): unknown;
}

export const FormStateContext = createContext<FormState | undefined>(undefined);
export const useFormState = (): FormState => {
  const state = useContext(FormStateContext);
  if (!state) throw new Error('a field widget outside its form');
  return state;
};

/** `suggestions[0].text` → `suggestions.text`: the label's key. */
export const labelKey = (path: string) => path.replace(/\[\d+\]/g, '');
export const domId = (path: string) => `f-${path.replace(/[^\w-]/g, '_')}`;

export function labelFor(kind: Kind, path: string): { label: string; hint?: string } {
  const text = fieldText(kind, labelKey(path));
  return { label: text?.label ?? labelKey(path), hint: text?.hint };
}

/** A widget's value and the way it tells its form of a new one. */
export interface FieldProps<F> {
  path: string;
  field: F;
  value: unknown;
  set: (value: unknown) => void;
  /** Fixed once reported: shown as it is. */
  disabled?: boolean;
}
