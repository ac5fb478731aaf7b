// DJP110 (RULES.md 1xx): SECRET_KEY (an entry of SECRET_KEY_FALLBACKS, or the default of their env lookup) is
// generated when the process starts, so every worker and every restart signs with its own key. Judged in every
// settings module where the code stands, dev/test modules excepted.
import type { Fix } from "../types";
import { isDevOrTest, type SettingsModuleInfo } from "../project/model";
import type { EnvLookup, Value } from "../python/values";
import { dropDefaultFix } from "../fixes/dropDefault";
import { textIn } from "../fixes/textPositions";
import { parsePython } from "../python/parse";
import { splitNameWords } from "../secrets/credentialName";
import { detectIdiom } from "../fixes/idiom";
import { settingsModuleEdit } from "../fixes/imports";
import { isStrictWithoutDefault, renderLookup, renderStrictLookup } from "../fixes/lookup";
import type { RuleContext, RuleFinding, RuleModule } from "./rule";
import { valuesOfSettings } from "./settingValues";

const SECRET_KEY_SETTINGS = new Set(["SECRET_KEY", "SECRET_KEY_FALLBACKS"]);

/** Calls that draw a new value in every process. `random.choice(...)` in a join, `str(uuid.uuid4())` included. */
const GENERATOR =
  /\b(?:get_random_secret_key|get_random_string|token_hex|token_urlsafe|token_bytes|urandom|uuid[14]|SystemRandom|random\.\w+|choices?|randbytes|getrandbits)\s*\(/;

function generatedIn(module: SettingsModuleInfo, value: Value): boolean {
  return GENERATOR.test(textIn(module.python.text, value.range));
}

/** A key written to a file right after it is generated (`f.write(SECRET_KEY)`) is made once and read back on later
 *  starts (`if SECRET_FILE.exists(): SECRET_KEY = SECRET_FILE.read_text()`): every process shares it. */
const PERSISTED = /\.(?:write|write_text|write_bytes)\(\s*SECRET_KEY\b/;
const PERSIST_WINDOW = 15;

function persistedAfter(module: SettingsModuleInfo, value: Value): boolean {
  const lines = module.python.text.split(/\r\n|\r|\n/).slice(value.range.end.line, value.range.end.line + PERSIST_WINDOW);
  return PERSISTED.test(lines.join("\n"));
}

interface Generated {
  value: Value;
  setting: string;
  /** The env lookup whose default it is. */
  lookup?: EnvLookup;
}

/** Values written to SECRET_KEY / SECRET_KEY_FALLBACKS (or their entries, or their env lookups' defaults) that are generated. */
function generatedKeys(module: SettingsModuleInfo): Generated[] {
  const out: Generated[] = [];
  for (const visit of valuesOfSettings(module.python, SECRET_KEY_SETTINGS)) {
    if (visit.path.length !== 1 || !visit.named) continue;
    const held = visit.holder === "statement" || visit.holder === "item" || visit.holder === "default";
    if (!held || (visit.value.kind !== "call" && visit.value.kind !== "other")) continue;
    if (!generatedIn(module, visit.value) || persistedAfter(module, visit.value)) continue;
    out.push({ value: visit.value, setting: visit.setting, lookup: visit.holder === "default" ? visit.defaultOf : undefined });
  }
  return out;
}

/** The generated default goes, or the generated value becomes a required lookup. Unsafe: the variable must then be
 *  set (there is no value worth keeping in `.env`: it changed on every start anyway). */
function fixFor(context: RuleContext, module: SettingsModuleInfo, found: Generated): Fix | undefined {
  if (found.lookup) {
    const fix = dropDefaultFix(module, found.lookup);
    return fix ? { ...fix, safe: false } : undefined;
  }
  if (found.setting !== "SECRET_KEY") return undefined;
  const idiom = detectIdiom(context.project, module);
  const newText = isStrictWithoutDefault(idiom) ? renderLookup(idiom, "SECRET_KEY") : renderStrictLookup(idiom.callee, "SECRET_KEY");
  const os = isStrictWithoutDefault(idiom) ? idiom : { ...idiom, kind: "os.environ" as const };
  return {
    title: "Read SECRET_KEY from the environment (required)",
    safe: false,
    preferred: true,
    edits: [settingsModuleEdit(module.python, os, [{ range: found.value.range, newText }])],
  };
}

/** Words of a branch condition that make it a CI, test or development branch (`elif "CI" in os.environ:`). */
// (Not DEBUG: `if not SECRET_KEY or not DEBUG:` is the production path.)
const NON_DEPLOYED_BRANCH = new Set(["CI", "TEST", "TESTS", "TESTING", "PYTEST", "GITHUB", "DEV", "DEVELOPMENT", "LOCAL"]);

/** Whether the value is assigned in the body of an `if`/`elif` whose own condition names a CI/test/dev switch. */
function inNonDeployedBranch(module: SettingsModuleInfo, value: Value): boolean {
  const tree = parsePython(module.python.text);
  try {
    const point = (p: Value["range"]["start"]) => ({ row: p.line, column: p.column });
    let node = tree.rootNode.descendantForPosition(point(value.range.start), point(value.range.end));
    for (let child = node; child?.parent; child = child.parent) {
      node = child.parent;
      if ((node.type !== "if_statement" && node.type !== "elif_clause") || node.childForFieldName("consequence")?.id !== child.id) continue;
      const condition = node.childForFieldName("condition")?.text ?? "";
      const words = (condition.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []).flatMap(splitNameWords);
      if (words.some((word) => NON_DEPLOYED_BRANCH.has(word))) return true;
    }
    return false;
  } finally {
    tree.delete();
  }
}

function moduleFindings(context: RuleContext, module: SettingsModuleInfo): RuleFinding[] {
  if (isDevOrTest(module)) return [];
  return generatedKeys(module).filter((found) => !inNonDeployedBranch(module, found.value)).map((found) => {
    const fix = fixFor(context, module, found);
    const subject = found.setting === "SECRET_KEY" ? "SECRET_KEY" : "An entry of SECRET_KEY_FALLBACKS";
    const where = found.lookup ? `The default of the env lookup for ${found.lookup.variable ?? found.setting}` : subject;
    return {
      rule: "DJP110" as const,
      file: module.file,
      range: found.value.range,
      message: `${where} is generated when the process starts: every worker and every restart signs with a different key, so sessions, password-reset links and CSRF tokens break between processes; read it from the environment, with no default.`,
      ...(fix ? { fixes: [fix] } : {}),
    };
  });
}

export const generatedKeyRules: RuleModule = {
  ids: ["DJP110"],
  check: (context: RuleContext) => context.project.settings.flatMap((module) => moduleFindings(context, module)),
};
