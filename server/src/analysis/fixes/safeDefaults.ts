// Fixes for unsafe defaults in the project's own idiom, also through project helpers (DJP304, DJP305, DJP330,
// DJP406). Local development keeps working: what the code fell back to before moves to `.env`.
import type { Fix, FileEdit, Range, TextEdit } from "../types";
import type { SettingsModuleInfo } from "../project/model";
import { isTruthy, lookupDefault } from "../python/envDefault";
import { stringItems, type EnvLookup, type Value } from "../python/values";
import { listRoundTrips, renderTyped } from "./typed";
import type { RuleContext } from "../rules/rule";
import { dropDefaultFix } from "./dropDefault";
import { loaderEditsWhenUnloaded, withoutDuplicateOsImport } from "./dotenvLoader";
import { defineInEnv, planEnvWrite } from "./envWrite";
import { detectIdiom, osIdiom, type Idiom } from "./idiom";
import { settingsModuleEdit } from "./imports";
import { quoteName, renderLookup } from "./lookup";
import { sameRange } from "../ranges";
import { lineBreakOf, textIn } from "./textPositions";

function settingsModule(context: RuleContext, file: string): SettingsModuleInfo | undefined {
  return context.project.settings.find((module) => module.file === file);
}

/** `"True"` → `"False"` keeping the literal's prefix and quotes. */
function requoted(source: string, value: string): string | undefined {
  const match = /^([rRuU]?)(['"]{1,3})[\s\S]*\2$/.exec(source.trim());
  return match ? `${match[1]}${match[2]}${value}${match[2]}` : undefined;
}

/** Candidate falsy defaults of the literal's own type, each checked against the lookup's conversion. */
function falsyReplacement(lookup: EnvLookup, literal: Value, source: string, schemes: ReadonlyMap<string, Value>): string | undefined {
  const candidates: Array<{ text: string; value: Value }> = [];
  if (literal.kind === "bool") candidates.push({ text: "False", value: { ...literal, value: false } });
  else if (literal.kind === "number") candidates.push({ text: "0", value: { ...literal, value: 0 } });
  else if (literal.kind === "string") {
    for (const word of ["False", "0", ""]) {
      const text = requoted(source, word);
      if (text !== undefined) candidates.push({ text, value: { ...literal, value: word } });
    }
  }
  return candidates.find((candidate) => {
    const result = lookupDefault({ ...lookup, default: candidate.value }, schemes);
    return result.kind === "value" && !isTruthy(result.value);
  })?.text;
}

/** The `.env` text that gave the old default's meaning, for local development. */
function previousEnvText(literal: Value): string | undefined {
  if (literal.kind === "bool") return literal.value ? "True" : "False";
  if (literal.kind === "number") return String(literal.value);
  return literal.kind === "string" ? literal.value : undefined;
}

/** DJP304/DJP330 "make the default False": the default literal (an argument, or a django-environ scheme) turns falsy. */
export function falseDefaultFix(context: RuleContext, lookup: EnvLookup, literal: Value, schemes: ReadonlyMap<string, Value>): Fix | undefined {
  if (lookup.defaultFromHelper) return undefined;
  const literalModule = settingsModule(context, literal.file);
  const lookupModule = settingsModule(context, lookup.file);
  if (!literalModule || !lookupModule) return undefined;
  const source = textIn(literalModule.python.text, literal.range);
  const replacement = falsyReplacement(lookup, literal, source, schemes);
  if (replacement === undefined) return undefined;
  const edits: FileEdit[] = [{ file: literal.file, edits: [{ range: literal.range, newText: replacement }] }];
  const previous = previousEnvText(literal);
  let keepsLocal = false;
  if (lookup.variable !== undefined && previous !== undefined) {
    const target = { project: context.project, access: context.access, idiom: detectIdiom(context.project, lookupModule) };
    const envEdits = defineInEnv(target, lookup.variable, previous);
    if (envEdits) {
      edits.push(...envEdits, ...loaderEditsWhenUnloaded(context, lookupModule));
      keepsLocal = true;
    }
  }
  return { title: `Make the default of ${lookup.variable ?? "the variable"} False`, safe: keepsLocal, preferred: true, edits };
}

/** DJP305 "drop the default (fail closed)": the lookup becomes required; the old default moves to `.env`. */
export function allowedHostsDropDefaultFix(context: RuleContext, lookup: EnvLookup): Fix | undefined {
  if (lookup.defaultFromHelper || !lookup.default) return undefined;
  const module = settingsModule(context, lookup.file);
  if (!module) return undefined;
  if (lookup.variable === undefined) return undefined;
  const isOsGet = lookup.idiom === "os.getenv" || lookup.idiom === "os.environ.get";
  let edits: FileEdit[];
  if (isOsGet && lookup.variableRange) {
    // `os.getenv("HOSTS").split(",")` would fail with an AttributeError: a subscript fails with the variable's name.
    const key = textIn(module.python.text, lookup.variableRange);
    const os = osIdiom(module.python, "os.environ");
    edits = [settingsModuleEdit(module.python, os, [{ range: lookup.range, newText: `${os.callee}.environ[${key}]` }])];
  } else {
    const dropped = dropDefaultFix(module, lookup);
    if (!dropped) return undefined;
    edits = dropped.edits;
  }
  const local = envTextOfDefault(lookup.default);
  const target = { project: context.project, access: context.access, idiom: detectIdiom(context.project, module) };
  const envEdits = local === undefined ? undefined : defineInEnv(target, lookup.variable, local);
  const loader = envEdits ? loaderEditsWhenUnloaded(context, module) : [];
  return { title: `Make ${lookup.variable} required`, safe: envEdits !== undefined, preferred: true, edits: [...withoutDuplicateOsImport(edits, loader), ...(envEdits ?? []), ...loader] };
}

/** The `.env` text every idiom's list parse reads back as the old default (a string, or a list joined at commas). */
function envTextOfDefault(value: Value): string | undefined {
  if (value.kind === "string" && !value.bytes) return value.value;
  const items = stringItems(value);
  return items && listRoundTrips(items) ? items.join(",") : undefined;
}

const SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend";

function quoteOf(source: string): "'" | '"' {
  return /^[\s(]*[A-Za-z]*'/.test(source) ? "'" : '"';
}

/** DJP406: `EMAIL_BACKEND = "…console…"` → read from env, SMTP by default; the console backend moves to `.env`. */
export function emailBackendFromEnvFix(context: RuleContext, value: Value): Fix | undefined {
  const module = settingsModule(context, value.file);
  if (!module || value.kind !== "string") return undefined;
  const idiom: Idiom = detectIdiom(context.project, module);
  const write = planEnvWrite({ project: context.project, access: context.access, idiom }, "EMAIL_BACKEND", value.value);
  if (!write) return undefined;
  const quote = quoteOf(textIn(module.python.text, value.range));
  const newText = renderLookup(idiom, write.name, { quote, defaultSource: `${quote}${SMTP_BACKEND}${quote}` });
  const replace: { range: Range; newText: string } = { range: value.range, newText };
  const loader = loaderEditsWhenUnloaded(context, module);
  return {
    title: `Read EMAIL_BACKEND from ${write.name}, SMTP by default`,
    safe: true,
    preferred: true,
    edits: [...withoutDuplicateOsImport([settingsModuleEdit(module.python, idiom, [replace])], loader), ...write.edits, ...loader],
  };
}

/**
 * DJP330 on a literal: CORS_ALLOW_ALL_ORIGINS turns False and CORS_ALLOWED_ORIGINS is read from the environment as
 * a list (no origin by default) right below it — unless the module already lists the origins. Not safe: until the
 * variable is set, cross-origin calls that worked before are refused.
 */
export function corsOriginsFromEnvFix(context: RuleContext, name: string, value: Value): Fix | undefined {
  const module = settingsModule(context, value.file);
  if (!module || value.kind !== "bool") return undefined;
  const python = module.python;
  const statement = python.statements.find((s) => s.kind === "assign" && s.keys.length === 0 && s.name === name && sameRange(s.value.range, value.range));
  if (!statement) return undefined;
  const idiom = detectIdiom(context.project, module);
  const edits: TextEdit[] = [{ range: value.range, newText: "False" }];
  const listsOrigins = python.statements.some((s) => s.kind === "assign" && (s.name === "CORS_ALLOWED_ORIGINS" || s.name === "CORS_ORIGIN_WHITELIST"));
  if (!listsOrigins) {
    const at = { line: statement.range.end.line + 1, column: 0 };
    const eol = lineBreakOf(python.text);
    const list = renderTyped(idiom, quoteName("CORS_ALLOWED_ORIGINS"), { type: "list", value: [] });
    edits.push({ range: { start: at, end: at }, newText: `CORS_ALLOWED_ORIGINS = ${list}${eol}` });
  }
  return {
    title: listsOrigins ? `Turn ${name} off (CORS_ALLOWED_ORIGINS lists the origins)` : `Read CORS_ALLOWED_ORIGINS from the environment instead of ${name}`,
    safe: false,
    preferred: true,
    edits: [settingsModuleEdit(python, idiom, edits)],
  };
}
