import type * as z from 'zod/mini';
import type { FieldIssue } from './errors.ts';

/** Zod issues as field issues with `suggestions[0].text` style paths, one entry per unknown key. */
export function fieldIssues(error: z.core.$ZodError): FieldIssue[] {
  return error.issues.flatMap<FieldIssue>((issue) => {
    const base = issue.path.reduce<string>(
      (acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${String(seg)}` : String(seg)),
      '',
    );
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: base ? `${base}.${key}` : key, issue }));
    }
    return [{ path: base, issue }];
  });
}

/** Parses or throws the error `onError` makes of every invalid field at once. */
export function parseWith<S extends z.ZodMiniType>(schema: S, value: unknown, onError: (fields: FieldIssue[]) => Error): z.output<S> {
  // reportInput lets a missing field read "required" rather than "wrong type"; inputs never leave the server.
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) throw onError(fieldIssues(result.error));
  return result.data;
}
