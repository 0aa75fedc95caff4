import { checkFieldValue, type FieldRule } from '../../connections/fields/index.ts';
import { assertNever } from '../../errors.ts';
import type { EndpointFieldInfo, SlotFillResult } from '../../rules/ai-hooks.ts';
import { extractBoolean } from './extract-boolean.ts';
import { extractDate } from './extract-date.ts';
import { extractEmail } from './extract-email.ts';
import { extractEnum } from './extract-enum.ts';
import { extractIdentifier, isIdentifierField } from './extract-identifier.ts';
import { extractNumber } from './extract-number.ts';
import { extractPatternString } from './extract-pattern-string.ts';
import { fieldQuestion } from './field-question.ts';
import { MessageText, type SlotCandidate } from './message-text.ts';
import { fieldCues } from './token-role.ts';

export interface SlotFillInput {
  message: string;
  fields: readonly EndpointFieldInfo[];
  /** Session variables: values the visitor gave earlier count. */
  variables: Readonly<Record<string, string>>;
  /** The field the visitor was just asked for: the whole answer may be its value. */
  askedField?: string | null;
  language?: string | null;
  now?: Date;
}

/** Specific shapes first, so a loose extractor (a number, free text) never takes their characters. */
const extractionOrder: Record<FieldRule['type'], number> = {
  email: 0,
  enum: 1,
  string: 2,
  date: 3,
  integer: 4,
  number: 4,
  boolean: 5,
};

function asRule(field: EndpointFieldInfo): FieldRule {
  return { ...field, type: field.type as FieldRule['type'] };
}

/** What the message offers for a field: `found`, a `rejected` token meant for it, or a `refused` answer's reason. */
interface Candidates {
  found?: SlotCandidate;
  rejected?: SlotCandidate;
  refused?: string;
}

function candidateFor(
  field: FieldRule,
  info: EndpointFieldInfo,
  text: MessageText,
  input: SlotFillInput,
  asked: boolean,
): Candidates {
  switch (field.type) {
    case 'email':
      return { found: extractEmail(text) };
    case 'enum':
      return { found: extractEnum(text, field.enum ?? []) };
    case 'string':
      if (field.pattern !== undefined) return extractPatternString(text, field);
      return isIdentifierField(info) ? extractIdentifier(text, info, asked) : {};
    case 'date':
      return extractDate(text, input.now ?? new Date(), input.language ?? null);
    case 'integer':
    case 'number':
      return { found: extractNumber(text, fieldCues(info)) };
    case 'boolean':
      return { found: asked ? extractBoolean(text) : undefined };
    default:
      return assertNever(field.type);
  }
}

/** The whole answer, as typed, for the field that was just asked ("#4521." → "4521"). */
function wholeAnswer(message: string): SlotCandidate {
  const raw = message
    .trim()
    .replace(/[.!?]+$/, '')
    .replace(/^#/, '')
    .trim();
  return { raw, index: 0, length: 0 };
}

/**
 * The embedded slot filler: takes the endpoint's field values out of the visitor's message
 * (emails, numbers, order numbers by pattern or — for a pattern-less "orderId" or "Booking
 * reference" — by their look, enum mentions, yes/no, dates in words), adds what the session
 * already holds, and either completes or asks for the first missing required field — again with
 * the reason when the visitor's answer did not fit.
 *
 * @example
 * fillSlotsEmbedded({ message: 'Where is my order #4521?', fields, variables: {} })
 * // → { status: 'ask', field: 'email', question: 'Could you tell me the email used for the order?', values: { orderId: '4521' } }
 */
export function fillSlotsEmbedded(input: SlotFillInput): SlotFillResult {
  const text = new MessageText(input.message);
  const values: Record<string, string> = {};
  const reasons: Record<string, string> = {};
  const ordered = [...input.fields].sort(
    (a, b) => extractionOrder[asRule(a).type] - extractionOrder[asRule(b).type],
  );

  for (const field of ordered) {
    const rule = asRule(field);
    const asked = input.askedField === field.name;
    const { found, rejected, refused } = candidateFor(rule, field, text, input, asked);
    if (!found && refused) {
      reasons[field.name] = refused;
      continue;
    }
    const candidate = found ?? (asked ? (rejected ?? wholeAnswer(input.message)) : undefined);
    if (!candidate) continue;
    const checked = checkFieldValue(rule, candidate.raw);
    if (checked.ok) {
      values[field.name] = String(checked.value);
      if (candidate.length > 0) text.consume(candidate.index, candidate.length);
    } else if (asked || rejected) {
      reasons[field.name] = checked.reason;
    }
  }

  for (const field of input.fields) {
    if (values[field.name] !== undefined || !Object.hasOwn(input.variables, field.name)) continue;
    const stored = checkFieldValue(asRule(field), input.variables[field.name]);
    if (stored.ok) values[field.name] = String(stored.value);
  }

  const missing = input.fields.filter((f) => f.required && values[f.name] === undefined);
  const next = missing.find((f) => f.name === input.askedField && reasons[f.name]) ?? missing[0];
  if (!next) return { status: 'complete', values };
  const question = fieldQuestion(next);
  return {
    status: 'ask',
    field: next.name,
    question: reasons[next.name] ? `${reasons[next.name]} ${question}` : question,
    values,
  };
}
