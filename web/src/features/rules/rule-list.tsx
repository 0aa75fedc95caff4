import { type DragEvent, useState } from 'react';
import { Link } from '../../lib/router.tsx';
import { type ActionNames, describeAction } from './describe-action.ts';
import { moveItem } from './reorder.ts';
import type { Rule } from './rule-types.ts';

interface Props {
  rules: Rule[];
  onReorder: (ordered: Rule[]) => void;
  onToggle: (rule: Rule, enabled: boolean) => void;
  names: ActionNames;
  busy: boolean;
}

/** Rules in evaluation order; drag a row (or use ↑/↓) to change priorities. */
export function RuleList({ rules, onReorder, onToggle, names, busy }: Props) {
  const [dragging, setDragging] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);

  const drop = (event: DragEvent, index: number) => {
    event.preventDefault();
    const from = dragging ?? Number(event.dataTransfer.getData('text/plain'));
    setDragging(null);
    setOver(null);
    if (Number.isInteger(from) && from !== index) onReorder(moveItem(rules, from, index));
  };

  return (
    <ol className="rule-list" aria-label="Rules in evaluation order">
      {rules.map((rule, index) => (
        <li
          key={rule.id}
          className={`rule-item${over === index ? ' drag-over' : ''}${dragging === index ? ' dragging' : ''}`}
          draggable={!busy}
          data-testid="rule-item"
          onDragStart={(event) => {
            setDragging(index);
            event.dataTransfer.effectAllowed = 'move';
            event.dataTransfer.setData('text/plain', String(index));
          }}
          onDragOver={(event) => {
            event.preventDefault();
            event.dataTransfer.dropEffect = 'move';
            if (over !== index) setOver(index);
          }}
          onDragLeave={() => setOver((o) => (o === index ? null : o))}
          onDragEnd={() => {
            setDragging(null);
            setOver(null);
          }}
          onDrop={(event) => drop(event, index)}
        >
          <span className="drag-handle" aria-hidden="true">
            ⋮⋮
          </span>
          <span className="priority" title="Priority">
            {rule.priority}
          </span>
          <div className="rule-name">
            <Link to={`/rules/${rule.id}`}>{rule.name}</Link> <span className="badge">{rule.type}</span>
            {rule.stopProcessing && <span className="badge">stops</span>}
            <div className="muted small">
              {rule.type === 'ai' && rule.description ? `${rule.description} → ` : ''}
              {rule.actions.map((a) => describeAction(a as unknown as { type: string }, names)).join(' → ') ||
                'No actions'}
            </div>
          </div>
          <label className="toggle">
            <input
              type="checkbox"
              checked={rule.enabled}
              disabled={busy}
              onChange={(e) => onToggle(rule, e.target.checked)}
            />
            <span>Enabled</span>
            <span className="sr-only"> — {rule.name}</span>
          </label>
          <span className="move-buttons">
            <button
              type="button"
              className="button-icon"
              aria-label={`Move ${rule.name} up`}
              disabled={busy || index === 0}
              onClick={() => onReorder(moveItem(rules, index, index - 1))}
            >
              ↑
            </button>
            <button
              type="button"
              className="button-icon"
              aria-label={`Move ${rule.name} down`}
              disabled={busy || index === rules.length - 1}
              onClick={() => onReorder(moveItem(rules, index, index + 1))}
            >
              ↓
            </button>
          </span>
        </li>
      ))}
    </ol>
  );
}
