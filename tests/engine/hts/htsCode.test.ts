import { formatHts, parseHtsCode } from "../../../src/engine/hts";

/** The digits of a code that parses, or the reason it does not. */
function digitsOf(input: string | number): string {
  const r = parseHtsCode(input);
  return r.ok ? r.digits : `refused: ${r.reason}`;
}

function reasonFor(input: string | number): string {
  const r = parseHtsCode(input);
  if (r.ok) throw new Error(`expected ${JSON.stringify(input)} to be refused, got ${r.digits}`);
  return r.reason;
}

describe("parseHtsCode", () => {
  describe("text as users type it", () => {
    it.each([
      ["8471.30.01", "84713001"],
      ["84713001", "84713001"],
      ["8471.30.01.00", "8471300100"],
      ["0901.21.00.20", "0901210020"],
      ["8471", "8471"],
      ["8471.30", "847130"],
      ["09", "09"],
      ["99", "99"],
    ])("reads %j as %s", (input, digits) => {
      expect(digitsOf(input)).toBe(digits);
    });

    it.each([
      [" 8471.30.01 ", "84713001"],
      ["8471 30 01", "84713001"],
      ["8471 30 01 00", "8471300100"],
      ["8471.30 01", "84713001"],
    ])("treats spaces like dots and ignores them around the code: %j is %s", (input, digits) => {
      expect(digitsOf(input)).toBe(digits);
    });

    it("accepts the statistical suffix written as a run of four after the subheading (8471.30.0100)", () => {
      expect(digitsOf("8471.30.0100")).toBe("8471300100");
    });
  });

  describe("text that Excel or a CSV export stripped of zeros", () => {
    it.each([
      ["901210020", "0901210020", "the chapter's leading zero"],
      ["9012100", "09012100", "the chapter's leading zero"],
      ["9", "09", "the chapter's leading zero"],
      ["901.21", "090121", "the heading's leading zero"],
      ["901.21.00.20", "0901210020", "the heading's leading zero"],
      ["1.01", "0101", "the chapter's leading zero before a dot"],
      ["8471.3", "847130", "the trailing zero of the last pair"],
    ])("restores %j as %s (%s)", (input, digits) => {
      expect(digitsOf(input)).toBe(digits);
    });
  });

  describe("numbers, as Excel stores a code typed into a cell", () => {
    it.each([
      [901210020, "0901210020", "0901210020 lost its leading zero"],
      [8471.3, "847130", "8471.30 lost its trailing zero"],
      [901.21, "090121", "0901.21 lost its leading zero"],
      [9503, "9503", "a heading"],
      [9, "09", "chapter 09"],
      [84713001, "84713001", "a tariff line"],
      [8471300100, "8471300100", "a full ten-digit code"],
      [8471.3001, "84713001", "8471.3001 typed with one dot"],
    ])("reads %d as %s (%s)", (input, digits) => {
      expect(digitsOf(input)).toBe(digits);
    });
  });

  describe("what is not an HTS code", () => {
    it("says so when the code is empty", () => {
      expect(reasonFor("")).toBe("the HTS code is empty");
      expect(reasonFor("   ")).toBe("the HTS code is empty");
    });

    it.each([["abc"], ["84-71"], ["8471/30"], ["8471.30.01a"], ["HTS 8471"]])(
      "refuses %j, which has characters other than digits, dots and spaces, and shows the accepted form",
      (input) => {
        const reason = reasonFor(input);
        expect(reason).toContain(`"${input}" is not an HTS code`);
        expect(reason).toContain("8471.30.01");
      },
    );

    // After the heading, groups are pairs; only the last may be a run of four (the suffix) or a single digit
    // (a lost trailing zero). "8471.3000.01" puts a run of four in the middle, which no one writes on purpose.
    it.each([["8471.3000.01"], ["8471.3.01"], ["84711.30"], ["8471.301"], ["8471.30.1.00"]])(
      "refuses %j, whose dots do not group the digits as the HTS does",
      (input) => {
        expect(reasonFor(input)).toBe(`"${input}" is not an HTS code: expected the form 8471.30.01.00`);
      },
    );

    it.each([
      ["12345678901", 11],
      ["847130010000", 12],
      ["8471.30.01.00.00", 12],
      ["8471.30.01.00.1000", 14],
    ])("refuses %j, which has %i digits: an HTS code has 2 to 10", (input, n) => {
      expect(reasonFor(input)).toBe(`"${input}" has ${n} digits; an HTS code has 2 to 10`);
    });

    it("refuses a number with 11 digits, counting the digits the user typed", () => {
      // 12345678901 has 11 digits; the reason must not count the chapter zero the parser adds.
      expect(reasonFor(12345678901)).toBe('"12345678901" has 11 digits; an HTS code has 2 to 10');
    });

    it.each([["00"], ["0"], ["0000"], ["00.01"]])("refuses %j: there is no chapter 00", (input) => {
      expect(reasonFor(input)).toBe(`"${input}" is not an HTS code: there is no chapter 00`);
    });

    it.each([[0], [-8471], [-0.5], [NaN], [Infinity], [-Infinity]])("refuses the number %d", (input) => {
      expect(reasonFor(input)).toBe(`${input} is not an HTS code`);
    });

    it("refuses a number too large to be written without an exponent", () => {
      expect(reasonFor(1e21)).toBe("1e+21 is too large to be an HTS code");
    });

    it("refuses a number too small to be written without an exponent, without calling it too large", () => {
      const reason = reasonFor(1e-7);
      expect(reason).toContain("is not an HTS code");
      expect(reason).not.toContain("too large");
    });

    it("refuses a number whose fraction has more digits than the code has after the heading", () => {
      expect(reasonFor(8471.3001001)).toBe('"8471.3001001" is not an HTS code: expected the form 8471.30.01.00');
    });
  });

  it("never returns digits of a length other than 2, 4, 6, 8 or 10", () => {
    for (const input of ["1", "123", "12345", "1234567", "123456789", 1, 123, 12345, 1234567, 123456789]) {
      const r = parseHtsCode(input);
      expect(r.ok && [2, 4, 6, 8, 10].includes(r.digits.length)).toBe(true);
    }
  });
});

describe("formatHts", () => {
  it.each([
    ["0901210020", "0901.21.00.20"],
    ["84713001", "8471.30.01"],
    ["847130", "8471.30"],
    ["8471", "8471"],
    ["09", "09"],
  ])("writes %s as %s: the heading, then pairs separated by dots", (digits, text) => {
    expect(formatHts(digits)).toBe(text);
  });

  it.each([["0901.21.00.20"], ["8471.30.01"], ["8471.30"], ["8471"], ["09"]])(
    "writes what parseHtsCode reads: %s is formatted back unchanged",
    (text) => {
      const r = parseHtsCode(text);
      expect(r.ok && formatHts(r.digits)).toBe(text);
    },
  );
});
