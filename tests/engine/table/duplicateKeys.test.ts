import { findDuplicateKey } from "../../../src/engine/table/duplicateKeys";

/**
 * JSON.parse keeps the last of two equal keys without a word. findDuplicateKey finds the first key that
 * occurs twice in one object, anywhere in the document, and names it by its JSON path.
 */
describe("findDuplicateKey", () => {
  it.each([
    ['{"a":1,"a":2}', "$.a"],
    ['{"rate":{"add":"10","add":"25"}}', "$.rate.add"],
    ['{"measures":[{"id":"x"},{"id":"y","to":"2025-01-01","to":"2026-01-01"}]}', "$.measures[1].to"],
    ['{"m":[[1,2],[3,{"k":1,"k":2}]]}', "$.m[1][1].k"],
    ['{"a":{},"b":{"c":[],"c":{}}}', "$.b.c"],
    ['{"two words":{"x":1,"x":1}}', '$["two words"].x'],
  ])("%s repeats %s", (text, path) => {
    expect(findDuplicateKey(text)?.path).toBe(path);
  });

  it("compares keys as JSON reads them: an escaped key equals its plain spelling", () => {
    expect(findDuplicateKey('{"add":"10","\\u0061dd":"25"}')).toEqual({ path: "$.add", key: "add" });
    expect(findDuplicateKey('{"a\\"b":1,"a\\u0022b":2}')?.key).toBe('a"b');
  });

  it.each([
    ['{"a":1,"b":2}'],
    ['{"x":{"a":1},"y":{"a":1}}'], // the same key in two objects is fine
    ['[{"a":1},{"a":2}]'],
    ['{"list":["a","a","a"]}'], // equal strings in an array are values, not keys
    ['{"a":"\\"b\\":1,\\"b\\":2","b":"{\\"c\\":1,\\"c\\":1}"}'], // keys inside string values are text
    ['{"a":"ends with a backslash \\\\","a2":1}'],
    ['"just a string"'],
    ["42"],
  ])("%s has none", (text) => {
    expect(findDuplicateKey(text)).toBeNull();
  });
});
