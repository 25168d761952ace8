export { buildProgram, main } from './cli.ts';
