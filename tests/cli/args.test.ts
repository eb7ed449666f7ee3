import { UsageError, flag, parseArgs, refuseExtraPositionals } from "../../src/cli/args";

/** The command line: node:util parseArgs splits the words; these are the rules the CLI keeps. */

const SPEC = { boolean: ["json", "raw"], value: ["in", "table"] };

describe("parseArgs", () => {
  it("reads positionals, --flag value, --flag=value and booleans, in any order", () => {
    const args = parseArgs(["CN", "--in", "a.csv", "9503", "--table=t.dutytable", "--json"], SPEC);
    expect(args.positional).toEqual(["CN", "9503"]);
    expect(flag(args, "in")).toBe("a.csv");
    expect(flag(args, "table")).toBe("t.dutytable");
    expect(flag(args, "json")).toBe("true");
    expect(flag(args, "raw")).toBeUndefined();
  });

  it("keeps every value of a repeated flag; flag() gives the last", () => {
    const args = parseArgs(["--in", "a", "--in=b", "--in", "c"], SPEC);
    expect(args.flags.get("in")).toEqual(["a", "b", "c"]);
    expect(flag(args, "in")).toBe("c");
  });

  it("takes any word as a value, a dash or an empty one included, but not a flag unless written with =", () => {
    expect(flag(parseArgs(["--in", "-"], SPEC), "in")).toBe("-");
    expect(flag(parseArgs(["--in", "-5"], SPEC), "in")).toBe("-5");
    expect(flag(parseArgs(["--in="], SPEC), "in")).toBe("");
    expect(flag(parseArgs(["--in=--json"], SPEC), "in")).toBe("--json");
    expect(() => parseArgs(["--in", "--json"], SPEC)).toThrow(new UsageError("--in needs a value"));
    expect(() => parseArgs(["--in"], SPEC)).toThrow(new UsageError("--in needs a value"));
  });

  it.each([
    [["--frobnicate"], "unknown option --frobnicate"],
    [["--frobnicate=3"], "unknown option --frobnicate"],
    [["--JSON"], "unknown option --JSON"],
    [["--json=yes"], "--json takes no value"],
    [["--raw="], "--raw takes no value"],
  ])("%j is refused: %s", (argv, message) => {
    expect(() => parseArgs(argv, SPEC)).toThrow(new UsageError(message));
  });

  it("clips a long unknown name in the message", () => {
    expect(() => parseArgs([`--${"x".repeat(500)}`], SPEC)).toThrow(/^unknown option --x{90,100}…?$/);
  });

  it("keeps single-dash words whole as positionals (there are no short flags)", () => {
    expect(parseArgs(["-", "-5", "-ab", "x"], SPEC).positional).toEqual(["-", "-5", "-ab", "x"]);
  });

  it("ends the flags at --: what follows is positional", () => {
    const args = parseArgs(["CN", "--", "--json"], SPEC);
    expect(args.positional).toEqual(["CN", "--json"]);
    expect(flag(args, "json")).toBeUndefined();
  });
});

describe("refuseExtraPositionals", () => {
  it("accepts up to the names given and names the first extra argument", () => {
    expect(() => refuseExtraPositionals(parseArgs(["a", "b"], SPEC), "rate", ["country", "product"])).not.toThrow();
    expect(() => refuseExtraPositionals(parseArgs(["a", "b", "c"], SPEC), "rate", ["country", "product"])).toThrow(
      new UsageError('unexpected argument "c": rate takes at most 2 (country, product)'),
    );
    expect(() => refuseExtraPositionals(parseArgs(["x"], SPEC), "data-report", [])).toThrow(
      new UsageError('unexpected argument "x": data-report takes no positional arguments'),
    );
  });
});
