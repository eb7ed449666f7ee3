import Decimal from "decimal.js";
import { decimalFromNumber, formatMoney, formatPercent, formatQuantity, formatUnitPrice, parseAmount, roundCents } from "../../../src/engine";

/** Money is decimal end to end; the one rounding rule is half-up to the cent. */

describe("roundCents: half up, on decimals", () => {
  it.each([
    ["0.005", "0.01"],
    ["0.004999", "0"],
    ["2.675", "2.68"], // a binary double holds 2.67499999…: Math.round(2.675 * 100) / 100 gives 2.67
    ["1.005", "1.01"], // likewise 1.00499999… as a double
    ["34.64", "34.64"],
    ["866", "866"],
    ["12666.666666", "12666.67"],
  ])("%s → %s", (input, expected) => {
    expect(roundCents(new Decimal(input)).toString()).toBe(expected);
  });

  it("would differ from float arithmetic where floats go wrong", () => {
    expect(Math.round(1.005 * 100) / 100).toBe(1); // the float answer
    expect(roundCents(new Decimal("1.005")).toNumber()).toBe(1.01);
  });
});

describe("formatting", () => {
  it("formatMoney groups thousands and shows two decimals", () => {
    expect(formatMoney(new Decimal("12547.14"))).toBe("12,547.14");
    expect(formatMoney(new Decimal("1234567.5"))).toBe("1,234,567.50");
    expect(formatMoney(new Decimal("0"))).toBe("0.00");
    expect(formatMoney(new Decimal("999.995"))).toBe("1,000.00");
  });

  it("formatPercent prints fractions as percent without exponent", () => {
    expect(formatPercent(new Decimal("0.003464"))).toBe("0.3464%");
    expect(formatPercent(new Decimal("0.25"))).toBe("25%");
    expect(formatPercent(new Decimal("1.45"))).toBe("145%");
    expect(formatPercent(new Decimal("0.00125"))).toBe("0.125%");
  });

  it("formatQuantity and formatUnitPrice read like the HTS", () => {
    expect(formatQuantity(new Decimal(20000))).toBe("20,000");
    expect(formatQuantity(new Decimal("0.5"))).toBe("0.5");
    expect(formatUnitPrice(new Decimal("0.044"))).toBe("4.4¢");
    expect(formatUnitPrice(new Decimal("0.03"))).toBe("3¢");
    expect(formatUnitPrice(new Decimal("1.104"))).toBe("$1.104");
  });
});

describe("parseAmount", () => {
  it.each([
    ["1234.5", "1234.5"],
    ["1,234.50", "1234.5"],
    [" 10000 ", "10000"],
    [".5", "0.5"],
    ["1e5", "100000"],
  ])("%p → %s", (text, expected) => {
    expect(parseAmount(text)?.toString()).toBe(expected);
  });

  it.each(["", "-5", "$100", "1.234,50", "12,34", "abc", "1 000"])("%p is not an amount", (text) => {
    expect(parseAmount(text)).toBeNull();
  });

  it("decimalFromNumber keeps what was typed, not the binary expansion", () => {
    expect(decimalFromNumber(0.1).toString()).toBe("0.1");
    expect(decimalFromNumber(0.1 + 0.2).toString()).toBe("0.30000000000000004"); // what Excel would hand over
    expect(decimalFromNumber(10000).toString()).toBe("10000");
  });
});
