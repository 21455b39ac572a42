/** Helpers for strict JS Proxies: unknown members throw, inspection probes stay harmless. */
import { notImplemented } from "./errors";

/** Keys probed by runtimes, test frameworks and promise resolution; they must read as undefined, never throw. */
const PROBE_KEYS = new Set([
  "then",
  "asymmetricMatch",
  "$$typeof",
  "nodeType",
  "nodeName",
  "tagName",
  "constructor",
  "inspect",
  "valueOf",
  "length",
  "prototype",
  "mock",
  "_isMockFunction",
  "getMockName",
]);

export function isProbeKey(key: string | symbol): boolean {
  if (typeof key === "symbol") return true;
  return PROBE_KEYS.has(key) || key.startsWith("@@") || key.startsWith("__") || key.startsWith("$$");
}

/**
 * Wraps a plain object so that reading a key it does not own throws "not implemented".
 * Own keys whose value is undefined are allowed (e.g. `details` of a multi-cell change event).
 */
export function strictPlain<T extends object>(typeName: string, obj: T): T {
  return new Proxy(obj, {
    get(target, key, receiver) {
      if (typeof key === "string" && Object.prototype.hasOwnProperty.call(target, key)) {
        return Reflect.get(target, key, receiver);
      }
      if (key === "toJSON") return () => ({ ...target });
      if (key === "toString") return () => `[object ${typeName}]`;
      if (isProbeKey(key)) return undefined;
      throw notImplemented(typeName, String(key));
    },
    set(target, key, value) {
      if (typeof key === "string" && Object.prototype.hasOwnProperty.call(target, key)) {
        return Reflect.set(target, key, value);
      }
      throw notImplemented(typeName, String(key));
    },
  });
}

export function deepClone<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x: unknown) => deepClone(x)) as T;
  if (v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = deepClone(x);
    return out as T;
  }
  return v;
}
