import fs from 'node:fs';
import { createPullThroughServer, listen, pullThroughConfigSchema } from './pull-through-server.ts';

// The pull-through process the worker host starts (host/pull-through-service.ts): `pull-through-main.ts
// <config.json>`. It runs until it is sent SIGTERM.
const file = process.argv[2];
if (!file) throw new Error('usage: pull-through-main.ts <config.json>');
const config = pullThroughConfigSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
const server = createPullThroughServer(config);
const port = await listen(server, config);
console.log(`[pull-through] ${config.kind}: ${config.upstream} on port ${port}, cache ${config.cacheDir}`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
