// Env file names (RULES.md 6xx): `.env`, `.env.*`, `*.env`; templates carry example/sample/template/dist/defaults.
import { basename } from "./paths";

export function isEnvFileName(path: string): boolean {
  const name = basename(path);
  return name === ".env" || name.startsWith(".env.") || (name.endsWith(".env") && name.length > 4);
}

const TEMPLATE_WORDS = ["example", "sample", "template", "dist", "defaults"];

export function isTemplateEnvFile(path: string): boolean {
  const name = basename(path).toLowerCase();
  return TEMPLATE_WORDS.some((word) => name.includes(word));
}

/** An env file that holds real values (not a template): never written while git tracks it, created 0600. */
export function isRuntimeEnvFile(path: string): boolean {
  return isEnvFileName(path) && !isTemplateEnvFile(path);
}
