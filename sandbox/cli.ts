import { cliBanner } from './cli-banner';
import { CliUsageError, cliUsage, parseCliArgs } from './cli-args';
import { startSandbox } from './server';

/** Runs the sandbox from the command line until SIGINT/SIGTERM; resolves to the exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  let request;
  try {
    request = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    process.stderr.write(`error: ${error.message}\n\n${cliUsage}`);
    return 2;
  }
  if (request.help) {
    process.stdout.write(cliUsage);
    return 0;
  }
  let sandbox;
  try {
    sandbox = await startSandbox(request.options);
  } catch (error) {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  process.stdout.write(cliBanner(sandbox));
  const running = sandbox;
  await new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      process.stdout.write(`\n${signal}: stopping the sandbox\n`);
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  await running.close();
  return 0;
}

process.exitCode = await runCli(process.argv.slice(2));
