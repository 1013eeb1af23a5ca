// Entry point of the bundled CLI (dist/quorate.cjs).
import { main } from './main.ts';

process.exitCode = main(process.argv.slice(2));
