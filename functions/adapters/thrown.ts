/** A field of whatever was thrown (the SDKs' errors carry theirs as own properties), or undefined. */
export const fieldOf = (thrown: unknown, name: string): unknown =>
  (typeof thrown === 'object' && thrown !== null ? Reflect.get(thrown, name) : undefined);

/** A string field of whatever was thrown, or '' when it has none. */
export const textOf = (thrown: unknown, name: string): string => {
  const value = fieldOf(thrown, name);
  return typeof value === 'string' ? value : '';
};
