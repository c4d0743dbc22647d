// By its file, not its package name: the build answers `fflate` (and its subpaths) with this module.
import { strToU8, type AsyncZipOptions, type AsyncZippable, zipSync } from '../../../../node_modules/fflate/esm/browser.js';

/**
 * fflate's `zip` as write-excel-file calls it, compressing on the page rather than in a Web Worker
 * made from a `blob:` URL, which the site's CSP refuses (see `zipOnThePage` in web/build.ts). A
 * list of a few thousand rows zips in well under a second.
 */
/** fflate's callback as write-excel-file passes it (plain JavaScript): the error, or the archive. */
type ZipCallback = (error: unknown, archive: Uint8Array<ArrayBuffer> | null) => void;

export function zip(data: AsyncZippable, opts: AsyncZipOptions | ZipCallback, cb?: ZipCallback): () => void {
  const done = (typeof opts === 'function' ? opts : cb)!;
  const options = typeof opts === 'function' ? {} : opts;
  setTimeout(() => {
    let archive: Uint8Array<ArrayBuffer>;
    try {
      archive = zipSync(data, options);
    } catch (error) {
      done(error, null);
      return;
    }
    done(null, archive);
  }, 0);
  return () => undefined;
}

export { strToU8, zipSync };
