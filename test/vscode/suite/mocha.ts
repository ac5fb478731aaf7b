// Mocha's TDD functions as imports (not globals): they delegate to the interface Mocha sets up while it loads each file.
import Mocha from "mocha";

interface TddInterface {
  suite: Mocha.SuiteFunction;
  test: Mocha.TestFunction;
  suiteSetup: Mocha.HookFunction;
  suiteTeardown: Mocha.HookFunction;
}

export const { suite, test, suiteSetup, suiteTeardown } = Mocha as unknown as TddInterface;
