// Jest transform for *.dutytable: the module's value is the file's exact text, as webpack's asset/source
// gives the add-in, so tests load the very bytes that ship.
module.exports = {
  process(sourceText) {
    return { code: `module.exports = ${JSON.stringify(sourceText)};` };
  },
};
