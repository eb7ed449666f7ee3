import { createHash } from "crypto";
import fc from "fast-check";
import { sha256Bytes, sha256Hex } from "../../../src/engine/util/sha256";

const nodeSha256 = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex");

describe("sha256Hex", () => {
  // FIPS 180-4 / NIST example vectors.
  it.each([
    ["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    ["abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"],
  ])("hashes the standard vector %j to %s", (text, hex) => {
    expect(sha256Hex(text)).toBe(hex);
  });

  it.each([
    ["the empty string", ""],
    ["abc", "abc"],
    ["multi-byte unicode", "€, 中文, 🎉"],
    ["a combining accent", "Côte d’Ivoire"],
    ["a 1 MB string", "0123456789abcdef".repeat(65536)],
  ])("agrees with node:crypto on %s", (_name, text) => {
    expect(sha256Hex(text)).toBe(nodeSha256(text));
  });

  // The message is padded to a multiple of 64 bytes with at least 9 bytes of padding, so these lengths
  // fall on either side of a block boundary.
  it.each([[55], [56], [57], [63], [64], [65], [119], [120], [127], [128]])(
    "agrees with node:crypto on a %i-byte message",
    (length) => {
      const text = "x".repeat(length);
      expect(sha256Hex(text)).toBe(nodeSha256(text));
    },
  );

  it("hashes text as UTF-8", () => {
    expect(sha256Hex("€")).toBe(sha256Bytes(new Uint8Array([0xe2, 0x82, 0xac])));
  });

  it("agrees with node:crypto on any Unicode text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        expect(sha256Hex(text)).toBe(nodeSha256(text));
      }),
      { numRuns: 200 },
    );
  });
});

describe("sha256Bytes", () => {
  it("hashes bytes that are not valid UTF-8", () => {
    const bytes = new Uint8Array([0xff, 0x00, 0xfe, 0x80]);
    expect(sha256Bytes(bytes)).toBe(nodeSha256(bytes));
  });

  it("agrees with node:crypto on any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(sha256Bytes(bytes)).toBe(nodeSha256(bytes));
      }),
      { numRuns: 200 },
    );
  });
});
