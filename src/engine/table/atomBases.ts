import type { BaseRate, SpecialRate } from "./compiledTable";

/*
 * The base rate of each atom of a schedule, made when a lookup first asks for it.
 *
 * The two schedules list 20 000 lines, whose General, Special and Column 2 texts all had been parsed
 * (through Decimal) and wrapped in a BaseRate on every load, whether or not a workbook names the line (the
 * bench's sheet of 100,000 cells names 8,000 of the 19,833 US atoms). Made on first use, the trusted load
 * of 2026.12a took 23.7 ms instead of 39.3 (`npm run bench`, README "Bases made on first use", which also
 * gives what it costs the first calculation of a big sheet).
 * Parsing cannot fail (a text no formula captures is kept as text) and a published release's texts passed
 * every check when it was cut, so when a line is parsed changes no answer: the load keeps the rows and
 * each line's BaseRate is made on first use, once, and then shared by the line's atoms as before (code
 * compares bases by identity: one line, one object).
 */

/** What a line's base is made from: the row's index in the importer's `lines`. */
export type LineBaseMaker = (line: number) => BaseRate;

export class AtomBases {
  /** By line: its base, undefined until asked. */
  private readonly made: (BaseRate | undefined)[];

  /**
   * @param lineOf By atom, the index of its line in the importer's `lines` (atoms are the lines' statistical
   *   suffixes expanded, so a line's atoms are consecutive).
   * @param lines How many lines there are.
   */
  constructor(
    private readonly lineOf: Int32Array,
    lines: number,
    private readonly make: LineBaseMaker,
  ) {
    this.made = new Array<BaseRate | undefined>(lines);
  }

  /** How many atoms there are. */
  get length(): number {
    return this.lineOf.length;
  }

  /** The base rate of `atom` (an index into the importer's atoms). */
  at(atom: number): BaseRate {
    const line = this.lineOf[atom];
    if (line === undefined) throw new RangeError(`atom ${atom} is not in the schedule (${this.lineOf.length} atoms)`);
    let base = this.made[line];
    if (base === undefined) this.made[line] = base = this.make(line);
    return base;
  }

  /** Every atom's base, in atom order: for reports and tests that look at the whole schedule. */
  all(): BaseRate[] {
    const out = new Array<BaseRate>(this.lineOf.length);
    for (let atom = 0; atom < out.length; atom++) out[atom] = this.at(atom);
    return out;
  }
}

/**
 * Each distinct Special text parsed once, when a line first needs it: 2026.12a's 469 texts are shared by
 * the US's 11 414 lines.
 */
export function lazySpecials(texts: readonly string[], parse: (text: string) => SpecialRate[]): (index: number) => readonly SpecialRate[] {
  const parsed = new Array<readonly SpecialRate[] | undefined>(texts.length);
  return (index) => {
    let rates = parsed[index];
    if (rates === undefined) parsed[index] = rates = parse(texts[index]!);
    return rates;
  };
}
