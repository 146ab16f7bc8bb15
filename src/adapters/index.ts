// Every adapter registers itself on import; add a console by adding its file here.
import "./generic.js";

export { registeredAdapters } from "./adapter.js";
export type { Adapter } from "./adapter.js";
