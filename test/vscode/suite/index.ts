// Entry point inside the extension host (extensionTestsPath): runs the bundled *.suite.js files with mocha and
// closes with how many tests ran, passed and failed. Where the extension host's console reaches no terminal
// (code-server's, see codeServerExecutable.ts), DJREADY_VSCODE_TEST_LOG names a file the report goes to instead.
import { appendFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { format } from "node:util";
import Mocha from "mocha";
import { version } from "vscode";

function reportTo(logFile: string | undefined): (...args: unknown[]) => void {
  if (!logFile) return console.log;
  return (...args: unknown[]) => appendFileSync(logFile, `${format(...args)}\n`);
}

export function run(): Promise<void> {
  const log = reportTo(process.env.DJREADY_VSCODE_TEST_LOG);
  Mocha.reporters.Base.consoleLog = log;
  const mocha = new Mocha({ ui: "tdd", color: !process.env.DJREADY_VSCODE_TEST_LOG, timeout: 60_000 });
  for (const file of readdirSync(__dirname).filter((name) => name.endsWith(".suite.js")).sort()) {
    mocha.addFile(join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { tests = 0, passes = 0, pending = 0 } = runner.stats ?? {};
      log(`# VS Code suite: ${tests} tests ran in VS Code ${version}`);
      log(`vscode: ${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ""}`);
      if (failures > 0) reject(new Error(`${failures} VS Code test(s) failed`));
      else if (passes === 0) reject(new Error("no VS Code test ran"));
      else resolve();
    });
  });
}
