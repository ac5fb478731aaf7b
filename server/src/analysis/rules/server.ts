// Served by a real application server (RULES.md 5xx): DJP501 runserver in a deployment file, DJP502 no
// production server among the declared dependencies.
import type { Range } from "../types";
import { commandText, deploymentCommands, deploymentFileKind, positionInCommand, type DeploymentCommand } from "../project/deploymentFiles";
import { declaresAny, mainDependencyFile } from "../project/dependencies";
import { dottedName } from "../project/model";
import { basename } from "../project/paths";
import { findRunserver, RUNSERVER_LENGTH, type RunserverMatch } from "../project/runserver";
import { inDevelopmentBranch } from "../project/shellBranches";
import { addGunicornFix, gunicornFix } from "../fixes/appServer";
import { projectDependencies } from "./projectFacts";
import type { RuleContext, RuleFinding, RuleModule } from "./rule";

const PRODUCTION_SERVERS = ["gunicorn", "uvicorn", "daphne", "uwsgi", "pyuwsgi", "hypercorn", "granian", "waitress", "mod_wsgi"];


/** `mysite.wsgi` from deployed WSGI_APPLICATION, else from the project's wsgi.py. */
function wsgiModule(context: RuleContext): string | undefined {
  for (const { settings } of context.deployed) {
    const value = settings.get("WSGI_APPLICATION")?.value;
    if (value?.kind === "string" && value.value.includes(".")) return value.value.slice(0, value.value.lastIndexOf("."));
  }
  const wsgi = context.project.files.filter((file) => basename(file) === "wsgi.py").sort((a, b) => a.length - b.length)[0];
  return wsgi ? dottedName(wsgi, context.project.root) : undefined;
}

const KIND_NAMES: Record<DeploymentCommand["kind"], string> = { procfile: "Procfile", dockerfile: "Dockerfile", compose: "compose file", script: "script" };

function runserverFinding(command: DeploymentCommand, match: RunserverMatch, wsgi: string | undefined): RuleFinding {
  const start = positionInCommand(command, match.runserver);
  const range: Range = { start, end: { line: start.line, column: start.column + RUNSERVER_LENGTH } };
  const fix = wsgi ? gunicornFix(command, match, wsgi) : undefined;
  return {
    rule: "DJP501",
    file: command.file,
    range,
    message: `This ${KIND_NAMES[command.kind]} starts the app with manage.py runserver, Django's single-process development server that is neither secure nor fast: start it with gunicorn (or another WSGI/ASGI server) instead.`,
    fixes: fix && [fix],
  };
}

/**
 * Nothing of the project is known to be deployed: no production or single settings module, and no deployment
 * file names one (a library's development project, a reusable app's test project). Its Dockerfile or entrypoint
 * serves development; DJP501 and DJP502 ask nothing of it (reading of RULES.md 5xx).
 */
function nothingDeployed(context: RuleContext): boolean {
  return context.deployed.length === 0 && context.project.missing.length === 0 && !context.project.references.some((r) => r.reference.kind === "deployment");
}

function runserverFindings(context: RuleContext): RuleFinding[] {
  if (nothingDeployed(context)) return [];
  const commands = deploymentCommands(context.project, context.read);
  const wsgi = commands.length > 0 ? wsgiModule(context) : undefined;
  return commands.flatMap((command) =>
    findRunserver(commandText(command))
      .filter((match) => !developmentOnly(context, command, match))
      .map((match) => runserverFinding(command, match, wsgi)),
  );
}

/** A script's runserver in a branch a development flag selects, beside a branch that starts a real server. */
function developmentOnly(context: RuleContext, command: DeploymentCommand, match: RunserverMatch): boolean {
  if (command.kind !== "script") return false;
  const text = context.read(command.file);
  return text !== undefined && inDevelopmentBranch(text, positionInCommand(command, match.runserver).line, (line) => SERVER_WORD.test(line));
}

const SERVER_WORD = new RegExp(String.raw`(?<![\w.-])(?:${PRODUCTION_SERVERS.join("|")}|waitress-serve|mod_wsgi-express)(?![\w-])`, "i");
const INSTALL_LINE = /^\s*RUN\s.*\b(?:pip3?|uv|poetry|pipenv|apt-get|apt|apk|yum|dnf)\b.*\b(?:install|add)\b/i;

/** A command that is the arguments of a server the base image's entrypoint runs: `CMD ["shop.wsgi:application", "--workers=2"]`. */
const APP_TARGET_FIRST = /^\s*[A-Za-z_][\w.]*\.(?:wsgi|asgi)(?::[A-Za-z_]\w*)?(?:\s|$)/;

/** RULES.md DJP502: a deployment file installs one (`RUN pip install gunicorn`, `apt-get install uwsgi`) or starts one. */
function deploymentFileServes(context: RuleContext, commands: readonly DeploymentCommand[]): boolean {
  if (commands.some((command) => SERVER_WORD.test(commandText(command)) || (command.kind === "dockerfile" && APP_TARGET_FIRST.test(commandText(command))))) return true;
  const dockerfiles = [...new Set(commands.filter((c) => c.kind === "dockerfile").map((c) => c.file)), ...context.project.files.filter((file) => deploymentFileKind(file) === "dockerfile")];
  return [...new Set(dockerfiles)].some((file) => {
    const lines = (context.read(file) ?? "").replace(/\\\r?\n/g, " ").split(/\r?\n/);
    return lines.some((line) => INSTALL_LINE.test(line) && SERVER_WORD.test(line));
  });
}

function missingServerFindings(context: RuleContext): RuleFinding[] {
  // Nothing is known to be deployed (a reusable app with test settings only): no server to ask for.
  if (nothingDeployed(context)) return [];
  const dependencies = projectDependencies(context);
  if (dependencies.files.length === 0 || declaresAny(dependencies, PRODUCTION_SERVERS)) return [];
  if (deploymentFileServes(context, deploymentCommands(context.project, context.read))) return [];
  const main = mainDependencyFile(dependencies);
  if (main === undefined) return [];
  const text = context.read(main);
  const fix = text === undefined ? undefined : addGunicornFix(main, text);
  return [{
    rule: "DJP502",
    file: main,
    range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } },
    message: `No production server (gunicorn, uvicorn, daphne, uwsgi, …) is declared in ${dependencies.files.join(", ")}, so the app can only be served by runserver: add gunicorn.`,
    fixes: fix && [fix],
  }];
}

export const serverRules: RuleModule = {
  ids: ["DJP501", "DJP502"],
  check: (context) => [...runserverFindings(context), ...missingServerFindings(context)],
};
