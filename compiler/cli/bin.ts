// Entry point of the bundled CLI (dist/quorate.cjs).
import { main } from './main.ts';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
