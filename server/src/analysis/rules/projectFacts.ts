// Facts about a Django project that several rule modules need, computed once per analysis of the project.
import { readDependencies, type Dependencies } from "../project/dependencies";
import type { DjangoProject } from "../project/model";
import type { RuleContext } from "./rule";

const dependencyCache = new WeakMap<DjangoProject, Dependencies>();

export function projectDependencies(context: RuleContext): Dependencies {
  let dependencies = dependencyCache.get(context.project);
  if (!dependencies) {
    dependencies = readDependencies(context.project, context.read, context.access.files());
    dependencyCache.set(context.project, dependencies);
  }
  return dependencies;
}
