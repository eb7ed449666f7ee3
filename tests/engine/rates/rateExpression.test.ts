import { readFileSync } from "fs";
import { EMBEDDED_TABLE_FILE } from "../../support/embeddedTable";
import { RateExpr, RateForm, adValoremPart, hasSpecificPart, parseRateExpression } from "../../../src/engine/rates";

/**
 * A rate in plain values, so that examples compare exactly: Decimals as their decimal strings, never as
 * floats ("0.149", not 0.149000000001).
 */
function plain(expr: RateExpr): Record<string, unknown> {
  switch (expr.kind) {
    case "free":
    case "text":
      return { kind: expr.kind, text: expr.text };
    case "adValorem":
      return { kind: expr.kind, fraction: expr.fraction.toString() };
    case "specific":
      return { kind: expr.kind, amounts: expr.amounts.map(plainAmount) };
    case "compound":
      return { kind: expr.kind, fraction: expr.fraction.toString(), amounts: expr.amounts.map(plainAmount) };
  }
}

function plainAmount(a: { usd: { toString(): string }; unit: string; qualifier?: string }) {
  return a.qualifier === undefined ? { usd: a.usd.toString(), unit: a.unit } : { usd: a.usd.toString(), unit: a.unit, qualifier: a.qualifier };
}

// Every example below is a General (Column 1) rate as the HTS writes it.
describe("parseRateExpression", () => {
  it("reads Free", () => {
    expect(plain(parseRateExpression("Free"))).toEqual({ kind: "free", text: "Free" });
  });

  it.each([
    ["6.8%", "0.068"],
    ["2.5%", "0.025"],
    ["14.9%", "0.149"],
    ["35%", "0.35"],
    ["0.9%", "0.009"],
  ])("reads the ad valorem rate %s as the fraction %s of the customs value", (text, fraction) => {
    expect(plain(parseRateExpression(text))).toEqual({ kind: "adValorem", fraction });
  });

  it.each([
    ["1¢/kg", "0.01", "kg"],
    ["$1.104/kg", "1.104", "kg"],
    ["68¢/head", "0.68", "head"],
    ["0.9¢ each", "0.009", "each"],
    ["90¢/pr.", "0.9", "pr."],
    ["18.7¢/clean kg", "0.187", "clean kg"],
    ["4.5¢/ liter", "0.045", "liter"],
  ])("reads the specific rate %s as $%s per %s (cents become dollars)", (text, usd, unit) => {
    expect(plain(parseRateExpression(text))).toEqual({ kind: "specific", amounts: [{ usd, unit }] });
  });

  it.each([
    ["23.7¢/pf.liter", "0.237"],
    ["31.4¢/pf. liter", "0.314"],
  ])("spells the proof-liter unit of %s one way, pf.liter", (text, usd) => {
    expect(plain(parseRateExpression(text))).toEqual({ kind: "specific", amounts: [{ usd, unit: "pf.liter" }] });
  });

  it("keeps what the specific amount is measured on as its qualifier", () => {
    expect(plain(parseRateExpression("3.7¢/kg on drained weight"))).toEqual({
      kind: "specific",
      amounts: [{ usd: "0.037", unit: "kg", qualifier: "on drained weight" }],
    });
  });

  it.each<[string, string, object[]]>([
    ["46.3¢/kg + 14.9%", "0.149", [{ usd: "0.463", unit: "kg" }]],
    ["$1.035/kg +13.6%", "0.136", [{ usd: "1.035", unit: "kg" }]],
    ["33.9¢/kg of total sugars + 5.1%", "0.051", [{ usd: "0.339", unit: "kg", qualifier: "of total sugars" }]],
    [
      "36¢ each + 5.6% + 2¢/jewel",
      "0.056",
      [
        { usd: "0.36", unit: "each" },
        { usd: "0.02", unit: "jewel" },
      ],
    ],
  ])("reads the compound rate %s as the fraction %s plus the specific amounts", (text, fraction, amounts) => {
    expect(plain(parseRateExpression(text))).toEqual({ kind: "compound", fraction, amounts });
  });

  // Prose has no formula. It is kept word for word so that a reader sees the law, and so that nobody
  // mistakes it for a zero rate.
  it.each([
    ["The rate applicable to the natural juice in heading 2009", "it refers to another heading"],
    ["See additional U.S. note 1", "it refers to a note"],
    ["6.5% on the entire set", "the percentage applies to a set, not to the value declared"],
    ["3.9% on the movement and case + 5.3% on the battery", "each percentage applies to a component"],
    ["40¢ each + 6% on the case", "the percentage applies to the case, not the whole watch"],
    [
      "3.6606¢/kg less 0.020668¢/kg for each degree under 100 degrees (and fractions of a degree in proportion) but not less than 3.143854¢/kg",
      "the amount depends on the sugar's polarity",
    ],
    ["10¢/1,000 pins + 3.5%", "the amount is per thousand pins, a unit with a count in it"],
  ])("keeps %j verbatim as text (%s)", (text) => {
    expect(plain(parseRateExpression(text))).toEqual({ kind: "text", text });
  });

  it("reads two bare percentages as text, since they would apply to different bases", () => {
    expect(plain(parseRateExpression("5% + 3%"))).toEqual({ kind: "text", text: "5% + 3%" });
  });

  it.each([["10/kg"], ["$10¢/kg"]])("reads %j, an amount with neither or both of $ and ¢, as text", (text) => {
    expect(parseRateExpression(text).kind).toBe("text");
  });

  it("keeps the rate's own text on the result", () => {
    expect(parseRateExpression("46.3¢/kg + 14.9%").text).toBe("46.3¢/kg + 14.9%");
    expect(parseRateExpression("6.8%").text).toBe("6.8%");
  });

  // The committed table holds the General rate of every 8-digit line in chapters 01–97 of HTS 2026 Rev 10.
  // These counts pin how the parser classifies the real schedule.
  //
  // ../shared/data/README.md counts 774 specific, 399 compound and 63 text. The difference (12 + 79 = 91
  // lines) is deliberate: the README counts watch and clock rates such as "40¢ each + 6% on the case" as
  // compound, but their percentages apply to the value of a component (the case, the strap, the battery),
  // not to the customs value of the article, so we keep them as text; likewise prose formulas such as the
  // sugar-polarity rates "3.6606¢/kg less 0.020668¢/kg for each degree under 100 degrees ...".
  it("classifies the 11,414 General rates of the committed table as 4315 free, 5863 ad valorem, 762 specific, 320 compound and 154 text", () => {
    const file = EMBEDDED_TABLE_FILE;
    const table = JSON.parse(readFileSync(file, "utf8")) as { importers: { code: string; lines: [string, string, string][] }[] };
    const us = table.importers[0]!;
    expect(us.code).toBe("US");
    expect(us.lines).toHaveLength(11414);

    const counts: Record<RateForm, number> = { free: 0, adValorem: 0, specific: 0, compound: 0, text: 0 };
    for (const [, general] of us.lines) counts[parseRateExpression(general).kind]++;
    expect(counts).toEqual({ free: 4315, adValorem: 5863, specific: 762, compound: 320, text: 154 });
  });
});

describe("adValoremPart", () => {
  it.each([
    ["Free", "0"],
    ["6.8%", "0.068"],
    ["1¢/kg", "0"],
    ["46.3¢/kg + 14.9%", "0.149"],
  ])("of %s is %s: the percentage as a fraction, 0 when there is none", (text, fraction) => {
    expect(adValoremPart(parseRateExpression(text))?.toString()).toBe(fraction);
  });

  it("is null for prose, whose ad valorem part is unknown rather than zero", () => {
    expect(adValoremPart(parseRateExpression("See additional U.S. note 1"))).toBeNull();
  });
});

describe("hasSpecificPart", () => {
  it.each([
    ["Free", false],
    ["6.8%", false],
    ["1¢/kg", true],
    ["0.9¢ each", true],
    ["46.3¢/kg + 14.9%", true],
    ["See additional U.S. note 1", false],
  ])("of %s is %s: true when the duty depends on a quantity", (text, expected) => {
    expect(hasSpecificPart(parseRateExpression(text))).toBe(expected);
  });
});
