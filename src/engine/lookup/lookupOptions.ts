import Decimal from "decimal.js";
import { Day, dayFromExcelSerial, dayFromIso } from "../dates";
import { BASES, Basis, ContentShares } from "../stacking/facts";
import { RateTable } from "../table/compiledTable";
import { clip } from "../util/clip";
import { Outcome, invalid, ok } from "./outcome";
import { PLAIN_CHOICE, RateChoice, UnitValue, parseUnitValue } from "./totalRate";

/**
 * The options text of a rate lookup (DUTY.TARIFF, BREAKDOWN, HISTORY, RATE; the CLI's flags are spelled
 * into the same words): words separated by `;` or `,`.
 *
 * - `entry` | `final` | `net`: the legal basis;
 * - a claim the table knows (`USMCA`, `S232-UAS-ARTICLE`, …);
 * - `loaded=DATE`: the loading date, for in-transit rules (ISO text or an Excel serial);
 * - `steel=40%`, and every other value basis the table declares: the metal share of customs value;
 * - `unit value=2.40/kg` | `ad valorem part`: which rate a specific or compound duty gives;
 * - `known layers`: the base plus the known layers where a layer's rate is a stated gap.
 *
 * One text argument keeps function signatures stable as options grow: a saved workbook's parameters are
 * only ever appended to. The landed-cost options (landed/landedOptions.ts) extend this grammar.
 */
export interface LookupOptions {
  readonly basis: Basis;
  readonly claims: readonly string[];
  readonly loaded: Day | null;
  readonly content: ContentShares;
  readonly choice: RateChoice;
}

export const DEFAULT_LOOKUP_OPTIONS: LookupOptions = { basis: "entry", claims: [], loaded: null, content: {}, choice: PLAIN_CHOICE };

/** One option word as typed: `word` is lower case with runs of space, `_` and `-` folded to one space. */
export interface OptionToken {
  readonly token: string;
  readonly word: string;
  readonly arg: string | null;
}

export function optionTokens(text: string): OptionToken[] {
  const out: OptionToken[] = [];
  for (const raw of text.split(/[;,]/)) {
    const token = raw.trim();
    if (token === "") continue;
    const eq = token.indexOf("=");
    // "unit value", "unit_value" and "unit-value" are one word, as sector keywords are.
    const word = foldWord(eq === -1 ? token : token.slice(0, eq));
    out.push({ token, word, arg: eq === -1 ? null : token.slice(eq + 1).trim() });
  }
  return out;
}

const PERCENT = /^(\d+(?:\.\d+)?)\s*%$/;
const PLAIN = /^(\d+(?:\.\d+)?|\.\d+)$/;

/** "25%" → 0.25, "0.25" → 0.25; a plain number above 1 is refused (is "25" 25% or 2,500%?). */
export function parseRate(text: string): Decimal | null {
  const t = text.trim();
  const pct = PERCENT.exec(t);
  if (pct) return new Decimal(pct[1]!).div(100);
  if (PLAIN.test(t)) {
    const d = new Decimal(t);
    return d.lessThanOrEqualTo(1) ? d : null;
  }
  return null;
}

/** The lookup options being read, word by word; `finish` checks what only the whole text can tell. */
export class LookupOptionsReader {
  private basis: Basis = "entry";
  private basisGiven = false;
  private readonly claims: string[] = [];
  private loaded: Day | null = null;
  private readonly content: Record<string, Decimal> = {};
  private readonly unitValues: UnitValue[] = [];
  private adValoremPart = false;
  private knownLayers = false;

  constructor(private readonly table: RateTable) {}

  /** Takes one token if it is a lookup word: true, or the error; false when the word is not one of these. */
  take(t: OptionToken): boolean | Outcome<never> {
    const { word, arg } = t;
    if (arg === null && (BASES as readonly string[]).includes(word)) {
      if (this.basisGiven && this.basis !== word) return invalid(`two bases given (${this.basis} and ${word}): choose one of entry, final, net`);
      this.basisGiven = true;
      this.basis = word as Basis;
    } else if (arg === null && claimOf(this.table, word) !== undefined) {
      // The claim's own id: a claim typed "s232 uas article" or "S232_UAS_ARTICLE" is S232-UAS-ARTICLE.
      this.claims.push(claimOf(this.table, word)!);
    } else if (word === "loaded" && arg !== null) {
      const serial = /^\d+(\.\d+)?$/.test(arg) ? dayFromExcelSerial(Number(arg)) : null;
      const day = serial?.ok ? serial.day : dayFromIso(arg);
      if (day === null) return invalid(`loaded=${clip(arg, 20)} is not a date`);
      this.loaded = day;
    } else if (arg !== null && this.table.valueBases.includes(word)) {
      // The metal words are the table's valueBases (steel, aluminum, copper), not a list in code.
      const share = parseRate(arg);
      if (share === null || share.greaterThan(1)) return invalid(`${word}=${clip(arg, 20)}: give the ${word} share of value, e.g. ${word}=40%`);
      this.content[word] = share;
    } else if (word === "unit value" && arg !== null) {
      const uv = parseUnitValue(arg);
      if (!uv.ok) return uv;
      if (this.unitValues.some((u) => u.unit === uv.value.unit)) return invalid(`two unit values per ${uv.value.unit}: give one`);
      this.unitValues.push(uv.value);
    } else if (arg === null && (word === "ad valorem part" || word === "ad valorem")) {
      this.adValoremPart = true;
    } else if (arg === null && word === "known layers") {
      this.knownLayers = true;
    } else {
      return false;
    }
    return true;
  }

  finish(): Outcome<LookupOptions> {
    if (this.adValoremPart && this.unitValues.length > 0) return invalid('give "unit value=" (the equivalent rate) or "ad valorem part", not both');
    const plain = this.unitValues.length === 0 && !this.adValoremPart && !this.knownLayers;
    const choice = plain ? PLAIN_CHOICE : { unitValues: this.unitValues, adValoremPart: this.adValoremPart, knownLayers: this.knownLayers };
    return ok({ basis: this.basis, claims: this.claims, loaded: this.loaded, content: this.content, choice });
  }
}

/** The id of the claim a folded option word names, if the table has one (ids fold like words do). */
function claimOf(table: RateTable, word: string): string | undefined {
  return table.doc.claims.find((c) => foldWord(c.id) === word)?.id;
}

/** Lower case, runs of space, `_` and `-` as one space: how option words and claim ids are compared. */
export function foldWord(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");
}

/** The words this grammar knows, for messages. */
export function lookupOptionWords(table: RateTable): string {
  const claims = table.doc.claims
    .map((c) => c.id)
    .slice(0, 4)
    .join(", ");
  return `entry/final/net, a claim (${claims}, …), loaded=DATE, ${table.valueBases.map((b) => `${b}=40%, `).join("")}unit value=2.40/kg, ad valorem part, known layers`;
}

/**
 * The options of a rate lookup. A landed-cost word (`duty=4%`) is refused by name rather than ignored:
 * an option that silently does nothing would look like an answer to the question it asks.
 */
export function parseLookupOptions(text: string, table: RateTable, landedWords: ReadonlySet<string> = new Set()): Outcome<LookupOptions> {
  const reader = new LookupOptionsReader(table);
  const landedOnly: string[] = [];
  for (const t of optionTokens(text)) {
    const taken = reader.take(t);
    if (taken === true) continue;
    if (taken !== false) return taken;
    if (landedWords.has(t.word)) landedOnly.push(t.token);
    else return invalid(`unknown option "${clip(t.token, 30)}": use ${lookupOptionWords(table)}`);
  }
  if (landedOnly.length > 0) return invalid(`${landedOnly.map((w) => clip(w, 20)).join(", ")}: landed-cost option(s), for DUTY.LANDED only`);
  return reader.finish();
}
