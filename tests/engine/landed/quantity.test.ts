import Decimal from "decimal.js";
import { canonicalUnit, parseQuantity, quantityIn } from "../../../src/engine";

/** Quantities for specific duties: a number in the rate's unit, or text naming the unit. */

function q(input: string | number) {
  const r = parseQuantity(input);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe("parseQuantity", () => {
  it.each(["5 constructor", "5 toString", "5 __proto__"])("%p names no unit (inherited names are not units)", (text) => {
    const r = parseQuantity(text);
    expect(!r.ok && r.error.message).toMatch(/unknown unit/);
    expect(canonicalUnit(text.slice(2))).toBeNull();
  });

  it("a text read twice gives the same answer (its reading is kept)", () => {
    expect(parseQuantity("100 kg")).toEqual(parseQuantity("100 kg"));
    expect(parseQuantity("0 kg")).toEqual(parseQuantity("0 kg"));
  });

  it("reads a bare number as 'in the unit of the rate'", () => {
    expect(q(100)).toEqual([{ amount: new Decimal(100), unit: null }]);
    expect(q("20,000")).toEqual([{ amount: new Decimal(20000), unit: null }]);
  });

  it("reads units in the spellings analysts type", () => {
    expect(q("100 kg")[0]!.unit).toBe("kg");
    expect(q("100kgs")[0]!.unit).toBe("kg");
    expect(q("20000 pcs")[0]!.unit).toBe("each");
    expect(q("12 Dozen")[0]!.unit).toBe("doz.");
    expect(q("5 litres")[0]!.unit).toBe("liter");
    expect(q("3 pairs")[0]!.unit).toBe("pr.");
    expect(q("10 each; 170 jewels").map((x) => x.unit)).toEqual(["each", "jewel"]);
  });

  it.each([
    [0, /positive/],
    [-5, /positive/],
    ["", /empty/],
    ["0 kg", /positive/],
    ["many", /not a number/],
    ["100 furlongs", /unknown unit "furlongs"/],
    ["10 kg; 20 kg", /twice/],
    ["10; 20 each", /unit on each/],
  ])("%p is refused (%s)", (input, message) => {
    const r = parseQuantity(input as string | number);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(message);
  });

  it("canonicalUnit maps the HTS's own units", () => {
    expect(canonicalUnit("pf. liter")).toBe("pf.liter");
    expect(canonicalUnit("1000")).toBe("thousand");
    expect(canonicalUnit("article")).toBe("each");
    expect(canonicalUnit("clean kg")).toBe("clean kg");
  });
});

describe("quantityIn: the quantity in a rate's unit", () => {
  const kg = new Set(["kg"]);
  it("converts within a dimension with exact factors", () => {
    const r = quantityIn(q("220.46226218 lb"), "kg", kg);
    expect(r.kind).toBe("found");
    if (r.kind === "found") expect(r.amount.toDecimalPlaces(6).toString()).toBe("100");
    const t = quantityIn(q("2 t"), "kg", kg);
    expect(t.kind === "found" && t.amount.toString()).toBe("2000");
    const doz = quantityIn(q("240 each"), "doz.", new Set(["doz."]));
    expect(doz.kind === "found" && doz.amount.toString()).toBe("20");
  });

  it("a bare number answers only when the rate has one unit", () => {
    expect(quantityIn(q(5), "kg", kg).kind).toBe("found");
    expect(quantityIn(q(5), "each", new Set(["each", "jewel"])).kind).toBe("missing");
  });

  it("a unit of another dimension is a mismatch; none given is missing", () => {
    expect(quantityIn(q("5 pr."), "kg", kg)).toEqual({ kind: "mismatch", given: "5 pr." });
    expect(quantityIn(null, "kg", kg).kind).toBe("missing");
    expect(quantityIn(q("10 each"), "jewel", new Set(["each", "jewel"])).kind).toBe("missing");
  });
});
