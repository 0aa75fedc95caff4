import { z } from 'zod';

/**
 * A PATCH body of optional fields that must set at least one. Unknown keys are dropped, so a typo
 * (`allowedOrigin`) would leave nothing to update: the message lists the fields that are accepted.
 */
export function nonEmptyPatch<Shape extends z.ZodRawShape>(shape: Shape) {
  const accepted = Object.keys(shape).join(', ');
  return z.object(shape).refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: `Nothing to update: send at least one of ${accepted}.`,
  });
}
