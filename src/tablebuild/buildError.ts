/** A source row or input the build refuses; the message names the file or row. */
export class BuildError extends Error {}
