/**
 * The shell of the command-line tools (npm run token, report, seed, db:*): `main` runs once; a
 * failure is a usage or data error the user can act on, so it prints its message, not a stack,
 * and the process exits 1.
 */
export function runCommand(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
