import { isPlainObject } from "./parse-match-list";

function hasDottedKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasDottedKey);
  if (!isPlainObject(value)) return false;
  for (const key of Object.keys(value)) {
    if (key.includes(".") || hasDottedKey((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

function place(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) {
    if (!Object.hasOwn(target, head)) target[head] = value;
    else {
      // Both spellings of one field: the field has both values, as an array of values has.
      const existing = target[head];
      target[head] = [...(Array.isArray(existing) ? existing : [existing]), value];
    }
    return;
  }
  const existing = target[head];
  const child = isPlainObject(existing) ? (existing as Record<string, unknown>) : {};
  if (!isPlainObject(existing)) {
    if (existing !== undefined) child[""] = existing;
    target[head] = child;
  }
  place(child, rest, value);
}

function expand(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(expand);
  if (!isPlainObject(value)) return value;
  const expanded: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>))
    place(expanded, key.split("."), expand(child));
  return expanded;
}

/**
 * The event with every dotted key ("a.b") spread into nested objects, because EventBridge joins
 * field names with "." and so treats `{"a.b": 1}` and `{"a": {"b": 1}}` as the same field. An
 * event without dotted keys (almost every one) is returned as it is, after one scan of its keys.
 */
export function withDottedKeysExpanded<Event>(event: Event): Event {
  return hasDottedKey(event) ? (expand(event) as Event) : event;
}
