// By its file, not its package name: the build answers `fflate` with a module of the desk's export (web/build.ts).
import { unzipSync } from '../../../../node_modules/fflate/esm/browser.js';

/** The files of a zip (an .xlsx), by path. Loaded only with the import page. */
export const unzip = (bytes: Uint8Array): Record<string, Uint8Array> => unzipSync(bytes);
