/** A rate table release file, imported as its exact text (scripts/dutytableLoader.js) so its hash can be checked. */
declare module "*.dutytable" {
  const text: string;
  export default text;
  /** The SHA-256 of the text's UTF-8 bytes, computed when the add-in was built. */
  export const sha256: string;
}
