// The command line's flags, the server's and the store's each also read from an XMTP_SUBSCRIBE_*
// environment variable (--rate-limit from XMTP_SUBSCRIBE_RATE_LIMIT), so a deployment can keep a
// database password out of the process list. A flag on the command line wins over its variable; a
// repeatable flag's variable is a comma-separated list; a switch's is 1/0, true/false, yes/no or
// on/off; an empty variable is unset.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-store.js';

/** Flags as `parseArgs` takes them. */
export type FlagOptions = NonNullable<ParseArgsConfig['options']>;

/** What `readFlags` found: the values as `parseArgs` types them, and where each came from. */
export interface Flags<Options extends FlagOptions> {
  values: ReturnType<typeof parseArgs<{ args: string[]; options: Options; strict: true }>>['values'];
  /** `--port`, or `XMTP_SUBSCRIBE_PORT` when the value came from there: for messages. */
  source(name: keyof Options & string): string;
}

export const ENVIRONMENT_PREFIX = 'XMTP_SUBSCRIBE_';
const SWITCH_VALUES: Record<string, boolean> = {
  ...{ 1: true, true: true, yes: true, on: true },
  ...{ 0: false, false: false, no: false, off: false },
};

/** The environment variable that stands for `--flag`. */
export function environmentName(flag: string): string {
  return `${ENVIRONMENT_PREFIX}${flag.toUpperCase().replaceAll('-', '_')}`;
}

/** The values of `options` from `args`, then (for the flags in `fromEnvironment`) from the environment, then their defaults. */
export function readFlags<const Options extends FlagOptions>(
  args: string[],
  options: Options,
  fromEnvironment: readonly (keyof Options & string)[],
  environment: NodeJS.ProcessEnv = process.env,
): Flags<Options> {
  // Defaults are applied last, or a flag missing from the command line would never be read from the environment.
  const withoutDefaults = Object.fromEntries(
    Object.entries(options).map(([name, { default: _, ...option }]) => [name, option]),
  );
  const parsed = parseArgs({ args, options: withoutDefaults, strict: true }).values as Record<string, unknown>;
  const foundInEnvironment = new Set<string>();
  for (const [name, option] of Object.entries(options)) {
    const text = environment[environmentName(name)];
    if (parsed[name] === undefined && fromEnvironment.includes(name) && text) {
      const variable = environmentName(name);
      parsed[name] = option.type === 'boolean' ? switchValue(text, variable) : option.multiple ? list(text) : text;
      foundInEnvironment.add(name);
    }
    parsed[name] ??= option.default;
  }
  const values = parsed as Flags<Options>['values'];
  const source = (name: keyof Options & string) => (foundInEnvironment.has(name) ? environmentName(name) : `--${name}`);
  return { values, source };
}

function switchValue(text: string, variable: string): boolean {
  const value = SWITCH_VALUES[text.trim().toLowerCase()];
  if (value === undefined) throw new UsageError(`${variable} must be 1 or 0 (true/false, yes/no, on/off), got '${text}'`);
  return value;
}

function list(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
