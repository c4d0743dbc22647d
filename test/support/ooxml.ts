import { strFromU8, unzipSync } from 'fflate';

/** An element of a parsed XML part: its name, attributes and children (text nodes as strings). */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/**
 * A strict little XML parser for Office parts: every tag must close in order (a malformed part
 * throws), attributes quoted; declarations and comments skipped. Enough to know a part is well formed
 * and to read what it holds.
 */
export function parseXml(text: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [] };
  const stack = [root];
  const tag = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<\?[^?]*\?>|<!--[\s\S]*?-->|([^<]+)/gy;
  let match: RegExpExecArray | null;
  let at = 0;
  while (at < text.length) {
    tag.lastIndex = at;
    match = tag.exec(text);
    if (!match) throw new Error(`malformed XML at ${at}: ${text.slice(at, at + 40)}`);
    at = tag.lastIndex;
    const [, closing, name, rawAttrs, selfClosing, chars] = match;
    const top = stack[stack.length - 1];
    if (chars !== undefined) { if (chars.trim()) top.children.push(decode(chars)); continue; }
    if (!name) continue;
    if (closing) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const [, key, , v1, v2] of rawAttrs.matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) attrs[key] = decode(v1 ?? v2);
    const element: XmlElement = { name, attrs, children: [] };
    top.children.push(element);
    if (!selfClosing) stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1].name}> never closes`);
  const [first] = root.children.filter((c): c is XmlElement => typeof c !== 'string');
  return first;
}

/** Every element named `name` under `node`, in document order. */
export function all(node: XmlElement, name: string): XmlElement[] {
  return node.children.flatMap((c) => (typeof c === 'string' ? [] : [...(c.name === name ? [c] : []), ...all(c, name)]));
}

/** The text of a node (its runs' `w:t`, joined). */
export const textOf = (node: XmlElement): string => all(node, 'w:t').map((t) => t.children.join('')).join('');

/** A .docx unpacked: its parts by path, its main document and its paragraphs' texts. */
export function openDocx(bytes: Uint8Array) {
  const parts = unzipSync(bytes);
  const part = (path: string) => parseXml(strFromU8(parts[path]));
  const document = part('word/document.xml');
  return { paths: Object.keys(parts), part, document, paragraphs: all(document, 'w:p').map(textOf), tables: all(document, 'w:tbl') };
}
