export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** An error the CLI reports in one line on stderr, with its exit status (SPEC §6). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_FAILURE,
  ) {
    super(message);
  }
}

export const usageError = (message: string): CliError => new CliError(message, EXIT_USAGE);
