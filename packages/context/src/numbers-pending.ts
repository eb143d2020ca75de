/**
 * An object literal whose number fields are written after it: null in the
 * literal, then assigned. V8 lays a literal's computed fields out for small
 * integers, and the first fraction written into one re-creates the hidden
 * classes of that field and of every field after it. In a fresh process (the
 * first plan) that is a few microseconds per class; from null a number is
 * taken in place. The key order stays the literal's.
 */
export type NumbersPending<T> = { -readonly [K in keyof T]: T[K] extends number ? T[K] | null : T[K] };
