/** Failures the person can fix; reported on stderr with exit code 2 and nothing on stdout. */
export class InputError extends Error {}
