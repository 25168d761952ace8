import { variables } from './variables.ts';

/** The Markdown page documenting every variable; docs/configuration.md must equal this. */
export function renderConfigDocs(): string {
  const rows = Object.entries(variables).map(([name, spec]) => {
    const def = 'default' in spec && spec.default !== undefined ? `\`${spec.default}\`` : '(unset)';
    return `| \`${name}\` | ${def} | ${spec.description.replaceAll('|', '\\|')} |`;
  });
  return [
    '# Configuration',
    '',
    'Every SendOps process reads the same environment variables, validated at start-up by `@sendops/config`;',
    'an invalid value stops the process with a message naming every bad variable.',
    'This page is generated from `packages/config/src/variables.ts` (`npm run docs:config`); a test keeps them in sync.',
    '',
    '| Variable | Default | Meaning |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
