// Random-looking token bodies built at run time, so no test file holds a string a secret scanner would flag.

export const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
export const LOWER = "abcdefghijklmnopqrstuvwxyz";
export const DIGITS = "0123456789";
export const ALNUM = UPPER + LOWER + DIGITS;
export const HEX = "0123456789abcdef";
export const BASE32 = UPPER + "234567";
export const BASE64 = ALNUM + "+/";
export const WORD = ALNUM + "_-";

/** A deterministic pseudo-random string of `length` characters drawn from `charset`. */
export function fake(charset: string, length: number, seed = 7): string {
  let state = seed;
  let out = "";
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out += charset[state % charset.length];
  }
  return out;
}
