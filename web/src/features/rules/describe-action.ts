/** One line for an action (a rule's, or an entry of the rule log / dry-run), for people. */
export function describeAction(
  a: { type: string; [detail: string]: unknown },
  endpointName?: (id: string) => string | undefined,
): string {
  const str = (key: string) => (typeof a[key] === 'string' ? (a[key] as string) : undefined);
  switch (a.type) {
    case 'CALL_API': {
      const id = str('endpointId') ?? '';
      const name = endpointName?.(id) ?? str('endpointName') ?? `endpoint …${id.slice(-6)}`;
      const parts = [`Call ${name}`];
      if (typeof a.status === 'number') parts.push(`→ HTTP ${a.status}`);
      if (a.branch) parts.push(`(branch ${String(a.branch)})`);
      if (a.mapped && typeof a.mapped === 'object') {
        const mapped = Object.entries(a.mapped as Record<string, string>).map(([k, v]) => `${k}=${v}`);
        if (mapped.length) parts.push(`mapped ${mapped.join(', ')}`);
      }
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
    case 'ASSIGN_TO_OPERATOR':
      return `Assign to ${str('operatorName') ?? (str('operatorId') ? `operator …${str('operatorId')?.slice(-6)}` : 'any available operator')}`;
    case 'SET_STATUS':
      return `Set status to ${str('status') ?? '?'}`;
    case 'PENDING_RULE':
      return `Waiting for the visitor${str('question') ? `: “${str('question')}”` : ''}`;
    default:
      return a.type;
  }
}
