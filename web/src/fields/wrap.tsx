import type { ComponentChildren } from 'preact';
import { domId, labelFor, useFormState } from './context.ts';

/**
 * The wrapper every widget sits in: label, hint, the widget, and the line its error goes to. It is
 * marked with its API path (`data-path="suggestions[0].text"`), the path the API's problem+json
 * names, so errors from the browser's own check and from the server land in the same place. A
 * single input takes the label's `for`; a group of them (radios, a branch, items) is a fieldset.
 */
export function FieldWrap({ path, optional, group, extra, class: more, children }: {
  path: string;
  class?: string;
  optional?: boolean;
  group?: boolean;
  /** Described-by ids of the widget's own (a counter, a status line). */
  extra?: string;
  children: ComponentChildren;
}) {
  const { ctx, errorOf, fixed } = useFormState();
  const { label, hint } = labelFor(ctx.kind, path);
  const id = domId(path);
  const hintEl = hint ? <span class="hint" id={`${id}-hint`}>{hint}</span> : null;
  const words = <>{label}{optional && <span class="optional">（选填）</span>}{fixed.includes(path) && ' （报送后不能修改）'}</>;
  const error = <div class="error-text" id={`${id}-error`}>{errorOf(path)}</div>;
  if (group) {
    return (
      <fieldset class="field" id={id} data-path={path} aria-describedby={describedBy(path, !!hint, extra)}>
        <legend>{words}</legend>{hintEl}{children}{error}
      </fieldset>
    );
  }
  return <div class={more ? `field ${more}` : 'field'} data-path={path}><label for={id}>{words}</label>{hintEl}{children}{error}</div>;
}

/** What an input of the field at `path` is described by: its error line, its hint, and the widget's own. */
export const describedBy = (path: string, hint: boolean, extra?: string) =>
  [`${domId(path)}-error`, hint ? `${domId(path)}-hint` : '', extra ?? ''].filter(Boolean).join(' ');

/** The attributes every single input of a field carries: id, name, described-by, invalid, fixed. */
export function useInputAttrs(path: string, extra?: string) {
  const { ctx, invalid, fixed } = useFormState();
  return {
    id: domId(path),
    name: path,
    'aria-describedby': describedBy(path, !!labelFor(ctx.kind, path).hint, extra),
    'aria-invalid': invalid(path) ? ('true' as const) : undefined,
    disabled: fixed.some((f) => path === f || path.startsWith(`${f}.`) || path.startsWith(`${f}[`)) || undefined,
  };
}
