import type { Form } from '#schemas/form.ts';
import { fieldText, type Kind } from '#schemas/kind.ts';
import { h } from '../dom.ts';
import { evidenceControl } from '../evidence/control.ts';
import { takesEvidence } from '../evidence/field.ts';
import { type Control, controlFor, domId, type FormContext, labelKey } from './controls.ts';
import { formFields } from './model.ts';
import type { FieldError } from './validate.ts';

/** A kind's form on the page: generated from its catalogue entry, read back as the API's JSON. */
export interface FormView {
  el: HTMLFormElement;
  /** The record id, made when the form opened: a retry of this submission carries the same one. */
  id(): string;
  read(): Record<string, unknown>;
  /** Fills the form from a body (a refused submission brought back to be corrected). */
  load(body: Record<string, unknown>): void;
  showErrors(errors: FieldError[]): void;
}

export { formFields } from './model.ts';

/** How a form opens: empty for a new record, or with a stored one to correct. */
export interface FormOptions {
  /** The record the form opens with (a correction's on the desk). */
  initial?: Record<string, unknown>;
  /** Fields fixed once reported (a problem's source): shown, not editable. */
  fixed?: readonly string[];
  /** The submit button's words; 提交 and the kind's name unless said. */
  submitLabel?: string;
}

export function formView(kind: Kind, ctx: FormContext, onSubmit: (view: FormView) => void, options: FormOptions = {}): FormView {
  const { form } = kind;
  let id: string = crypto.randomUUID();
  const controls: [string, Control][] = formFields(form).map(([name, field]) => [name,
    // Evidence (佐证材料) has its own section: photos taken or picked, scaled, kept on the device.
    takesEvidence(form, name) ? evidenceControl(ctx, name, () => id) : controlFor(ctx, name, field)]);
  const summary = h('div', { class: 'notice error', role: 'alert', tabindex: -1, hidden: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, options.submitLabel ?? `提交${form.label.zh}`);
  const el = h('form', { novalidate: true, 'aria-label': form.label.zh, 'data-kind': form.kind },
    summary, controls.map(([, c]) => c.el), h('div', { class: 'actions' }, submit));

  const view: FormView = {
    el,
    id: () => id,
    read: () => ({ id, ...Object.fromEntries(controls.map(([name, c]) => [name, c.read()]).filter(([, v]) => v !== undefined)) }),
    load(body) {
      id = String(body.id);
      for (const [name, c] of controls) c.load(body[name]);
    },
    showErrors(errors) {
      for (const old of el.querySelectorAll('.error-text')) old.textContent = '';
      for (const old of el.querySelectorAll('[aria-invalid]')) old.removeAttribute('aria-invalid');
      summary.hidden = errors.length === 0;
      if (errors.length === 0) return;
      const links = errors.map((error) => {
        const wrapper = wrapperOf(el, error.path);
        const slot = wrapper?.querySelector<HTMLElement>(`#${CSS.escape(domId(wrapper.dataset.path!))}-error`);
        if (slot) slot.textContent = slot.textContent ? `${slot.textContent}；${error.message}` : error.message;
        const target = wrapper && (wrapper.matches('div.field') ? wrapper.querySelector<HTMLElement>(`#${CSS.escape(domId(wrapper.dataset.path!))}`) : wrapper.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea'));
        for (const input of wrapper?.querySelectorAll('input:not([type=hidden]), select, textarea') ?? []) input.setAttribute('aria-invalid', 'true');
        const label = fieldText(kind, labelKey(error.path))?.label ?? (wrapper ? fieldText(kind, labelKey(wrapper.dataset.path!))?.label : undefined) ?? '本表';
        return h('li', {}, target ? h('a', { href: `#${target.id || ''}`, onclick: (e: Event) => { e.preventDefault(); target.focus(); } }, `${label}：${error.message}`) : `${label}：${error.message}`);
      });
      summary.replaceChildren(h('strong', {}, `有 ${errors.length} 处需要修改：`), h('ul', {}, links));
      summary.focus();
    },
  };
  // Widgets that follow another field of the form (a problem's source follows the head) find it now.
  for (const [, c] of controls) c.el.dispatchEvent(new Event('xjc:attached'));
  if (options.initial) view.load(options.initial);
  for (const [name, c] of controls) if (options.fixed?.includes(name)) showFixed(c.el);
  el.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit(view);
  });
  return view;
}

/** A field that can no longer change: its inputs shown as they are, its label saying why. */
function showFixed(wrapper: HTMLElement): void {
  for (const input of wrapper.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')) input.disabled = true;
  wrapper.querySelector('legend, label')?.append(' （报送后不能修改）');
}

/** The widget an error belongs to: its own path, or the nearest enclosing one (`trainees[2]` → `trainees`). */
function wrapperOf(form: HTMLFormElement, path: string): HTMLElement | undefined {
  for (let p = path; p; p = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '')) {
    const found = [...form.querySelectorAll<HTMLElement>('[data-path]')].find((w) => w.dataset.path === p);
    if (found) return found;
    if (!/(\.[^.[\]]+|\[\d+\])$/.test(p)) break;
  }
  return undefined;
}
