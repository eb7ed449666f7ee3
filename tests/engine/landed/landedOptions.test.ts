import { DEFAULT_LANDED_OPTIONS, parseLandedOptions, parseRate, parseTransportMode } from "../../../src/engine";
import { embedded } from "../../support/embeddedTable";

/** The options text of DUTY.LANDED and of the CSV options column. */

const parse = (text: string) => parseLandedOptions(text, embedded());

function ok(text: string) {
  const r = parse(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe("parseLandedOptions", () => {
  it("empty text is the defaults", () => {
    expect(ok("")).toEqual({ ...DEFAULT_LANDED_OPTIONS, claims: [], content: {} });
  });

  it("reads every landed option, separated by ; or ,", () => {
    const o = ok("fx=1.15; duty=4%, vat=9%; ct=10%; formal; mpf=exempt; nodeminimis");
    expect(o.fx?.toString()).toBe("1.15");
    expect(o.duty?.toString()).toBe("0.04");
    expect(o.vat?.toString()).toBe("0.09");
    expect(o.ct?.toString()).toBe("0.1");
    expect(o.entry).toBe("formal");
    expect(o.mpfExempt).toBe(true);
    expect(o.deMinimis).toBe(false);
  });

  it("reads the TARIFF options too", () => {
    const o = ok("final; USMCA; loaded=2025-04-01; steel=40%; metal=0.3; base=6%");
    expect(o.basis).toBe("final");
    expect(o.claims).toEqual(["USMCA"]);
    expect(o.content.steel?.toString()).toBe("0.4");
    expect(o.metal?.toString()).toBe("0.3");
    expect(o.base?.toString()).toBe("0.06");
  });

  it.each([
    ["duty=25", /duty=25%/],
    ["duty=abc", /give a rate/],
    ["ct=100%", /below 100%/],
    ["duty=1001%", /above 1000%/],
    ["vat=120%", /above 100%/],
    ["steel=150%", /share of value/],
    ["fx=0", /fx=/],
    ["fx=-1", /fx=/],
    ["mpf=yes", /mpf=exempt/],
    ["formal; informal", /choose one/],
    ["entry; net", /two bases/],
    ["duty=4%; base=2%", /not both/],
    ["loaded=someday", /not a date/],
    ["frobnicate", /unknown option "frobnicate".*duty=4%/],
  ])("%p is refused (%s)", (text, message) => {
    const r = parse(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe("invalid");
      expect(r.error.message).toMatch(message);
    }
  });
});

describe("parseRate and parseTransportMode", () => {
  it("a rate takes a percent sign, or is a fraction up to 1", () => {
    expect(parseRate("25%")?.toString()).toBe("0.25");
    expect(parseRate("145%")?.toString()).toBe("1.45");
    expect(parseRate("0.25")?.toString()).toBe("0.25");
    expect(parseRate("25")).toBeNull();
  });

  it.each([
    ["ocean", "ocean"],
    ["Sea", "ocean"],
    ["AIR", "air"],
    ["road", "truck"],
    ["mail", "postal"],
  ])("mode %p is %s", (text, mode) => {
    const r = parseTransportMode(text);
    expect(r.ok && r.value).toBe(mode);
  });

  it("an unknown mode lists the known ones", () => {
    const r = parseTransportMode("pigeon");
    expect(!r.ok && r.error.message).toMatch(/ocean, air, truck, rail, postal/);
  });

  it.each(["constructor", "toString", "__proto__", "hasOwnProperty", " Constructor "])("%p is not a mode (no inherited name)", (text) => {
    const r = parseTransportMode(text);
    expect(r.ok).toBe(false);
  });
});
