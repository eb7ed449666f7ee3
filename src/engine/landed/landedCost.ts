import Decimal from "decimal.js";
import { baseColumnLabel } from "../report/breakdown";
import { CountryCode, CountryParse, parseCountry } from "../countries";
import { Day, isoFromDay } from "../dates";
import { Outcome, invalid, notAvailable, ok } from "../lookup/outcome";
import { RateAnswer, RateRequest, lookupRate } from "../lookup/rateLookup";
import { ContentShares } from "../stacking/facts";
import { RateTable } from "../table/compiledTable";
import { convertShipment, customsValue, describeCustomsValue } from "./customsValue";
import { usDeMinimis } from "./deMinimis";
import { DutyLine, DutyResult, dutyFromComposition, dutyFromRate } from "./dutyAmount";
import { ImporterProfile, importerProfile, sameCustomsUnion } from "./importerProfile";
import { LandedLaw, landedLaw } from "./landedLaw";
import { TaxLine, checkTaxOptions, importTaxes } from "./importTaxes";
import { DEFAULT_LANDED_OPTIONS, LandedOptions } from "./landedOptions";
import { HALF_UP_CENT, ONE, ZERO, formatMoney, formatPercent, formatQuantity, roundCents } from "./money";
import { Quantity, describeQuantity } from "./quantity";
import { TransportMode } from "./transportMode";
import { detached } from "../util/detached";
import { EntryType, FeeResult, harborMaintenanceFee, hmfRowFor, informalEntryLimit, merchandiseProcessingFee } from "./usFees";

/**
 * Landed cost of one shipment (one entry, one product line), to the cent:
 *
 *   landed = goods + freight + insurance + duty + fees + taxes
 *
 * in the importer's currency, with every line of the computation, its formula, its rounding and its
 * source (`lines`, unless `explain` is false, as in batch runs where only the totals are written).
 *
 * The order is the law's: convert the invoice; value the goods on the importer's basis; check de minimis
 * (US); duty from the rate table's answer (or the caller's rate); US fees on the customs value; import
 * taxes on the customs value plus duty. Each line rounds half-up to the cent where its module says; the
 * totals are sums of rounded lines, so the detail always adds up.
 */
export interface LandedRequest {
  /** Price of the goods in the invoice currency, without international freight and insurance. */
  readonly value: Decimal;
  readonly country: string;
  readonly product: string | number;
  readonly day: Day;
  readonly freight?: Decimal | null;
  readonly insurance?: Decimal | null;
  readonly quantity?: readonly Quantity[] | null;
  /** Default US. */
  readonly importer?: string | null;
  readonly mode?: TransportMode | null;
  readonly options?: LandedOptions;
  /** Build the explanation lines (default true). */
  readonly explain?: boolean;
}

export type LandedPart = "value" | "duty" | "fee" | "tax" | "total" | "note";

export interface LandedLine {
  readonly part: LandedPart;
  readonly item: string;
  readonly rate: string;
  /** The amount a rate is applied to, where there is one. */
  readonly base: Decimal | null;
  readonly amount: Decimal | null;
  readonly formula: string;
  readonly rounding: string;
  readonly source: string;
}

export interface LandedCost {
  readonly importer: ImporterProfile;
  readonly currency: string;
  readonly origin: CountryCode;
  readonly day: Day;
  readonly goods: Decimal;
  readonly freight: Decimal;
  readonly insurance: Decimal;
  readonly customsValue: Decimal;
  readonly duty: Decimal;
  readonly fees: Decimal;
  readonly taxes: Decimal;
  readonly landed: Decimal;
  /** True when Section 321 de minimis made the shipment free of duty and fees. */
  readonly deMinimis: boolean;
  readonly lines: readonly LandedLine[];
  /** The rate lookup the duty came from; null when the caller gave the duty rate. */
  readonly answer: RateAnswer | null;
}

/** The largest amount (and quantity) accepted: with cents it is still exact in Excel's 15 significant digits. */
export const MAX_AMOUNT = new Decimal("1e12");
/** The largest landed cost returned: 14 digits and cents, within Excel's 15 significant digits plus one. */
export const MAX_LANDED = new Decimal("1e14");

export function landedCost(table: RateTable, req: LandedRequest): Outcome<LandedCost> {
  const explain = req.explain !== false;
  const opts = req.options ?? DEFAULT_LANDED_OPTIONS;
  if (opts.unitValues.length > 0 || opts.adValoremPart) {
    return invalid(
      '"unit value=" and "ad valorem part" choose a rate for TARIFF, BREAKDOWN and HISTORY; LANDED charges a specific duty on the quantity',
    );
  }
  const law = landedLaw(table);
  const found = importerProfile(law, req.importer);
  if (!found.ok) return found;
  const profile = found.value;
  const origin = originOf(table, req.country);
  if (!origin.ok) return notAvailable(origin.reason);
  if (origin.code === profile.code) return invalid(`${origin.name} is the importing country; give the country of origin`);
  if (sameCustomsUnion(law, profile, origin.code)) {
    return invalid(
      `goods of ${origin.name} entering ${profile.name} move within the ${profile.customsUnion} customs union: there is no import duty or import VAT`,
    );
  }
  for (const [name, amount] of [
    ["value", req.value],
    ["freight", req.freight],
    ["insurance", req.insurance],
  ] as const) {
    if (amount && (amount.isNegative() || !amount.isFinite())) return invalid(`${name} must be a non-negative amount`);
  }
  for (const q of req.quantity ?? []) {
    if (q.amount.greaterThan(MAX_AMOUNT)) return invalid(`quantity is above ${formatQuantity(MAX_AMOUNT)}`);
  }
  const optionProblem = checkOptions(profile, opts);
  if (optionProblem) return invalid(optionProblem);
  const taxProblem = checkTaxOptions(profile, opts.vat, opts.ct);
  if (taxProblem) return invalid(taxProblem);

  const day = req.day;
  const fx = opts.fx ?? ONE;
  const currency = profile.currency(day);
  if (currency === null) return notAvailable(`the currency of ${profile.name} on ${isoFromDay(day)} is not in DutyDesk's landed-cost table`);
  const invoice = { goods: req.value, freight: req.freight ?? ZERO, insurance: req.insurance ?? ZERO };
  const values = convertShipment(invoice, fx);
  for (const [name, amount] of [
    ["value", values.goods],
    ["freight", values.freight],
    ["insurance", values.insurance],
  ] as const) {
    if (amount.greaterThan(MAX_AMOUNT))
      return invalid(`${name} is above ${formatMoney(MAX_AMOUNT)} ${currency}: Excel keeps 15 significant digits, so cents would be lost`);
  }
  const cv = customsValue(profile, values);
  // `entry value=`: this line is part of a bigger entry; MPF, HMF and de minimis are the entry's.
  const entryValue = opts.entryValue;
  if (entryValue !== null && entryValue.lessThan(cv.amount)) {
    return invalid(
      `entry value=${formatMoney(entryValue)} is below this line's customs value ${formatMoney(cv.amount)} ${currency}: give the customs value of the whole entry`,
    );
  }
  const feeBase = entryValue ?? cv.amount;

  // The rate answer first: a product the table does not know is an error even for a de minimis shipment.
  let answer: RateAnswer | null = null;
  const notes: string[] = [];
  if (opts.duty === null) {
    const importer = table.importers.get(profile.code);
    if (!importer) {
      return notAvailable(
        `no duty rates for imports into ${profile.name} in table ${table.id} (it has ${[...table.importers.keys()].join(", ")}): give the duty rate in options, e.g. duty=4%`,
      );
    }
    const looked = lookupRate(table, { ...rateRequestOf(table, profile.code, req.country, req.product, opts), day });
    if (!looked.ok) return looked;
    answer = looked.value;
    const metal = metalCheck(table, answer, opts);
    if (metal.error) return invalid(metal.error);
    if (metal.note && explain) notes.push(metal.note);
  } else if (explain && (opts.base !== null || opts.claims.length > 0 || opts.metal !== null || Object.keys(opts.content).length > 0)) {
    notes.push("duty= replaces the rate table, so claims, base= and metal shares do not change the duty");
  }

  const lines: LandedLine[] = [];
  if (explain) lines.push(...valueLines(profile, invoice, values, cv.amount, fx, currency, describeCustomsValue(cv, values)));

  // De minimis (US only).
  const deMin = profile.usFees ? usDeMinimis(law, feeBase, origin.code, day, opts.deMinimis) : null;
  if (deMin && explain) {
    const d = deMin.describe();
    lines.push(line("note", "De minimis (Section 321)", "", null, null, d.explanation, "", d.source));
  }

  let duty: DutyResult;
  let feeLines: { item: string; fee: FeeResult; base: Decimal }[] = [];
  let taxLines: TaxLine[] = [];
  if (deMin?.applies) {
    duty = { amount: ZERO, lines: [], quantityUsed: false };
  } else {
    if (answer !== null) {
      const c = answer.composition;
      const computed = dutyFromComposition({
        composition: c,
        baseAuthority: baseColumnLabel(c.base, profile.code),
        baseSource: c.base.source ?? answer.importer.baseSource,
        productDisplay: answer.product.display,
        customsValue: cv.amount,
        quantities: req.quantity ?? null,
        baseOverride: opts.base,
        explain,
        knownLayers: opts.knownLayers,
      });
      if (!computed.ok) return computed;
      duty = computed.value;
    } else {
      duty = dutyFromRate(cv.amount, opts.duty!, explain);
    }
    if (profile.usFees) {
      const fees = usFees(law, feeBase, day, req.mode ?? null, duty.amount, opts);
      if (!fees.ok) return fees;
      feeLines = entryValue === null ? fees.value : fees.value.map((f) => lineShare(f, cv.amount, entryValue));
    }
    const taxes = importTaxes(law, profile, { customsValue: cv.amount, duty: duty.amount, day, vat: opts.vat, consumptionTax: opts.ct });
    if (!taxes.ok) return taxes;
    taxLines = taxes.value;
  }

  const fees = feeLines.reduce((s, f) => s.plus(f.fee.amount), ZERO);
  const taxes = taxLines.reduce((s, t) => s.plus(t.amount), ZERO);
  const dtf = duty.amount.plus(fees).plus(taxes);
  const landed = values.goods.plus(values.freight).plus(values.insurance).plus(dtf);
  if (landed.greaterThan(MAX_LANDED))
    return invalid(`the landed cost is above ${formatMoney(MAX_LANDED)} ${currency}: too large to show to the cent in Excel`);

  if (explain) {
    lines.push(...duty.lines.map(dutyLine(cv.amount)));
    // "known layers": each layer left out is a row of its own, so the detail never reads as complete.
    for (const caveat of duty.caveats ?? []) {
      lines.push(line("note", "Not included (known layers only)", "unknown", null, null, `duty left out: ${caveat}`, "", "the known-layers option"));
    }
    const ave = cv.amount.isZero() ? "" : ` = ${formatPercent(duty.amount.div(cv.amount).toDecimalPlaces(6))} of the customs value`;
    const dutyFormula = deMin?.applies
      ? "none: de minimis"
      : duty.lines.length > 1
        ? `${duty.lines.map((l) => formatMoney(l.amount)).join(" + ")} = ${formatMoney(duty.amount)}${ave}`
        : `${formatMoney(duty.amount)}${ave}`;
    lines.push(line("total", "Duty", "", null, duty.amount, dutyFormula, "sum of the lines, each rounded", answer ? `table ${answer.table.id}` : ""));
    if (profile.usFees) {
      for (const f of feeLines) {
        const d = f.fee.describe();
        lines.push(line("fee", f.item, d.rate, f.base, f.fee.amount, d.formula, d.rounding, d.source));
      }
      lines.push(
        line(
          "total",
          "Fees",
          "",
          null,
          fees,
          deMin?.applies ? "none: de minimis" : feeLines.map((f) => formatMoney(f.fee.amount)).join(" + ") + ` = ${formatMoney(fees)}`,
          "sum of the lines",
          "",
        ),
      );
    }
    for (const t of taxLines) {
      const d = t.describe();
      lines.push(line("tax", t.item, d.rate, t.base, t.amount, d.formula, d.rounding, d.source));
    }
    if (profile.taxes !== "none") {
      lines.push(
        line(
          "total",
          "Taxes",
          "",
          null,
          taxes,
          deMin?.applies ? "none" : `${taxLines.map((t) => formatMoney(t.amount)).join(" + ")} = ${formatMoney(taxes)}`,
          "sum of the lines",
          "",
        ),
      );
    }
    lines.push(
      line(
        "total",
        "Duties, taxes and fees",
        "",
        null,
        dtf,
        `${formatMoney(duty.amount)} + ${formatMoney(fees)} + ${formatMoney(taxes)} = ${formatMoney(dtf)}`,
        "sum",
        "",
      ),
    );
    if (req.quantity && req.quantity.length > 0 && !duty.quantityUsed && !deMin?.applies) {
      notes.push(`quantity ${req.quantity.map(describeQuantity).join("; ")} not used: no specific duty applies`);
    }
    if (req.mode === "postal" && profile.usFees && !deMin?.applies) {
      notes.push(
        "postal: the 2025 per-item postal duty alternatives (EO 14256 for China and Hong Kong, EO 14324 for all origins) are not modelled; duty is at the tariff rates",
      );
    }
    if (answer && !deMin?.applies) {
      for (const e of answer.composition.excluded) notes.push(`not applied: ${e.measure.heading} ${e.measure.doc.title}: ${e.reason}`);
    }
    for (const n of notes) lines.push(line("note", "Note", "", null, null, n, "", ""));
    const table_ = answer ? `table ${answer.table.id}, sha256 ${answer.table.sha256.slice(0, 12)}` : `table ${table.id} (not consulted)`;
    lines.push(
      line(
        "total",
        `Landed cost (${currency})`,
        "",
        null,
        landed,
        `goods ${formatMoney(values.goods)} + freight ${formatMoney(values.freight)} + insurance ${formatMoney(values.insurance)} + duties, taxes and fees ${formatMoney(dtf)} = ${formatMoney(landed)}`,
        "sum",
        table_,
      ),
    );
  }

  return ok({
    importer: profile,
    currency,
    origin: origin.code,
    day,
    goods: values.goods,
    freight: values.freight,
    insurance: values.insurance,
    customsValue: cv.amount,
    duty: duty.amount,
    fees,
    taxes,
    landed,
    deMinimis: deMin?.applies ?? false,
    lines,
    answer,
  });
}

/** Country parsing, remembered per table (a batch repeats a few origins a million times); bounded. Shared with landedTotals.ts. */
const ORIGINS = new WeakMap<RateTable, Map<string, CountryParse>>();

export function originOf(table: RateTable, text: string): CountryParse {
  let cache = ORIGINS.get(table);
  if (!cache) ORIGINS.set(table, (cache = new Map()));
  const hit = cache.get(text);
  if (hit) return hit;
  const parsed = parseCountry(text, table.groupNames);
  if (cache.size >= 1000) cache.clear();
  cache.set(detached(text), parsed);
  return parsed;
}

function line(
  part: LandedPart,
  item: string,
  rate: string,
  base: Decimal | null,
  amount: Decimal | null,
  formula: string,
  rounding: string,
  source: string,
): LandedLine {
  return { part, item, rate, base, amount, formula, rounding, source };
}

function dutyLine(cv: Decimal) {
  return (d: DutyLine): LandedLine =>
    line("duty", d.heading ? `${d.item} [${d.heading}]` : d.item, d.rate, cv, d.amount, d.formula, d.rounding, d.source);
}

function checkOptions(profile: ImporterProfile, opts: LandedOptions): string | null {
  if (!profile.usFees) {
    if (opts.entry !== null) return `${opts.entry} is a US entry type; it does not apply to imports into ${profile.name}`;
    if (opts.mpfExempt) return `mpf=exempt is a US fee option; it does not apply to imports into ${profile.name}`;
    if (opts.entryValue !== null) return `entry value= is for US entry fees (MPF, HMF); it does not apply to imports into ${profile.name}`;
    if (!opts.deMinimis) return `nodeminimis is a US option; DutyDesk models no de minimis for ${profile.name}`;
  }
  return null;
}

/**
 * The rate lookup a landed cost asks, but its date: the importer's schedule, the origin and product, and the
 * lookup options of the landed options, metal= read as the content share of every metal without its own.
 * The one place landed options become a rate request (landedCost, and the batch's cents path).
 */
export function rateRequestOf(
  table: RateTable,
  importer: string,
  country: string,
  product: string | number,
  opts: LandedOptions,
): Omit<RateRequest, "day"> {
  return { importer, country, product, basis: opts.basis, claims: opts.claims, loaded: opts.loaded, content: contentShares(table, opts) };
}

/** metal=X% fills in every metal of the table's valueBases the caller did not give a share for. */
function contentShares(table: RateTable, opts: LandedOptions): ContentShares {
  const m = opts.metal;
  if (m === null) return opts.content;
  return Object.fromEntries(table.valueBases.map((b) => [b, opts.content[b] ?? m]));
}

/** metal=X% stands for the one metal whose content measure applies; more than one is ambiguous. */
function metalCheck(table: RateTable, answer: RateAnswer, opts: LandedOptions): { error?: string; note?: string } {
  if (opts.metal === null) return {};
  const fromMetal = new Set(
    answer.composition.layers.map((l) => l.measure.basis).filter((b) => table.valueBases.includes(b) && opts.content[b] === undefined),
  );
  if (fromMetal.size > 1) {
    const options = table.valueBases.map((b) => `${b}=`);
    const choice = options.length > 1 ? `${options.slice(0, -1).join(", ")} or ${options[options.length - 1]}` : options.join("");
    return {
      error: `metal=${formatPercent(opts.metal)} is ambiguous for ${answer.product.display}: ${[...fromMetal].join(" and ")} content measures both apply; give ${choice} instead`,
    };
  }
  if (fromMetal.size === 0) return { note: `metal=${formatPercent(opts.metal)} not used: no metal-content measure applies` };
  return { note: `metal=${formatPercent(opts.metal)} read as the ${[...fromMetal][0]} content share` };
}

/**
 * One line's share of an entry fee when only the entry's total value is known (`entry value=`):
 * fee × line value / entry value, half-up to the cent. A batch with an `entry` column sees every line and
 * allocates whole cents by largest remainder instead (entryFees.ts), which can differ from this by one cent.
 */
function lineShare(f: { item: string; fee: FeeResult; base: Decimal }, lineValue: Decimal, entryValue: Decimal) {
  const raw = f.fee.amount.times(lineValue).div(entryValue);
  const amount = roundCents(raw);
  const entryFee = f.fee;
  const fee: FeeResult = {
    amount,
    clamp: entryFee.clamp,
    describe: () => {
      const d = entryFee.describe();
      return {
        ...d,
        formula: `entry: ${d.formula}; this line's share, pro rata by value: ${formatMoney(entryFee.amount)} × ${formatMoney(lineValue)} / ${formatMoney(entryValue)} = ${formatQuantity(raw)} → ${formatMoney(amount)}`,
        rounding: `${d.rounding ? `entry fee ${d.rounding}; ` : ""}the line's share half-up to the cent (dutydesk landed with an entry column gives whole cents by largest remainder, which can differ by a cent)`,
      };
    },
  };
  return { item: `${f.item} (share of the entry)`, fee, base: entryValue };
}

function usFees(
  law: LandedLaw,
  cv: Decimal,
  day: Day,
  mode: TransportMode | null,
  duty: Decimal,
  opts: LandedOptions,
): Outcome<{ item: string; fee: FeeResult; base: Decimal }[]> {
  const informal = informalEntryLimit(law, day);
  if (!informal.ok) return informal;
  const limit = informal.value.limit;
  const entry: EntryType = opts.entry ?? (cv.lessThanOrEqualTo(limit) ? "informal" : "formal");
  if (entry === "informal" && cv.greaterThan(limit)) {
    return invalid(
      `an informal entry is for shipments valued up to $${formatQuantity(limit)} (${informal.value.source}); this one is ${formatMoney(cv)}`,
    );
  }
  let mpf: FeeResult;
  if (opts.mpfExempt) {
    mpf = {
      amount: ZERO,
      clamp: null,
      describe: () => ({
        rate: "exempt",
        formula: "exempt (mpf=exempt given in options)",
        rounding: "",
        source: "19 USC 58c(b) exemptions; given by the caller",
      }),
    };
  } else {
    const computed = merchandiseProcessingFee(law, cv, day, entry, limit);
    if (!computed.ok) return computed;
    mpf = computed.value;
    if (opts.claims.length > 0) {
      const plain = mpf.describe;
      mpf = {
        ...mpf,
        describe: () => {
          const d = plain();
          return {
            ...d,
            formula: `${d.formula}; MPF exemptions for originating goods under some agreements are not inferred from the claim: add mpf=exempt where one applies`,
          };
        },
      };
    }
  }
  const entryText = entry === "formal" ? "MPF, formal entry" : "MPF, informal entry";
  let hmf: FeeResult;
  if (mode === null) {
    const row = hmfRowFor(law, day);
    hmf = {
      amount: ZERO,
      clamp: null,
      describe: () => ({
        rate: row.ok ? formatPercent(row.value.rate) : "",
        formula: "not charged: mode not given (HMF is charged on ocean shipments only: give mode ocean)",
        rounding: "",
        source: row.ok ? row.value.row.source : "",
      }),
    };
  } else {
    const mpfAmount = mpf.amount;
    const computed = harborMaintenanceFee(law, cv, day, mode === "ocean", () => duty.isZero() && mpfAmount.isZero());
    if (!computed.ok) return computed;
    hmf = computed.value;
  }
  return ok([
    { item: entryText, fee: mpf, base: cv },
    { item: `HMF (${mode ?? "mode not given"})`, fee: hmf, base: cv },
  ]);
}

function valueLines(
  profile: ImporterProfile,
  invoice: { goods: Decimal; freight: Decimal; insurance: Decimal },
  values: { goods: Decimal; freight: Decimal; insurance: Decimal },
  cv: Decimal,
  fx: Decimal,
  currency: string,
  cvFormula: string,
): LandedLine[] {
  const fxSource = profile.fxSource;
  const converted = (what: string, a: Decimal, b: Decimal) =>
    fx.equals(ONE) ? `${what} ${formatMoney(b)} ${currency}` : `${what} ${formatQuantity(a)} × fx ${fx.toFixed()} = ${formatMoney(b)} ${currency}`;
  const dutiable = profile.valuation === "cif" ? "dutiable (CIF basis)" : "not dutiable; part of the landed cost";
  return [
    line(
      "value",
      "Goods",
      fx.equals(ONE) ? "" : `fx ${fx.toFixed()}`,
      null,
      values.goods,
      converted("price", invoice.goods, values.goods),
      fx.equals(ONE) ? "" : HALF_UP_CENT,
      fx.equals(ONE) ? "" : fxSource,
    ),
    line(
      "value",
      "International freight",
      "",
      null,
      values.freight,
      `${converted("freight", invoice.freight, values.freight)}; ${dutiable}`,
      fx.equals(ONE) ? "" : HALF_UP_CENT,
      "",
    ),
    line(
      "value",
      "Insurance",
      "",
      null,
      values.insurance,
      `${converted("insurance", invoice.insurance, values.insurance)}; ${dutiable}`,
      fx.equals(ONE) ? "" : HALF_UP_CENT,
      "",
    ),
    line(
      "value",
      `Customs value (${profile.valuation === "cif" ? "CIF" : profile.valuation === "fob" ? "value for duty" : "transaction value"})`,
      "",
      null,
      cv,
      cvFormula,
      "",
      profile.valuationSource,
    ),
  ];
}
