/**
 * What a signed-in person with the `operator` role may do through the Tenant API: work the
 * inbox, nothing in Settings. Admins (and API keys) may do everything.
 */
const operatorAnyMethod = /^\/conversations(\/|$)/;
const operatorReadOnly = /^\/(events|operators|widgets|billing|call-logs|rule-logs)(\/|$)/;

export function operatorMayAccess(method: string, pathWithinTenantApi: string): boolean {
  if (operatorAnyMethod.test(pathWithinTenantApi)) return true;
  return (method === 'GET' || method === 'HEAD') && operatorReadOnly.test(pathWithinTenantApi);
}
