// One implementation for the console and the hub, so hashes made on either verify on both.
export { DUMMY_HASH, hashPassword, verifyPassword } from '../../../shared/node/password';
