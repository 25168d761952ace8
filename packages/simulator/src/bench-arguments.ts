/**
 * The positional counts of a benchmark script (`npm run bench:x -- 10000000 5`), in the order of
 * `defaults`: each a positive integer, its default when left out. `--help` prints `usage` and exits 0;
 * anything else exits 2 with the reason, before a store is created for a wrong size.
 */
export function benchCounts<const Name extends string>(
  argv: readonly string[],
  usage: string,
  defaults: Record<Name, number>,
): Record<Name, number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage);
    process.exit(0);
  }
  const names = Object.keys(defaults) as Name[];
  const counts = { ...defaults };
  const problems: string[] = [];
  if (argv.length > names.length) problems.push(`at most ${names.length} arguments (${names.join(', ')})`);
  names.forEach((name, i) => {
    const raw = argv[i];
    if (raw === undefined) return;
    const value = Number(raw.replaceAll('_', ''));
    if (Number.isSafeInteger(value) && value > 0) counts[name] = value;
    else problems.push(`${name} must be a positive integer, got "${raw}"`);
  });
  if (problems.length > 0) {
    console.error(`${problems.join('; ')}\n${usage}`);
    process.exit(2);
  }
  return counts;
}
