export { freePort } from '../../sandbox-agent/src/host/index.ts';
