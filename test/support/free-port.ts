export { freePort } from '../../server/cli/free-port.ts';
