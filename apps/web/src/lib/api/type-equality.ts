// Compile-time checks that a run-time constant kept in the web still matches the backend's (drift fails tsc).

/** True only when A and B are the same type (mutual assignability would let `readonly`/literal drift through). */
export type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Fails to compile unless its argument is `true`. */
export type Assert<T extends true> = T;
