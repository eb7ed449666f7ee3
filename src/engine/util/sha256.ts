import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex } from "@noble/hashes/utils";

/**
 * SHA-256 over UTF-8 text or bytes, synchronous.
 *
 * The engine runs in Node, in Excel's browser runtime and in Excel's JavaScript-only runtime; only the
 * first has node:crypto, and Web Crypto is asynchronous, while loading a rate table must verify its hash
 * synchronously. So the engine hashes with @noble/hashes (pure JavaScript, audited, no imports), and a host
 * that has a faster synchronous SHA-256 installs it with useSha256: the CLI installs node:crypto, 8x
 * faster on a release (see "Libraries" in the README). Tests check every implementation against NIST's
 * vectors and against node:crypto.
 */
export type Sha256 = (bytes: Uint8Array) => string;

/** @noble/hashes' SHA-256, as lowercase hex. */
export const nobleSha256: Sha256 = (bytes) => bytesToHex(sha256(bytes));

let implementation: Sha256 = nobleSha256;

/** Replaces the implementation for this process (a host's native SHA-256); it must give the same hex digests. */
export function useSha256(hasher: Sha256): void {
  implementation = hasher;
}

export function sha256Hex(text: string): string {
  return implementation(new TextEncoder().encode(text));
}

export function sha256Bytes(message: Uint8Array): string {
  return implementation(message);
}
