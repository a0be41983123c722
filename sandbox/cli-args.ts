import { parseArgs } from 'node:util';
import { type SandboxOptions } from './options';

/** The sandbox CLI's --help text. */
export const cliUsage = `Usage: npm run sandbox -- [options]

Serves the partner API's reference implementation on 127.0.0.1 (docs/api.md).

  --port <n>              port to bind on 127.0.0.1 (default 0 = a random free port)
  --portfolios <n>        how many model portfolios (default 40)
  --seed <n>              data seed; the same seed serves the same bytes (default 1)
  --page-size <n>         portfolios per list page (default 50)
  --pagination <style>    next-link | link-header | cursor | none (default next-link)
  --no-list-holdings      list items without holdings (only GET /model-portfolios/{id} has them)
  --weights <style>       fraction | percent (default fraction)
  --no-imperfect          leave out the deliberately imperfect records
  --token-style <style>   doc | camel | rfc token field names (default doc; rfc with --mode rfc)
  --mode <mode>           doc (JSON body or RFC form) | rfc (RFC 6749 form only) (default doc)
  --ttl <seconds>         access token lifetime (default 86400)
  --faults                enable fault injection and the /__admin/* routes
  --revisions <n>         publish n model revisions at start, models picked by the seed (default 0)
  --revise-every <s>      publish the next revision of one model every s seconds (default 0 = never)
  --tls                   serve HTTPS with a certificate made at start; prints the CA to trust
  --client-id <id>        client id to accept (default: generated)
  --client-secret <s>     client secret to accept (default: generated)
  --help                  show this text
`;

/** A command line that cannot be run, with the reason to print. */
export class CliUsageError extends Error {}

/** What the command line asks for: the help text, or a sandbox with these options. */
export type CliRequest = { help: true } | { help: false; options: SandboxOptions };

/** Turns the sandbox CLI's arguments into sandbox options (throws CliUsageError on anything it does not understand). */
export function parseCliArgs(argv: readonly string[]): CliRequest {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        portfolios: { type: 'string' },
        seed: { type: 'string' },
        'page-size': { type: 'string' },
        pagination: { type: 'string' },
        'no-list-holdings': { type: 'boolean' },
        weights: { type: 'string' },
        'no-imperfect': { type: 'boolean' },
        'token-style': { type: 'string' },
        mode: { type: 'string' },
        ttl: { type: 'string' },
        faults: { type: 'boolean' },
        revisions: { type: 'string' },
        'revise-every': { type: 'string' },
        tls: { type: 'boolean' },
        'client-id': { type: 'string' },
        'client-secret': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { help: true };

  const options: SandboxOptions = {};
  if (values.port !== undefined) options.port = integer('--port', values.port);
  if (values.portfolios !== undefined) options.portfolios = integer('--portfolios', values.portfolios);
  if (values.seed !== undefined) options.seed = integer('--seed', values.seed);
  if (values['page-size'] !== undefined) options.pageSize = integer('--page-size', values['page-size']);
  if (values.pagination !== undefined) {
    options.pagination = oneOf('--pagination', values.pagination, [
      'next-link',
      'link-header',
      'cursor',
      'none',
    ] as const);
  }
  if (values['no-list-holdings']) options.listHoldings = false;
  if (values.weights !== undefined)
    options.weights = oneOf('--weights', values.weights, ['fraction', 'percent'] as const);
  if (values['no-imperfect']) options.imperfect = false;
  if (values['token-style'] !== undefined) {
    options.tokenStyle = oneOf('--token-style', values['token-style'], ['doc', 'camel', 'rfc'] as const);
  }
  if (values.mode !== undefined) options.mode = oneOf('--mode', values.mode, ['doc', 'rfc'] as const);
  if (values.ttl !== undefined) options.tokenTtlSeconds = integer('--ttl', values.ttl);
  if (values.faults) options.faults = true;
  if (values.revisions !== undefined) options.revisions = integer('--revisions', values.revisions);
  if (values['revise-every'] !== undefined) {
    options.revisionIntervalMs = integer('--revise-every', values['revise-every']) * 1000;
  }
  if (values.tls) options.tls = true;
  const clientId = values['client-id'];
  const clientSecret = values['client-secret'];
  if ((clientId === undefined) !== (clientSecret === undefined)) {
    throw new CliUsageError('--client-id and --client-secret go together');
  }
  if (clientId !== undefined && clientSecret !== undefined) options.credentials = { clientId, clientSecret };
  return { help: false, options };
}

function integer(flag: string, value: string): number {
  if (!/^-?\d+$/.test(value)) throw new CliUsageError(`${flag} needs a whole number, got "${value}"`);
  return Number(value);
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((a) => a === value);
  if (!found) throw new CliUsageError(`${flag} must be one of ${allowed.join(', ')}, got "${value}"`);
  return found;
}
