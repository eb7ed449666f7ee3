// webpack loader for *.dutytable: the release's exact text, and the SHA-256 of its UTF-8 bytes computed
// here, at build time, so the add-in does not hash the embedded release before its first answer. The
// engine trusts the hash only for what it is (src/engine/table/loadTable.ts): a hash of a published release
// skips the checks that release passed when it was cut; any other hash means a full validation. The same
// module shape is given to jest by tests/support/dutytableTransform.js.
"use strict";

const { createHash } = require("node:crypto");

/** The module text for a release: `export default <text>; export const sha256 = <hex>;`. */
function dutytableModule(text, esm) {
  // The bytes the engine would hash (TextEncoder over the text), not the file's bytes: equal for UTF-8.
  const sha256 = createHash("sha256").update(Buffer.from(text, "utf8")).digest("hex");
  return esm
    ? `export default ${JSON.stringify(text)};\nexport const sha256 = ${JSON.stringify(sha256)};\n`
    : `module.exports = { __esModule: true, default: ${JSON.stringify(text)}, sha256: ${JSON.stringify(sha256)} };\n`;
}

module.exports = function dutytableLoader(source) {
  return dutytableModule(String(source), true);
};
module.exports.dutytableModule = dutytableModule;
