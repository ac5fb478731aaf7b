// Loads a CommonJS bundle with V8's code cache written beside it at build time, so a run of the CLI does not
// compile half a megabyte of JavaScript again. V8 itself checks only the source's length, so the cache carries
// the SHA-256 of the source it was made from and is used only for exactly that source; otherwise (another Node
// version, other V8 flags, no cache) the bundle is compiled as usual.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { Script } from "node:vm";
import Module from "node:module";

const HASH_BYTES = 32;

export interface LoadedBundle {
  exports: Record<string, unknown>;
  /** Writes the code cache of everything compiled so far (at build time, after a representative run). */
  writeCache(): void;
}

function cachedDataFor(cachePath: string, hash: Buffer): Buffer | undefined {
  try {
    const cache = readFileSync(cachePath);
    return cache.subarray(0, HASH_BYTES).equals(hash) ? cache.subarray(HASH_BYTES) : undefined;
  } catch {
    return undefined;
  }
}

export function loadBundle(bundlePath: string, cachePath: string): LoadedBundle {
  const source = readFileSync(bundlePath, "utf8");
  const hash = createHash("sha256").update(source).digest();
  const script = new Script(Module.wrap(source), { filename: bundlePath, cachedData: cachedDataFor(cachePath, hash) });
  const module = { exports: {} as Record<string, unknown>, filename: bundlePath, id: bundlePath, loaded: false };
  const bundleRequire = Module.createRequire(bundlePath);
  script.runInThisContext()(module.exports, bundleRequire, module, bundlePath, dirname(bundlePath));
  module.loaded = true;
  return {
    exports: module.exports,
    writeCache: () => writeFileSync(cachePath, Buffer.concat([hash, script.createCachedData()])),
  };
}
