/**
 * Texts cut short for a label or a notice, on whole characters: a cut by UTF-16 units can split an
 * emoji (or a character with its combining marks) and leave half of it, which shows as � and which
 * the API refuses as 含有无法识别的字符.
 */
const graphemes = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/** The longest start of `text` made of whole characters and at most `max` UTF-16 units long. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = 0;
  for (const { index, segment } of graphemes.segment(text)) {
    if (index + segment.length > max) break;
    end = index + segment.length;
  }
  return text.slice(0, end);
}

/** `text` as it is when short enough, else its start on whole characters followed by an ellipsis. */
export const shorten = (text: string, max: number): string => (text.length > max ? `${clip(text, max)}…` : text);

/** A text's length as the API's limits count it: in code points (an emoji is one, a family emoji its five). */
export const lengthOf = (text: string): number => [...text].length;

/** `12 / 4000 字`: how much of a text's limit is used, said as it is typed instead of cutting it. */
export const lengthText = (length: number, max: number): string => `${length} / ${max} 字`;
