import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF as Chromium (Skia) writes it, for tests that check what a printed page says.
 * Its text is drawn with subset fonts whose codes are glyph ids, in compressed content streams;
 * each font's ToUnicode CMap says which characters a code stands for. So: inflate the streams,
 * read every font's CMap, follow the content streams' font choices (`/F 12 Tf`) and map each shown
 * string (`<hex> Tj`, `[<hex> 120 <hex>] TJ`) through its font's CMap. Text is returned in the
 * order it is drawn, one shown run after another (no spacing is inferred).
 */

interface PdfObject {
  num: number;
  dict: string;
  stream?: Buffer;
}

/** Every object of the file: its dictionary text, and its stream's bytes (inflated when Flate). */
function objectsOf(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const start = /(\d+) 0 obj\b/g;
  let m: RegExpExecArray | null;
  while ((m = start.exec(text))) {
    const num = Number(m[1]);
    const from = m.index + m[0].length;
    const end = text.indexOf('endobj', from);
    if (end < 0) break;
    const streamAt = text.indexOf('stream', from);
    if (streamAt >= 0 && streamAt < end && text.slice(streamAt - 3, streamAt) !== 'end') {
      const dict = text.slice(from, streamAt);
      let dataFrom = streamAt + 'stream'.length;
      if (text[dataFrom] === '\r') dataFrom++;
      if (text[dataFrom] === '\n') dataFrom++;
      const length = /\/Length (\d+)(?! \d+ R)/.exec(dict);
      const dataTo = length ? dataFrom + Number(length[1]) : text.lastIndexOf('endstream', end);
      let data = pdf.subarray(dataFrom, dataTo);
      if (/\/FlateDecode/.test(dict)) {
        try { data = inflateSync(data); } catch { /* not text: left as it is */ }
      }
      objects.set(num, { num, dict, stream: data });
    } else {
      objects.set(num, { num, dict: text.slice(from, end) });
    }
    start.lastIndex = end;
  }
  return objects;
}

/** UTF-16BE hex (`00480065`) as a string. */
function utf16(hex: string): string {
  let out = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) out += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return out;
}

interface CMap {
  /** Bytes per code (2 for Chromium's Identity-H fonts). */
  width: number;
  map: Map<number, string>;
}

/** A ToUnicode CMap: its codespace's width, its `bfchar` and `bfrange` entries. */
export function parseCMap(text: string): CMap {
  const map = new Map<number, string>();
  const space = /begincodespacerange\s*<([0-9A-Fa-f]+)>/.exec(text);
  const width = space ? space[1].length / 2 : 2;
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const pair of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(parseInt(pair[1], 16), utf16(pair[2]));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const range of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g)) {
      const lo = parseInt(range[1], 16);
      const hi = parseInt(range[2], 16);
      if (range[3].startsWith('[')) {
        const targets = [...range[3].matchAll(/<([0-9A-Fa-f]+)>/g)].map((t) => utf16(t[1]));
        for (let code = lo; code <= hi && code - lo < targets.length; code++) map.set(code, targets[code - lo]);
      } else {
        const hex = range[3].slice(1, -1);
        const first = utf16(hex);
        // The last UTF-16 unit counts up along the range.
        for (let code = lo; code <= hi; code++) map.set(code, first.slice(0, -1) + String.fromCharCode(first.charCodeAt(first.length - 1) + code - lo));
      }
    }
  }
  return { width, map };
}

const ref = (dict: string, key: string) => {
  const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : undefined;
};

/** The text a PDF shows, run after run, in drawing order. */
export function pdfText(pdf: Buffer): string {
  const objects = objectsOf(pdf);
  // Each font object's CMap.
  const cmaps = new Map<number, CMap>();
  for (const object of objects.values()) {
    if (!/\/Type\s*\/Font\b/.test(object.dict)) continue;
    const unicode = ref(object.dict, 'ToUnicode');
    const stream = unicode === undefined ? undefined : objects.get(unicode)?.stream;
    if (stream) cmaps.set(object.num, parseCMap(stream.toString('latin1')));
  }
  // Font resource names (`/F4 12 0 R` inside a `/Font << … >>` dictionary) → font objects.
  const fontNames = new Map<string, number>();
  for (const object of objects.values()) {
    const dicts = [...object.dict.matchAll(/\/Font\s*<<([^>]*)>>/g)].map((d) => d[1]);
    const indirect = ref(object.dict, 'Font');
    if (indirect !== undefined) dicts.push(objects.get(indirect)?.dict ?? '');
    for (const dict of dicts) for (const entry of dict.matchAll(/\/([^\s/<>[\]()]+)\s+(\d+) 0 R/g)) fontNames.set(entry[1], Number(entry[2]));
  }
  const decode = (hex: string, cmap: CMap | undefined) => {
    const clean = hex.replace(/\s+/g, '');
    if (!cmap) return '';
    let out = '';
    const step = cmap.width * 2;
    for (let i = 0; i + step <= clean.length; i += step) out += cmap.map.get(parseInt(clean.slice(i, i + step), 16)) ?? '';
    return out;
  };
  const runs: string[] = [];
  for (const object of objects.values()) {
    if (!object.stream || /\/Type\s*\/(Font|XObject|FontDescriptor)\b|\/Subtype\s*\/(Image|Type1C|CIDFontType0C|OpenType)|\/Length1/.test(object.dict)) continue;
    const content = object.stream.toString('latin1');
    if (!/\bTf\b/.test(content)) continue;
    let cmap: CMap | undefined;
    for (const op of content.matchAll(/\/([^\s/<>[\]()]+)\s+[-\d.]+\s+Tf|\[((?:[^\]\\]|\\.)*)\]\s*TJ|<([0-9A-Fa-f\s]*)>\s*Tj/g)) {
      if (op[1] !== undefined) {
        const font = fontNames.get(op[1]);
        cmap = font === undefined ? undefined : cmaps.get(font);
      } else if (op[2] !== undefined) {
        runs.push([...op[2].matchAll(/<([0-9A-Fa-f\s]*)>/g)].map((h) => decode(h[1], cmap)).join(''));
      } else if (op[3] !== undefined) {
        runs.push(decode(op[3], cmap));
      }
    }
  }
  return runs.join('');
}
