export function authSuite(_f: unknown) {}
