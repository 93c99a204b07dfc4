// One implementation for the hub and the console, so hashes made on either verify on both.
export { DUMMY_HASH, HASH_FORMAT, hashPassword, verifyPassword } from '../shared/node/password';
