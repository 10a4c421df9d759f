/**
 * EMERGENCY_REGION → the care.yaml region that serves it: the region itself (US, UK, EU, AU), or
 * the region whose `countries` list the code (DE, FR, ... are EU countries, where 112 is the
 * emergency number). A code no region serves stops start-up: calfbot must never hand out another
 * country's emergency number without saying so.
 */
import { CalfbotError } from '../errors.js';
import type { Knowledge } from './schema.js';

export function resolveRegion(care: Knowledge['care'], code: string): string {
  if (care.regions[code]) return code;
  const serving = Object.entries(care.regions).find(([, r]) => r.countries?.includes(code));
  if (serving) return serving[0];
  const known = Object.keys(care.regions).join(', ');
  throw new CalfbotError(
    'CONFIG_INVALID',
    `EMERGENCY_REGION ${code} has no entry in knowledge/care.yaml, so calfbot would not know which emergency number to give: set it to one of ${known} (an EU country code such as DE also works), or add the region to knowledge/care.yaml.`,
  );
}
