// SARIF 2.1.0 for GitHub code scanning: one run, every catalogue rule, results with regions and fixes.
import { pathToFileURL } from "node:url";
import { catalog } from "../../analysis/rules/catalog";
import { helpUri, type RuleMeta } from "../../analysis/rules/meta";
import type { Finding, Fix, Range, Severity } from "../../analysis/types";
import { oneBased, type CheckOutput } from "./model";
import { isEnvFileName } from "../../analysis/project/envFileNames";

export const SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
export const INFORMATION_URI = "https://github.com/django-ready/django-ready";
const SRCROOT = "%SRCROOT%";

export type SarifLevel = "error" | "warning" | "note";

export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface SarifArtifactLocation {
  uri: string;
  uriBaseId: typeof SRCROOT;
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  helpUri: string;
  defaultConfiguration: { level: SarifLevel };
}

export interface SarifFix {
  description: { text: string };
  artifactChanges: {
    artifactLocation: SarifArtifactLocation;
    replacements: { deletedRegion: SarifRegion; insertedContent: { text: string } }[];
  }[];
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: SarifArtifactLocation; region: SarifRegion } }[];
  fixes?: SarifFix[];
}

export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } };
    originalUriBaseIds: Record<typeof SRCROOT, { uri: string }>;
    columnKind: "utf16CodeUnits";
    results: SarifResult[];
    invocations: {
      executionSuccessful: boolean;
      toolExecutionNotifications: {
        level: SarifLevel;
        message: { text: string };
        locations: { physicalLocation: { artifactLocation: SarifArtifactLocation } }[];
      }[];
    }[];
  }[];
}

const levels: Record<Severity, SarifLevel> = { error: "error", warning: "warning", information: "note", hint: "note" };

/** PascalCase of the title, as SARIF's `name` is an identifier-like label: "HardCodedSecretKey". */
function ruleName(title: string): string {
  return title
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== "")
    .map((w) => w[0]?.toUpperCase() + w.slice(1).toLowerCase())
    .join("");
}

function sarifRule(meta: RuleMeta): SarifRule {
  return {
    id: meta.id,
    name: ruleName(meta.title),
    shortDescription: { text: meta.title },
    helpUri: helpUri(meta.id),
    defaultConfiguration: { level: levels[meta.severity] },
  };
}

/** A finding of a rule the catalogue does not list still needs a descriptor for its ruleIndex. */
function unknownRule(id: string, severity: Severity): SarifRule {
  return { id, name: id, shortDescription: { text: id }, helpUri: helpUri(id), defaultConfiguration: { level: levels[severity] } };
}

function artifact(file: string): SarifArtifactLocation {
  return { uri: file.split("/").map(encodeURIComponent).join("/"), uriBaseId: SRCROOT };
}

function region(range: Range): SarifRegion {
  const start = oneBased(range.start);
  const end = oneBased(range.end);
  return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
}

function sarifFix(fix: Fix): SarifFix | undefined {
  // Env files hold the values a fix extracts (secrets among them): their content never goes into a report.
  if (fix.edits.some((e) => isEnvFileName(e.file))) return undefined;
  return {
    description: { text: fix.title },
    artifactChanges: fix.edits.map((e) => ({
      artifactLocation: artifact(e.file),
      replacements: e.edits.map((t) => ({ deletedRegion: region(t.range), insertedContent: { text: t.newText } })),
    })),
  };
}

function sarifResult(f: Finding, ruleIndex: number): SarifResult {
  const fixes = (f.fixes ?? []).map(sarifFix).filter((x): x is SarifFix => x !== undefined);
  return {
    ruleId: f.rule,
    ruleIndex,
    level: levels[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: artifact(f.file), region: region(f.range) } }],
    ...(fixes.length > 0 ? { fixes } : {}),
  };
}

function rootUri(root: string): string {
  const href = pathToFileURL(root).href;
  return href.endsWith("/") ? href : `${href}/`;
}

export function toSarif(output: CheckOutput): SarifLog {
  const rules = catalog.map(sarifRule);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = output.findings.map((f) => {
    let i = index.get(f.rule);
    if (i === undefined) {
      i = rules.push(unknownRule(f.rule, f.severity)) - 1;
      index.set(f.rule, i);
    }
    return sarifResult(f, i);
  });
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "django-ready", version: output.version, informationUri: INFORMATION_URI, rules } },
        originalUriBaseIds: { [SRCROOT]: { uri: rootUri(output.root) } },
        columnKind: "utf16CodeUnits",
        results,
        invocations: [
          {
            executionSuccessful: output.skipped.length === 0,
            toolExecutionNotifications: output.skipped.map((s) => ({
              level: "error",
              message: { text: `skipped ${s.file}: ${s.reason}` },
              locations: [{ physicalLocation: { artifactLocation: artifact(s.file) } }],
            })),
          },
        ],
      },
    ],
  };
}

export function formatSarif(output: CheckOutput): string {
  return JSON.stringify(toSarif(output), null, 2) + "\n";
}
