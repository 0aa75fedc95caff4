/**
 * The visitor's message while values are taken out of it: each extracted value blanks its span,
 * so a later field cannot take the same characters (the "4521" of an order number is not also a
 * quantity).
 */
export class MessageText {
  #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  get text(): string {
    return this.#text;
  }

  /** Blanks `length` characters at `index` with spaces (offsets stay valid). */
  consume(index: number, length: number): void {
    this.#text = this.#text.slice(0, index) + ' '.repeat(length) + this.#text.slice(index + length);
  }

  /** Word-like tokens with their offsets: "order #4521," gives "order" and "#4521". */
  tokens(): Array<{ value: string; index: number }> {
    const out: Array<{ value: string; index: number }> = [];
    for (const match of this.#text.matchAll(/[#\p{L}\p{N}][\p{L}\p{N}_\-/.#@+]*/gu)) {
      const value = match[0].replace(/[.\-/]+$/, '');
      if (value) out.push({ value, index: match.index });
    }
    return out;
  }
}

/** A value found for a field: `raw` is what goes through checkFieldValue. */
export interface SlotCandidate {
  raw: string;
  index: number;
  length: number;
}
