// Hand-made findings for the pure tests of the CLI's modules.
import type { Finding, Fix, Severity } from "../../server/src/analysis/types";

export function finding(
  file: string,
  line: number,
  column: number,
  severity: Severity = "error",
  rule: Finding["rule"] = "DJP101",
  fixes?: Fix[],
): Finding {
  return {
    rule,
    severity,
    file,
    range: { start: { line, column }, end: { line, column: column + 5 } },
    message: `${rule} message`,
    ...(fixes ? { fixes } : {}),
  };
}

export const extractFix: Fix = {
  title: "Read SECRET_KEY from the environment",
  safe: true,
  edits: [
    {
      file: "mysite/settings.py",
      edits: [{ range: { start: { line: 2, column: 13 }, end: { line: 2, column: 20 } }, newText: 'os.environ.get("SECRET_KEY")' }],
    },
  ],
};

export const envFileFix: Fix = {
  title: "Move the password to .env",
  safe: true,
  edits: [{ file: ".env", create: true, edits: [{ range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } }, newText: "X=secret\n" }] }],
};
