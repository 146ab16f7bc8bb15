/** A problem the user can fix (a missing file, bad JSON, an invalid pack): printed as one clear line, no stack trace. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
    this.name = "CliError";
  }
}
