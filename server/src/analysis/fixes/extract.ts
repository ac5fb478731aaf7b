// Extract-to-env fixes (DESIGN.md "nothing lost" contract): the literal becomes a lookup in the project's idiom,
// its value goes to `.env` (quoted so every loader reads back exactly the string), the template env file gets
// `NAME=`, .gitignore gets `.env` when git would not ignore it, and `import os` is added where needed.
import { normalizePackageName } from "../project/dependencies";
import { projectDependencies } from "../rules/projectFacts";
import { rangeOfSpecifiers } from "../project/djangoVersion";
import type { Fix, Range } from "../types";
import type { SettingsModuleInfo } from "../project/model";
import type { PythonModule } from "../python/module";
import type { RuleContext } from "../rules/rule";
import { detectIdiom, osIdiom, type Idiom } from "./idiom";
import { settingsModuleEdit } from "./imports";
import { isStrictWithoutDefault, quoteName, renderLookup, renderStrictLookup } from "./lookup";
import { renderTyped } from "./typed";
import { baseEnvName } from "./naming";
import { planEnvWrite, type EnvWrite } from "./envWrite";
import { formatMultilineEnvironValue } from "./loaders";
import { dropDefaultFix } from "./dropDefault";
import { loaderEditsWhenUnloaded, withoutDuplicateOsImport } from "./dotenvLoader";
import { sameRange } from "../ranges";
import { textIn } from "./textPositions";

export interface ExtractRequest {
  context: RuleContext;
  /** The settings module holding the literal. */
  module: SettingsModuleInfo;
  /** The literal expression to replace, and its evaluated value. */
  literal: { range: Range; value: string };
  /** The module-level setting the literal belongs to (`DATABASES`, `SECRET_KEY`). */
  setting: string;
  /** Dict keys from the setting down to the literal ([] for a module-level setting; ["default","PASSWORD"]). */
  keys: string[];
  /** Secrets get no default in the lookup; other values keep the literal as the default. */
  secret: boolean;
}

/** `DATABASES["default"]["PASSWORD"]`, for titles. */
function settingPath(setting: string, keys: readonly string[]): string {
  return setting + keys.map((key) => `[${JSON.stringify(key)}]`).join("");
}

/** The quote character the literal is written with, so the new code reads like the old. */
function quoteOf(source: string): "'" | '"' {
  return /^[\s(]*[A-Za-z]*'/.test(source) ? "'" : '"';
}

type LiteralKind = "text" | "integer" | "unsupported";

/** An env variable holds text: text moves as is, an integer moves parsed with int(), anything else (bytes) stays. */
function literalKind(python: PythonModule, range: Range, source: string): LiteralKind {
  const literal = python.strings.find((s) => sameRange(s.range, range));
  if (literal) return literal.bytes ? "unsupported" : "text";
  if (/^[0-9]+$/.test(source)) return "integer";
  return /^[\s(]*[rRuUfF]{0,2}['"]/.test(source) ? "text" : "unsupported";
}

/** The lookup replacing the literal; a secret keeps no default (an integer secret becomes a required int). */
function renderedLookup(kind: LiteralKind, idiom: Idiom, name: string, request: ExtractRequest, source: string): string {
  const quote = quoteOf(source);
  if (kind === "integer") return renderTyped(idiom, quoteName(name, quote), { type: "int", value: request.secret ? undefined : Number(source) });
  return renderLookup(idiom, name, request.secret ? { quote } : { quote, defaultSource: source });
}

function moveFix(request: ExtractRequest, idiom: Idiom, write: EnvWrite, lookup: string, title: string, preferred: boolean): Fix {
  const python = request.module.python;
  const replace = { range: request.literal.range, newText: lookup };
  // Where nothing loads `.env`, the loader comes in the same edit: the moved value must reach the settings.
  const loader = loaderEditsWhenUnloaded(request.context, request.module);
  const settingsEdits = withoutDuplicateOsImport([settingsModuleEdit(python, idiom, [replace])], loader);
  return { title, safe: preferred, preferred, edits: [...settingsEdits, ...write.edits, ...loader] };
}

/** A multi-line text (a PEM key) under django-environ: `.env` gets one escaped line, read with `multiline=True`. */
function multilineEnvironFix(request: ExtractRequest, idiom: Idiom, source: string, value: string): Fix[] {
  if (idiom.kind !== "environ" || !declaresMultilineEnviron(request.context)) return [];
  const target = { project: request.context.project, access: request.context.access, idiom };
  const write = planEnvWrite(target, baseEnvName(request.setting, request.keys), value, undefined, formatMultilineEnvironValue);
  if (!write) return [];
  const quote = quoteOf(source);
  const fallback = request.secret ? "" : `, default=${source}`;
  const lookup = `${idiom.callee}.str(${quoteName(write.name, quote)}${fallback}, multiline=True)`;
  const where = settingPath(request.setting, request.keys);
  return [moveFix(request, idiom, write, lookup, `Move ${where} to environment variable ${write.name} (multi-line)`, true)];
}

/** `multiline=` came with django-environ 0.10: older releases raise a TypeError at start-up, so the project must declare a newer one. */
function declaresMultilineEnviron(context: RuleContext): boolean {
  const declared = projectDependencies(context).packages.get(normalizePackageName("django-environ")) ?? [];
  return rangeOfSpecifiers(declared.map((d) => d.specifier)).certainlyAtLeast("0.10");
}

export function extractToEnvFixes(request: ExtractRequest): Fix[] {
  const { context, module, literal, secret } = request;
  const python = module.python;
  const owner = python.envLookups.find((lookup) => lookup.default && sameRange(lookup.default.range, literal.range));
  if (owner) {
    // A literal default of a lookup already names its variable: the secret moves by dropping the default.
    const fix = secret ? dropDefaultFix(module, owner, context) : undefined;
    return fix ? [fix] : [];
  }
  const source = textIn(python.text, literal.range);
  const kind = literalKind(python, literal.range, source);
  if (kind === "unsupported") return [];
  const idiom = detectIdiom(context.project, module);
  const value = kind === "integer" ? String(Number(source)) : literal.value;
  const sameValue = kind === "integer" ? (existing: string) => existing.trim() === value : undefined;
  const target = { project: context.project, access: context.access, idiom };
  const write = planEnvWrite(target, baseEnvName(request.setting, request.keys), value, sameValue);
  if (!write) return multilineEnvironFix(request, idiom, source, value);
  const quote = quoteOf(source);
  const where = settingPath(request.setting, request.keys);
  const lookup = renderedLookup(kind, idiom, write.name, request, source);
  const fixes = [moveFix(request, idiom, write, lookup, `Move ${where} to environment variable ${write.name}`, true)];
  if (secret && kind === "text" && !isStrictWithoutDefault(idiom)) {
    const strict = osIdiom(python, "os.environ");
    const title = `Move ${where} to required environment variable ${write.name} (os.environ[…] fails when unset)`;
    fixes.push(moveFix(request, strict, write, renderStrictLookup(strict.callee, write.name, quote), title, false));
  }
  return fixes;
}
