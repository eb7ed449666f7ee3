/** A rate table release file, imported as its exact text (webpack asset/source) so its hash can be checked. */
declare module "*.dutytable" {
  const text: string;
  export default text;
}
