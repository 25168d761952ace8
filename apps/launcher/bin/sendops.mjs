#!/usr/bin/env node
// The `sendops` operator command. TypeScript sources run through tsx, so there is no build step.
const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  console.error(
    `sendops needs Node.js 22 or newer (this is ${process.version}); run it through \`npm run sendops -- ...\`.`,
  );
  process.exit(1);
}
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../src/cli.ts');
await main(process.argv);
