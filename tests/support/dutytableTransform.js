// Jest transform for *.dutytable: the module webpack builds for the add-in (scripts/dutytableLoader.js),
// the file's exact text and its SHA-256, so tests load the very bytes that ship.
const { dutytableModule } = require("../../scripts/dutytableLoader");

module.exports = {
  process(sourceText) {
    return { code: dutytableModule(sourceText, false) };
  },
};
