import fc from "fast-check";
import { quantityOverMax } from "../../src/engine";
import { centsOf } from "../../src/engine/landed/cents";
import { centsRequestSlot, landedCentsQuestion, landedQuestion } from "../../src/requests/landedQuestion";
import { embedded } from "../support/embeddedTable";

/**
 * landedCentsQuestion reads a CSV row's cells as landedQuestion does, with the amounts in cents and no
 * Decimal: wherever it reads a row, landedQuestion must read the same request (the same amounts, to the
 * cent), and wherever landedQuestion refuses a row, it must not read it.
 */
const table = embedded();
const now = new Date("2025-10-15T16:00:00Z");

/** Mostly the texts given (the first ones readable), now and then random characters. */
const cellOf = (...texts: string[]) =>
  fc.oneof(
    { weight: 9, arbitrary: fc.constantFrom(...texts) },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom("0", "7", ".", ",", " ", "e", "-", "k", "g"), maxLength: 8 }) },
  );
const cells = fc.tuple(
  cellOf("10000", "12.5", "0", "0.00", "0012.50", "1.005", "1,234.50", "1e3", "999999999999.99", "1000000000000.01", "", "abc"),
  cellOf("CN", "VN", "China", "XX", ""),
  cellOf("9503.00.00", "0201.30.00", "8471", "steel", ""),
  cellOf("2025-10-15", "15 Apr 2025", "", "2025-13-01", "04/05/2025"),
  cellOf("", "1200", "0.5", "1.999"),
  cellOf("", "120", "abc"),
  cellOf("", "12", "0", "007", "1.5", "12 kg", "999999999999", "10000000000000", "abc"),
  cellOf("", "", "US", "us", "CN", "DE", "EU", "ZZ"),
  cellOf("", "", "ocean", "Ocean", "air", "boat"),
  cellOf("", "", "formal", "duty=4%", "metal=40%", "bogus"),
);

test("property: where the cents reading answers, landedQuestion reads the same request, amounts to the cent", () => {
  let read = 0;
  fc.assert(
    fc.property(cells, (c) => {
      const slot = centsRequestSlot();
      const got = landedCentsQuestion(...c, table, now, slot);
      const want = landedQuestion(c, table, now, false);
      if (!got) return;
      read++;
      expect(want.ok).toBe(true);
      if (!want.ok) return;
      const r = want.value;
      expect(slot.goods).toBe(centsOf(r.value));
      expect(slot.freight).toBe(r.freight ? centsOf(r.freight) : 0);
      expect(slot.insurance).toBe(r.insurance ? centsOf(r.insurance) : 0);
      expect([slot.country, slot.product, slot.day, slot.importer, slot.mode, slot.options]).toEqual([
        r.country,
        r.product,
        r.day,
        r.importer,
        r.mode,
        r.options,
      ]);
      expect(slot.quantityOverMax).toBe(quantityOverMax(r.quantity ?? null));
    }),
    { numRuns: 40_000 },
  );
  // About 1,400 rows read (the cells are mostly readable, but ten of them rarely all are).
  expect(read).toBeGreaterThan(800);
});

test("plain quantities are taken without reading them; others are read, and a quantity over 10^12 is marked", () => {
  const read = (quantity: string) => {
    const slot = centsRequestSlot();
    const ok = landedCentsQuestion("100", "VN", "9503.00.00", "2025-10-15", "", "", quantity, "", "", "", table, now, slot);
    return ok ? slot.quantityOverMax : "refused";
  };
  expect(read("")).toBe(false);
  expect(read("999999999999")).toBe(false);
  expect(read("007")).toBe(false);
  expect(read("12 kg")).toBe(false);
  expect(read("10000000000000")).toBe(true); // 13 digits: read by readQuantity, then over MAX_AMOUNT
  expect(read("0")).toBe("refused"); // "must be positive": landedQuestion words it
  expect(read("00")).toBe("refused");
  expect(read("abc")).toBe("refused");
});
