// Env file names (RULES.md 6xx): `.env`, `.env.*`, `*.env`; templates carry example/sample/template/dist/defaults.
import { basename } from "./paths";

/** Reading of RULES.md "Env files" (`*.env`): the template of one, `server.env.template` for `server.env`. */
const TEMPLATE_OF_NAMED_ENV = /.\.env\.(?:example|sample|template|dist|defaults)$/i;

export function isEnvFileName(path: string): boolean {
  const name = basename(path);
  return name === ".env" || name.startsWith(".env.") || (name.endsWith(".env") && name.length > 4) || TEMPLATE_OF_NAMED_ENV.test(name);
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
