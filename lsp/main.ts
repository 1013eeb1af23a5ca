// Entry of the bundled server (the extension's out/server.cjs): `node server.cjs --stdio`.
import { startServer } from './server.ts';

startServer();
