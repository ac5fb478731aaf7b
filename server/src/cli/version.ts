// The package version, inlined by the bundler from package.json (only this field is kept).
import { version } from "../../../package.json";

export const VERSION: string = version;
