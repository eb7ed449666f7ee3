import { textMemo } from "../../../src/engine/util/textMemo";

/** textMemo: a pure function of short text, each text read once, with a bounded memory. */

test("each short text is read once; the answer is the function's", () => {
  const reads: string[] = [];
  const upper = textMemo((t) => {
    reads.push(t);
    return { text: t.toUpperCase() };
  });
  expect(upper("ab")).toEqual({ text: "AB" });
  expect(upper("ab")).toBe(upper("ab"));
  expect(upper("cd").text).toBe("CD");
  expect(reads).toEqual(["ab", "cd"]);
});

test("past `max` texts the memory starts over, and answers stay the same", () => {
  let reads = 0;
  const len = textMemo((t) => {
    reads++;
    return t.length;
  }, 3);
  const texts = ["a", "bb", "ccc", "dddd", "a", "bb"];
  expect(texts.map(len)).toEqual([1, 2, 3, 4, 1, 2]);
  // "dddd" started it over, so "a" and "bb" were read again: the memory never holds more than 3.
  expect(reads).toBe(6);
});

test("a text longer than `longest` is answered but not kept (pasted or hostile input)", () => {
  let reads = 0;
  const f = textMemo(
    (t) => {
      reads++;
      return t.length;
    },
    10,
    4,
  );
  f("long text");
  f("long text");
  f("ok");
  f("ok");
  expect(reads).toBe(3);
});
