/** A count as typed: a number when it reads as one (2.5 too, so the check says 应为整数), else the text for the check to refuse. */
export const countOf = (text: string): number | string | undefined => {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(trimmed) ? Number(trimmed) : trimmed;
};
