import Decimal from "decimal.js";
import { ContentShares, RateRequest, RateTable, isoDay, lookupRate } from "../../../src/engine";
import { fixtureTable, measure, relation } from "../../support/tableFixture";

/**
 * The stacking rules, specified on a hand-made table. Every rule in us-timeline.md §J is expressed here
 * with data only (measures, exclusion groups, relations), which is the point: the engine has no country
 * or product logic of its own.
 */

function rate(table: RateTable, country: string, product: string, date: string, more: Partial<RateRequest> = {}) {
  const outcome = lookupRate(table, { country, product, day: isoDay(date), ...more });
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value.composition;
}

const total = (c: { total: Decimal | null }) => c.total?.toNumber();
const layerIds = (c: { layers: readonly { measure: { id: string } }[] }) => c.layers.map((l) => l.measure.id);

describe("a measure applies when its partners, products and dates match", () => {
  const table = fixtureTable([
    measure("cn-10", { partners: ["CN"], rate: { add: "10" }, from: "2025-02-04", to: "2025-03-04" }),
    measure("cn-20", { partners: ["CN"], rate: { add: "20" }, from: "2025-03-04" }),
    measure("toys-only", { partners: ["VN"], scope: { include: ["@toys"] }, rate: { add: "5" } }),
  ]);

  it.each([
    ["2025-02-03", 0],
    ["2025-02-04", 0.1],
    ["2025-03-03", 0.1],
    ["2025-03-04", 0.2], // [from, to): the old rate ends the day the new one starts
    ["2026-06-01", 0.2],
  ])("MFN plus the China rows on %s", (date, expected) => {
    expect(total(rate(table, "CN", "9503.00.00", date))).toBeCloseTo(expected, 10);
  });

  it("adds the base rate (MFN always applies)", () => {
    expect(total(rate(table, "CN", "6109.10.00", "2025-06-01"))).toBeCloseTo(0.165 + 0.2, 10);
  });

  it("limits a measure to its product scope", () => {
    expect(layerIds(rate(table, "VN", "9503.00.00", "2025-06-01"))).toEqual(["toys-only"]);
    expect(layerIds(rate(table, "VN", "6109.10.00", "2025-06-01"))).toEqual([]);
  });

  it("does not apply a measure to other partners", () => {
    expect(total(rate(table, "DE", "9503.00.00", "2025-06-01"))).toBe(0);
  });
});

describe("exclusion groups: at most one member applies", () => {
  it("priority: an increase beats the rate it raises, an exemption beats both (the reciprocal group)", () => {
    const table = fixtureTable([
      measure("baseline", { group: "reciprocal", priority: 0, rate: { add: "10" }, from: "2025-04-05" }),
      measure("cn-34", { group: "reciprocal", priority: 10, partners: ["CN"], rate: { add: "34" }, from: "2025-04-09", to: "2025-05-14" }),
      measure("cn-125", { group: "reciprocal", priority: 30, partners: ["CN"], rate: { add: "125" }, from: "2025-04-10", to: "2025-05-14" }),
      measure("exempt", { group: "reciprocal", priority: 100, scope: { include: ["6109"] }, rate: { add: "0" }, from: "2025-04-05" }),
    ]);
    expect(layerIds(rate(table, "CN", "9503.00.00", "2025-04-09"))).toEqual(["cn-34"]);
    expect(layerIds(rate(table, "CN", "9503.00.00", "2025-04-15"))).toEqual(["cn-125"]);
    expect(layerIds(rate(table, "CN", "9503.00.00", "2025-05-14"))).toEqual(["baseline"]);
    const exempt = rate(table, "CN", "6109.10.00", "2025-04-15");
    expect(layerIds(exempt)).toEqual(["exempt"]);
    expect(exempt.excluded.map((e) => e.measure.id).sort()).toEqual(["baseline", "cn-125", "cn-34"]);
  });

  it("max: where Section 301 lists overlap, the highest rate applies", () => {
    const table = fixtureTable([
      measure("list-3", { authority: "Section 301", group: "s301", partners: ["CN"], scope: { include: ["9503"] }, rate: { add: "25" } }),
      measure("list-4a", { authority: "Section 301", group: "s301", partners: ["CN"], scope: { include: ["9503"] }, rate: { add: "7.5" } }),
    ]);
    expect(layerIds(rate(table, "CN", "9503.00.00", "2025-06-01"))).toEqual(["list-3"]);
  });
});

describe("relations: where the winner applies, the loser does not (on the value the winner covers)", () => {
  const steelIn = ["72"];
  const table = fixtureTable(
    [
      measure("s232-steel-25", {
        authority: "Section 232",
        scope: { include: steelIn },
        rate: { add: "25" },
        from: "2025-03-12",
        to: "2025-06-04",
        tags: ["s232", "s232-metal"],
      }),
      measure("s232-steel-50", {
        authority: "Section 232",
        scope: { include: steelIn },
        rate: { add: "50" },
        basis: "steel",
        from: "2025-06-04",
        tags: ["s232", "s232-metal"],
      }),
      measure("reciprocal", { rate: { add: "10" }, from: "2025-04-05", exceptPartners: ["@USMCA"], tags: ["reciprocal"] }),
      measure("ca-fentanyl", { partners: ["CA"], rate: { add: "25" }, from: "2025-03-04", tags: ["ieepa-camx"] }),
      measure("cn-fentanyl", { partners: ["CN"], rate: { add: "20" }, from: "2025-03-04", tags: ["cn-fentanyl"] }),
    ],
    [
      relation("232-over-reciprocal", "tag:s232", "tag:reciprocal"),
      // EO 14289: before Jun 4 2025 the CA/MX IEEPA tariff applied and 232 metals did not ...
      relation("camx-over-232-metal", "tag:ieepa-camx", "tag:s232-metal", { to: "2025-06-04" }),
      // ... and Proc. 10947 reversed the priority from Jun 4.
      relation("232-metal-over-camx", "tag:s232-metal", "tag:ieepa-camx", { from: "2025-06-04" }),
    ],
  );

  it("Section 232 goods are not subject to the reciprocal tariff", () => {
    expect(layerIds(rate(table, "DE", "7208.39.00", "2025-04-15"))).toEqual(["s232-steel-25"]);
  });

  it("China fentanyl stacks on 232 goods (no relation names it)", () => {
    expect(layerIds(rate(table, "CN", "7208.39.00", "2025-04-15"))).toEqual(["s232-steel-25", "cn-fentanyl"]);
  });

  it("CA/MX fentanyl wins over 232 steel before Jun 4 2025, and loses from Jun 4", () => {
    expect(layerIds(rate(table, "CA", "7208.39.00", "2025-05-01"))).toEqual(["ca-fentanyl"]);
    expect(layerIds(rate(table, "CA", "7208.39.00", "2025-06-04"))).toEqual(["s232-steel-50"]);
  });

  it("a content-based winner leaves the loser the rest of the value", () => {
    const content: ContentShares = { steel: new Decimal("0.4") };
    const c = rate(table, "DE", "7208.39.00", "2025-07-01", { content });
    expect(c.layers.map((l) => [l.measure.id, l.share.toString(), l.fraction!.toString()])).toEqual([
      ["s232-steel-50", "0.4", "0.2"],
      ["reciprocal", "0.6", "0.06"],
    ]);
    expect(total(c)).toBeCloseTo(0.26, 10);
  });

  it("without a declared content share, metal content is the whole value (as CBP assesses it)", () => {
    const c = rate(table, "DE", "7208.39.00", "2025-07-01");
    expect(layerIds(c)).toEqual(["s232-steel-50"]);
    expect(c.layers[0]!.notes.join(" ")).toMatch(/none declared/);
  });
});

describe("all-in floors: the layer tops the total up to a level", () => {
  const table = fixtureTable([measure("eu-floor", { partners: ["@EU27"], rate: { allIn: "15" } })]);

  it.each([
    ["9503.00.00", 0.15], // Free base: the layer adds 15%
    ["0406.90.99", 0.15], // 10% base: adds 5%
    ["6109.10.00", 0.165], // 16.5% base is above the floor: adds 0
  ])("%s totals %d", (code, expected) => {
    expect(total(rate(table, "DE", code, "2025-06-01"))).toBeCloseTo(expected, 10);
  });

  it("uses the ad valorem part of a specific base, and says so", () => {
    const c = rate(table, "DE", "0201.30.00", "2025-06-01");
    expect(total(c)).toBeCloseTo(0.15, 10);
    expect(c.notes.join(" ")).toMatch(/specific part/);
  });
});

describe("claims", () => {
  const table = fixtureTable([
    measure("ca-25", { partners: ["CA"], rate: { add: "25" }, claims: { waivedBy: ["USMCA"] } }),
    measure("uk-lower", { partners: ["GB"], rate: { add: "15" }, claims: { requires: ["UK-MELT"] }, group: "reciprocal", priority: 5 }),
    measure("uk-standard", { partners: ["GB"], rate: { add: "25" }, group: "reciprocal", priority: 0 }),
  ]);

  it("a waived measure drops out when the importer claims the program", () => {
    expect(total(rate(table, "CA", "9503.00.00", "2025-06-01"))).toBe(0.25);
    const claimed = rate(table, "CA", "9503.00.00", "2025-06-01", { claims: ["USMCA"] });
    expect(total(claimed)).toBe(0);
    expect(claimed.excluded[0]!.reason).toMatch(/claim USMCA/);
  });

  it("a conditional measure applies only when its condition is claimed", () => {
    expect(layerIds(rate(table, "GB", "9503.00.00", "2025-06-01"))).toEqual(["uk-standard"]);
    expect(layerIds(rate(table, "GB", "9503.00.00", "2025-06-01", { claims: ["uk-melt"] }))).toEqual(["uk-lower"]);
  });

  it("an unknown claim is an input error", () => {
    const outcome = lookupRate(table, { country: "CA", product: "9503", day: isoDay("2025-06-01"), claims: ["KORUS"] });
    expect(outcome).toEqual({ ok: false, error: { kind: "invalid", message: expect.stringMatching(/unknown claim "KORUS"/) } });
  });
});

describe("in-transit relief is keyed on the loading date", () => {
  const table = fixtureTable([
    measure("baseline", { group: "reciprocal", rate: { add: "10" }, from: "2025-04-05" }),
    measure("vn-46", {
      group: "reciprocal",
      priority: 10,
      partners: ["VN"],
      rate: { add: "46" },
      from: "2025-08-07",
      inTransit: { loadedBefore: "2025-08-07", enteredBefore: "2025-10-05" },
    }),
  ]);

  it("goods loaded before the change and entered before the deadline keep the old rate", () => {
    expect(total(rate(table, "VN", "9503.00.00", "2025-08-20", { loaded: isoDay("2025-08-01") }))).toBe(0.1);
    expect(total(rate(table, "VN", "9503.00.00", "2025-08-20", { loaded: isoDay("2025-08-07") }))).toBe(0.46);
    expect(total(rate(table, "VN", "9503.00.00", "2025-10-05", { loaded: isoDay("2025-08-01") }))).toBe(0.46);
  });

  it("without a loading date no relief is assumed", () => {
    expect(total(rate(table, "VN", "9503.00.00", "2025-08-20"))).toBe(0.46);
  });

  it("the exclusion names the heading in-transit goods are entered under, where the table gives it", () => {
    const reason = (t: typeof table) =>
      rate(t, "VN", "9503.00.00", "2025-08-20", { loaded: isoDay("2025-08-01") }).excluded.find((e) => e.measure.id === "vn-46")?.reason;
    expect(reason(table)).toBe("in transit: loaded before 2025-08-07 and entered before 2025-10-05");
    const withHeading = fixtureTable([
      measure("baseline", { group: "reciprocal", rate: { add: "10" }, from: "2025-04-05" }),
      measure("vn-46", {
        group: "reciprocal",
        priority: 10,
        partners: ["VN"],
        rate: { add: "46" },
        from: "2025-08-07",
        inTransit: { loadedBefore: "2025-08-07", enteredBefore: "2025-10-05", heading: "9903.01.25" },
      }),
    ]);
    expect(reason(withHeading)).toBe("in transit: loaded before 2025-08-07 and entered before 2025-10-05, entered under 9903.01.25");
  });
});

describe("bases: entry, final and net", () => {
  const table = fixtureTable([
    measure("jp-flat", {
      partners: ["JP"],
      group: "reciprocal",
      priority: 0,
      rate: { add: "15" },
      from: "2025-08-07",
      to: "2026-02-24",
      voidedBy: "ruling",
    }),
    measure("jp-floor", {
      partners: ["JP"],
      group: "reciprocal",
      priority: 10,
      rate: { allIn: "15" },
      from: "2025-08-07",
      collectedFrom: "2025-09-16",
      to: "2026-02-24",
      voidedBy: "ruling",
    }),
  ]);

  it("entry: what was collected; a deal made retroactive later is not yet in force", () => {
    const c = rate(table, "JP", "6109.10.00", "2025-09-01", { basis: "entry" });
    expect(layerIds(c)).toEqual(["jp-flat"]);
    expect(total(c)).toBeCloseTo(0.315, 10);
    expect(c.excluded.map((e) => e.reason).join(" ")).toMatch(/retroactive/);
  });

  it("final: the retroactive deal applies, and voided layers are flagged refundable", () => {
    const c = rate(table, "JP", "6109.10.00", "2025-09-01", { basis: "final" });
    expect(layerIds(c)).toEqual(["jp-floor"]);
    expect(total(c)).toBeCloseTo(0.165, 10);
    expect(c.layers[0]).toMatchObject({ status: "struck-down-refundable", refundable: true });
  });

  it("net: voided, refundable layers drop out", () => {
    const c = rate(table, "JP", "9503.00.00", "2025-09-01", { basis: "net" });
    expect(layerIds(c)).toEqual([]);
    expect(total(c)).toBe(0);
  });
});

describe("special formulas", () => {
  it("prohibited goods have no rate: the lookup says so", () => {
    const table = fixtureTable([measure("ban", { authority: "Section 338", partners: ["CA"], rate: { prohibited: true }, from: "2026-09-29" })]);
    const outcome = lookupRate(table, { country: "CA", product: "9503.00.00", day: isoDay("2026-10-01") });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error).toEqual({ kind: "notAvailable", message: expect.stringMatching(/^entry prohibited/) });
  });

  it("a per-unit duty adds nothing to the ad valorem rate but is listed", () => {
    const table = fixtureTable([measure("per-item", { rate: { perUnit: { usd: "80", unit: "item" } } })]);
    const c = rate(table, "DE", "9503.00.00", "2025-06-01");
    expect(total(c)).toBe(0);
    expect(c.layers[0]!.notes.join(" ")).toMatch(/\$80\/item/);
  });
});
