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
export type Sha256 = (message: string | Uint8Array) => string;

/** @noble/hashes' SHA-256, as lowercase hex (text is hashed as its UTF-8 bytes). */
export const nobleSha256: Sha256 = (message) => bytesToHex(sha256(message));

let implementation: Sha256 = nobleSha256;

/** Replaces the implementation for this process (a host's native SHA-256); it must give the same hex digests. */
export function useSha256(hasher: Sha256): void {
  implementation = hasher;
}

/**
 * The digest of `text`'s UTF-8 bytes. The text is handed to the implementation as it is: node:crypto encodes
 * it natively, without the 1.5 MB TextEncoder copy of a release, which was 3.6 % of the samples in a CPU
 * profile of repeated `loadTable` calls.
 */
export function sha256Hex(text: string): string {
  return implementation(text);
}

export function sha256Bytes(message: Uint8Array): string {
  return implementation(message);
}
