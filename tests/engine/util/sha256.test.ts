import { createHash } from "crypto";
import fc from "fast-check";
import { nodeSha256 } from "../../../src/cli/nodeSha256";
import { Sha256, nobleSha256, sha256Bytes, sha256Hex, useSha256 } from "../../../src/engine/util/sha256";

const reference = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex");

// The engine's default (@noble/hashes, for Excel's runtimes) and the one the CLI installs (node:crypto).
describe.each<[string, Sha256]>([
  ["@noble/hashes (the engine's default)", nobleSha256],
  ["node:crypto (installed by the CLI)", nodeSha256],
])("SHA-256 with %s", (_name, implementation) => {
  beforeAll(() => useSha256(implementation));
  afterAll(() => useSha256(nobleSha256));

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
  ])("agrees with the reference on %s", (_n, text) => {
    expect(sha256Hex(text)).toBe(reference(text));
  });

  // The message is padded to a multiple of 64 bytes with at least 9 bytes of padding, so these lengths
  // fall on either side of a block boundary.
  it.each([[55], [56], [57], [63], [64], [65], [119], [120], [127], [128]])("agrees with the reference on a %i-byte message", (length) => {
    const text = "x".repeat(length);
    expect(sha256Hex(text)).toBe(reference(text));
  });

  it("hashes text as UTF-8", () => {
    expect(sha256Hex("€")).toBe(sha256Bytes(new Uint8Array([0xe2, 0x82, 0xac])));
  });

  it("hashes bytes that are not valid UTF-8", () => {
    const bytes = new Uint8Array([0xff, 0x00, 0xfe, 0x80]);
    expect(sha256Bytes(bytes)).toBe(reference(bytes));
  });

  it("agrees with the reference on any Unicode text and any bytes", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        expect(sha256Hex(text)).toBe(reference(text));
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(sha256Bytes(bytes)).toBe(reference(bytes));
      }),
      { numRuns: 200 },
    );
  });
});

describe("useSha256", () => {
  afterEach(() => useSha256(nobleSha256));

  it("replaces the implementation the engine hashes with", () => {
    useSha256(() => "f".repeat(64));
    expect(sha256Hex("abc")).toBe("f".repeat(64));
  });
});
