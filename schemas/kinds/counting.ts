import { CSV_FIGURES, csvFigures, FIGURES } from '../figures.ts';
import type { KindFigures } from '../kind.ts';
import type { Target } from '../targets.ts';
import type { KindRegistry } from './registry.ts';

/**
 * What a registry's kinds count for, beyond the table: the figures a kind declares in its own module
 * (none of the campaign's kinds do; a new kind's counted sum), its CSV columns and its part of a
 * scorecard. Read by the rollup's totals, the CSV export and the scorecard; the published schemas
 * (`Totals`, `Scorecard`) are the table's and the targets' alone.
 */
export interface Counting {
  /** The kinds' own figures, by their key in `totals`, in registration order. */
  figures: KindFigures;
  /** The table's CSV columns, then those of the kinds' own figures. */
  csvFigures: ReturnType<typeof csvFigures>;
  /** The kinds' own parts of a scorecard, after the targets (targets.ts). */
  targets: readonly ({ key: string } & Target)[];
}

export function countingOf(registry: KindRegistry): Counting {
  const figures: KindFigures = Object.assign({}, ...registry.list.map((kind) => kind.figures));
  for (const key of Object.keys(figures)) if (key in FIGURES) throw new Error(`the figure ${key} is the table's already`);
  return {
    figures,
    csvFigures: [...CSV_FIGURES, ...csvFigures(figures)],
    targets: registry.list.flatMap((kind) => (kind.target ? [kind.target] : [])),
  };
}
