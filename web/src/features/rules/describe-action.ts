/**
 * Looks a name up by id: the name, `null` when the list is loaded and has no such item (it was
 * deleted), `undefined` when the list is not available (an operator may not read endpoints).
 */
export type NameLookup = (id: string) => string | null | undefined;

export interface ActionNames {
  endpoint?: NameLookup;
  operator?: NameLookup;
}

/**
 * A NameLookup over a loaded list (undefined while loading or not allowed). `total` is the API's
 * count: when the list is only its first page, an id not in it may still exist.
 */
export function lookupNames(
  list: readonly { id: string; name: string }[] | undefined,
  total?: number,
): NameLookup {
  const complete = list !== undefined && (total === undefined || total <= list.length);
  return (id) => list?.find((item) => item.id === id)?.name ?? (complete ? null : undefined);
}

/** One line for an action (a rule's, or an entry of the rule log / dry-run), for people. */
export function describeAction(
  a: { type: string; [detail: string]: unknown },
  names: ActionNames = {},
): string {
  const str = (key: string) => (typeof a[key] === 'string' ? (a[key] as string) : undefined);
  switch (a.type) {
    case 'CALL_API': {
      const found = names.endpoint?.(str('endpointId') ?? '');
      const name =
        found === null ? 'a deleted endpoint' : (found ?? str('endpointName') ?? 'an API endpoint');
      const parts = [`Call ${name}`];
      if (typeof a.status === 'number') parts.push(`→ HTTP ${a.status}`);
      if (a.branch) parts.push(`(branch ${String(a.branch)})`);
      if (a.mapped && typeof a.mapped === 'object') {
        const mapped = Object.entries(a.mapped as Record<string, string>).map(([k, v]) => `${k}=${v}`);
        if (mapped.length) parts.push(`mapped ${mapped.join(', ')}`);
      }
      // A failed (or partial) call removes what the endpoint mapped before: say which went.
      if (Array.isArray(a.cleared) && a.cleared.length > 0) parts.push(`cleared ${a.cleared.join(', ')}`);
      // An AI rule missing a field asks the visitor first; the call waits for the answer.
      if (str('question'))
        parts.push(`— first asks the visitor “${str('question')}” (for ${str('askedFor') ?? 'a field'})`);
      if (str('skipped')) parts.push(`— ${str('skipped')}`);
      if (str('error')) parts.push(`— ${str('error')}`);
      return parts.join(' ');
    }
    case 'REPLY_TEXT':
    case 'FALLBACK_REPLY':
      return `${a.type === 'FALLBACK_REPLY' ? 'Fallback reply' : 'Reply'}: “${str('text') ?? ''}”`;
    case 'REPLY_AI':
      return `AI reply${str('text') ? `: “${str('text')}”` : str('instructions') ? ` (${str('instructions')})` : ''}${str('note') ? ` — ${str('note')}` : ''}`;
    case 'SET_VARIABLE':
      return `Set ${str('name') ?? '?'} = “${str('value') ?? ''}”`;
    case 'ASSIGN_TO_OPERATOR': {
      const id = str('operatorId');
      const found = id ? names.operator?.(id) : undefined;
      const name = !id
        ? 'any available operator'
        : found === null
          ? 'a deleted operator'
          : (found ?? str('operatorName') ?? 'an operator');
      return `Assign to ${name}${str('error') ? ` — ${str('error')}` : ''}`;
    }
    case 'SET_STATUS':
      return `Set status to ${str('status') ?? '?'}`;
    case 'PENDING_RULE':
      return `Waiting for the visitor${str('question') ? `: “${str('question')}”` : ''}`;
    default:
      return a.type;
  }
}
