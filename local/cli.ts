import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * The command line of a local tool (`npm run token`, `rollup`, `seed`, `start`, `soak`, `bench`): `--help`
 * prints its usage and exits 0; an unknown option or a bad value prints one line and the usage's
 * first line, and exits 2 — never a stack trace.
 */
export function commandLine<T extends ParseArgsConfig>(name: string, usage: string, config: T): ReturnType<typeof parseArgs<T>> {
  const args = config.args ?? process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    process.exit(0);
  }
  try {
    return parseArgs(config);
  } catch (error) {
    return usageError(name, usage, (error as Error).message.split('\n')[0]);
  }
}

/** A bad value given on the command line: one line saying what, the usage's first line, exit 2. */
export function usageError(name: string, usage: string, message: string): never {
  console.error(`${name}: ${message}\n${usage.split('\n')[0]}   (--help for more)`);
  process.exit(2);
}
