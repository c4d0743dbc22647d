// By its file, not its package name: the build answers `fflate` (and its subpaths) with this module.
import { strToU8, type AsyncZipOptions, type AsyncZippable, type FlateCallback, zipSync } from '../../../../node_modules/fflate/esm/browser.js';

/**
 * fflate's `zip` as write-excel-file calls it, compressing on the page rather than in a Web Worker
 * made from a `blob:` URL, which the site's CSP refuses (see `zipOnThePage` in web/build.ts). A
 * list of a few thousand rows zips in well under a second.
 */
export function zip(data: AsyncZippable, opts: AsyncZipOptions | FlateCallback, cb?: FlateCallback): () => void {
  const done = (typeof opts === 'function' ? opts : cb)!;
  const options = typeof opts === 'function' ? {} : opts;
  setTimeout(() => {
    let archive: Uint8Array<ArrayBuffer>;
    try {
      archive = zipSync(data as never, options as never) as Uint8Array<ArrayBuffer>;
    } catch (error) {
      done(error as never, null as never);
      return;
    }
    done(null, archive);
  }, 0);
  return () => undefined;
}

export { strToU8, zipSync };
