import { compareQuestion, readOrigins } from "../../src/requests/compareQuestion";
import { readBookLine } from "../../src/requests/etrQuestion";
import { maxPriceQuestion } from "../../src/requests/maxPriceQuestion";
import { embedded } from "../support/embeddedTable";

const NOW = new Date("2025-04-15T16:00:00Z");

describe("readOrigins: a range or a comma list", () => {
  test("cells of a range, each possibly a list; empty cells skipped", () => {
    expect(
      readOrigins([
        ["CN", ""],
        [null, "VN; MX"],
      ]),
    ).toEqual({ ok: true, value: ["CN", "VN", "MX"] });
    expect(readOrigins("CN, VN ,MX")).toEqual({ ok: true, value: ["CN", "VN", "MX"] });
  });

  test("nothing, or a number, is refused by name", () => {
    expect(readOrigins([[""]])).toMatchObject({ ok: false, message: expect.stringMatching(/^origins are required/) });
    expect(readOrigins([[42]])).toEqual({ ok: false, message: "origins must be country codes or names, not 42" });
  });
});

test("compareQuestion reads the claim and the value with the shared readers", () => {
  const q = compareQuestion({ sector: "9503", origins: "CN,MX", date: "2025-04-15", value: "1,000.50", options: "usmca" }, embedded(), NOW);
  expect(q.ok && [q.value.claims, q.value.value?.toString(), q.value.importer]).toEqual([["USMCA"], "1000.5", "US"]);
});

test("maxPriceQuestion reads LANDED's arguments after the target", () => {
  const q = maxPriceQuestion([2500, "CN", "9503.00.00", "", "100", null, null, null, "ocean", "formal"], embedded(), NOW);
  expect(q.ok && [q.value.target.toString(), q.value.request.freight?.toString(), q.value.request.mode, q.value.request.options?.entry]).toEqual([
    "2500",
    "100",
    "ocean",
    "formal",
  ]);
  expect(maxPriceQuestion([-1, "CN", "9503", null, null, null, null, null, null, null], embedded(), NOW).ok).toBe(false);
});

describe("readBookLine", () => {
  test("a blank line is skipped; a part-filled one names its row", () => {
    expect(readBookLine("", "", "", "US", "row 3")).toEqual({ ok: true, value: null });
    expect(readBookLine("", "CN", "9503", "US", "row 3")).toEqual({ ok: false, message: "row 3: value is required (the line's import value)" });
  });

  test("a value of 0 with a country and sector is a line of no weight", () => {
    const l = readBookLine(0, "CN", "9503", "US", "row 1");
    expect(l.ok && l.value?.value.toString()).toBe("0");
  });
});
