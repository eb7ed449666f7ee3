import { Outcome, invalid, ok } from "../lookup/outcome";
import { clip } from "../util/clip";

/** How the goods arrive. Only `ocean` changes a US charge (HMF); `postal` is noted in the detail. */
export type TransportMode = "ocean" | "air" | "truck" | "rail" | "postal";

export const TRANSPORT_MODES: readonly TransportMode[] = ["ocean", "air", "truck", "rail", "postal"];

const ALIASES: Readonly<Record<string, TransportMode>> = {
  ocean: "ocean",
  sea: "ocean",
  vessel: "ocean",
  ship: "ocean",
  air: "air",
  plane: "air",
  courier: "air",
  express: "air",
  truck: "truck",
  road: "truck",
  rail: "rail",
  train: "rail",
  postal: "postal",
  post: "postal",
  mail: "postal",
};

export function parseTransportMode(text: string): Outcome<TransportMode> {
  // Own keys only: "constructor" or "toString" is not a mode.
  const key = Object.prototype.hasOwnProperty.call(ALIASES, text) ? text : text.trim().toLowerCase();
  const mode = Object.prototype.hasOwnProperty.call(ALIASES, key) ? ALIASES[key] : undefined;
  return mode ? ok(mode) : invalid(`mode "${clip(text, 20)}" is not a transport mode: use ${TRANSPORT_MODES.join(", ")}`);
}
