/**
 * Case-insensitive comparison the way EventBridge does it: every UTF-16 unit of the pattern
 * stands for its lower-case or its upper-case form (which may differ in length, "ß" → "SS"),
 * and the event value is compared as is, without folding.
 */
export class IgnoreCaseText {
  /** Per pattern unit, the distinct forms an event may show there. */
  private readonly forms: readonly (readonly string[])[];
  /** Set when every form is one unit long: then position i of the value must hold a form of unit i. */
  private readonly unitWise: boolean;

  constructor(text: string) {
    this.forms = Array.from({ length: text.length }, (_, i) => {
      const unit = text.charAt(i);
      const lower = unit.toLowerCase();
      const upper = unit.toUpperCase();
      return lower === upper ? [lower] : [lower, upper];
    });
    this.unitWise = this.forms.every((forms) => forms.every((form) => form.length === 1));
  }

  /** The value is the whole pattern, ignoring case. */
  equals(value: string): boolean {
    if (this.unitWise) return value.length === this.forms.length && this.unitsMatch(value, 0);
    return this.endsFrom(value).has(value.length);
  }

  /** The value starts with the pattern, ignoring case. */
  isPrefixOf(value: string): boolean {
    if (this.unitWise) return value.length >= this.forms.length && this.unitsMatch(value, 0);
    return this.endsFrom(value).size > 0;
  }

  /** The value ends with the pattern, ignoring case. */
  isSuffixOf(value: string): boolean {
    if (this.unitWise) {
      const start = value.length - this.forms.length;
      return start >= 0 && this.unitsMatch(value, start);
    }
    return this.startsBefore(value).size > 0;
  }

  private unitsMatch(value: string, offset: number): boolean {
    const forms = this.forms;
    for (let i = 0; i < forms.length; i++) {
      const unit = value.charAt(offset + i);
      const options = forms[i] as readonly string[];
      if (options[0] !== unit && options[1] !== unit) return false;
    }
    return true;
  }

  /** Every offset where a reading of the whole pattern from offset 0 can end. */
  private endsFrom(value: string): Set<number> {
    let positions = new Set([0]);
    for (const options of this.forms) {
      const next = new Set<number>();
      for (const at of positions) {
        for (const form of options) if (value.startsWith(form, at)) next.add(at + form.length);
      }
      if (next.size === 0) return next;
      positions = next;
    }
    return positions;
  }

  /** Every offset where a reading of the whole pattern ending at the value's end can start. */
  private startsBefore(value: string): Set<number> {
    let positions = new Set([value.length]);
    for (let i = this.forms.length - 1; i >= 0; i--) {
      const next = new Set<number>();
      for (const end of positions) {
        for (const form of this.forms[i] as readonly string[]) {
          const start = end - form.length;
          if (start >= 0 && value.startsWith(form, start)) next.add(start);
        }
      }
      if (next.size === 0) return next;
      positions = next;
    }
    return positions;
  }
}
