import type { Action } from './actions/action.schema.ts';
import type { Condition } from './conditions/condition.schema.ts';
import { RULE_DOCUMENT_VERSION, type Rule, type RuleBody } from './rule.schema.ts';
import type { RulesTable } from './rule.tables.ts';

/** The part of a rule kept as JSON in `rules.config`; the rest are columns the queries filter on. */
export interface RuleDocument {
  version: number;
  match: 'all' | 'any';
  conditions: Condition[];
  actions: Action[];
  stopProcessing: boolean;
  description: string | null;
  examples: string[];
}

/**
 * Upgrades a stored document to the current version, one step per version. Version 1 is the
 * first; a change to the stored shape adds `if (doc.version === 1) doc = upgrade1to2(doc)` here.
 */
function upgrade(doc: RuleDocument): RuleDocument {
  return doc;
}

export function toRuleDocument(rule: RuleBody): RuleDocument {
  return {
    version: RULE_DOCUMENT_VERSION,
    match: rule.match,
    conditions: rule.conditions,
    actions: rule.actions,
    stopProcessing: rule.stopProcessing,
    description: rule.description,
    examples: rule.examples,
  };
}

export function ruleFromRow(row: RulesTable): Rule {
  const { version: _version, ...doc } = upgrade(JSON.parse(row.config) as RuleDocument);
  return {
    id: row.id,
    name: row.name,
    type: row.type as Rule['type'],
    enabled: row.enabled === 1,
    priority: Number(row.priority),
    widgetId: row.widget_id,
    ...doc,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
