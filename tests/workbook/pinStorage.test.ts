import { CHUNK_MARK, chunkText, joinChunks } from "../../src/workbook/textChunks";
import { parsePin, pinFor } from "../../src/workbook/workbookPin";
import { embedded } from "../support/embeddedTable";

describe("release text in cells", () => {
  it("chunks of at most 32,000 characters (plus the mark) that join back exactly", () => {
    const text = "x".repeat(70_001);
    const chunks = chunkText(text);
    expect(chunks.map((c) => c.length)).toEqual([32_001, 32_001, 6_002]);
    expect(chunks.every((c) => c.startsWith(CHUNK_MARK))).toBe(true);
    expect(joinChunks(chunks)).toBe(text);
  });

  it("never splits a surrogate pair", () => {
    const text = "a".repeat(9) + "😀" + "b";
    const chunks = chunkText(text, 10);
    expect(chunks).toEqual(["|aaaaaaaaa", "|😀b"]);
    expect(joinChunks(chunks)).toBe(text);
  });

  it("refuses cells that are not chunks (edited, or coerced by Excel into numbers)", () => {
    expect(joinChunks(["|a", 12])).toBeNull();
    expect(joinChunks(["|a", "b"])).toBeNull();
    expect(joinChunks([])).toBe("");
  });
});

describe("workbook pin", () => {
  it("round-trips, and reports malformed values instead of guessing", () => {
    const pin = pinFor(embedded(), "https://x.example/feed/index.json", new Date(Date.UTC(2026, 10, 28)));
    expect(parsePin(JSON.parse(JSON.stringify(pin)))).toEqual({ pin, problem: null });
    expect(parsePin(JSON.stringify(pin)).pin).toEqual(pin);
    expect(parsePin(null)).toEqual({ pin: null, problem: null });
    expect(parsePin({ release: "x", sha256: "short" })).toEqual({ pin: null, problem: "the workbook's pin is malformed" });
    expect(parsePin("{not json")).toEqual({ pin: null, problem: "the workbook's pin is not readable" });
  });
});
